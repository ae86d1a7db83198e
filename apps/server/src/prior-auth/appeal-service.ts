// Appeals: the member or the prescriber appeals a denial with new information, within 180 days, once per case.
// The appeal is a new case (type 'appeal', parent = the denial) with its own clock; the engine judges the new
// answers for the reviewer but never decides an appeal itself, and a different reviewer must decide it.
import { appealDeadline, decisionDueAt } from '@openpbm/domain';
import type { PaAnswers } from '@openpbm/shared/prior-auth';
import type { AppDeps } from '../app-deps';
import { conflict } from '../platform/problem';
import { type Actor, auditCase } from './case-audit';
import { criteriaForCase, evaluateCase, loadCaseContext } from './case-context';
import { type CaseRow, type CaseWithDrug, findAppealOf, insertCase, lockCase } from './case-repo';
import { type NoticeContext, noticeToMember, noticeToPrescriber } from './notices';
import { normalizeAnswers, readRequest, storedRequest } from './request-shape';
import { insertEvent } from './workflow-repo';

export interface AppealInput {
  note: string;
  expedited?: boolean | undefined;
  expeditedReason?: string | null | undefined;
  answers?: PaAnswers | undefined;
}

export async function fileAppeal(
  deps: AppDeps,
  actor: Actor,
  parent: CaseWithDrug,
  input: AppealInput,
  notice: NoticeContext,
): Promise<CaseRow> {
  const now = deps.now();
  if (parent.type === 'appeal')
    throw conflict(
      'An appeal decision cannot be appealed again here; contact member services.',
      'invalid-state',
    );
  if (parent.status !== 'denied' || !parent.decidedAt)
    throw conflict('Only a denied request can be appealed.', 'invalid-state');
  if (now.getTime() > appealDeadline(parent.decidedAt).getTime()) {
    throw conflict('The 180 days to appeal this decision have passed.', 'deadline-passed');
  }
  const stored = readRequest(parent.request);
  const answers = input.answers ? normalizeAnswers(input.answers) : stored;
  const requested = { quantityMilli: stored.quantityMilli ?? 0, daysSupply: stored.daysSupply ?? 0 };
  const kind = parent.type === 'formulary_exception' ? 'formulary_exception' : 'prior_auth';
  const context = await loadCaseContext(deps, parent.memberId, parent.drugGroupId);
  const set = criteriaForCase(context, kind, parent.requestedTier ?? null);
  const evaluation = evaluateCase(context, set, answers, requested);
  const expedited = input.expedited ?? false;

  const appeal = await deps.db.db.transaction(async (tx) => {
    await lockCase(tx, parent.id);
    const existing = await findAppealOf(tx, parent.id);
    if (existing)
      throw conflict(`This decision was already appealed (case ${existing.caseNumber}).`, 'already-exists');
    const row = await insertCase(tx, {
      type: 'appeal',
      parentId: parent.id,
      memberId: parent.memberId,
      prescriberId: parent.prescriberId,
      drugGroupId: parent.drugGroupId,
      ndc: parent.ndc,
      status: 'pending',
      expedited,
      expeditedReason: expedited ? (input.expeditedReason ?? null) : null,
      requestedTier: parent.requestedTier,
      request: storedRequest(answers, requested.quantityMilli, requested.daysSupply),
      submittedAt: now,
      dueAt: decisionDueAt(now, expedited),
      requestedByUserId: actor.principal.userId,
      criteriaSetId: set.id,
      evaluation: { ...evaluation, outcome: 'review' },
    });
    await insertEvent(tx, {
      caseId: row.id,
      kind: 'submitted',
      at: now,
      actorUserId: actor.principal.userId,
      actorRole: actor.principal.role,
      note: input.note,
      detail: { appealOf: parent.caseNumber },
    });
    await insertEvent(tx, {
      caseId: row.id,
      kind: 'queued',
      at: now,
      detail: { criteriaSetId: set.id, notMet: evaluation.notMet },
    });
    await insertEvent(tx, {
      caseId: parent.id,
      kind: 'appealed',
      at: now,
      actorUserId: actor.principal.userId,
      actorRole: actor.principal.role,
      detail: { appealCaseNumber: row.caseNumber },
    });
    await auditCase(
      deps,
      actor,
      {
        action: 'created',
        resourceType: 'prior_auth_appeal',
        resourceId: row.id,
        memberId: parent.memberId,
        detail: { appealOf: parent.id },
      },
      tx,
    );
    return row;
  });
  await noticeToMember(notice, appeal, parent.drugName, 'appeal_received');
  if (actor.principal.role === 'member') {
    await noticeToPrescriber(
      notice,
      appeal,
      `Your patient appealed the decision on request ${parent.caseNumber}`,
      `The patient appealed the denial of request ${parent.caseNumber} for ${parent.drugName}. The appeal is case ${appeal.caseNumber}; you may add documents to it in the prescriber portal.`,
      'appeal_filed',
    );
  }
  return appeal;
}
