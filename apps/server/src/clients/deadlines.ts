// The 10-day verification clock of access requests, run by the worker's client-access-deadlines job:
// day 7 the account team is reminded (once per request), day 10 the request is escalated (once) to the account
// team and the admins. Each request is marked by one guarded UPDATE, so two runs never remind or escalate twice.
// The e-mails carry a count and a link to the review queue, never a requester's name or client.
import type { AppDeps } from '../app-deps';
import { REMINDER_DAY } from './access-request-service';

const DAY_MS = 86_400_000;

async function recipients(deps: AppDeps, roles: string[]): Promise<string[]> {
  const { rows } = await deps.db.sql.query<{ email: string }>(
    `select distinct email from users where role = any($1::text[]) and status = 'active' order by email`,
    [roles],
  );
  return rows.map((r) => r.email);
}

async function mark(
  deps: AppDeps,
  column: 'reminded_at' | 'escalated_at',
  before: Date,
  now: Date,
  dueColumn: string,
) {
  const { rows } = await deps.db.sql.query<{ id: string }>(
    `update client_access_requests set ${column} = $1
      where status = 'pending' and ${column} is null and ${dueColumn} <= $2
      returning id`,
    [now.toISOString(), before.toISOString()],
  );
  return rows.length;
}

export async function runAccessRequestDeadlines(
  deps: AppDeps,
  now: Date,
): Promise<{ reminded: number; escalated: number }> {
  const escalated = await mark(deps, 'escalated_at', now, now, 'due_at');
  const reminded = await mark(
    deps,
    'reminded_at',
    new Date(now.getTime() - REMINDER_DAY * DAY_MS),
    now,
    'created_at',
  );
  const queue = `${deps.config.publicUrl}/staff/account-team/access-requests`;
  const send = async (roles: string[], subject: string, text: string) => {
    for (const to of await recipients(deps, roles))
      await deps.mailer.send({ to, subject, text }).catch(() => undefined);
  };
  if (reminded > 0)
    await send(
      ['account_team'],
      'Client portal access requests are waiting 7 days',
      `${reminded} client portal access request(s) have waited 7 days for verification. Review them:\n\n${queue}`,
    );
  if (escalated > 0)
    await send(
      ['account_team', 'admin'],
      'Escalation: client portal access requests are past 10 days',
      `${escalated} client portal access request(s) passed the 10-day verification time. Review them now:\n\n${queue}`,
    );
  return { reminded, escalated };
}
