// Renewal reminders (the worker's `certificate-reminders` job, daily): an active certificate not yet renewed is
// announced to its holder 30, 7 and 1 day before it ends. A run sends the smallest reminder the certificate has
// reached, once: `markReminder` is a guarded UPDATE, so a second run (or a second worker) finds it recorded and
// sends nothing. A run that missed a day still sends the reminder due (a 7-day one on day 6), never an older one.
// The e-mail holds the end date and the portal link only: no serial, key, client name or subject.
import type { AppDeps } from '../app-deps';
import { systemCertificateRepo } from './ca-repo';
import { systemPeopleRepo } from './people-repo';

const DAY = 86_400_000;
/** Days before the end, largest first. */
export const REMINDER_DAYS = [30, 7, 1] as const;

/** The reminder a certificate with `daysLeft` days to go is due (the smallest threshold it has reached). */
export function reminderDue(daysLeft: number): number | undefined {
  return [...REMINDER_DAYS].reverse().find((d) => daysLeft <= d);
}

export async function runCertificateReminders(
  deps: AppDeps,
  now: Date,
): Promise<{ checked: number; reminded: number }> {
  const certs = systemCertificateRepo(deps.db.db);
  const people = systemPeopleRepo(deps.db.db);
  const due = await certs.expiringBy(now, new Date(now.getTime() + REMINDER_DAYS[0] * DAY));
  let reminded = 0;
  for (const cert of due) {
    const daysLeft = Math.ceil((cert.notAfter.getTime() - now.getTime()) / DAY);
    const days = reminderDue(daysLeft);
    if (days === undefined || !(await certs.markReminder(cert.id, days))) continue;
    const to =
      cert.kind === 'service'
        ? await people.primaryAdminEmails(cert.clientId)
        : [(await people.user(cert.userId ?? ''))?.email].filter((e): e is string => !!e);
    const ends = cert.notAfter.toISOString().slice(0, 10);
    const whose = cert.kind === 'service' ? "Your organization's service-identity" : 'Your';
    const text = `${whose} OpenPBM client certificate ends on ${ends} (UTC), in ${daysLeft} day(s). After that day the secure client tools refuse it.

Renew it on the Certificates page of the client portal (sign in first):

${deps.config.publicUrl}/clients/certificates`;
    for (const address of to)
      await deps.mailer
        .send({
          to: address,
          subject: `Your client certificate ends in ${days === 1 ? '1 day' : `${days} days`}`,
          text,
        })
        .catch(() => undefined);
    reminded += 1;
  }
  return { checked: due.length, reminded };
}
