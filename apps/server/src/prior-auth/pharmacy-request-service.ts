// Prior authorization requested by a pharmacy over NCPDP (P1 request and billing, P4 request only, P3 inquiry):
// the same criteria engine as a prescriber's request. The member's own claims history can approve it at once;
// otherwise the case waits in the clinical review queue. A case already in force for the member and drug is
// reused, so a repeated P1/P4 never opens a second case.
import { decisionDueAt, type LocalDate, normalizeDiagnosisCode, type PaAnswers } from '@openpbm/domain';
import { ProblemError } from '../platform/problem';
import {
  automaticDecision,
  type CaseDeps,
  criteriaForCase,
  evaluateCase,
  loadCaseContext,
} from './case-context';
import { type CaseRow, findCaseForPharmacy, insertCase } from './case-repo';
import { insertEvent } from './workflow-repo';

export interface PharmacyPaRequest {
  memberId: string;
  prescriberId: string;
  drugGroupId: string;
  ndc: string | null;
  dateOfService: LocalDate;
  quantityMilli: number;
  daysSupply: number;
  /** 424-DO diagnosis codes of the Clinical segment (AM13). */
  diagnosisCodes: string[];
  /** The Prior Authorization segment (AM12) as sent: 498-PA request type, period, basis, documentation. */
  segment: {
    requestType: string | null;
    periodBegin: LocalDate | null;
    periodEnd: LocalDate | null;
    basisOfRequest: string | null;
    supportingDocumentation: string | null;
  };
}

export type PharmacyPaResult =
  | { kind: 'case'; row: CaseRow; created: boolean }
  | { kind: 'not_needed' }
  | { kind: 'not_covered'; message: string };

/** Finds the case in force for the member and drug, or opens one decided by the criteria engine. */
export async function requestFromPharmacy(
  deps: CaseDeps,
  input: PharmacyPaRequest,
): Promise<PharmacyPaResult> {
  const db = deps.db.db;
  const existing = await findCaseForPharmacy(db, input);
  if (existing) return { kind: 'case', row: existing, created: false };
  let context: Awaited<ReturnType<typeof loadCaseContext>>;
  try {
    context = await loadCaseContext(deps, input.memberId, input.drugGroupId);
  } catch (err) {
    if (err instanceof ProblemError) return { kind: 'not_covered', message: err.message };
    throw err;
  }
  const kind = context.coverage.suggestedRequest;
  if (kind === 'none') return { kind: 'not_needed' };
  const answers: PaAnswers = {
    diagnosisCodes: [
      ...new Set(input.diagnosisCodes.map(normalizeDiagnosisCode).filter((c): c is string => !!c)),
    ],
    triedDrugs: [],
    labs: [],
    attestations: {},
    notes: input.segment.supportingDocumentation,
  };
  const set = criteriaForCase(context, kind, null);
  const requested = { quantityMilli: input.quantityMilli, daysSupply: input.daysSupply };
  const evaluation = evaluateCase(context, set, answers, requested);
  const approval = evaluation.outcome === 'auto_approve' ? evaluation.approval : null;
  const now = deps.now();
  const row = await db.transaction(async (tx) => {
    const inserted = await insertCase(tx, {
      type: kind,
      memberId: input.memberId,
      prescriberId: input.prescriberId,
      drugGroupId: input.drugGroupId,
      ndc: input.ndc,
      expedited: false,
      requestedTier: null,
      request: { ...answers, ...requested, ncpdp: input.segment },
      submittedAt: now,
      dueAt: decisionDueAt(now, false),
      requestedByUserId: null,
      ...automaticDecision(evaluation, set.id, now),
    });
    await insertEvent(tx, {
      caseId: inserted.id,
      kind: 'submitted',
      at: now,
      actorRole: 'pharmacy',
      detail: { channel: 'ncpdp' },
    });
    await insertEvent(tx, {
      caseId: inserted.id,
      kind: approval ? 'auto_approved' : 'queued',
      at: now,
      detail: { criteriaSetId: set.id, notMet: evaluation.notMet },
    });
    return inserted;
  });
  return { kind: 'case', row, created: true };
}
