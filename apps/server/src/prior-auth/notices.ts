// Who hears about a case and what they read. Messages go through secure messages: the e-mail carries only a
// pick-up link; the drug and the decision are in the message, inside the signed-in portal.
import { localDateInTimeZone, memberStatusText } from '@openpbm/domain';
import type { AppDeps } from '../app-deps';
import { sendSecureNotice } from '../messages/secure-message-service';
import type { CaseRow } from './case-repo';
import { findMember, findMemberUserIds, findPrescriberUserIds } from './facts-repo';
import { appealByOf } from './member-view';

const CHILD = '3';

export interface NoticeContext {
  deps: AppDeps;
  baseUrl: string;
  log?: { warn(obj: object, msg: string): void };
}

/** The member's own account; for a child without one, the subscriber's (the parent who manages the plan). */
async function memberRecipients(deps: AppDeps, memberId: string): Promise<string[]> {
  const own = await findMemberUserIds(deps.db.db, [memberId]);
  if (own.length > 0) return own.map((u) => u.id);
  const member = await findMember(deps.db.db, memberId);
  if (!member || member.relationshipCode !== CHILD) return [];
  return (await findMemberUserIds(deps.db.db, [member.subscriberId])).map((u) => u.id);
}

const SUBJECTS: Record<string, string> = {
  received: 'We received a coverage request for you',
  decided: 'A decision on your coverage request',
  appeal_received: 'We received your appeal',
};

export async function noticeToMember(
  n: NoticeContext,
  row: CaseRow,
  drugName: string,
  what: 'received' | 'decided' | 'appeal_received',
  hasAppeal = false,
): Promise<void> {
  const member = await findMember(n.deps.db.db, row.memberId);
  if (!member) return;
  const zone = member.timeZone;
  const text = memberStatusText({
    type: row.type,
    status: row.status,
    drugName,
    dueOn: row.clockPausedAt ? null : localDateInTimeZone(row.dueAt, zone),
    effectiveFrom: row.effectiveFrom,
    effectiveTo: row.effectiveTo,
    decisionReason: row.decisionReason,
    appealBy: appealByOf(row, hasAppeal, n.deps.now(), zone),
  });
  await sendSecureNotice(
    n.deps,
    n.baseUrl,
    {
      recipientUserIds: await memberRecipients(n.deps, row.memberId),
      memberId: row.memberId,
      kind: 'prior_auth_update',
      subject: SUBJECTS[what] ?? 'An update on your coverage request',
      body: `${text}\n\nCase number: ${row.caseNumber}.`,
      portalPath: '/members/prior-auth',
      dedupeKey: `pa:${row.id}:member:${what}:${row.status}`,
    },
    n.log,
  );
}

export async function noticeToPrescriber(
  n: NoticeContext,
  row: CaseRow,
  subject: string,
  body: string,
  dedupe: string,
): Promise<void> {
  await sendSecureNotice(
    n.deps,
    n.baseUrl,
    {
      recipientUserIds: await findPrescriberUserIds(n.deps.db.db, row.prescriberId),
      memberId: row.memberId,
      kind: 'prior_auth_update',
      subject,
      body,
      portalPath: `/prescribers/prior-auth/${row.id}`,
      dedupeKey: `pa:${row.id}:prescriber:${dedupe}`,
    },
    n.log,
  );
}
