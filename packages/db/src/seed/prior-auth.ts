// Prior authorization cases: approvals behind every specialty fill (renewed yearly), and a few open requests
// waiting in the clinical review queue.
import { addDays, addMonths, type LocalDate, type PriorAuthApproval } from '@openpbm/domain';
import type { priorAuthorizations } from '../schema/index';
import { at, businessInstant } from './dates';
import type { CatalogGroup } from './drug-catalog';
import type { DrugChoices } from './drug-choices';
import { type SeedFamily, spanOn } from './families';
import { entryFor, type FormularyKind } from './formularies';
import type { IdentifierFactory } from './identifiers';
import type { PlanKey, SeedPlan } from './plans';
import type { Prng, SeedIds } from './prng';

export type PriorAuthRow = typeof priorAuthorizations.$inferInsert;

const STANDARD_DECISION_DAYS = 7;
const EXPEDITED_DECISION_HOURS = 72;
/** Chance per covered adult of an open request on the as-of date; small seeds get more, so the queue has work. */
const OPEN_CASE_CHANCE = 0.006;
const OPEN_CASES_AT_LEAST = 6;

// ICD-10-CM codes a request for a specialty class typically carries (starter-list class codes).
// biome-ignore format: table
const DIAGNOSIS_BY_CLASS: Record<string, { code: string; text: string }> = {
  tnf_inhibitors: { code: 'M05.79', text: 'Rheumatoid arthritis with rheumatoid factor' },
  interleukin_inhibitors: { code: 'L40.0', text: 'Psoriasis vulgaris' },
  hiv_antiretrovirals: { code: 'B20', text: 'Human immunodeficiency virus disease' },
  kinase_inhibitors: { code: 'C92.10', text: 'Chronic myeloid leukemia, not in remission' },
  glp1_agonists: { code: 'E11.9', text: 'Type 2 diabetes mellitus without complications' },
  dpp4_inhibitors: { code: 'E11.9', text: 'Type 2 diabetes mellitus without complications' },
};

function requestFor(group: CatalogGroup): Record<string, unknown> {
  const diagnosis = DIAGNOSIS_BY_CLASS[group.classCode] ?? {
    code: 'Z79.899',
    text: 'Other long term drug therapy',
  };
  return {
    diagnosisCodes: [diagnosis.code],
    diagnosis: diagnosis.text,
    triedDrugs: [],
    notes: 'Synthetic request written by the seed.',
  };
}

export interface ApprovalInput {
  memberId: string;
  prescriberId: string;
  group: CatalogGroup;
  ndc: string;
  quantityMilli: number;
  daysSupply: number;
}

/** An approval in force from `effectiveFrom` for a year, decided a few days after the prescriber asked. */
export function approvedCase(
  ids: SeedIds,
  numbers: IdentifierFactory,
  prng: Prng,
  input: ApprovalInput,
  effectiveFrom: LocalDate,
): { row: PriorAuthRow; approval: PriorAuthApproval } {
  const submittedDate = addDays(effectiveFrom, -prng.int(1, 4));
  const submittedAt = businessInstant(prng, submittedDate);
  const effectiveTo = addDays(addMonths(effectiveFrom, 12), -1);
  const id = ids.next();
  const row: PriorAuthRow = {
    id,
    caseNumber: numbers.caseNumber(),
    type: 'prior_auth',
    memberId: input.memberId,
    prescriberId: input.prescriberId,
    drugGroupId: input.group.id,
    ndc: input.ndc,
    status: 'approved',
    expedited: false,
    request: requestFor(input.group),
    submittedAt,
    dueAt: new Date(submittedAt.getTime() + STANDARD_DECISION_DAYS * 86_400_000),
    decidedAt: at(effectiveFrom, '12:00'),
    effectiveFrom,
    effectiveTo,
    approvedQuantityMilli: input.quantityMilli,
    approvedDaysSupply: input.daysSupply,
    decisionReason: 'Approved: diagnosis documented and coverage criteria met',
  };
  const approval: PriorAuthApproval = {
    id,
    drugGroupId: input.group.id,
    status: 'approved',
    effectiveDate: effectiveFrom,
    expirationDate: effectiveTo,
    maxQuantityMilliPerFill: input.quantityMilli,
    maxDaysSupplyPerFill: input.daysSupply,
  };
  return { row, approval };
}

/** A request still in the review queue, submitted in the last few days (some expedited, some already overdue). */
export function openCase(
  ids: SeedIds,
  numbers: IdentifierFactory,
  prng: Prng,
  input: Omit<ApprovalInput, 'quantityMilli' | 'daysSupply'> & { excluded: boolean },
  asOf: LocalDate,
): PriorAuthRow {
  const submittedAt = businessInstant(prng, addDays(asOf, -prng.int(1, 5)));
  const expedited = prng.chance(0.25);
  const dueMs = expedited ? EXPEDITED_DECISION_HOURS * 3_600_000 : STANDARD_DECISION_DAYS * 86_400_000;
  return {
    id: ids.next(),
    caseNumber: numbers.caseNumber(),
    type: input.excluded ? 'formulary_exception' : 'prior_auth',
    memberId: input.memberId,
    prescriberId: input.prescriberId,
    drugGroupId: input.group.id,
    ndc: input.ndc,
    // Waiting for a reviewer: later states (in review, info requested) belong to the review workflow.
    status: 'pending',
    expedited,
    expeditedReason: expedited
      ? 'Prescriber attests that waiting could seriously jeopardize the patient'
      : null,
    requestedTier: input.excluded ? 3 : null,
    request: requestFor(input.group),
    submittedAt,
    dueAt: new Date(submittedAt.getTime() + dueMs),
  };
}

export interface OpenCaseContext {
  /** Members in the whole seed (sets how likely each adult is to have an open request). */
  members: number;
  ids: SeedIds;
  numbers: IdentifierFactory;
  asOf: LocalDate;
  plans: Record<PlanKey, SeedPlan>;
  choices: Record<FormularyKind, DrugChoices>;
}

/** Now and then a covered adult's prescriber asks to cover a drug that needs approval (not for the demo family). */
export function openCasesFor(
  ctx: OpenCaseContext,
  prng: Prng,
  family: SeedFamily,
  prescriberOf: (memberId: string) => string | undefined,
): PriorAuthRow[] {
  const cases: PriorAuthRow[] = [];
  const chance = Math.max(OPEN_CASE_CHANCE, OPEN_CASES_AT_LEAST / ctx.members);
  for (const member of family.members) {
    const span = spanOn(member, ctx.asOf);
    if (!span || member.age < 18 || family.demo || !prng.chance(chance)) continue;
    const plan = ctx.plans[span.planKey];
    const pool = ctx.choices[plan.formulary.kind].needsApproval;
    const prescriberId = prescriberOf(member.id);
    if (pool.length === 0 || !prescriberId) continue;
    const group = prng.pick(pool);
    const ndc = (group.products[0] as CatalogGroup['products'][number]).ref.ndc;
    const excluded = entryFor(plan.formulary, group.id, ndc)?.excluded ?? false;
    cases.push(
      openCase(
        ctx.ids,
        ctx.numbers,
        prng,
        { memberId: member.id, prescriberId, group, ndc, excluded },
        ctx.asOf,
      ),
    );
  }
  return cases;
}
