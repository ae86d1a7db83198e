// Clinical review: the queue (by deadline), one case with only what the decision needs, and the decisions:
// take the case, ask the prescriber for information (clock stops), approve (period + quantity) or deny
// (plain-language reason + criteria not met). Appeals go to a reviewer who decided none of the earlier cases.
import { decryptField, FIELD_CONTEXTS, fieldKeyFromConfig } from '@openpbm/db/field-crypto';
import {
  ageOn,
  isOpenStatus,
  isOverdue,
  localDateInTimeZone,
  mayDecideAppeal,
  pauseForInformation,
  prerequisiteFills,
  type StepTherapyCriterion,
} from '@openpbm/domain';
import type { ApproveDecision, DenyDecision, ReviewCase } from '@openpbm/shared/prior-auth';
import type { AppDeps } from '../app-deps';
import { conflict, forbidden, notFound } from '../platform/problem';
import { type Actor, auditCase } from './case-audit';
import { type CaseContext, criteriaForCase, loadCaseContext, type RequestKind } from './case-context';
import {
  type CaseRow,
  type CaseWithDrug,
  chainDeciders,
  findAppealOf,
  findCase,
  listOpenCases,
  lockCase,
  updateCase,
} from './case-repo';
import { attachmentsView, clockOf, eventsView, queueItemView } from './case-views';
import { findMember, findPrescriber } from './facts-repo';
import { type NoticeContext, noticeToMember, noticeToPrescriber } from './notices';
import { readEvaluation, readRequest } from './request-shape';
import { insertEvent, listAttachments, listEvents } from './workflow-repo';

const CLAIMS_SHOWN_DAYS = 400;

async function mayDecide(deps: AppDeps, row: CaseRow, reviewerUserId: string): Promise<boolean> {
  if (row.type !== 'appeal') return true;
  return mayDecideAppeal(reviewerUserId, await chainDeciders(deps.db.db, row.id));
}

export async function getQueue(deps: AppDeps, actor: Actor) {
  const now = deps.now();
  const rows = await listOpenCases(deps.db.db);
  const items = [];
  for (const row of rows) {
    items.push(
      queueItemView(row, now, actor.principal.userId, await mayDecide(deps, row, actor.principal.userId)),
    );
  }
  // Deadline first; on a tie expedited first, then the older request.
  items.sort(
    (a, b) =>
      a.deadline.localeCompare(b.deadline) ||
      Number(b.expedited) - Number(a.expedited) ||
      a.submittedAt.localeCompare(b.submittedAt),
  );
  await auditCase(deps, actor, {
    action: 'listed',
    resourceType: 'prior_auth_queue',
    resourceId: null,
    memberId: null,
    detail: { count: items.length },
  });
  return { cases: items };
}

async function caseOr404(deps: AppDeps, id: string): Promise<CaseWithDrug> {
  const row = await findCase(deps.db.db, id);
  if (!row) throw notFound('No case with this id.');
  return row;
}

/**
 * The reviewer's view. Minimum necessary: the patient's name, age and sex (no address, member ID or date of
 * birth), the request, the engine's findings, and of the claims history only the fills the criteria look at
 * (prerequisites and the requested drug itself) — never the member's other medications.
 */
export async function getReviewCase(deps: AppDeps, actor: Actor, id: string): Promise<ReviewCase> {
  const row = await caseOr404(deps, id);
  const view = await reviewView(deps, row, actor);
  await auditCase(deps, actor, { action: 'viewed', resourceId: row.id, memberId: row.memberId });
  return view;
}

async function reviewView(deps: AppDeps, row: CaseWithDrug, actor: Actor): Promise<ReviewCase> {
  const member = await findMember(deps.db.db, row.memberId);
  if (!member) throw notFound();
  const prescriber = await findPrescriber(deps.db.db, row.prescriberId);
  const parent = row.parentId ? await findCase(deps.db.db, row.parentId) : null;
  const kindOf = (r: CaseRow): RequestKind =>
    r.type === 'formulary_exception' ? 'formulary_exception' : 'prior_auth';
  const subject = parent ?? row;
  const context = await safeContext(deps, row);
  const set = context ? criteriaForCase(context, kindOf(subject), subject.requestedTier ?? null) : null;
  const stored = readRequest(row.request);
  const now = deps.now();
  const today = localDateInTimeZone(now, member.timeZone);
  const dateOfBirth = decryptField(
    fieldKeyFromConfig(deps.config),
    member.dateOfBirthEnc,
    FIELD_CONTEXTS.dateOfBirth,
  );
  const steps = (set?.criteria ?? []).filter((c): c is StepTherapyCriterion => c.kind === 'step_therapy');
  const relevant = (context?.history ?? []).filter(
    (fill) =>
      fill.drugGroupId === row.drugGroupId ||
      steps.some(
        (step) =>
          prerequisiteFills({ ...step, lookbackDays: CLAIMS_SHOWN_DAYS }, { history: [fill], today }).length >
          0,
      ),
  );
  const clock = clockOf(row);
  return {
    id: row.id,
    caseNumber: row.caseNumber,
    type: row.type,
    status: row.status,
    expedited: row.expedited,
    expeditedReason: row.expeditedReason,
    submittedAt: row.submittedAt.toISOString(),
    dueAt: row.dueAt.toISOString(),
    overdue: isOpenStatus(row.status) && isOverdue(clock, now),
    escalated: row.escalatedAt !== null,
    clockPaused: row.clockPausedAt !== null,
    infoDueAt: row.infoDueAt?.toISOString() ?? null,
    requestedTier: row.requestedTier ?? null,
    patient: {
      firstName: member.firstName,
      lastName: member.lastName,
      ageYears: ageOn(dateOfBirth, today),
      gender: member.gender,
    },
    patientToday: today,
    prescriber: {
      name: prescriber ? `${prescriber.firstName} ${prescriber.lastName}, ${prescriber.credential}` : '',
      npi: prescriber?.npi ?? '',
      specialty: prescriber?.specialty ?? '',
    },
    drug: {
      drugGroupId: row.drugGroupId,
      name: row.drugName,
      formularyStatus: context?.coverage.status ?? 'not_on_formulary',
      tier: context?.coverage.tier ?? null,
    },
    requested: { quantityMilli: stored.quantityMilli, daysSupply: stored.daysSupply },
    answers: {
      diagnosisCodes: stored.diagnosisCodes,
      triedDrugs: stored.triedDrugs,
      labs: stored.labs,
      attestations: stored.attestations,
      notes: stored.notes,
    },
    criteriaTitle: set?.title ?? row.criteriaSetId ?? 'Prior authorization',
    evaluation: readEvaluation(row.evaluation),
    relevantClaims: relevant.map((f) => ({
      drugName: f.drugName,
      fillDate: f.fillDate,
      daysSupply: f.daysSupply,
    })),
    attachments: attachmentsView(await listAttachments(deps.db.db, row.id)),
    events: eventsView(await listEvents(deps.db.db, row.id)),
    appealOf: parent
      ? {
          id: parent.id,
          caseNumber: parent.caseNumber,
          decisionReason: parent.decisionReason,
          criteriaNotMet: parent.criteriaNotMet,
        }
      : null,
    decision: {
      decidedAt: row.decidedAt?.toISOString() ?? null,
      effectiveFrom: row.effectiveFrom,
      effectiveTo: row.effectiveTo,
      approvedQuantityMilli: row.approvedQuantityMilli,
      approvedDaysSupply: row.approvedDaysSupply,
      decisionReason: row.decisionReason,
      criteriaNotMet: row.criteriaNotMet,
      autoApproved: row.autoApproved,
    },
    assignedToMe: row.reviewerUserId === actor.principal.userId,
    mayDecide: await mayDecide(deps, row, actor.principal.userId),
  };
}

/** The decision context, or null when the member's coverage ended since (the case can still be decided). */
async function safeContext(deps: AppDeps, row: CaseRow): Promise<CaseContext | null> {
  try {
    return await loadCaseContext(deps, row.memberId, row.drugGroupId);
  } catch {
    return null;
  }
}

/**
 * Locks the case and checks this reviewer may act on it: it is open, it is not another reviewer's (unless it
 * was escalated, which frees it for anyone), and an appeal's reviewer decided none of the earlier cases.
 */
async function takeForDecision(
  tx: Parameters<typeof lockCase>[0],
  actor: Actor,
  id: string,
): Promise<CaseRow> {
  const row = await lockCase(tx, id);
  if (!row) throw notFound('No case with this id.');
  if (!isOpenStatus(row.status)) throw conflict('This case is already decided.', 'invalid-state');
  if (row.type === 'appeal' && !mayDecideAppeal(actor.principal.userId, await chainDeciders(tx, row.id))) {
    throw forbidden('An appeal must be decided by a reviewer who did not decide the case appealed.');
  }
  if (row.reviewerUserId && row.reviewerUserId !== actor.principal.userId && !row.escalatedAt) {
    throw conflict('Another reviewer is working on this case.', 'changed-concurrently');
  }
  return row;
}

export async function startReview(deps: AppDeps, actor: Actor, id: string): Promise<ReviewCase> {
  const now = deps.now();
  await deps.db.db.transaction(async (tx) => {
    const row = await takeForDecision(tx, actor, id);
    await updateCase(tx, id, {
      reviewerUserId: actor.principal.userId,
      ...(row.status === 'pending' ? { status: 'in_review' as const } : {}),
    });
    await insertEvent(tx, {
      caseId: id,
      kind: 'review_started',
      at: now,
      actorUserId: actor.principal.userId,
      actorRole: actor.principal.role,
    });
    await auditCase(deps, actor, { action: 'review_started', resourceId: id, memberId: row.memberId }, tx);
  });
  return reviewView(deps, await caseOr404(deps, id), actor);
}

export async function requestInformation(
  deps: AppDeps,
  actor: Actor,
  id: string,
  question: string,
  notice: NoticeContext,
): Promise<ReviewCase> {
  const now = deps.now();
  const updated = await deps.db.db.transaction(async (tx) => {
    const row = await takeForDecision(tx, actor, id);
    if (row.status === 'pending_info')
      throw conflict('Information was already asked for; wait for the answer.', 'invalid-state');
    const clock = pauseForInformation(clockOf(row), now, row.expedited);
    const saved = await updateCase(tx, id, {
      status: 'pending_info',
      reviewerUserId: actor.principal.userId,
      clockPausedAt: clock.pausedAt,
      clockRemainingSeconds: Math.floor((clock.remainingMs ?? 0) / 1000),
      infoDueAt: clock.infoDueAt,
    });
    await insertEvent(tx, {
      caseId: id,
      kind: 'info_requested',
      at: now,
      actorUserId: actor.principal.userId,
      actorRole: actor.principal.role,
      note: question,
      detail: { remainingSeconds: saved.clockRemainingSeconds },
    });
    await auditCase(deps, actor, { action: 'info_requested', resourceId: id, memberId: row.memberId }, tx);
    return saved;
  });
  const answerBy = updated.infoDueAt?.toISOString() ?? '';
  await noticeToPrescriber(
    notice,
    updated,
    `More information needed for request ${updated.caseNumber}`,
    `The clinical reviewer needs more information to decide request ${updated.caseNumber}:\n\n${question}\n\nPlease answer by ${answerBy} (UTC). The decision clock is stopped until you answer.`,
    `info:${now.getTime()}`,
  );
  return reviewView(deps, await caseOr404(deps, id), actor);
}

export async function approveCase(
  deps: AppDeps,
  actor: Actor,
  id: string,
  decision: ApproveDecision,
  notice: NoticeContext,
): Promise<ReviewCase> {
  return decide(deps, actor, id, notice, {
    status: 'approved',
    fields: {
      effectiveFrom: decision.effectiveFrom,
      effectiveTo: decision.effectiveTo,
      approvedQuantityMilli: decision.quantityMilliPerFill,
      approvedDaysSupply: decision.daysSupplyPerFill,
      decisionReason: decision.reason,
      criteriaNotMet: [],
    },
    detail: { effectiveFrom: decision.effectiveFrom, effectiveTo: decision.effectiveTo },
  });
}

export async function denyCase(
  deps: AppDeps,
  actor: Actor,
  id: string,
  decision: DenyDecision,
  notice: NoticeContext,
): Promise<ReviewCase> {
  return decide(deps, actor, id, notice, {
    status: 'denied',
    fields: {
      decisionReason: decision.reason,
      criteriaNotMet: decision.criteriaNotMet,
      effectiveFrom: null,
      effectiveTo: null,
      approvedQuantityMilli: null,
      approvedDaysSupply: null,
    },
    detail: { criteriaNotMet: decision.criteriaNotMet.length },
  });
}

/** The decision itself: case row, event and audit in one transaction (the clock stops), then the notices. */
async function decide(
  deps: AppDeps,
  actor: Actor,
  id: string,
  notice: NoticeContext,
  decision: {
    status: 'approved' | 'denied';
    fields: Parameters<typeof updateCase>[2];
    detail: Record<string, unknown>;
  },
): Promise<ReviewCase> {
  const now = deps.now();
  const saved = await deps.db.db.transaction(async (tx) => {
    const row = await takeForDecision(tx, actor, id);
    const updated = await updateCase(tx, id, {
      ...decision.fields,
      status: decision.status,
      reviewerUserId: actor.principal.userId,
      decidedAt: now,
      clockPausedAt: null,
      clockRemainingSeconds: null,
      infoDueAt: null,
    });
    await insertEvent(tx, {
      caseId: id,
      kind: decision.status,
      at: now,
      actorUserId: actor.principal.userId,
      actorRole: actor.principal.role,
      detail: decision.detail,
    });
    await auditCase(deps, actor, { action: decision.status, resourceId: id, memberId: row.memberId }, tx);
    return updated;
  });
  await notifyDecision(deps, notice, saved);
  return reviewView(deps, await caseOr404(deps, id), actor);
}

async function notifyDecision(deps: AppDeps, notice: NoticeContext, row: CaseRow): Promise<void> {
  const full = await findCase(deps.db.db, row.id);
  if (!full) return;
  const hasAppeal = (await findAppealOf(deps.db.db, row.id)) !== null;
  await noticeToMember(notice, row, full.drugName, 'decided', hasAppeal);
  const outcome = row.status === 'approved' ? 'approved' : 'denied';
  const detail =
    row.status === 'approved'
      ? `Approved from ${row.effectiveFrom} through ${row.effectiveTo}, up to ${(row.approvedQuantityMilli ?? 0) / 1000} units and ${row.approvedDaysSupply} days per fill.`
      : `Denied. Reason: ${row.decisionReason}\nCriteria not met: ${row.criteriaNotMet.join('; ')}\nYou or the patient may appeal with new information within 180 days.`;
  await noticeToPrescriber(
    notice,
    row,
    `Decision on request ${row.caseNumber}: ${outcome}`,
    `Request ${row.caseNumber} for ${full.drugName}: ${detail}`,
    `decision:${row.status}`,
  );
}
