// Every minute: marketing mailings the account team started. Chooses each new mailing's audience once, then sends
// in batches of 50, at most 40 batches a run (2,000 e-mails a minute at most); the next run resumes where this one
// stopped, and per-recipient progress means nobody gets the e-mail twice. Rules in the server's privacy services.
import { runMarketingMailings } from '@openpbm/server/privacy/marketing-mailing-service';
import { defineJob } from '../job';
import { appDepsForJob } from './member-pharmacy';

export const marketingMailings = defineJob({
  name: 'marketing-mailings',
  cronUtc: '* * * * *',
  // Singleton: two runs never send the same mailing at once.
  queue: { policy: 'singleton', retryLimit: 3 },
  async run(deps, now) {
    const result = await runMarketingMailings(appDepsForJob(deps, now));
    deps.log.info({ ...result }, 'marketing mailings run');
    return result;
  },
});
