// Benchmark target: the real OpenPBM HTTP app (buildApp: every plugin, the session hook, the claims routes)
// on the PostgreSQL database named by DATABASE_URL (already migrated and seeded by the benchmark), in its own
// process. Mail goes nowhere (claims send none); no worker, no vault (claims use neither). With
// CLAIMS_TCP_ENABLED=true it also runs the claims TCP listener (CLAIMS_TCP_PORT, CLAIMS_TCP_SECRETS), as
// startOpenPbm does.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openDatabase } from '@openpbm/db';
import { loadConfig } from '@openpbm/shared/config';
import { buildApp } from '../../apps/server/src/app';
import { createClaimsService } from '../../apps/server/src/claims/service';
import { startClaimsTcpListener } from '../../apps/server/src/claims/tcp-listener';
import { answer, answerProfiling, reportListening } from '../lib/child-server';
import { statementCounter } from '../lib/statement-counter';

// BENCH_CPU_PROFILE=<file> (+ BENCH_CPU_PROFILE_SECONDS, default 10): a V8 CPU profile of the server's first
// seconds, for Chrome DevTools.
const profileFile = process.env.BENCH_CPU_PROFILE;
if (profileFile) {
  const inspector = new Session();
  inspector.connect();
  await inspector.post('Profiler.enable');
  await inspector.post('Profiler.start');
  setTimeout(
    async () => {
      const { profile } = await inspector.post('Profiler.stop');
      writeFileSync(profileFile, JSON.stringify(profile));
    },
    Number(process.env.BENCH_CPU_PROFILE_SECONDS ?? 10) * 1000,
  );
}

const config = loadConfig();
if (!config.DATABASE_URL) throw new Error('DATABASE_URL is required');
// Every statement the server sends is counted (round trips and write commits per claim; see the benchmark).
const counter = statementCounter();
answer('statements', () => counter.counts());
// The soak (bench/soak.ts) samples memory and event-loop lag; with --expose-gc the heap is measured after a full
// collection, so the figure is what stays alive, not what waits for the collector.
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
answer('vitals', async () => {
  const lag = { loopLagP99Ms: loopDelay.percentile(99) / 1e6, loopLagMaxMs: loopDelay.max / 1e6 };
  (globalThis as { gc?: () => void }).gc?.();
  const memory = process.memoryUsage();
  // The collection's own pause is ours, not the server's: it is dropped from the next interval's lag.
  await new Promise((resolve) => setTimeout(resolve, 50));
  loopDelay.reset();
  return { ...lag, rssBytes: memory.rss, heapUsedBytes: memory.heapUsed };
});
const db = await openDatabase({
  url: config.DATABASE_URL,
  poolSize: Number(process.env.BENCH_POOL_SIZE ?? 10),
  onQuery: counter.observe,
});
const mailer = { send: async () => ({ messageId: 'none' }), close: () => {} };
const app = await buildApp({ config, db, mailer, now: () => new Date() }, { webDist: '/nonexistent' });
await app.listen({ host: '127.0.0.1', port: 0 });
const deps = { config, db, mailer, now: () => new Date() };
const tcp = config.CLAIMS_TCP_ENABLED
  ? await startClaimsTcpListener({ db: db.db, claims: createClaimsService(deps), config })
  : undefined;
const address = app.server.address();
if (!address || typeof address === 'string') throw new Error('no TCP address');
reportListening(address.port);
answerProfiling();
process.on('SIGTERM', () => {
  void Promise.resolve(tcp?.close())
    .then(() => app.close())
    .then(() => db.close())
    .then(() => process.exit(0));
});
