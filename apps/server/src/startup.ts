// Starts the whole embedded-or-server deployment in one process: database (migrated), demo data, mailbox,
// HTTP app and, where the database allows only one process, the background worker.
import { type DatabaseHandle, openMigratedDatabase } from '@openpbm/db';
import { seedDemoIfEmpty } from '@openpbm/db/seed/index';
import type { Config } from '@openpbm/shared/config';
import { createVaultClient, startVaultChild, type VaultChild } from '@openpbm/vault';
import { startWorker, type Worker, workerRunsInServer } from '@openpbm/worker';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app';
import type { AppDeps } from './app-deps';
import { type ClientTlsListener, startClientTlsListener } from './certificates/listener';
import { createClaimsService } from './claims/service';
import { type ClaimsTcpListener, startClaimsTcpListener } from './claims/tcp-listener';
import { CaptureMailbox } from './email/capture-mailbox';
import { createSmtpMailer } from './email/mailer';
import { drainGracefully, type ShutdownReport } from './platform/graceful-shutdown';
import { warmUp } from './warm-up';

export interface RunningOpenPbm {
  url: string;
  /** True when this start loaded the demo data set into an empty database. */
  seededDemo: boolean;
  app: FastifyInstance;
  deps: AppDeps;
  /** The claims TCP port, when CLAIMS_TCP_ENABLED. */
  claimsTcpPort?: number;
  /** Stops at once (tests, errors). */
  stop(): Promise<void>;
  /** SIGTERM: drains requests, claim frames and jobs first (platform/graceful-shutdown.ts), then stops. */
  shutdown(): Promise<ShutdownReport>;
}

export async function startOpenPbm(config: Config): Promise<RunningOpenPbm> {
  // The card vault is its own process: a configured service, or (embedded mode) a child with its own data and key.
  // Started first: its database initializes while ours migrates.
  const vaultChildStarting: Promise<VaultChild> | undefined = config.VAULT_URL
    ? undefined
    : startVaultChild({
        dataDir: config.DATA_DIR === 'memory://' ? 'memory://' : `${config.DATA_DIR}/vault`,
      });
  vaultChildStarting?.catch(() => {});
  const db: DatabaseHandle = await openMigratedDatabase(
    config.DATABASE_URL ? { url: config.DATABASE_URL } : { dataDir: config.DATA_DIR },
  );
  // Demo data only into an empty database, so a restart never touches what is there.
  const seededDemo = config.SEED_DEMO ? await seedDemoIfEmpty(db) : false;
  const mailbox = config.SMTP_URL ? undefined : await CaptureMailbox.start();
  const mailer = createSmtpMailer(config.SMTP_URL ?? (mailbox as CaptureMailbox).url, config.MAIL_FROM);
  const vaultChild = await vaultChildStarting;
  const vault = vaultChild
    ? createVaultClient(vaultChild.url, vaultChild.callerSecret)
    : createVaultClient(config.VAULT_URL as string, config.VAULT_CALLER_SECRET as string);
  const deps: AppDeps = { config, db, mailer, ...(mailbox ? { mailbox } : {}), now: () => new Date(), vault };

  const app = await buildApp(deps);
  await warmUp(deps);
  const worker: Worker | undefined = workerRunsInServer(config)
    ? await startWorker({ db, config, log: app.log, mailer })
    : undefined;
  const address = await app.listen({ host: config.HOST, port: config.PORT });
  // PORT=0 (tests, journeys): the port is known only now; links in e-mails must carry it. The app, worker and
  // routes read the same config object, so this one assignment reaches them all.
  if (!config.PUBLIC_URL && config.PORT === 0) config.publicUrl = address;
  const url = config.publicUrl;
  // Pharmacy switches: D.0 over a length-prefixed TCP connection (off unless CLAIMS_TCP_ENABLED).
  const claimsTcp: ClaimsTcpListener | undefined = config.CLAIMS_TCP_ENABLED
    ? await startClaimsTcpListener({ db: db.db, claims: createClaimsService(deps), config, log: app.log })
    : undefined;
  // Secure client tools over mutual TLS (issue 11): CLIENT_TLS_PORT, default 3443 (any free port when PORT=0).
  const clientTls: ClientTlsListener = await startClientTlsListener({
    app,
    deps,
    host: config.HOST,
    port: config.CLIENT_TLS_PORT ?? (config.PORT === 0 ? 0 : 3443),
  });
  app.log.info({ url: clientTls.url }, 'secure client tools (mTLS) listening');

  // What the listeners and the worker leave behind: closed last, once nothing can use them any more.
  async function closeTheRest(): Promise<void> {
    await vaultChild?.stop();
    mailer.close();
    await mailbox?.close();
    await db.close();
  }
  return {
    url,
    seededDemo,
    app,
    deps,
    ...(claimsTcp ? { claimsTcpPort: claimsTcp.port } : {}),
    async stop() {
      await clientTls.close();
      await claimsTcp?.close();
      await app.close();
      await worker?.stop();
      await closeTheRest();
    },
    async shutdown() {
      const report = await drainGracefully(
        { app, clientTls, claimsTcp, worker },
        { readyGraceMs: config.SHUTDOWN_READY_GRACE_MS, deadlineMs: config.SHUTDOWN_DEADLINE_MS },
      );
      await closeTheRest();
      return report;
    },
  };
}
