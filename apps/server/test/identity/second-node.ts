// A second app node for the two-node tests: the whole app in its own Node process on the same PostgreSQL
// database (DATABASE_URL), listening on an ephemeral loopback port that it reports to its parent over IPC.
// It answers 'session-cache' (this node's session-cache hits and misses) and 'reference-cache' (its claims
// reference-data cache's). TEST_NOW, when set, is the node's clock.
import { openDatabase } from '@openpbm/db';
import { loadConfig } from '@openpbm/shared/config';
import { buildApp } from '../../src/app';
import { referenceCacheFor } from '../../src/claims/reference-cache';
import { createSmtpMailer } from '../../src/email/mailer';
import { sessionCacheFor } from '../../src/identity/session-cache';

const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
const db = await openDatabase({ url: process.env.DATABASE_URL as string, poolSize: 3 });
const mailer = createSmtpMailer('smtp://127.0.0.1:9', config.MAIL_FROM);
const fixedNow = process.env.TEST_NOW;
const now = () => (fixedNow ? new Date(fixedNow) : new Date());
const app = await buildApp({ config, db, mailer, now }, { webDist: '/nonexistent' });
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : 0;
// Its listening connection opens with the app; until it listens, the node caches nothing.
while (!db.invalidations.live) await new Promise((r) => setTimeout(r, 5));

const cache = sessionCacheFor(db, config.SESSION_CACHE_SECONDS);
process.on('message', (m: { type?: string }) => {
  if (m?.type === 'session-cache')
    process.send?.({ type: 'session-cache', hits: cache.hits, misses: cache.misses });
  if (m?.type === 'reference-cache') {
    const references = referenceCacheFor(db.db, db.invalidations);
    process.send?.({ type: 'reference-cache', hits: references.hits, misses: references.misses });
  }
});
process.on('disconnect', () => {
  void app
    .close()
    .then(() => db.close())
    .finally(() => process.exit(0));
});
process.send?.({ type: 'listening', port });
