// `npm run worker`: the background worker as its own process, against PostgreSQL only.
import { openMigratedDatabase } from '@openpbm/db';
import { createSmtpMailer } from '@openpbm/server/email/mailer';
import { loadConfig } from '@openpbm/shared/config';
import { pino } from 'pino';
import { startWorker } from './index';

const config = loadConfig();
if (!config.DATABASE_URL) {
  console.error(
    [
      'npm run worker needs DATABASE_URL (a PostgreSQL server).',
      'Without it OpenPBM uses the embedded PGlite database, which only one process can open;',
      'the server (npm start) then runs the same worker inside its own process.',
      'Example: DATABASE_URL=postgres://postgres@127.0.0.1:5432/openpbm npm run worker',
    ].join('\n'),
  );
  process.exit(1);
}

const log = pino({ name: 'worker', level: config.LOG_LEVEL });
const db = await openMigratedDatabase({ url: config.DATABASE_URL, poolSize: 5 });
// Jobs that notify members send pick-up e-mails through the SMTP relay (without one, messages wait in the portal).
const mailer = config.SMTP_URL ? createSmtpMailer(config.SMTP_URL, config.MAIL_FROM) : undefined;
const worker = await startWorker({ db, config, log, ...(mailer ? { mailer } : {}) });

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'worker stopping');
  await worker.stop();
  mailer?.close();
  await db.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
