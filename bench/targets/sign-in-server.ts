// Benchmark target: the real OpenPBM app on the PostgreSQL database named by DATABASE_URL (migrated by the
// benchmark), behind a trusted proxy (TRUST_PROXY=true), so each sign-in may come from its own address as it
// would in life (the per-address limits would otherwise stop the load). Mail goes nowhere.
// IPC: `ask('lag-start')` resets the event-loop delay histogram; `ask('lag')` answers its p99 and max in ms;
// `ask('statements')` the statements and write commits sent so far.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openDatabase } from '@openpbm/db';
import { loadConfig } from '@openpbm/shared/config';
import { buildApp } from '../../apps/server/src/app';
import { answer, answerProfiling, reportListening } from '../lib/child-server';
import { statementCounter } from '../lib/statement-counter';

const config = loadConfig({ ...process.env, TRUST_PROXY: 'true' });
if (!config.DATABASE_URL) throw new Error('DATABASE_URL is required');
const counter = statementCounter();
answer('statements', () => counter.counts());
const db = await openDatabase({ url: config.DATABASE_URL, poolSize: 10, onQuery: counter.observe });
const mailer = { send: async () => ({ messageId: 'none' }), close: () => {} };
const app = await buildApp({ config, db, mailer, now: () => new Date() }, { webDist: '/nonexistent' });
await app.listen({ host: '127.0.0.1', port: 0 });

const lag = monitorEventLoopDelay({ resolution: 10 });
lag.enable();
answer('lag-start', () => {
  lag.reset();
  return true;
});
answer('lag', () => ({ p99Ms: lag.percentile(99) / 1e6, maxMs: lag.max / 1e6 }));
answerProfiling();

const address = app.server.address();
if (!address || typeof address === 'string') throw new Error('no TCP address');
reportListening(address.port);
process.on('SIGTERM', () => {
  void app
    .close()
    .then(() => db.close())
    .then(() => process.exit(0));
});
