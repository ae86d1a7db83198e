// Price check (issue 16 item 6): p99 latency of POST /api/benefits/price-check with 20 members asking at once,
// each signed in with their own session, through the whole app (app.inject: hooks, session, validation, the
// three channels' pricing and cheaper alternatives, serialization), on a scratch PostgreSQL database with the
// demo data. Baseline: the same request from one member at a time, in the same rounds (interleaved). Target:
// p99 under 50 ms at 20 concurrent members. Lower is better; the ratio says what concurrency costs.
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { openMigratedDatabase } from '@openpbm/db';
import { seedDemoIfEmpty } from '@openpbm/db/seed/index';
import { loadConfig } from '@openpbm/shared/config';
import { buildApp } from '../apps/server/src/app';
import { csrfPair, insertBenchUser, percentile, sessionCookie } from './lib/bench-users';
import { defineBenchmark } from './lib/benchmark';
import { formatCosts, summarizeProfile } from './lib/cpu-profile';
import { result } from './lib/report';
import { BENCH_ROUNDS, median, summarizeRounds } from './lib/rounds';
import { withScratchDatabase } from './lib/scratch-db';

const MEMBERS = Number(process.env.PRICE_CHECK_BENCH_MEMBERS ?? 20);
const SECONDS = Number(process.env.PRICE_CHECK_BENCH_SECONDS ?? 5);
const URL_PATH = '/api/benefits/price-check';

export default defineBenchmark({
  name: 'price-check',
  description: `price check p99 at ${MEMBERS} concurrent members vs one member at a time, ${BENCH_ROUNDS} rounds`,
  timeoutSeconds: 300 + BENCH_ROUNDS * SECONDS * 4,
  async run() {
    return withScratchDatabase(async (scratch) => {
      const db = await openMigratedDatabase({ url: scratch.url, poolSize: 10 });
      const config = loadConfig({ ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent' });
      const mailer = { send: async () => ({ messageId: 'none' }), close: () => {} };
      const deps = { config, db, mailer, now: () => new Date() };
      const app = await buildApp(deps, { webDist: '/nonexistent' });
      try {
        await seedDemoIfEmpty(db);
        await app.ready();
        const csrf = await csrfPair(app);
        const askers = await signedInMembers(db, deps, app, csrf);
        let sent = 0;
        const ask = async (asker: Asker) => {
          // Each request from its own address: the 30-a-minute limit per address guards against scraping.
          sent += 1;
          const remoteAddress = `10.${(sent >> 16) & 255}.${(sent >> 8) & 255}.${sent & 255}`;
          const t0 = performance.now();
          const res = await app.inject({
            method: 'POST',
            url: URL_PATH,
            headers: asker.headers,
            remoteAddress,
            payload: asker.payload,
          });
          if (res.statusCode !== 200) throw new Error(`price check: ${res.statusCode} ${res.body}`);
          return performance.now() - t0;
        };
        /** `concurrent` members asking in a loop for SECONDS: every latency, sorted, and the rate. */
        const load = async (concurrent: number) => {
          const until = performance.now() + SECONDS * 1000;
          const times: number[] = [];
          await Promise.all(
            askers.slice(0, concurrent).map(async (asker) => {
              while (performance.now() < until) times.push(await ask(asker));
            }),
          );
          times.sort((a, b) => a - b);
          return {
            p50: percentile(times, 0.5),
            p99: percentile(times, 0.99),
            perSecond: times.length / SECONDS,
          };
        };
        await load(MEMBERS); // warm-up: JIT, pool, plans
        const rounds: Array<{
          one: Awaited<ReturnType<typeof load>>;
          many: Awaited<ReturnType<typeof load>>;
        }> = [];
        for (let r = 0; r < BENCH_ROUNDS; r++) rounds.push({ one: await load(1), many: await load(MEMBERS) });
        const topCpu = await profiled(() => load(MEMBERS));
        const s = summarizeRounds(rounds.map((r) => ({ figure: r.many.p99, baseline: r.one.p99 })));
        return [
          result({
            benchmark: 'price-check',
            unit: 'ms p99',
            figure: s.figure,
            baselineName: 'one member at a time, same rounds (lower is better)',
            baseline: s.baseline,
            ratio: s.ratio,
            details: {
              concurrentMembers: MEMBERS,
              rounds: s.ratios,
              spread: s.spread,
              p99MsRounds: rounds.map((r) => r.many.p99.toFixed(1)).join('/'),
              p50Ms: median(rounds.map((r) => r.many.p50)),
              perSecond: median(rounds.map((r) => r.many.perSecond)),
              alonePerSecond: median(rounds.map((r) => r.one.perSecond)),
              targetP99Ms: 50,
              topCpu,
            },
          }),
        ];
      } finally {
        await app.close();
        await db.close();
      }
    }, 'openpbm_bench_price');
  },
});

interface Asker {
  headers: Record<string, string>;
  payload: object;
}

/** MEMBERS demo members with coverage, each signed in, each with a drug their formulary covers. */
async function signedInMembers(
  db: Awaited<ReturnType<typeof openMigratedDatabase>>,
  deps: Parameters<typeof sessionCookie>[0],
  app: Awaited<ReturnType<typeof buildApp>>,
  csrf: Awaited<ReturnType<typeof csrfPair>>,
): Promise<Asker[]> {
  const { rows } = await db.sql.query<{ id: string }>('select id from members order by member_number_bidx');
  const askers: Asker[] = [];
  for (const { id } of rows) {
    if (askers.length === MEMBERS) break;
    const user = await insertBenchUser(db, 'member', { memberId: id });
    const headers = { cookie: `${await sessionCookie(deps, user.id)}; ${csrf.cookie}`, ...csrf.header };
    const search = await app.inject({
      method: 'POST',
      url: '/api/benefits/formulary/search',
      headers,
      payload: { query: 'atorvastatin' },
    });
    const drugGroupId = search.statusCode === 200 ? firstDrugGroup(search.json()) : undefined;
    if (!drugGroupId) continue; // no coverage today: not a price-check user
    askers.push({ headers, payload: { drugGroupId, quantity: 30, daysSupply: 30 } });
  }
  if (askers.length < MEMBERS) throw new Error(`only ${askers.length} demo members can check a price`);
  return askers;
}

function firstDrugGroup(json: unknown): string | undefined {
  const results = (json as { results?: Array<{ drugGroupId?: string }> }).results ?? [];
  return results.find((r) => r.drugGroupId)?.drugGroupId;
}

/** One more load with this process's CPU profiler on (app and load share it here): its top five costs. */
async function profiled(run: () => Promise<unknown>): Promise<string> {
  const dir = new URL('./results/profiles/price-check/', import.meta.url).pathname;
  mkdirSync(dir, { recursive: true });
  const file = `${dir}price-check.cpuprofile`;
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  await run();
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  writeFileSync(file, JSON.stringify(profile));
  return formatCosts(summarizeProfile(file));
}
