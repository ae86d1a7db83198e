// The background worker: pg-boss on the application's database, with the job registry in ./jobs.
// Embedded PGlite: the server calls startWorker() in its own process (one process per data directory).
// PostgreSQL: the server may do the same, or `npm run worker` runs it as a separate process.
import type { DatabaseHandle } from '@openpbm/db';
import type { Config } from '@openpbm/shared/config';
import PgBoss from 'pg-boss';
import { pino } from 'pino';
import { bossDbAdapter } from './boss';
import type { JobDefinition, JobDeps, JobMailer, Logger } from './job';
import { jobs as registeredJobs } from './jobs/index';

export type { JobDefinition, JobDeps, JobMailer, Logger } from './job';
export { jobs } from './jobs/index';

export interface WorkerDeps {
  db: DatabaseHandle;
  config: Config;
  /** The clock handed to every job run; tests move it. */
  now?: () => Date;
  log?: Logger;
  /** How often each queue is polled (pg-boss minimum 0.5 s, default 2 s). */
  pollingIntervalSeconds?: number;
  /** Defaults to the registry in ./jobs. */
  jobs?: readonly JobDefinition[];
  /** For jobs that notify members (pick-up e-mails). */
  mailer?: JobMailer;
}

export interface Worker {
  boss: PgBoss;
  stop(): Promise<void>;
}

/** pg-boss keeps its tables in their own schema next to the application's. */
export const BOSS_SCHEMA = 'pgboss';

/** Embedded PGlite can only be opened by one process, so there the worker always runs in the server. */
export function workerRunsInServer(config: Config): boolean {
  return config.embeddedDatabase || config.RUN_WORKER_IN_PROCESS;
}

export async function startWorker(deps: WorkerDeps): Promise<Worker> {
  const now = deps.now ?? (() => new Date());
  const log = deps.log ?? pino({ name: 'worker', level: deps.config.LOG_LEVEL });
  const jobDeps: JobDeps = {
    db: deps.db,
    config: deps.config,
    log,
    ...(deps.mailer ? { mailer: deps.mailer } : {}),
  };
  // Two nodes starting together on a new database both install pg-boss's schema; the loser can fail (see
  // retryWhenNodesCollide) and a PgBoss that failed to start cannot start again, so each try gets a new one.
  const boss = await retryWhenNodesCollide(async () => {
    const started = new PgBoss({ db: bossDbAdapter(deps.db), schema: BOSS_SCHEMA });
    // Without a listener an 'error' event would crash the process; messages only, never job data.
    started.on('error', (err) => log.error({ err: err.message }, 'pg-boss error'));
    await started.start();
    return started;
  });

  const pollingIntervalSeconds = deps.pollingIntervalSeconds ?? 2;
  for (const job of deps.jobs ?? registeredJobs) {
    await retryWhenNodesCollide(() => boss.createQueue(job.name, { name: job.name, ...job.queue }));
    await boss.work(job.name, { pollingIntervalSeconds }, async (batch) => {
      const outputs: object[] = [];
      for (const _ of batch) outputs.push(await job.run(jobDeps, now()));
      // One job per fetch (default batchSize 1): its result becomes the pg-boss job output.
      return outputs.length === 1 ? outputs[0] : outputs;
    });
    if (job.cronUtc) await boss.schedule(job.name, job.cronUtc, {}, { tz: 'UTC' });
    else await boss.unschedule(job.name);
  }
  log.info(
    { jobs: (deps.jobs ?? registeredJobs).map((j) => j.name), engine: deps.db.kind },
    'worker started',
  );

  return {
    boss,
    // Graceful: running jobs finish (up to 10 s), and the shared database handle stays open for its owner.
    stop: () => boss.stop({ graceful: true, wait: true, close: false, timeout: 10_000 }),
  };
}

/**
 * Two app nodes starting together on a new database both install pg-boss's schema and create its queues (one
 * partition each), and PostgreSQL may pick one of them as a deadlock victim (40P01) or refuse a duplicate
 * (23505; pg-boss's `CREATE SCHEMA IF NOT EXISTS` can still collide behind its advisory lock): the loser tries
 * again and finds them made.
 */
async function retryWhenNodesCollide<T>(create: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await create();
    } catch (err) {
      const code = (err as { code?: string }).code;
      if ((code !== '40P01' && code !== '23505') || attempt >= 5) throw err;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt + Math.random() * 100));
    }
  }
}
