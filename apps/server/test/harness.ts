// Integration-test harness: the real app on a fresh migrated database (PGlite, or PostgreSQL when
// TEST_DATABASE_URL is set) with a real SMTP capture mailbox. Requests go through app.inject (full Fastify
// pipeline: hooks, validation, serialization, error handler).
import type { DatabaseHandle } from '@openpbm/db';
import { createTestDatabase, type TestDatabaseOptions } from '@openpbm/db/testing';
import { type Config, loadConfig } from '@openpbm/shared/config';
import type { VaultClient } from '@openpbm/vault';
import type { FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import { buildApp } from '../src/app';
import type { AppDeps } from '../src/app-deps';
import { CaptureMailbox } from '../src/email/capture-mailbox';
import { createSmtpMailer } from '../src/email/mailer';

export interface TestApp {
  app: FastifyInstance;
  deps: AppDeps;
  db: DatabaseHandle;
  mailbox: CaptureMailbox;
  /** Moves the clock the app sees (deps.now). */
  setNow(date: Date): void;
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  now?: Date;
  /** Runs against the database before the app is built (seed rows). */
  prepare?: (db: DatabaseHandle) => Promise<void>;
  webDist?: string;
  /** The card vault client (see test/vault.ts startTestVault); without it card routes answer 503. */
  vault?: VaultClient;
  /** Receives the app's log lines (e.g. to scan them); LOG_LEVEL in `env` decides how many. */
  logStream?: DestinationStream;
  /** Extra routes for tests of the platform itself (registered before the app is ready). */
  routes?: (app: FastifyInstance) => void;
  /** Sees every SQL statement sent to the database, `prepare` included (e.g. to check their plans). */
  onQuery?: TestDatabaseOptions['onQuery'];
}

export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const db = await createTestDatabase(options.onQuery ? { onQuery: options.onQuery } : {});
  await options.prepare?.(db);
  const mailbox = await CaptureMailbox.start();
  const config: Config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...options.env });
  const mailer = createSmtpMailer(mailbox.url, config.MAIL_FROM);
  let now = options.now;
  const deps: AppDeps = {
    config,
    db,
    mailer,
    mailbox,
    now: () => now ?? new Date(),
    ...(options.vault ? { vault: options.vault } : {}),
  };
  const app = await buildApp(deps, {
    webDist: options.webDist ?? '/nonexistent',
    ...(options.logStream ? { logStream: options.logStream } : {}),
  });
  options.routes?.(app);
  await app.ready();
  return {
    app,
    deps,
    db,
    mailbox,
    setNow: (date) => {
      now = date;
    },
    async close() {
      await app.close();
      mailer.close();
      await mailbox.close();
      await db.close();
    },
  };
}
