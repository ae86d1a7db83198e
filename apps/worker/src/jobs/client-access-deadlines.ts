// Hourly: the client portal's access-request clock (rules in apps/server/src/clients/deadlines.ts): remind the
// account team on day 7, escalate on day 10.
import { runAccessRequestDeadlines } from '@openpbm/server/clients/deadlines';
import { defineJob } from '../job';
import { appDepsForJob } from './member-pharmacy';

export const clientAccessDeadlines = defineJob({
  name: 'client-access-deadlines',
  cronUtc: '5 * * * *',
  queue: { policy: 'singleton', retryLimit: 3 },
  async run(deps, now) {
    const result = await runAccessRequestDeadlines(appDepsForJob(deps, now), now);
    deps.log.info({ ...result }, 'client access request deadlines checked');
    return result;
  },
});
