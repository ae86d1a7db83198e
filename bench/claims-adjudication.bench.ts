// Real-time claims adjudication on PostgreSQL: B1 claims per second and latency, against pgbench TPC-B tps on the
// same server in the same run.
//
// Primary figure: autocannon against the real server in its own process (raw D.0 over HTTP, signed-in pharmacy
// sessions): what a pharmacy sees includes HTTP, the session lookup, D.0 parsing and encryption, and a load
// generator in the server's event loop would steal its CPU unevenly. Request bodies are built before the clock
// starts (the generator shares the machine). Second figure: the claims service called in-process by a bounded
// pool of concurrent workers, the same adjudication without HTTP and sessions, so the transport's share shows.
// Both use BENCH_CLAIMS_CONNECTIONS concurrent clients (default 4, pgbench's client count).
// The database is a scratch one, migrated and seeded with the demo seed (BENCH_CLAIMS_MEMBERS members, default
// 10,000, with their claims history); every B1 is a new claim (unique Rx number) of a seeded member at an
// in-network retail pharmacy, for a covered drug the member has no recent history in, so the claims go through
// the whole path and pay (the paid share is printed).
import { randomBytes } from 'node:crypto';
import { type DatabaseHandle, newId, openMigratedDatabase } from '@openpbm/db';
import { deriveFieldKey } from '@openpbm/db/field-crypto';
import { seedDatabase } from '@openpbm/db/seed/index';
import { type Config, loadConfig } from '@openpbm/shared/config';
import type autocannon from 'autocannon';
import { createClaimsService } from '../apps/server/src/claims/service';
import { SESSION_COOKIE } from '../apps/server/src/identity/cookies';
import { createSessionService } from '../apps/server/src/identity/session-service';
import { measureHttp } from './lib/autocannon';
import { defineBenchmark } from './lib/benchmark';
import { startChildServer } from './lib/child-server';
import { b1Bytes, buildWorkload, type WorkloadClaim } from './lib/claims-workload';
import { runPgbench } from './lib/pgbench';
import { result } from './lib/report';
import { withScratchDatabase } from './lib/scratch-db';

const MEMBERS = Number(process.env.BENCH_CLAIMS_MEMBERS ?? 10_000);
const CONNECTIONS = Number(process.env.BENCH_CLAIMS_CONNECTIONS ?? 4);
const POOL_SIZE = Number(process.env.BENCH_POOL_SIZE ?? 10);
const DURATION_SECONDS = Number(process.env.BENCH_CLAIMS_SECONDS ?? 10);
const AS_OF = new Date().toISOString().slice(0, 10);

export default defineBenchmark({
  name: 'claims-adjudication',
  description:
    'B1 claims/s through the real server (raw D.0 over HTTP, PostgreSQL, seeded) vs pgbench TPC-B tps on the same server',
  timeoutSeconds: 900,
  async run() {
    return withScratchDatabase(async (scratch) => {
      const fieldKeyHex = randomBytes(32).toString('hex');
      const appSecret = randomBytes(32).toString('hex');
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
        const rounds = await buildWorkload(db.sql, fieldKeyHex, AS_OF);
        const workload = rounds.flat();
        if (workload.length === 0) throw new Error('the seed produced no claimable members');

        // One pharmacy_staff user and session per pharmacy the workload bills from.
        const env = {
          NODE_ENV: 'production',
          DATABASE_URL: scratch.url,
          FIELD_ENCRYPTION_KEY: fieldKeyHex,
          APP_SECRET: appSecret,
          SMTP_URL: 'smtp://127.0.0.1:9',
          VAULT_URL: 'http://127.0.0.1:9',
          VAULT_CALLER_SECRET: randomBytes(32).toString('hex'),
          CLAIMS_RATE_LIMIT_PER_MINUTE: '100000000',
          SESSION_IDLE_MINUTES: '120',
          LOG_LEVEL: 'silent',
          BENCH_POOL_SIZE: String(POOL_SIZE),
        };
        const config = loadConfig(env);
        const sessions = createSessionService({ db, config, now: () => new Date() });
        const cookieOf = new Map<string, string>();
        for (const pharmacyId of new Set(workload.map((c) => c.pharmacyId))) {
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

        // HTTP takes the first half of the workload, the in-process run the second: every claim is new.
        const half = Math.floor(workload.length / 2);
        const prebuilt = workload.slice(0, half).map((claim) => ({
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
        const stat = async () =>
          (
            await db.sql.query<{ commits: string }>(
              'select xact_commit::text as commits from pg_stat_database where datname = current_database()',
            )
          ).rows[0]?.commits ?? '0';
        const commitsBefore = Number(await stat());
        const startedAt = new Date();
        const load = await measureHttp(server.origin, {
          connections: CONNECTIONS,
          durationSeconds: DURATION_SECONDS,
          warmupSeconds: 2,
          requests,
        });
        const commitsAfter = Number(await stat());
        await server.stop();
        server = undefined;

        const service = await inProcess(db, config, workload.slice(half));

        const outcome = await db.sql.query<{ status: string; codes: string; n: number }>(
          `select status, array_to_string(reject_codes, ',') as codes, count(*)::int as n from claims
           where received_at >= $1 and transaction_code = 'B1' group by 1, 2 order by n desc`,
          [startedAt],
        );
        const total = outcome.rows.reduce((s, r) => s + r.n, 0);
        const paid = outcome.rows.filter((r) => r.status === 'paid').reduce((s, r) => s + r.n, 0);
        const rejects = outcome.rows
          .filter((r) => r.status !== 'paid')
          .slice(0, 3)
          .map((r) => `${r.codes}:${r.n}`)
          .join(' ');

        // The baseline on the same server, in its own scratch database (pgbench -i replaces its tables).
        const pgbench = await withScratchDatabase((pgdb) => runPgbench(pgdb.url), 'openpbm_pgbench');
        const baselineName = `pgbench TPC-B, ${pgbench.clients} clients`;
        return [
          result({
            benchmark: 'claims-adjudication',
            unit: 'claims/s',
            figure: load.requestsPerSecond,
            baselineName,
            baseline: pgbench.tps,
            details: {
              transport: 'HTTP raw D.0',
              p50Ms: load.latencyP50Ms,
              p99Ms: load.latencyP99Ms,
              meanMs: load.latencyMeanMs,
              connections: CONNECTIONS,
              pool: POOL_SIZE,
              claimsStored: total,
              paidPct: total ? (100 * paid) / total : 0,
              topRejects: rejects || 'none',
              dbCommitsPerClaim: total ? (commitsAfter - commitsBefore) / total : 0,
              seededMembers: seeded.members,
              seededClaims: seeded.rows.claims ?? 0,
              seedSeconds,
              pgbenchLatencyMs: pgbench.latencyAvgMs,
            },
          }),
          result({
            benchmark: 'claims-adjudication-svc',
            unit: 'claims/s',
            figure: service.perSecond,
            baselineName,
            baseline: pgbench.tps,
            details: {
              transport: 'in-process service calls',
              p50Ms: service.p50Ms,
              p99Ms: service.p99Ms,
              workers: CONNECTIONS,
              claims: service.claims,
              paidPct: service.paidPct,
            },
          }),
        ];
      } finally {
        await server?.stop();
        await db.close();
      }
    }, 'openpbm_claims');
  },
});

/** The claims service called directly by CONNECTIONS concurrent workers for the same duration (after a warm-up). */
async function inProcess(
  db: DatabaseHandle,
  config: Config,
  claims: WorkloadClaim[],
): Promise<{ perSecond: number; p50Ms: number; p99Ms: number; claims: number; paidPct: number }> {
  const service = createClaimsService({ db, config, now: () => new Date() });
  const bodies = claims.map((c) => ({ pharmacyId: c.pharmacyId, bytes: new Uint8Array(b1Bytes(c, AS_OF)) }));
  let next = 0;
  const run = async (seconds: number, record: boolean) => {
    const latencies: number[] = [];
    let paid = 0;
    const until = performance.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (performance.now() < until && next < bodies.length) {
          const claim = bodies[next++] as (typeof bodies)[number];
          const started = performance.now();
          const out = await service.processBytes(claim.bytes, { pharmacyId: claim.pharmacyId });
          if (record) {
            latencies.push(performance.now() - started);
            if (out.outcomes[0]?.status === 'paid') paid += 1;
          }
        }
      }),
    );
    return { latencies, paid };
  };
  await run(2, false);
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
