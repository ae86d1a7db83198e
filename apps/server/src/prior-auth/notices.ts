// Who hears about a case and what they read. Messages go through secure messages: the e-mail carries only a
// pick-up link; the drug and the decision are in the message, inside the signed-in portal. Members are told
// through messages/notify.ts (recipients and preferences); prescribers get a secure message directly.
import { localDateInTimeZone, memberStatusText } from '@openpbm/domain';
import type { AppDeps } from '../app-deps';
import { notifyMember } from '../messages/notify';
import { sendSecureNotice } from '../messages/secure-message-service';
import type { CaseRow } from './case-repo';
import { findMember, findPrescriberUserIds } from './facts-repo';
import { appealByOf } from './member-view';

export interface NoticeContext {
  deps: AppDeps;
  baseUrl: string;
  log?: { warn(obj: object, msg: string): void };
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
  // The member pharmacy's notifier: the member's account (or a child's parents), their e-mail/push choices.
  await notifyMember(n.deps, {
    kind: 'prior_auth_update',
    memberId: row.memberId,
    subject: SUBJECTS[what] ?? 'An update on your coverage request',
    body: `${text}\n\nCase number: ${row.caseNumber}.`,
    portalPath: '/members/prior-auth',
    dedupeKey: `pa:${row.id}:member:${what}:${row.status}`,
  });
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
