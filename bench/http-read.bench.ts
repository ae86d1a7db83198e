// An authenticated JSON read through the whole OpenPBM stack (helmet, cookies, session, role check, zod
// serialization) against a bare Fastify hello-world, same load, in BENCH_ROUNDS interleaved rounds.
//
// What the per-request hooks cost shows as the same read with one piece changed, in the same rounds:
// - `session cache off` (SESSION_CACHE_SECONDS=0): every request looks its session up in PostgreSQL;
// - `request logs on` (LOG_LEVEL=info, to a discarded stdout): pino's two lines per request, redaction included.
// The gap to hello-world that remains is the stack itself; a CPU profile of one extra run names its top five.
// Per request it also prints the round trips to PostgreSQL and the write commits, counted at the driver: a
// signed-in read must commit nothing (the idle-deadline touch is at most once a minute per session).
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureHttp } from './lib/autocannon';
import { defineBenchmark } from './lib/benchmark';
import { type ChildServer, startChildServer } from './lib/child-server';
import { formatCosts, summarizeProfile } from './lib/cpu-profile';
import { result } from './lib/report';
import { BENCH_ROUNDS, median, type Round, summarizeRounds } from './lib/rounds';
import { withScratchDatabase } from './lib/scratch-db';
import { perClaim, type StatementCounts } from './lib/statement-counter';

const target = (name: string) => fileURLToPath(new URL(`./targets/${name}.ts`, import.meta.url));
const PATH = '/api/identity/account/sessions';
const profileDir = join(dirname(fileURLToPath(import.meta.url)), 'results', 'profiles', 'http-read');

const VARIANTS = [
  { name: 'http-read', what: 'as configured by default', env: {} },
  {
    name: 'http-read-no-session-cache',
    what: 'session looked up in PostgreSQL',
    env: { SESSION_CACHE_SECONDS: '0' },
  },
  { name: 'http-read-request-logs', what: 'LOG_LEVEL=info', env: { LOG_LEVEL: 'info' } },
] as const;

export default defineBenchmark({
  name: 'http-read',
  description: `authenticated JSON read (GET ${PATH}) vs bare Fastify hello-world, req/s, ${BENCH_ROUNDS} rounds`,
  timeoutSeconds: 120 + BENCH_ROUNDS * 60,
  async run() {
    return withScratchDatabase(async (scratch) => {
      const servers: ChildServer[] = [];
      const start = async (name: string, env: Record<string, string> = {}) => {
        const server = await startChildServer(
          target(name),
          { DATABASE_URL: scratch.url, NODE_ENV: 'test', ...env },
          180_000, // a busy shared machine: compiling and migrating may take a while
          { quietStdout: true },
        );
        servers.push(server);
        return server;
      };
      try {
        const hello = await start('hello-fastify');
        const reads = [];
        for (const v of VARIANTS) reads.push(await start('openpbm-authenticated-read', v.env));
        const rounds: Round[][] = VARIANTS.map(() => []);
        const latency = VARIANTS.map(() => ({ p50: [] as number[], p99: [] as number[] }));
        const perRequest = VARIANTS.map(() => ({ roundTrips: [] as number[], writeCommits: [] as number[] }));
        for (let r = 0; r < BENCH_ROUNDS; r++) {
          const baseline = await measureHttp(`${hello.origin}/hello`);
          for (const [i, server] of reads.entries()) {
            const url = `${server.origin}${PATH}`;
            await measureHttp(url, { headers: server.headers, durationSeconds: 1, warmupSeconds: 0 });
            const before = await server.ask<StatementCounts>('statements');
            const read = await measureHttp(url, { headers: server.headers, warmupSeconds: 0 });
            const counted = perClaim(before, await server.ask<StatementCounts>('statements'), read.requests);
            perRequest[i]?.roundTrips.push(counted.roundTripsPerClaim);
            perRequest[i]?.writeCommits.push(counted.writeCommitsPerClaim);
            rounds[i]?.push({ figure: read.requestsPerSecond, baseline: baseline.requestsPerSecond });
            latency[i]?.p50.push(read.latencyP50Ms);
            latency[i]?.p99.push(read.latencyP99Ms);
          }
        }
        const topCosts = reads[0] ? await profileOneRun(reads[0]) : 'no profile';
        return VARIANTS.map((v, i) => {
          const s = summarizeRounds(rounds[i] ?? []);
          const l = latency[i] ?? { p50: [], p99: [] };
          return result({
            benchmark: v.name,
            unit: 'req/s',
            figure: s.figure,
            baselineName: 'bare Fastify hello-world, same rounds',
            baseline: s.baseline,
            ratio: s.ratio,
            details: {
              variant: v.what,
              rounds: s.ratios,
              spread: s.spread,
              p50Ms: Math.min(...l.p50),
              p99Ms: Math.max(...l.p99),
              roundTripsPerRequest: median(perRequest[i]?.roundTrips ?? []),
              writeCommitsPerRequest: median(perRequest[i]?.writeCommits ?? []),
              ...(i === 0 ? { topCpu: topCosts } : {}),
            },
          });
        });
      } finally {
        for (const s of servers) await s.stop();
      }
    }, 'openpbm_bench_read');
  },
});

/** One more load on the default target with its CPU profiler on; its top five self-time owners. */
async function profileOneRun(server: ChildServer): Promise<string> {
  mkdirSync(profileDir, { recursive: true });
  const file = join(profileDir, 'http-read.cpuprofile');
  await server.ask('profile-start');
  await measureHttp(`${server.origin}${PATH}`, { headers: server.headers, warmupSeconds: 0 });
  await server.ask('profile-stop', file);
  return formatCosts(summarizeProfile(file));
}
