// Nightly at 02:30 UTC: plan report snapshots past a day old are dropped and each client's default period is
// computed ahead of the day's first reader (apps/server/src/clients/report-service.ts). Counts only in the output.
import { refreshPlanReportSnapshots } from '@openpbm/server/clients/report-service';
import { defineJob } from '../job';
import { appDepsForJob } from './member-pharmacy';

export const planReportRefresh = defineJob({
  name: 'plan-report-refresh',
  cronUtc: '30 2 * * *',
  queue: { policy: 'singleton', retryLimit: 2 },
  async run(deps, now) {
    const result = await refreshPlanReportSnapshots(appDepsForJob(deps, now));
    deps.log.info({ ...result }, 'plan report snapshots refreshed');
    return result;
  },
});
