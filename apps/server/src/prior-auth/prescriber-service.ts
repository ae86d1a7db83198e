// Prescriber use cases: find the member, see the questionnaire for a drug, submit a request (auto-approved when
// the criteria are met, otherwise queued for a clinician), attach documents, answer a request for information,
// withdraw, and follow their own cases. Every prescriber action needs a verified NPI. A prescriber reaches a
// member only through a proven relationship: the patient handle of a successful look-up (patient-handle.ts) or
// a case of their own; never through an internal member id.

import { schema } from '@openpbm/db';
import {
  decryptField,
  FIELD_CONTEXTS,
  fieldKeyFromConfig,
  memberNumberIndex,
} from '@openpbm/db/field-crypto';
import { decisionDueAt, isOpenStatus, questionnaireFor, resumeClock, type Tier } from '@openpbm/domain';
import type { PaAnswers, PrescriberCase } from '@openpbm/shared/prior-auth';
import { and, eq, inArray } from 'drizzle-orm';
import type { AppDeps } from '../app-deps';
import { findProductsOfGroups, searchDrugGroups } from '../benefits/formulary-repo';
import { badRequest, conflict, notFound } from '../platform/problem';
import { type AppealInput, fileAppeal } from './appeal-service';
import { type Actor, auditCase } from './case-audit';
import {
  type CaseContext,
  checkRequestKind,
  criteriaForCase,
  evaluateCase,
  loadCaseContext,
  type RequestKind,
} from './case-context';
import {
  type CaseWithDrug,
  findAppealOf,
  findCase,
  insertCase,
  listCasesOfPrescriber,
  lockCase,
  OPEN,
  updateCase,
} from './case-repo';
import { prescriberCaseView } from './case-views';
import { findMember, findMemberByNumberIndex, findMembersByIds } from './facts-repo';
import { appealByOf } from './member-view';
import { type NoticeContext, noticeToMember } from './notices';
import { requireVerifiedPrescriber, type VerifiedPrescriber } from './npi-service';
import { issuePatientHandle, memberOfHandle } from './patient-handle';
import { normalizeAnswers, readRequest, storedRequest } from './request-shape';
import { insertEvent, lastInfoRequest, listAttachments, listEvents } from './workflow-repo';

const { priorAuthorizations: pa } = schema;

export async function lookupMember(
  deps: AppDeps,
  actor: Actor,
  body: { memberNumber: string; dateOfBirth: string },
): Promise<{ patientHandle: string; expiresAt: string; firstName: string; lastName: string }> {
  const prescriber = await requireVerifiedPrescriber(deps, actor.principal);
  const key = fieldKeyFromConfig(deps.config);
  const found = await findMemberByNumberIndex(deps.db.db, memberNumberIndex(key, body.memberNumber));
  const member = found ? await findMember(deps.db.db, found.id) : null;
  const matches =
    member !== null &&
    decryptField(key, member.dateOfBirthEnc, FIELD_CONTEXTS.dateOfBirth) === body.dateOfBirth;
  // Failed look-ups are audited too: repeated ones show someone guessing dates of birth.
  await auditCase(deps, actor, {
    action: matches ? 'looked_up' : 'lookup_failed',
    resourceType: 'member',
    resourceId: matches ? member.id : null,
    memberId: matches ? member.id : null,
  });
  if (!matches || !member) throw notFound('No member matches this member ID and date of birth.');
  const handle = issuePatientHandle(deps, prescriber.prescriberId, member.id);
  return { ...handle, firstName: member.firstName, lastName: member.lastName };
}

export async function searchDrugs(deps: AppDeps, actor: Actor, query: string) {
  await requireVerifiedPrescriber(deps, actor.principal);
  const groups = await searchDrugGroups(deps.db.db, query, 20);
  return { drugs: groups.map((g) => ({ drugGroupId: g.id, name: g.name })) };
}

export async function getQuestionnaire(
  deps: AppDeps,
  actor: Actor,
  body: {
    patientHandle: string;
    drugGroupId: string;
    type?: RequestKind | undefined;
    requestedTier?: Tier | null | undefined;
  },
) {
  const prescriber = await requireVerifiedPrescriber(deps, actor.principal);
  const memberId = memberOfHandle(deps, prescriber.prescriberId, body.patientHandle);
  const context = await loadCaseContext(deps, memberId, body.drugGroupId);
  const suggested = context.coverage.suggestedRequest;
  const type: RequestKind = body.type ?? (suggested === 'none' ? 'prior_auth' : suggested);
  await auditCase(deps, actor, {
    action: 'viewed',
    resourceType: 'prior_auth_questionnaire',
    resourceId: body.drugGroupId,
    memberId,
  });
  return {
    coverage: context.coverage,
    type,
    questionnaire: questionnaireFor(criteriaForCase(context, type, body.requestedTier ?? null)),
  };
}

export interface SubmitInput {
  type: RequestKind;
  patientHandle: string;
  drugGroupId: string;
  ndc?: string | null | undefined;
  quantityMilli: number;
  daysSupply: number;
  expedited: boolean;
  expeditedReason?: string | null | undefined;
  requestedTier?: Tier | null | undefined;
  answers: PaAnswers;
}

export async function submitCase(deps: AppDeps, actor: Actor, input: SubmitInput, notice: NoticeContext) {
  const prescriber = await requireVerifiedPrescriber(deps, actor.principal);
  const memberId = memberOfHandle(deps, prescriber.prescriberId, input.patientHandle);
  const context = await loadCaseContext(deps, memberId, input.drugGroupId);
  const requestedTier = input.type === 'formulary_exception' ? (input.requestedTier ?? null) : null;
  checkRequestKind(context, input.type, requestedTier);
  if (input.ndc) await checkNdcOfGroup(deps, input.ndc, input.drugGroupId);
  const answers = normalizeAnswers(input.answers);
  const set = criteriaForCase(context, input.type, requestedTier);
  const requested = { quantityMilli: input.quantityMilli, daysSupply: input.daysSupply };
  const evaluation = evaluateCase(context, set, answers, requested);
  const now = deps.now();
  const approval = evaluation.outcome === 'auto_approve' ? evaluation.approval : null;

  const row = await deps.db.db.transaction(async (tx) => {
    const [open] = await tx
      .select({ caseNumber: pa.caseNumber })
      .from(pa)
      .where(
        and(
          eq(pa.memberId, memberId),
          eq(pa.drugGroupId, input.drugGroupId),
          eq(pa.type, input.type),
          inArray(pa.status, OPEN),
        ),
      )
      .limit(1);
    if (open) throw conflict(`A request for this member and drug is already open (case ${open.caseNumber}).`);
    const inserted = await insertCase(tx, {
      type: input.type,
      memberId,
      prescriberId: prescriber.prescriberId,
      drugGroupId: input.drugGroupId,
      ndc: input.ndc ?? null,
      status: approval ? 'approved' : 'pending',
      expedited: input.expedited,
      expeditedReason: input.expedited ? (input.expeditedReason ?? null) : null,
      requestedTier,
      request: storedRequest(answers, input.quantityMilli, input.daysSupply),
      submittedAt: now,
      dueAt: decisionDueAt(now, input.expedited),
      decidedAt: approval ? now : null,
      effectiveFrom: approval?.effectiveFrom ?? null,
      effectiveTo: approval?.effectiveTo ?? null,
      approvedQuantityMilli: approval?.quantityMilliPerFill ?? null,
      approvedDaysSupply: approval?.daysSupplyPerFill ?? null,
      decisionReason: approval ? 'Approved: the plan’s coverage criteria for this drug are met.' : null,
      requestedByUserId: actor.principal.userId,
      autoApproved: approval !== null,
      criteriaSetId: set.id,
      evaluation: { ...evaluation },
    });
    await insertEvent(tx, {
      caseId: inserted.id,
      kind: 'submitted',
      at: now,
      actorUserId: actor.principal.userId,
      actorRole: actor.principal.role,
      detail: { expedited: input.expedited },
    });
    await insertEvent(tx, {
      caseId: inserted.id,
      kind: approval ? 'auto_approved' : 'queued',
      at: now,
      detail: { criteriaSetId: set.id, notMet: evaluation.notMet },
    });
    await auditCase(
      deps,
      actor,
      {
        action: 'created',
        resourceId: inserted.id,
        memberId,
        detail: { type: input.type, outcome: evaluation.outcome },
      },
      tx,
    );
    return inserted;
  });
  await noticeToMember(notice, row, context.drug.name, row.status === 'approved' ? 'decided' : 'received');
  return caseViewFor(deps, { ...row, drugName: context.drug.name }, context);
}

async function checkNdcOfGroup(deps: AppDeps, ndc: string, drugGroupId: string) {
  const products = await findProductsOfGroups(deps.db.db, [drugGroupId]);
  if (!products.some((p) => p.ndc === ndc)) {
    throw badRequest('The NDC is not a package of this drug.', [
      { field: 'ndc', message: 'Not a package of this drug' },
    ]);
  }
}

/** The prescriber's own case or 404 (another prescriber's case looks exactly like a missing one). */
async function ownCase(deps: AppDeps, prescriber: VerifiedPrescriber, caseId: string): Promise<CaseWithDrug> {
  const row = await findCase(deps.db.db, caseId);
  if (!row || row.prescriberId !== prescriber.prescriberId)
    throw notFound('No case with this id is available to you.');
  return row;
}

async function caseViewFor(
  deps: AppDeps,
  row: CaseWithDrug,
  context?: Pick<CaseContext, 'member'>,
): Promise<PrescriberCase> {
  const member = context?.member ?? (await findMember(deps.db.db, row.memberId));
  const zone = member?.timeZone ?? 'UTC';
  const appeal = row.status === 'denied' ? await findAppealOf(deps.db.db, row.id) : null;
  return prescriberCaseView(
    row,
    { firstName: member?.firstName ?? '', lastName: member?.lastName ?? '' },
    {
      events: await listEvents(deps.db.db, row.id),
      attachments: await listAttachments(deps.db.db, row.id),
      informationRequested: row.status === 'pending_info' ? await lastInfoRequest(deps.db.db, row.id) : null,
      canAppeal: appealByOf(row, appeal !== null, deps.now(), zone) !== null,
    },
  );
}

export async function getPrescriberCase(
  deps: AppDeps,
  actor: Actor,
  caseId: string,
): Promise<PrescriberCase> {
  const prescriber = await requireVerifiedPrescriber(deps, actor.principal);
  const row = await ownCase(deps, prescriber, caseId);
  await auditCase(deps, actor, { action: 'viewed', resourceId: row.id, memberId: row.memberId });
  return caseViewFor(deps, row);
}

export async function listPrescriberCases(deps: AppDeps, actor: Actor) {
  const prescriber = await requireVerifiedPrescriber(deps, actor.principal);
  const rows = await listCasesOfPrescriber(deps.db.db, prescriber.prescriberId);
  const members = new Map(
    (await findMembersByIds(deps.db.db, [...new Set(rows.map((r) => r.memberId))])).map((m) => [m.id, m]),
  );
  await auditCase(deps, actor, {
    action: 'listed',
    resourceType: 'prior_authorization_list',
    resourceId: prescriber.prescriberId,
    memberId: null,
    detail: { count: rows.length },
  });
  return {
    cases: rows.map((row) => {
      const member = members.get(row.memberId);
      return {
        id: row.id,
        caseNumber: row.caseNumber,
        type: row.type,
        status: row.status,
        drugName: row.drugName,
        member: {
          firstName: member?.firstName ?? '',
          lastName: member?.lastName ?? '',
        },
        expedited: row.expedited,
        submittedAt: row.submittedAt.toISOString(),
        dueAt: row.dueAt.toISOString(),
        infoDueAt: row.infoDueAt?.toISOString() ?? null,
        decidedAt: row.decidedAt?.toISOString() ?? null,
      };
    }),
  };
}

/** The prescriber answers a request for information: the clock restarts with the time that was left. */
export async function provideInformation(
  deps: AppDeps,
  actor: Actor,
  caseId: string,
  body: { note: string; answers?: PaAnswers | undefined },
): Promise<PrescriberCase> {
  const prescriber = await requireVerifiedPrescriber(deps, actor.principal);
  const current = await ownCase(deps, prescriber, caseId);
  if (current.status !== 'pending_info') throw conflict('No information was asked for on this case.');
  const stored = readRequest(current.request);
  const answers = body.answers ? normalizeAnswers(body.answers) : null;
  const reevaluated = answers ? await reevaluate(deps, current, answers, stored) : null;
  const now = deps.now();
  await deps.db.db.transaction(async (tx) => {
    const locked = await lockCase(tx, caseId);
    if (locked?.status !== 'pending_info') throw conflict('No information was asked for on this case.');
    const clock = resumeClock(
      {
        dueAt: locked.dueAt,
        pausedAt: locked.clockPausedAt,
        remainingMs: (locked.clockRemainingSeconds ?? 0) * 1000,
        infoDueAt: locked.infoDueAt,
      },
      now,
    );
    await updateCase(tx, caseId, {
      status: locked.reviewerUserId ? 'in_review' : 'pending',
      dueAt: clock.dueAt,
      clockPausedAt: null,
      clockRemainingSeconds: null,
      infoDueAt: null,
      ...(answers && reevaluated
        ? {
            request: storedRequest(answers, stored.quantityMilli ?? 0, stored.daysSupply ?? 0),
            evaluation: { ...reevaluated },
          }
        : {}),
    });
    await insertEvent(tx, {
      caseId,
      kind: 'info_provided',
      at: now,
      actorUserId: actor.principal.userId,
      actorRole: actor.principal.role,
      note: body.note,
      detail: { answersChanged: answers !== null },
    });
    await auditCase(
      deps,
      actor,
      {
        action: 'updated',
        resourceId: caseId,
        memberId: current.memberId,
        detail: { step: 'info_provided' },
      },
      tx,
    );
  });
  const row = await findCase(deps.db.db, caseId);
  if (!row) throw notFound();
  return caseViewFor(deps, row);
}

/** New answers are judged again against the criteria of the case (the reviewer sees the new findings). */
async function reevaluate(
  deps: AppDeps,
  row: CaseWithDrug,
  answers: PaAnswers,
  stored: ReturnType<typeof readRequest>,
) {
  const context = await loadCaseContext(deps, row.memberId, row.drugGroupId);
  const kind: RequestKind = row.type === 'formulary_exception' ? 'formulary_exception' : 'prior_auth';
  const set = criteriaForCase(context, kind, row.requestedTier ?? null);
  return evaluateCase(context, set, answers, {
    quantityMilli: stored.quantityMilli ?? 0,
    daysSupply: stored.daysSupply ?? 0,
  });
}

export async function withdrawCase(deps: AppDeps, actor: Actor, caseId: string): Promise<PrescriberCase> {
  const prescriber = await requireVerifiedPrescriber(deps, actor.principal);
  const current = await ownCase(deps, prescriber, caseId);
  const now = deps.now();
  await deps.db.db.transaction(async (tx) => {
    const locked = await lockCase(tx, caseId);
    if (!locked || !isOpenStatus(locked.status)) throw conflict('Only an open request can be withdrawn.');
    await updateCase(tx, caseId, {
      status: 'withdrawn',
      decidedAt: now,
      clockPausedAt: null,
      clockRemainingSeconds: null,
      infoDueAt: null,
    });
    await insertEvent(tx, {
      caseId,
      kind: 'withdrawn',
      at: now,
      actorUserId: actor.principal.userId,
      actorRole: actor.principal.role,
    });
    await auditCase(deps, actor, { action: 'withdrawn', resourceId: caseId, memberId: current.memberId }, tx);
  });
  const row = await findCase(deps.db.db, caseId);
  if (!row) throw notFound();
  return caseViewFor(deps, row);
}

export async function appealAsPrescriber(
  deps: AppDeps,
  actor: Actor,
  caseId: string,
  input: AppealInput,
  notice: NoticeContext,
): Promise<PrescriberCase> {
  const prescriber = await requireVerifiedPrescriber(deps, actor.principal);
  const parent = await ownCase(deps, prescriber, caseId);
  const appeal = await fileAppeal(deps, actor, parent, input, notice);
  return caseViewFor(deps, { ...appeal, drugName: parent.drugName });
}

export { ownCase };
