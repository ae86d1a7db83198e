// Every 5 minutes: the privacy office's unfinished work. Notice e-mails a sender left undone, right-of-access
// exports still queued, and client notifications of legal disclosures whose prohibition has ended (held until
// then). The rules live in the server's privacy services; each step is safe to run twice.
import { sendHeldNotifications } from '@openpbm/server/privacy/disclosures-service';
import { resumeNoticeEmails } from '@openpbm/server/privacy/notices-service';
import { buildQueuedExports } from '@openpbm/server/privacy/record-export-service';
import { defineJob } from '../job';
import { appDepsForJob } from './member-pharmacy';

export const privacyOffice = defineJob({
  name: 'privacy-office',
  cronUtc: '*/5 * * * *',
  queue: { policy: 'singleton', retryLimit: 3 },
  async run(deps, now) {
    const app = appDepsForJob(deps, now);
    const notices = await resumeNoticeEmails(app, deps.log);
    const exports = await buildQueuedExports(app);
    const held = await sendHeldNotifications(app);
    const result = {
      noticeEmails: notices.sent,
      exportsBuilt: exports.built,
      heldNotifications: held.requests,
    };
    deps.log.info(result, 'privacy office work done');
    return result;
  },
});
