// Target: the real OpenPBM app (every plugin, hook and the session check) on PostgreSQL, serving an
// authenticated JSON read: GET /api/identity/account/sessions for a signed-in user. The target creates the
// user and a real session in its scratch database and hands the session cookie to the load generator.
import { newId, openMigratedDatabase, schema } from '@openpbm/db';
import { normalizeUsername } from '@openpbm/db/schema/users';
import { loadConfig } from '@openpbm/shared/config';
import { buildApp } from '../../apps/server/src/app';
import { createSmtpMailer } from '../../apps/server/src/email/mailer';
import { SESSION_COOKIE } from '../../apps/server/src/identity/cookies';
import { createSessionService } from '../../apps/server/src/identity/session-service';
import { answer, answerProfiling, reportListening } from '../lib/child-server';
import { statementCounter } from '../lib/statement-counter';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL (the scratch database) is required');
const config = loadConfig({ ...process.env, SESSION_IDLE_MINUTES: '60' });
// Every statement the app sends is counted: round trips and write commits per request (see the benchmark).
const counter = statementCounter();
answer('statements', () => counter.counts());
const db = await openMigratedDatabase({ url, poolSize: 10, onQuery: counter.observe });
// Never used by this endpoint; present because the app needs a mailer.
const mailer = createSmtpMailer('smtp://127.0.0.1:9', config.MAIL_FROM);
const deps = { config, db, mailer, now: () => new Date() };

const userId = newId();
// Several targets (variants of the same read) may share one scratch database: a user each.
const username = `bench.admin.${userId.slice(-12)}`;
await db.db.insert(schema.users).values({
  id: userId,
  username,
  usernameNormalized: normalizeUsername(username),
  email: `${username}@openpbm.test`,
  role: 'admin',
  displayName: 'Bench Admin',
});
const { token } = await createSessionService(deps).issue(userId, 'full', ['password', 'totp'], {
  ip: '127.0.0.1',
  userAgent: 'autocannon',
});

const app = await buildApp(deps, { webDist: '/nonexistent' });
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
if (!address || typeof address === 'string') throw new Error('no TCP address');
reportListening(address.port, { cookie: `${SESSION_COOKIE}=${token}` });
answerProfiling();
process.on(
  'SIGTERM',
  () =>
    void app
      .close()
      .then(() => db.close())
      .then(() => process.exit(0)),
);
