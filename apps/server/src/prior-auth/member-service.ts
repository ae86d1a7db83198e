// The member's side: the status of every request, exception and appeal for themselves or a dependent they may
// see (benefits/member-access.ts decides who), and appealing a denial.
import type { MemberCase } from '@openpbm/shared/prior-auth';
import type { AppDeps } from '../app-deps';
import { resolveViewableMember } from '../benefits/viewable-members';
import { notFound } from '../platform/problem';
import { fileAppeal } from './appeal-service';
import { type Actor, auditCase } from './case-audit';
import { findCase, listCasesOfMember } from './case-repo';
import { memberCaseView } from './member-view';
import type { NoticeContext } from './notices';

export async function listMemberCases(
  deps: AppDeps,
  actor: Actor,
  memberId: string | undefined,
): Promise<{ cases: MemberCase[] }> {
  const member = await resolveViewableMember(deps, actor.principal, memberId);
  const rows = await listCasesOfMember(deps.db.db, member.memberId);
  const appealed = new Set(rows.filter((r) => r.parentId).map((r) => r.parentId as string));
  const numbers = new Map(rows.map((r) => [r.id, r.caseNumber]));
  const now = deps.now();
  await auditCase(deps, actor, {
    action: 'viewed',
    resourceType: 'prior_authorization_list',
    resourceId: member.memberId,
    memberId: member.memberId,
    detail: { count: rows.length },
  });
  return { cases: rows.map((row) => memberCaseView(row, member.timeZone, now, appealed, numbers)) };
}

export async function appealAsMember(
  deps: AppDeps,
  actor: Actor,
  caseId: string,
  note: string,
  notice: NoticeContext,
): Promise<MemberCase> {
  const row = await findCase(deps.db.db, caseId);
  if (!row) throw notFound('No case with this id is available to you.');
  // Same answer as for a missing case when the member may not see whose case it is.
  const member = await resolveViewableMember(deps, actor.principal, row.memberId).catch(() => {
    throw notFound('No case with this id is available to you.');
  });
  const appeal = await fileAppeal(deps, actor, row, { note }, notice);
  return memberCaseView(
    { ...appeal, drugName: row.drugName },
    member.timeZone,
    deps.now(),
    new Set(),
    new Map([[row.id, row.caseNumber]]),
  );
}
