// Benchmark target: the real OpenPBM HTTP app (buildApp: every plugin, the session hook, the claims routes)
// on the PostgreSQL database named by DATABASE_URL (already migrated and seeded by the benchmark), in its own
// process. Mail goes nowhere (claims send none); no worker, no vault (claims use neither).
import { openDatabase } from '@openpbm/db';
import { loadConfig } from '@openpbm/shared/config';
import { buildApp } from '../../apps/server/src/app';
import { reportListening } from '../lib/child-server';

const config = loadConfig();
if (!config.DATABASE_URL) throw new Error('DATABASE_URL is required');
const db = await openDatabase({ url: config.DATABASE_URL, poolSize: Number(process.env.BENCH_POOL_SIZE ?? 10) });
const mailer = { send: async () => ({ messageId: 'none' }), close: () => {} };
const app = await buildApp({ config, db, mailer, now: () => new Date() }, { webDist: '/nonexistent' });
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
if (!address || typeof address === 'string') throw new Error('no TCP address');
reportListening(address.port);
process.on('SIGTERM', () => void app.close().then(() => db.close()).then(() => process.exit(0)));
