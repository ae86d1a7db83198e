// Daily: client certificate renewal reminders 30, 7 and 1 day before the end (rules in
// apps/server/src/certificates/reminders.ts; each reminder is recorded before it is sent, so two runs send it once).
import { runCertificateReminders } from '@openpbm/server/certificates/reminders';
import { defineJob } from '../job';
import { appDepsForJob } from './member-pharmacy';

export const certificateReminders = defineJob({
  name: 'certificate-reminders',
  cronUtc: '0 13 * * *',
  queue: { policy: 'singleton', retryLimit: 3 },
  async run(deps, now) {
    const result = await runCertificateReminders(appDepsForJob(deps, now), now);
    deps.log.info({ ...result }, 'certificate renewal reminders sent');
    return result;
  },
});
