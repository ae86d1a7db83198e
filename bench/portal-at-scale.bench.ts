// Member portal reads at scale (issue 21): a scratch PostgreSQL database seeded with 100,000 members, measured
// straight after the seed (no manual ANALYZE or wait: the seed's own statistics are all it gets), against the
// same reads on the 200-member demo database in the same run. Also PGlite at 10,000 members against PGlite's
// own demo database. Each read is sent one at a time as demo.member through the whole app (app.inject: hooks,
// session, validation, serialization), like a member clicking through the portal.
import { type DatabaseHandle, openMigratedDatabase, schema } from '@openpbm/db';
import { DEMO_MEMBERS, seedDatabase } from '@openpbm/db/seed/index';
import { loadConfig } from '@openpbm/shared/config';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../apps/server/src/app';
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE } from '../apps/server/src/identity/cookies';
import { createSessionService } from '../apps/server/src/identity/session-service';
import { defineBenchmark } from './lib/benchmark';
import { type Answers, MEMBER_SEARCHES, resolveRoute } from './lib/member-reads';
import { type BenchResult, result } from './lib/report';
import { createScratchDatabase } from './lib/scratch-db';

const POSTGRES_MEMBERS = Number(process.env.PORTAL_BENCH_MEMBERS ?? 100_000);
const PGLITE_MEMBERS = Number(process.env.PORTAL_BENCH_PGLITE_MEMBERS ?? 10_000);
const WARMUP = 2;
const SAMPLES = 25;

/** Every member-facing read of the issue: a name and how to send it. */
const GET_READS: Array<{ name: string; route: string }> = [
  { name: 'orders', route: '/api/orders' },
  { name: 'order detail', route: '/api/orders/:id' },
  { name: 'claims', route: '/api/benefits/members/:memberId/claims' },
  { name: 'claim receipt', route: '/api/benefits/members/:memberId/claims/:claimId' },
  { name: 'ID card', route: '/api/id-card' },
  { name: 'PA list', route: '/api/prior-auth/member/cases' },
  { name: 'messages', route: '/api/messages' },
  { name: 'notifications', route: '/api/notification-preferences' },
];

interface Latency {
  p50: number;
  p95: number;
}

type Engine = 'postgres' | 'pglite';

/** Opens a fresh database of the engine, seeds `members`, and measures every read; then drops it. */
async function measureAt(engine: Engine, members: number): Promise<Map<string, Latency>> {
  const scratch = engine === 'postgres' ? await createScratchDatabase('openpbm_bench_scale') : undefined;
  const db = await openMigratedDatabase(scratch ? { url: scratch.url } : {});
  try {
    const started = performance.now();
    // Large seeds generate in a worker thread, as `npm run seed` does.
    await seedDatabase(db, { members, inWorker: members >= 1000 });
    const seconds = ((performance.now() - started) / 1000).toFixed(0);
    console.log(`  ${engine}: seeded ${members.toLocaleString('en-US')} members in ${seconds} s`);
    const latencies = await measureReads(db);
    // Printed at once, so a long run's figures survive a later failure.
    for (const [name, l] of latencies) {
      console.log(`    ${name.padEnd(16)} p50 ${l.p50.toFixed(1)} ms  p95 ${l.p95.toFixed(1)} ms`);
    }
    return latencies;
  } finally {
    await db.close();
    await scratch?.drop();
  }
}

async function measureReads(db: DatabaseHandle): Promise<Map<string, Latency>> {
  const config = loadConfig({ ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent' });
  const mailer = { send: async () => ({ messageId: 'none' }), close: () => {} };
  const deps = { config, db, mailer, now: () => new Date() };
  const app = await buildApp(deps, { webDist: '/nonexistent' });
  await app.ready();
  try {
    const headers = await signInDemoMember(app, deps);
    const answers: Answers = new Map();
    let sent = 0;
    const send = async (method: 'GET' | 'POST', url: string, payload?: object) => {
      // Each request from its own address: the per-minute rate limits (30 price checks) guard against
      // scraping, and would otherwise cut the measurement short.
      sent += 1;
      const remoteAddress = `10.0.${Math.floor(sent / 250)}.${(sent % 250) + 1}`;
      const res = await app.inject({ method, url, headers, remoteAddress, ...(payload ? { payload } : {}) });
      if (res.statusCode !== 200) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
      return res.json() as unknown;
    };
    const get = async (url: string) => {
      answers.set(url, await send('GET', url));
    };
    const reads: Array<{ name: string; run: () => Promise<unknown> }> = [];
    for (const search of MEMBER_SEARCHES) {
      const payload = search.payload(answers);
      const answer = await send('POST', search.url, payload);
      if (search.listsFor) answers.set(search.listsFor, answer);
      reads.push({ name: search.name, run: () => send('POST', search.url, payload) });
    }
    for (const read of GET_READS) {
      const resolved = await resolveRoute(read.route, answers, get);
      if (!('url' in resolved)) throw new Error(`${read.route}: ${resolved.missing}`);
      reads.push({ name: read.name, run: () => send('GET', resolved.url) });
    }
    const latencies = new Map<string, Latency>();
    for (const read of reads) {
      for (let i = 0; i < WARMUP; i++) await read.run();
      const times: number[] = [];
      for (let i = 0; i < SAMPLES; i++) {
        const t0 = performance.now();
        await read.run();
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      latencies.set(read.name, { p50: percentile(times, 0.5), p95: percentile(times, 0.95) });
    }
    return latencies;
  } finally {
    await app.close();
  }
}

/** A full session for demo.member, as after password and second factor, and a CSRF pair. */
async function signInDemoMember(
  app: FastifyInstance,
  deps: Parameters<typeof createSessionService>[0],
): Promise<Record<string, string>> {
  const [user] = await deps.db.db
    .select({ id: schema.users.id })
    .from(schema.users)
    .where(eq(schema.users.username, 'demo.member'));
  if (!user) throw new Error('the seed made no demo.member');
  const { token } = await createSessionService(deps).issue(user.id, 'full', ['bench'], {
    ip: '127.0.0.1',
    userAgent: 'bench',
  });
  const csrf = await app.inject({ method: 'GET', url: '/api/identity/csrf' });
  const secret = csrf.cookies.find((c) => c.name === CSRF_COOKIE)?.value;
  const csrfToken = (csrf.json() as { token: string }).token;
  return { cookie: `${SESSION_COOKIE}=${token}; ${CSRF_COOKIE}=${secret}`, [CSRF_HEADER]: csrfToken };
}

/** Nearest-rank percentile of an ascending array. */
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? Number.NaN;
}

function compare(engine: Engine, members: number, at: Map<string, Latency>, demo: Map<string, Latency>) {
  const results: BenchResult[] = [];
  for (const [name, latency] of at) {
    const base = demo.get(name);
    if (!base) continue;
    results.push(
      result({
        benchmark: `portal-${engine}-${name.replaceAll(' ', '-')}`,
        unit: 'ms p95',
        figure: latency.p95,
        baselineName: `same read, ${DEMO_MEMBERS}-member demo`,
        baseline: base.p95,
        details: {
          members,
          p50_ms: latency.p50,
          p95_ms: latency.p95,
          demo_p50_ms: base.p50,
          demo_p95_ms: base.p95,
        },
      }),
    );
  }
  return results;
}

export default defineBenchmark({
  name: 'portal-at-scale',
  description:
    `member portal reads (p95, lower is better) at ${POSTGRES_MEMBERS.toLocaleString('en-US')} members on ` +
    `PostgreSQL and ${PGLITE_MEMBERS.toLocaleString('en-US')} on PGlite, straight after the seed, ` +
    `vs the ${DEMO_MEMBERS}-member demo database`,
  timeoutSeconds: 3600,
  async run() {
    const results: BenchResult[] = [];
    const pgDemo = await measureAt('postgres', DEMO_MEMBERS);
    results.push(
      ...compare('postgres', POSTGRES_MEMBERS, await measureAt('postgres', POSTGRES_MEMBERS), pgDemo),
    );
    const pgliteDemo = await measureAt('pglite', DEMO_MEMBERS);
    results.push(...compare('pglite', PGLITE_MEMBERS, await measureAt('pglite', PGLITE_MEMBERS), pgliteDemo));
    return results;
  },
});
