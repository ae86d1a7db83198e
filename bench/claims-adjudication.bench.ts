// Real-time claims adjudication on PostgreSQL: B1 claims per second and latency, against pgbench TPC-B tps on the
// same server in the same run. pgbench runs before the first phase and after every phase, at scale 1 (one
// branch row: contended) and at scale 10 (-s 10, little contention); a phase's baseline is the mean of the
// runs around it, since the machine may be shared and its load drift between phases.
//
// Three ways in, each with BENCH_CLAIMS_CONNECTIONS concurrent clients (default 4, pgbench's client count):
// 1. HTTP (primary): autocannon against the real server in its own process, raw D.0 on POST /api/claims/ncpdp with
//    signed-in pharmacy sessions. It includes what a pharmacy's direct integration pays: HTTP, the session,
//    CSRF, D.0 parsing, encryption.
// 2. TCP: the claims TCP listener of the same server process, one authenticated connection per pharmacy, the way
//    a switch connects (no HTTP, no session).
// 3. Service: the claims service called in-process (no transport at all), so the transports' share shows.
// 4. Embedded: the same in-process service on PGlite (what `npm start` runs), in the same rounds, reported next to
//    PostgreSQL's in-process figure (bench/lib/claims-pglite.ts).
// BENCH_ROUNDS rounds (default 3) of the four ways, interleaved with pgbench; each figure is the median of its
// rounds' ratios, with their spread. Every B1 is a new claim (its own slice of the workload: a seeded member,
// an in-network retail pharmacy, a covered drug the member has no recent history in), so claims take the whole
// path and pay (the paid share is printed). Per claim it also prints the round trips to PostgreSQL and the
// write commits (each one a WAL flush: synchronous_commit stays on), counted at the driver.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { newId, openDatabase, openMigratedDatabase } from '@openpbm/db';
import { deriveFieldKey } from '@openpbm/db/field-crypto';
import { seedDatabase } from '@openpbm/db/seed/index';
import { loadConfig } from '@openpbm/shared/config';
import type autocannon from 'autocannon';
import { SESSION_COOKIE } from '../apps/server/src/identity/cookies';
import { createSessionService } from '../apps/server/src/identity/session-service';
import { measureHttp } from './lib/autocannon';
import { defineBenchmark } from './lib/benchmark';
import { startChildServer } from './lib/child-server';
import { openPgliteClaims, type PgliteClaims } from './lib/claims-pglite';
import {
  AS_OF,
  CONNECTIONS,
  DURATION_SECONDS,
  freePort,
  inProcess,
  type LoopResult,
  type Marks,
  outcomes,
  overTcp,
  pharmaciesInEveryNetwork,
  WARMUP_SECONDS,
} from './lib/claims-phases';
import { claimsServerEnv } from './lib/claims-server-env';
import { b1Bytes, buildWorkload, type WorkloadClaim } from './lib/claims-workload';
import { formatCosts, summarizeProfile } from './lib/cpu-profile';
import { initPgbench, type PgbenchResult, rerunPgbench } from './lib/pgbench';
import { result } from './lib/report';
import { BENCH_ROUNDS, median, summarizeRounds } from './lib/rounds';
import { createScratchDatabase, withScratchDatabase } from './lib/scratch-db';
import { perClaim, type StatementCounts, statementCounter } from './lib/statement-counter';

const MEMBERS = Number(process.env.BENCH_CLAIMS_MEMBERS ?? 20_000);
const POOL_SIZE = Number(process.env.BENCH_POOL_SIZE ?? 10);
const TRANSPORTS = [
  'HTTP raw D.0',
  'TCP listener',
  'in-process service',
  'in-process service on PGlite',
] as const;
const profileDir = new URL('./results/profiles/claims/', import.meta.url).pathname;
const profileFile = `${profileDir}claims-http.cpuprofile`;
const NAMES = [
  'claims-adjudication',
  'claims-adjudication-tcp',
  'claims-adjudication-svc',
  'claims-adjudication-pglite',
];

interface PhaseFigures extends LoopResult {
  tps1: number;
  tps10: number;
  roundTripsPerClaim: number;
  writeCommitsPerClaim: number;
}

export default defineBenchmark({
  name: 'claims-adjudication',
  description: `B1 claims/s on PostgreSQL (seeded) through HTTP, the TCP listener and in-process vs pgbench TPC-B tps (scale 1 and 10), ${BENCH_ROUNDS} rounds`,
  timeoutSeconds: 600 + BENCH_ROUNDS * 240,
  async run() {
    return withScratchDatabase(async (scratch) => {
      const fieldKeyHex = randomBytes(32).toString('hex');
      const db = await openMigratedDatabase({ url: scratch.url, poolSize: POOL_SIZE });
      const serviceCounter = statementCounter();
      const serviceDb = await openDatabase({
        url: scratch.url,
        poolSize: POOL_SIZE,
        onQuery: serviceCounter.observe,
      });
      let server: Awaited<ReturnType<typeof startChildServer>> | undefined;
      let pglite: PgliteClaims | undefined;
      let topCpu = 'no profile';
      const pgbench = {
        s1: await createScratchDatabase('openpbm_pgbench'),
        s10: await createScratchDatabase('openpbm_pgbench10'),
      };
      try {
        const seedStarted = performance.now();
        const seeded = await seedDatabase(db, {
          members: MEMBERS,
          seed: 42,
          asOf: AS_OF,
          fieldKey: deriveFieldKey(fieldKeyHex),
        });
        const seedSeconds = (performance.now() - seedStarted) / 1000;
        const workload = (await buildWorkload(db.sql, fieldKeyHex, AS_OF)).flat();
        const sliceSize = Math.floor(workload.length / (3 * BENCH_ROUNDS));
        if (sliceSize < 100) throw new Error('the seed produced too few claimable members');
        const slice = (round: number, transport: number) =>
          workload.slice((round * 3 + transport) * sliceSize, (round * 3 + transport + 1) * sliceSize);

        // 4 concurrent pharmacies: CONNECTIONS pharmacies in every plan's network bill every claim, round robin
        // (HTTP: a signed-in session each; TCP: a switch connection each), as a busy pharmacy would.
        const everywhere = await pharmaciesInEveryNetwork(db, CONNECTIONS);
        workload.forEach((c, i) => {
          const pharmacy = everywhere[i % everywhere.length];
          if (pharmacy) Object.assign(c, { pharmacyId: pharmacy.id, pharmacyNpi: pharmacy.npi });
        });
        const tcpClaims = Array.from({ length: BENCH_ROUNDS }, (_, r) => slice(r, 1)).flat();
        const tcpSecrets = new Map<string, string>();
        for (const c of tcpClaims) tcpSecrets.set(c.pharmacyNpi, randomBytes(24).toString('hex'));
        const tcpPort = await freePort();
        const env = {
          ...claimsServerEnv({
            databaseUrl: scratch.url,
            fieldKeyHex,
            tcpPort,
            pharmacySecrets: tcpSecrets,
            sessionIdleMinutes: 120,
          }),
          BENCH_POOL_SIZE: String(POOL_SIZE),
        };
        const config = loadConfig(env);
        const httpClaims = Array.from({ length: BENCH_ROUNDS }, (_, r) => slice(r, 0));
        const cookieOf = await pharmacySessions(db, config, httpClaims.flat());

        server = await startChildServer(new URL('./targets/claims-server.ts', import.meta.url).pathname, env);
        const origin = server.origin;
        const serverCounts = () => (server as NonNullable<typeof server>).ask<StatementCounts>('statements');
        const csrfResponse = await fetch(`${origin}/api/identity/csrf`);
        const csrfCookie = (csrfResponse.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
        const { token: csrfToken } = (await csrfResponse.json()) as { token: string };
        const httpRequests = (claims: WorkloadClaim[]): autocannon.Request[] => {
          const prebuilt = claims.map((claim) => ({
            headers: {
              'content-type': 'application/octet-stream',
              cookie: `${cookieOf.get(claim.pharmacyId)}; ${csrfCookie}`,
              'x-csrf-token': csrfToken,
            },
            body: b1Bytes(claim, AS_OF),
          }));
          let next = 0;
          return [
            {
              method: 'POST',
              path: '/api/claims/ncpdp',
              setupRequest: (request) => {
                const built = prebuilt[next++ % prebuilt.length] as (typeof prebuilt)[number];
                return { ...request, headers: built.headers, body: built.body };
              },
            },
          ];
        };

        pglite = await openPgliteClaims(fieldKeyHex, BENCH_ROUNDS);
        const embedded = pglite;
        await initPgbench(pgbench.s1.url, 1);
        await initPgbench(pgbench.s10.url, 10);
        const baseline = async () => ({
          s1: await rerunPgbench(pgbench.s1.url),
          s10: await rerunPgbench(pgbench.s10.url),
        });
        const baselines: Array<{ s1: PgbenchResult; s10: PgbenchResult }> = [await baseline()];
        /** Runs one phase, counting statements with `counts` over its measured seconds, then pgbench. */
        const phase = async (
          counts: () => StatementCounts | Promise<StatementCounts>,
          run: (marks: Marks) => Promise<LoopResult>,
        ): Promise<PhaseFigures> => {
          let before: StatementCounts = { statements: 0, writeCommits: 0 };
          let after = before;
          const loop = await run({
            start: async () => {
              before = await counts();
            },
            end: async () => {
              after = await counts();
            },
          });
          const next = await baseline();
          const previous = baselines[baselines.length - 1] as (typeof baselines)[number];
          baselines.push(next);
          return {
            ...loop,
            ...perClaim(before, after, loop.claims),
            tps1: (previous.s1.tps + next.s1.tps) / 2,
            tps10: (previous.s10.tps + next.s10.tps) / 2,
          };
        };

        const figures: PhaseFigures[][] = TRANSPORTS.map(() => []);
        for (let r = 0; r < BENCH_ROUNDS; r++) {
          figures[0]?.push(
            await phase(serverCounts, async (marks) => {
              const requests = httpRequests(httpClaims[r] ?? []);
              const load = { connections: CONNECTIONS, warmupSeconds: 0, requests };
              await measureHttp(origin, { ...load, durationSeconds: WARMUP_SECONDS });
              const since = new Date();
              await marks.start();
              // The last round's HTTP phase runs with the server's CPU profiler on: its top five costs.
              const profiled = r === BENCH_ROUNDS - 1;
              if (profiled) await server?.ask('profile-start');
              const http = await measureHttp(origin, { ...load, durationSeconds: DURATION_SECONDS });
              if (profiled) {
                mkdirSync(profileDir, { recursive: true });
                await server?.ask('profile-stop', profileFile);
                topCpu = formatCosts(summarizeProfile(profileFile));
              }
              await marks.end();
              const stored = await outcomes(db, since);
              return {
                perSecond: http.requestsPerSecond,
                p50Ms: http.latencyP50Ms,
                p99Ms: http.latencyP99Ms,
                claims: http.requests,
                paidPct: stored.paidPct,
              };
            }),
          );
          figures[1]?.push(
            await phase(serverCounts, (marks) => overTcp(tcpPort, tcpSecrets, slice(r, 1), marks)),
          );
          figures[2]?.push(
            await phase(serviceCounter.counts, (marks) => inProcess(serviceDb, config, slice(r, 2), marks)),
          );
          figures[3]?.push(
            await phase(embedded.counts, (marks) => inProcess(embedded.db, config, embedded.slice(r), marks)),
          );
        }

        const pgbenchTps = (scale: 's1' | 's10') => baselines.map((b) => Math.round(b[scale].tps)).join('/');
        return TRANSPORTS.map((via, t) => {
          const rounds = figures[t] ?? [];
          const vs1 = summarizeRounds(rounds.map((f) => ({ figure: f.perSecond, baseline: f.tps1 })));
          const vs10 = summarizeRounds(rounds.map((f) => ({ figure: f.perSecond, baseline: f.tps10 })));
          const m = (pick: (f: PhaseFigures) => number) => median(rounds.map(pick));
          return result({
            benchmark: NAMES[t] as string,
            unit: 'claims/s',
            figure: vs1.figure,
            baselineName: `pgbench TPC-B scale 1, ${CONNECTIONS} clients, runs around each phase`,
            baseline: vs1.baseline,
            ratio: vs1.ratio,
            details: {
              via,
              rounds: vs1.ratios,
              spread: vs1.spread,
              ratioVsScale10: vs10.ratio,
              spreadVsScale10: vs10.spread,
              p50Ms: m((f) => f.p50Ms),
              p99Ms: m((f) => f.p99Ms),
              paidPct: m((f) => f.paidPct),
              roundTripsPerClaim: m((f) => f.roundTripsPerClaim),
              writeCommitsPerClaim: m((f) => f.writeCommitsPerClaim),
              ...(t === 3
                ? {
                    members: embedded.members,
                    vsPostgresInProcess: median(
                      rounds.map((f, k) => f.perSecond / (figures[2]?.[k]?.perSecond ?? Number.NaN)),
                    ),
                  }
                : {}),
              ...(t === 0
                ? {
                    seededMembers: seeded.members,
                    seededClaims: seeded.rows.claims ?? 0,
                    seedSeconds,
                    pgbenchScale1Tps: pgbenchTps('s1'),
                    topCpu,
                    pgbenchScale10Tps: pgbenchTps('s10'),
                  }
                : {}),
            },
          });
        });
      } finally {
        await server?.stop();
        await pglite?.close();
        await serviceDb.close();
        await db.close();
        await pgbench.s1.drop();
        await pgbench.s10.drop();
      }
    }, 'openpbm_claims');
  },
});

/** One pharmacy_staff user and signed-in session per pharmacy of `claims`: the cookie to send for each. */
async function pharmacySessions(
  db: Awaited<ReturnType<typeof openDatabase>>,
  config: ReturnType<typeof loadConfig>,
  claims: WorkloadClaim[],
): Promise<Map<string, string>> {
  const sessions = createSessionService({ db, config, now: () => new Date() });
  const cookieOf = new Map<string, string>();
  for (const pharmacyId of new Set(claims.map((c) => c.pharmacyId))) {
    const userId = newId();
    await db.sql.query(
      `insert into users (id, username, username_normalized, email, role, display_name, pharmacy_id)
       values ($1, $2, $2, $3, 'pharmacy_staff', 'Bench pharmacy', $4)`,
      [userId, `bench-${userId}`, `bench-${userId}@example.test`, pharmacyId],
    );
    // A staff session counts only with a second factor (else 403 second-factor-required).
    const { token } = await sessions.issue(userId, 'full', ['password', 'totp'], {
      ip: '127.0.0.1',
      userAgent: 'bench',
    });
    cookieOf.set(pharmacyId, `${SESSION_COOKIE}=${token}`);
  }
  return cookieOf;
}
