// Real-time claims adjudication on PostgreSQL: B1 claims per second and latency, against pgbench TPC-B tps on the
// same server in the same run (pgbench runs before and after each phase; a phase's baseline is the mean of the
// two runs around it, since the machine may be shared and its load drift between phases).
//
// Three ways in, each with BENCH_CLAIMS_CONNECTIONS concurrent clients (default 4, pgbench's client count), each
// on its own third of the workload so every claim is new:
// 1. HTTP (primary): autocannon against the real server in its own process, raw D.0 on POST /api/claims/ncpdp with
//    signed-in pharmacy sessions. It includes what a pharmacy's direct integration pays: HTTP, the session lookup,
//    CSRF, D.0 parsing, encryption. A load generator in the server's event loop would steal its CPU unevenly, so
//    it runs in this process; request bodies are built before the clock starts (it shares the machine).
// 2. TCP: the claims TCP listener of the same server process, one authenticated connection per pharmacy, the way
//    a switch connects (no HTTP, no session lookup).
// 3. Service: the claims service called in-process by a bounded pool of workers (no transport at all), so the
//    transports' share shows.
// The database is a scratch one, migrated and seeded with the demo seed (BENCH_CLAIMS_MEMBERS members, default
// 10,000, with their claims history). Every B1 is a new claim (unique Rx number) of a seeded member at an
// in-network retail pharmacy for a covered drug the member has no recent history in, so claims take the whole
// path and pay (the paid share is printed). BENCH_CLAIMS_SECONDS (default 10) per transport after a 2 s warm-up.
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { type DatabaseHandle, newId, openMigratedDatabase } from '@openpbm/db';
import { deriveFieldKey } from '@openpbm/db/field-crypto';
import { seedDatabase } from '@openpbm/db/seed/index';
import { parseResponse } from '@openpbm/ncpdp';
import { type Config, loadConfig } from '@openpbm/shared/config';
import type autocannon from 'autocannon';
import { createClaimsService } from '../apps/server/src/claims/service';
import { connectClaimsTcp } from '../apps/server/src/claims/tcp-client';
import { SESSION_COOKIE } from '../apps/server/src/identity/cookies';
import { createSessionService } from '../apps/server/src/identity/session-service';
import { measureHttp } from './lib/autocannon';
import { defineBenchmark } from './lib/benchmark';
import { startChildServer } from './lib/child-server';
import { b1Bytes, buildWorkload, type WorkloadClaim } from './lib/claims-workload';
import { type PgbenchResult, runPgbench } from './lib/pgbench';
import { result } from './lib/report';
import { createScratchDatabase, withScratchDatabase } from './lib/scratch-db';

const MEMBERS = Number(process.env.BENCH_CLAIMS_MEMBERS ?? 10_000);
const CONNECTIONS = Number(process.env.BENCH_CLAIMS_CONNECTIONS ?? 4);
const POOL_SIZE = Number(process.env.BENCH_POOL_SIZE ?? 10);
const DURATION_SECONDS = Number(process.env.BENCH_CLAIMS_SECONDS ?? 10);
const WARMUP_SECONDS = 2;
const AS_OF = new Date().toISOString().slice(0, 10);

interface LoopResult {
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  claims: number;
  paidPct: number;
}

export default defineBenchmark({
  name: 'claims-adjudication',
  description:
    'B1 claims/s on PostgreSQL (seeded) through HTTP, the TCP listener and in-process vs pgbench TPC-B tps on the same server',
  timeoutSeconds: 900,
  async run() {
    return withScratchDatabase(async (scratch) => {
      const fieldKeyHex = randomBytes(32).toString('hex');
      const db = await openMigratedDatabase({ url: scratch.url, poolSize: POOL_SIZE });
      let server: Awaited<ReturnType<typeof startChildServer>> | undefined;
      try {
        const seedStarted = performance.now();
        const seeded = await seedDatabase(db, {
          members: MEMBERS,
          seed: 42,
          asOf: AS_OF,
          fieldKey: deriveFieldKey(fieldKeyHex),
        });
        const seedSeconds = (performance.now() - seedStarted) / 1000;
        await db.sql.query('analyze');
        const workload = (await buildWorkload(db.sql, fieldKeyHex, AS_OF)).flat();
        if (workload.length < 300) throw new Error('the seed produced too few claimable members');
        const third = Math.floor(workload.length / 3);
        const [httpClaims, tcpClaims, serviceClaims] = [
          workload.slice(0, third),
          workload.slice(third, 2 * third),
          workload.slice(2 * third),
        ];

        // TCP: a switch connection per pharmacy; the TCP third is billed by CONNECTIONS pharmacies that are in
        // every plan's network, round robin, so each connection has plenty of claims. One secret per pharmacy.
        const everywhere = await pharmaciesInEveryNetwork(db, CONNECTIONS);
        tcpClaims.forEach((c, i) => {
          const pharmacy = everywhere[i % everywhere.length];
          if (pharmacy) Object.assign(c, { pharmacyId: pharmacy.id, pharmacyNpi: pharmacy.npi });
        });
        const tcpSecrets = new Map<string, string>();
        for (const c of tcpClaims) tcpSecrets.set(c.pharmacyNpi, randomBytes(24).toString('hex'));
        const env = {
          NODE_ENV: 'production',
          DATABASE_URL: scratch.url,
          FIELD_ENCRYPTION_KEY: fieldKeyHex,
          APP_SECRET: randomBytes(32).toString('hex'),
          SMTP_URL: 'smtp://127.0.0.1:9',
          PUBLIC_URL: 'http://127.0.0.1',
          VAULT_URL: 'http://127.0.0.1:9',
          VAULT_CALLER_SECRET: randomBytes(32).toString('hex'),
          CLAIMS_RATE_LIMIT_PER_MINUTE: '100000000',
          CLAIMS_TCP_ENABLED: 'true',
          CLAIMS_TCP_PORT: String(await freePort()),
          CLAIMS_TCP_SECRETS: [...tcpSecrets].map(([npi, secret]) => `${npi}=${secret}`).join(','),
          SESSION_IDLE_MINUTES: '120',
          LOG_LEVEL: 'silent',
          BENCH_POOL_SIZE: String(POOL_SIZE),
        };
        const config = loadConfig(env);

        // HTTP: one pharmacy_staff user and session per pharmacy of the HTTP third.
        const sessions = createSessionService({ db, config, now: () => new Date() });
        const cookieOf = new Map<string, string>();
        for (const pharmacyId of new Set(httpClaims.map((c) => c.pharmacyId))) {
          const userId = newId();
          await db.sql.query(
            `insert into users (id, username, username_normalized, email, role, display_name, pharmacy_id)
             values ($1, $2, $2, $3, 'pharmacy_staff', 'Bench pharmacy', $4)`,
            [userId, `bench-${userId}`, `bench-${userId}@example.test`, pharmacyId],
          );
          const { token } = await sessions.issue(userId, 'full', ['bench'], {
            ip: '127.0.0.1',
            userAgent: 'bench',
          });
          cookieOf.set(pharmacyId, `${SESSION_COOKIE}=${token}`);
        }

        server = await startChildServer(new URL('./targets/claims-server.ts', import.meta.url).pathname, env);
        const csrfResponse = await fetch(`${server.origin}/api/identity/csrf`);
        const csrfCookie = (csrfResponse.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
        const { token: csrfToken } = (await csrfResponse.json()) as { token: string };
        const prebuilt = httpClaims.map((claim) => ({
          headers: {
            'content-type': 'application/octet-stream',
            cookie: `${cookieOf.get(claim.pharmacyId)}; ${csrfCookie}`,
            'x-csrf-token': csrfToken,
          },
          body: b1Bytes(claim, AS_OF),
        }));
        let next = 0;
        const requests: autocannon.Request[] = [
          {
            method: 'POST',
            path: '/api/claims/ncpdp',
            setupRequest: (request) => {
              const built = prebuilt[next++ % prebuilt.length] as (typeof prebuilt)[number];
              return { ...request, headers: built.headers, body: built.body };
            },
          },
        ];
        const commits = async () =>
          Number(
            (
              await db.sql.query<{ commits: string }>(
                'select xact_commit::text as commits from pg_stat_database where datname = current_database()',
              )
            ).rows[0]?.commits ?? 0,
          );
        // The baseline on the same server, in its own scratch database (pgbench -i replaces its tables). This
        // machine is shared: pgbench runs before and after every phase, and each phase is compared with the mean
        // of the two runs around it, so load drifting between phases does not skew the ratio.
        const pgbenchDb = await createScratchDatabase('openpbm_pgbench');
        try {
          const baselines: PgbenchResult[] = [await runPgbench(pgbenchDb.url)];
          const bracket = async <T>(phase: () => Promise<T>): Promise<{ value: T; tps: number }> => {
            const value = await phase();
            const after = await runPgbench(pgbenchDb.url);
            const before = baselines[baselines.length - 1] as PgbenchResult;
            baselines.push(after);
            return { value, tps: (before.tps + after.tps) / 2 };
          };

          const commitsBefore = await commits();
          const httpStarted = new Date();
          const http = await bracket(() =>
            measureHttp(server?.origin ?? '', {
              connections: CONNECTIONS,
              durationSeconds: DURATION_SECONDS,
              warmupSeconds: WARMUP_SECONDS,
              requests,
            }),
          );
          const commitsAfter = await commits();
          const httpOutcome = await outcomes(db, httpStarted);
          const tcp = await bracket(() => overTcp(Number(env.CLAIMS_TCP_PORT), tcpSecrets, tcpClaims));
          await server.stop();
          server = undefined;
          const service = await bracket(() => inProcess(db, config, serviceClaims));

          const clients = baselines[0]?.clients ?? 0;
          const line = (
            name: string,
            r: { perSecond: number; p50Ms: number; p99Ms: number },
            tps: number,
            details: object,
          ) =>
            result({
              benchmark: name,
              unit: 'claims/s',
              figure: r.perSecond,
              baselineName: `pgbench TPC-B, ${clients} clients, runs around this phase`,
              baseline: tps,
              details: { p50Ms: r.p50Ms, p99Ms: r.p99Ms, clients: CONNECTIONS, ...details },
            });
          return [
            line(
              'claims-adjudication',
              {
                perSecond: http.value.requestsPerSecond,
                p50Ms: http.value.latencyP50Ms,
                p99Ms: http.value.latencyP99Ms,
              },
              http.tps,
              {
                via: 'HTTP raw D.0',
                stored: httpOutcome.total,
                paidPct: httpOutcome.paidPct,
                topRejects: httpOutcome.topRejects,
                dbCommitsPerClaim: httpOutcome.total ? (commitsAfter - commitsBefore) / httpOutcome.total : 0,
                seededMembers: seeded.members,
                seededClaims: seeded.rows.claims ?? 0,
                seedSeconds,
                pgbenchTps: baselines.map((b) => Math.round(b.tps)).join('/'),
              },
            ),
            line('claims-adjudication-tcp', tcp.value, tcp.tps, {
              via: 'TCP listener',
              claims: tcp.value.claims,
              paidPct: tcp.value.paidPct,
            }),
            line('claims-adjudication-svc', service.value, service.tps, {
              via: 'in-process service',
              claims: service.value.claims,
              paidPct: service.value.paidPct,
            }),
          ];
        } finally {
          await pgbenchDb.drop();
        }
      } finally {
        await server?.stop();
        await db.close();
      }
    }, 'openpbm_claims');
  },
});

async function pharmaciesInEveryNetwork(db: DatabaseHandle, count: number) {
  const { rows } = await db.sql.query<{ id: string; npi: string }>(
    `select ph.id, ph.npi from pharmacies ph
     where ph.status = 'active' and not ph.home_delivery and not ph.specialty
       and not exists (select 1 from plans p where not exists (
         select 1 from network_pharmacies np where np.network_id = p.pharmacy_network_id and np.pharmacy_id = ph.id
           and np.effective_date <= $1::date and (np.termination_date is null or np.termination_date >= $1::date)))
     order by ph.npi limit $2`,
    [AS_OF, count],
  );
  if (rows.length === 0) throw new Error('no pharmacy is in every network');
  return rows;
}

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

async function outcomes(db: DatabaseHandle, since: Date) {
  const { rows } = await db.sql.query<{ status: string; codes: string; n: number }>(
    `select status, array_to_string(reject_codes, ',') as codes, count(*)::int as n from claims
     where received_at >= $1 and transaction_code = 'B1' group by 1, 2 order by n desc`,
    [since],
  );
  const total = rows.reduce((s, r) => s + r.n, 0);
  const paid = rows.filter((r) => r.status === 'paid').reduce((s, r) => s + r.n, 0);
  const topRejects = rows
    .filter((r) => r.status !== 'paid')
    .slice(0, 3)
    .map((r) => `${r.codes}:${r.n}`)
    .join(' ');
  return { total, paidPct: total ? (100 * paid) / total : 0, topRejects: topRejects || 'none' };
}

/** `workers` loops that each send `send(claim)` until the time is up; a discarded warm-up first. */
async function timedLoops<T>(
  workers: T[][],
  send: (worker: number, claim: T) => Promise<boolean>,
): Promise<LoopResult> {
  const cursor: number[] = workers.map(() => 0);
  const run = async (seconds: number, record: boolean) => {
    const latencies: number[] = [];
    let paid = 0;
    const until = performance.now() + seconds * 1000;
    await Promise.all(
      workers.map(async (claims, w) => {
        while (performance.now() < until && (cursor[w] ?? 0) < claims.length) {
          const index = cursor[w] ?? 0;
          cursor[w] = index + 1;
          const claim = claims[index] as T;
          const started = performance.now();
          const ok = await send(w, claim);
          if (record) {
            latencies.push(performance.now() - started);
            if (ok) paid += 1;
          }
        }
      }),
    );
    return { latencies, paid };
  };
  await run(WARMUP_SECONDS, false);
  const started = performance.now();
  const { latencies, paid } = await run(DURATION_SECONDS, true);
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.ceil(p * latencies.length) - 1)] ?? Number.NaN;
  return {
    perSecond: latencies.length / elapsed,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    claims: latencies.length,
    paidPct: latencies.length ? (100 * paid) / latencies.length : 0,
  };
}

/** One authenticated connection per pharmacy (the CONNECTIONS pharmacies with the most claims). */
async function overTcp(
  port: number,
  secrets: Map<string, string>,
  claims: WorkloadClaim[],
): Promise<LoopResult> {
  const byPharmacy = new Map<string, WorkloadClaim[]>();
  for (const c of claims) byPharmacy.set(c.pharmacyNpi, [...(byPharmacy.get(c.pharmacyNpi) ?? []), c]);
  const busiest = [...byPharmacy.entries()].sort((a, b) => b[1].length - a[1].length).slice(0, CONNECTIONS);
  const clients = await Promise.all(
    busiest.map(([npi]) =>
      connectClaimsTcp({ port, qualifier: '01', providerId: npi, secret: secrets.get(npi) as string }),
    ),
  );
  try {
    const bodies = busiest.map(([, list]) => list.map((c) => b1Bytes(c, AS_OF)));
    return await timedLoops(bodies, async (w, body) => {
      const response = parseResponse(await (clients[w] as (typeof clients)[number]).send(body));
      return response.transactions[0]?.status?.transactionResponseStatus === 'P';
    });
  } finally {
    for (const client of clients) client.close();
  }
}

/** The claims service called directly, CONNECTIONS workers sharing the claims. */
async function inProcess(db: DatabaseHandle, config: Config, claims: WorkloadClaim[]): Promise<LoopResult> {
  const service = createClaimsService({ db, config, now: () => new Date() });
  const all = claims.map((c) => ({ pharmacyId: c.pharmacyId, bytes: new Uint8Array(b1Bytes(c, AS_OF)) }));
  const workers = Array.from({ length: CONNECTIONS }, (_, w) => all.filter((_, i) => i % CONNECTIONS === w));
  return timedLoops(workers, async (_w, claim) => {
    const out = await service.processBytes(claim.bytes, { pharmacyId: claim.pharmacyId });
    return out.outcomes[0]?.status === 'paid';
  });
}
