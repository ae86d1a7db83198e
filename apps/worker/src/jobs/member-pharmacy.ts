// Member pharmacy jobs. The rules live in the server's use cases (apps/server/src/auto-refill/run.ts and
// prescriptions/reminders.ts); these definitions give them a schedule and the worker's clock and mailer.
import type { AppDeps } from '@openpbm/server/app-deps';
import { runAutoRefills } from '@openpbm/server/auto-refill/run';
import { runRefillReminders } from '@openpbm/server/prescriptions/reminders';
import { defineJob, type JobDeps } from '../job';

/** The server's dependencies as a job sees them: its clock is the run's `now`. */
export function appDepsForJob(deps: JobDeps, now: Date): AppDeps {
  const mailer = deps.mailer ?? {
    // Without a mailer the secure message still waits in the portal; only the pick-up e-mail is skipped.
    send: async () => {
      throw new Error('no mailer configured for the worker');
    },
    close: () => {},
  };
  return { config: deps.config, db: deps.db, mailer, now: () => now };
}

export const autoRefill = defineJob({
  name: 'auto-refill',
  // 10:00 UTC: early morning in every US time zone, after the members' calendar day has begun.
  cronUtc: '0 10 * * *',
  queue: { policy: 'singleton', retryLimit: 2 },
  async run(deps, now) {
    const result = await runAutoRefills(appDepsForJob(deps, now), now);
    deps.log.info({ ...result }, 'automatic refills run');
    return result;
  },
});

export const refillReminders = defineJob({
  name: 'refill-reminders',
  cronUtc: '30 14 * * *',
  queue: { policy: 'singleton', retryLimit: 2 },
  async run(deps, now) {
    const result = await runRefillReminders(appDepsForJob(deps, now), now);
    deps.log.info({ ...result }, 'refill reminders sent');
    return result;
  },
});
