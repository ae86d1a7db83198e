// Prescriber use cases: find the member, see the questionnaire for a drug, submit a request (auto-approved when
// the criteria are met, otherwise queued for a clinician), attach documents, answer a request for information,
// withdraw, and follow their own cases (those are in prescriber-case-service.ts). Every prescriber action needs a verified NPI. A prescriber reaches a
// member only through a proven relationship: the patient handle of a successful look-up (patient-handle.ts) or
// a case of their own; never through an internal member id.

import {
  decryptField,
  FIELD_CONTEXTS,
  fieldKeyFromConfig,
  memberNumberIndex,
} from '@openpbm/db/field-crypto';
import { decisionDueAt, questionnaireFor, type Tier } from '@openpbm/domain';
import type { PaAnswers } from '@openpbm/shared/prior-auth';
import type { AppDeps } from '../app-deps';
import { findProductsOfGroups, searchDrugGroups } from '../benefits/formulary-repo';
import { badRequest, conflict, notFound } from '../platform/problem';
import { type Actor, auditCase } from './case-audit';
import {
  automaticDecision,
  checkRequestKind,
  criteriaForCase,
  evaluateCase,
  loadCaseContext,
  type RequestKind,
} from './case-context';
import { findOpenCase, insertCase } from './case-repo';
import { findMember, findMemberByNumberIndex } from './facts-repo';
import { type NoticeContext, noticeToMember } from './notices';
import { requireVerifiedPrescriber } from './npi-service';
import { issuePatientHandle, memberOfHandle } from './patient-handle';
import { caseViewFor } from './prescriber-case-service';
import { normalizeAnswers, storedRequest } from './request-shape';
import { insertEvent } from './workflow-repo';

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
    const open = await findOpenCase(tx, { memberId, drugGroupId: input.drugGroupId, type: input.type });
    if (open)
      throw conflict(
        `A request for this member and drug is already open (case ${open.caseNumber}).`,
        'already-exists',
      );
    const inserted = await insertCase(tx, {
      type: input.type,
      memberId,
      prescriberId: prescriber.prescriberId,
      drugGroupId: input.drugGroupId,
      ndc: input.ndc ?? null,
      expedited: input.expedited,
      expeditedReason: input.expedited ? (input.expeditedReason ?? null) : null,
      requestedTier,
      request: storedRequest(answers, input.quantityMilli, input.daysSupply),
      submittedAt: now,
      dueAt: decisionDueAt(now, input.expedited),
      requestedByUserId: actor.principal.userId,
      ...automaticDecision(evaluation, set.id, now),
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
