// Everything a request is decided on: the member's age and today's date in their zone, the drug and its class,
// what the member's formulary says about it (tier, PA/ST/QL, alternatives) and the member's own paid fills.
// The criteria engine in packages/domain does the judging; this file only gathers and shapes the facts.

import type { Database } from '@openpbm/db';
import { decryptField, FIELD_CONTEXTS, fieldKeyFromConfig } from '@openpbm/db/field-crypto';
import {
  addDays,
  ageOn,
  type CaseFacts,
  type CriteriaSet,
  criteriaFor,
  type Evaluation,
  evaluateCriteria,
  type FormularyRules,
  type HistoryFill,
  type LocalDate,
  localDateInTimeZone,
  type PaAnswers,
  type Tier,
} from '@openpbm/domain';
import type { Config } from '@openpbm/shared/config';
import { findDrugGroups, findFormularyEntries, findGroupsInClass } from '../benefits/formulary-repo';
import { loadMemberBenefitContext } from '../benefits/member-benefit-context';
import { conflict, notFound } from '../platform/problem';
import { findDrugGroup, findMember, findPaidFills, type MemberFacts } from './facts-repo';

/** Enough history for the longest lookback of any criterion (365 days) with room to spare. */
const HISTORY_DAYS = 400;
const MAX_ALTERNATIVES = 5;

export type RequestKind = 'prior_auth' | 'formulary_exception';

/** What gathering the facts needs (the app's deps, or the claims service's for NCPDP P1/P4). */
export interface CaseDeps {
  db: { db: Database };
  config: Pick<Config, 'FIELD_ENCRYPTION_KEY'>;
  now: () => Date;
}

export interface DrugCoverageFacts {
  drugGroupId: string;
  drugName: string;
  status: 'covered' | 'excluded' | 'not_on_formulary';
  tier: Tier | null;
  requiresPriorAuth: boolean;
  requiresStepTherapy: boolean;
  hasQuantityLimit: boolean;
  suggestedRequest: RequestKind | 'none';
  alternatives: Array<{ drugGroupId: string; name: string }>;
}

export interface CaseContext {
  member: MemberFacts & { ageYears: number; today: LocalDate };
  drug: { id: string; name: string; classCode: string; therapeuticClassId: string };
  coverage: DrugCoverageFacts;
  formulary: FormularyRules;
  history: HistoryFill[];
}

export async function loadCaseContext(
  deps: CaseDeps,
  memberId: string,
  drugGroupId: string,
): Promise<CaseContext> {
  const db = deps.db.db;
  const member = await findMember(db, memberId);
  if (!member) throw notFound('No member with this id.');
  const drug = await findDrugGroup(db, drugGroupId);
  if (!drug) throw notFound('No drug with this id.');
  const now = deps.now();
  const today = localDateInTimeZone(now, member.timeZone);
  const ctx = await loadMemberBenefitContext(db, { memberId, at: now, drugs: [{ drugGroupId }] });
  if (!ctx?.eligibility.inForce || !ctx.plan)
    throw conflict('The member has no coverage in force today.', 'not-covered');
  const formularyId = ctx.plan.formularyId;
  const coverage = ctx.drugs[0];
  const flags = coverage?.formulary ?? null;
  const step = coverage?.formularyEntry?.stepTherapy ?? null;
  const stepNames = step ? (await findDrugGroups(db, step.prerequisiteDrugGroupIds)).map((g) => g.name) : [];

  const status = !flags ? 'not_on_formulary' : flags.excluded ? 'excluded' : 'covered';
  const preferred = (flags?.preferredAlternatives ?? [])
    .filter((a): a is typeof a & { drugGroupId: string } => !!a.drugGroupId)
    .map((a) => ({ drugGroupId: a.drugGroupId, name: a.name }));
  const alternatives =
    status === 'excluded' && preferred.length > 0
      ? preferred.slice(0, MAX_ALTERNATIVES)
      : await coveredClassmates(deps, formularyId, drug, status === 'covered' ? (flags?.tier ?? null) : null);

  const formulary: FormularyRules = {
    onFormulary: flags !== null,
    excluded: flags?.excluded ?? false,
    tier: flags?.tier ?? null,
    requiresPriorAuth: flags?.requiresPriorAuth ?? false,
    stepTherapy: step
      ? { drugGroupIds: step.prerequisiteDrugGroupIds, names: stepNames, lookbackDays: step.lookbackDays }
      : null,
    quantityLimit:
      flags?.hasQuantityLimit && flags.quantityLimitMilli && flags.quantityLimitDays
        ? { milli: flags.quantityLimitMilli, days: flags.quantityLimitDays }
        : null,
    alternatives,
  };
  const needsApproval =
    status === 'covered' &&
    !!flags &&
    (flags.requiresPriorAuth || flags.requiresStepTherapy || flags.hasQuantityLimit);
  const history = await findPaidFills(db, memberId, addDays(today, -HISTORY_DAYS));
  return {
    member: { ...member, ageYears: ageOn(decryptDateOfBirth(deps, member.dateOfBirthEnc), today), today },
    drug: {
      id: drug.id,
      name: drug.name,
      classCode: drug.classCode,
      therapeuticClassId: drug.therapeuticClassId,
    },
    coverage: {
      drugGroupId: drug.id,
      drugName: drug.name,
      status,
      tier: formulary.tier,
      requiresPriorAuth: formulary.requiresPriorAuth,
      requiresStepTherapy: flags?.requiresStepTherapy ?? false,
      hasQuantityLimit: flags?.hasQuantityLimit ?? false,
      suggestedRequest: needsApproval ? 'prior_auth' : status === 'covered' ? 'none' : 'formulary_exception',
      alternatives,
    },
    formulary,
    history: history.map((fill) => ({ ...fill, daysSupply: fill.daysSupply ?? 0 })),
  };
}

function decryptDateOfBirth(deps: CaseDeps, enc: string): string {
  return decryptField(fieldKeyFromConfig(deps.config), enc, FIELD_CONTEXTS.dateOfBirth);
}

/** Covered drugs of the same class (at a lower tier than `belowTier`, when given), cheapest tier first. */
async function coveredClassmates(
  deps: CaseDeps,
  formularyId: string,
  drug: { id: string; therapeuticClassId: string },
  belowTier: Tier | null,
): Promise<Array<{ drugGroupId: string; name: string }>> {
  const classmates = (await findGroupsInClass(deps.db.db, drug.therapeuticClassId)).filter(
    (g) => g.id !== drug.id,
  );
  const entries = await findFormularyEntries(
    deps.db.db,
    formularyId,
    classmates.map((g) => g.id),
  );
  return classmates
    .map((g) => ({ group: g, entry: entries.find((e) => e.drugGroupId === g.id) }))
    .filter(({ entry }) => entry && !entry.excluded && (belowTier === null || entry.tier < belowTier))
    .sort((a, b) => (a.entry?.tier ?? 9) - (b.entry?.tier ?? 9) || a.group.name.localeCompare(b.group.name))
    .slice(0, MAX_ALTERNATIVES)
    .map(({ group }) => ({ drugGroupId: group.id, name: group.name }));
}

/** Which request fits the drug: a PA for a covered drug with PA/ST/QL, an exception otherwise. */
export function checkRequestKind(context: CaseContext, kind: RequestKind, requestedTier: Tier | null): void {
  const { coverage } = context;
  if (kind === 'prior_auth') {
    if (coverage.status !== 'covered') {
      throw conflict(
        'This drug is not covered on the member’s formulary: ask for a formulary exception instead.',
        'not-covered',
      );
    }
    if (coverage.suggestedRequest === 'none') {
      throw conflict('This drug needs no prior authorization on the member’s plan.', 'not-covered');
    }
    return;
  }
  if (coverage.status === 'covered') {
    if (requestedTier == null || coverage.tier == null || requestedTier >= coverage.tier) {
      throw conflict(
        'This drug is on the member’s formulary: a formulary exception must ask for a lower tier than its current one.',
        'not-covered',
      );
    }
  }
}

export function criteriaForCase(
  context: CaseContext,
  kind: RequestKind,
  requestedTier: Tier | null,
): CriteriaSet {
  return criteriaFor({
    caseType: kind,
    drugGroupId: context.drug.id,
    therapeuticClassCode: context.drug.classCode,
    formulary: context.formulary,
    requestedTier,
  });
}

export function evaluateCase(
  context: CaseContext,
  set: CriteriaSet,
  answers: PaAnswers,
  requested: { quantityMilli: number; daysSupply: number },
): Evaluation {
  const facts: CaseFacts = {
    today: context.member.today,
    memberAgeYears: context.member.ageYears,
    answers,
    requested,
    history: context.history,
  };
  return evaluateCriteria(set, facts);
}

/**
 * The decision columns of a new case, whoever sent it (a prescriber, a pharmacy's P1): filled in when the criteria
 * approve it at once, empty while it waits for a clinical reviewer.
 */
export function automaticDecision(evaluation: Evaluation, criteriaSetId: string, now: Date) {
  const approval = evaluation.outcome === 'auto_approve' ? evaluation.approval : null;
  return {
    status: approval ? ('approved' as const) : ('pending' as const),
    decidedAt: approval ? now : null,
    effectiveFrom: approval?.effectiveFrom ?? null,
    effectiveTo: approval?.effectiveTo ?? null,
    approvedQuantityMilli: approval?.quantityMilliPerFill ?? null,
    approvedDaysSupply: approval?.daysSupplyPerFill ?? null,
    decisionReason: approval ? 'Approved: the plan’s coverage criteria for this drug are met.' : null,
    autoApproved: approval !== null,
    criteriaSetId,
    evaluation: { ...evaluation },
  };
}
