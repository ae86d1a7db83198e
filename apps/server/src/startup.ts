// Starts the whole embedded-or-server deployment in one process: database (migrated), demo data, mailbox,
// HTTP app and, where the database allows only one process, the background worker.
import { type DatabaseHandle, openMigratedDatabase } from '@openpbm/db';
import type { Config } from '@openpbm/shared/config';
import { startWorker, type Worker, workerRunsInServer } from '@openpbm/worker';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app';
import type { AppDeps } from './app-deps';
import { CaptureMailbox } from './email/capture-mailbox';
import { createSmtpMailer } from './email/mailer';

export interface RunningOpenPbm {
  url: string;
  app: FastifyInstance;
  deps: AppDeps;
  stop(): Promise<void>;
}

export async function startOpenPbm(config: Config): Promise<RunningOpenPbm> {
  const db: DatabaseHandle = await openMigratedDatabase(
    config.DATABASE_URL ? { url: config.DATABASE_URL } : { dataDir: config.DATA_DIR },
  );
  const mailbox = config.SMTP_URL ? undefined : await CaptureMailbox.start();
  const mailer = createSmtpMailer(config.SMTP_URL ?? (mailbox as CaptureMailbox).url, config.MAIL_FROM);
  const deps: AppDeps = { config, db, mailer, ...(mailbox ? { mailbox } : {}), now: () => new Date() };

  const app = await buildApp(deps);
  const worker: Worker | undefined = workerRunsInServer(config)
    ? await startWorker({ db, config, log: app.log })
    : undefined;
  const address = await app.listen({ host: config.HOST, port: config.PORT });
  const url = config.PUBLIC_URL ?? address;

  return {
    url,
    app,
    deps,
    async stop() {
      await app.close();
      await worker?.stop();
      mailer.close();
      await mailbox?.close();
      await db.close();
    },
  };
}
