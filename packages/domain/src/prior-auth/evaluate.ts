// The criteria engine: every criterion is judged on the prescriber's answers, the member's age and the member's
// own paid claims. All met (and the set allows it) → the plan approves on its own; anything else → a clinician
// reviews. The engine never denies: only a clinician may deny.
import { addDays, addMonths, compareLocalDates, daysBetween } from '../time/local-date';
import { diagnosisMatches, normalizeDiagnosisCode } from './diagnosis';
import type {
  AgeCriterion,
  ApprovalTerms,
  AttestationCriterion,
  CaseFacts,
  CriteriaSet,
  Criterion,
  CriterionResult,
  DiagnosisCriterion,
  DrugMatcher,
  Evaluation,
  HistoryFill,
  LabCriterion,
  QuantityCriterion,
  StepTherapyCriterion,
} from './types';

type Judged = Pick<CriterionResult, 'status' | 'evidence'>;

export function evaluateCriteria(set: CriteriaSet, facts: CaseFacts): Evaluation {
  const results: CriterionResult[] = set.criteria.map((criterion) => ({
    id: criterion.id,
    kind: criterion.kind,
    label: criterion.label,
    ...judge(criterion, facts),
  }));
  const allMet = results.every((r) => r.status === 'met');
  const outcome = set.autoApprove && allMet ? 'auto_approve' : 'review';
  return {
    criteriaSetId: set.id,
    outcome,
    results,
    notMet: results.filter((r) => r.status === 'not_met').map((r) => r.id),
    approval: outcome === 'auto_approve' ? approvalTerms(set, facts) : null,
  };
}

/** The approval the plan grants from `today`: the set's length, the quantity and days supply asked for. */
export function approvalTerms(set: Pick<CriteriaSet, 'approvalMonths'>, facts: CaseFacts): ApprovalTerms {
  return {
    effectiveFrom: facts.today,
    effectiveTo: addDays(addMonths(facts.today, set.approvalMonths), -1),
    quantityMilliPerFill: facts.requested.quantityMilli,
    daysSupplyPerFill: facts.requested.daysSupply,
  };
}

function judge(criterion: Criterion, facts: CaseFacts): Judged {
  switch (criterion.kind) {
    case 'diagnosis':
      return judgeDiagnosis(criterion, facts);
    case 'age':
      return judgeAge(criterion, facts);
    case 'step_therapy':
      return judgeStep(criterion, facts);
    case 'quantity':
      return judgeQuantity(criterion, facts);
    case 'lab':
      return judgeLab(criterion, facts);
    case 'attestation':
      return judgeAttestation(criterion, facts);
  }
}

function judgeDiagnosis(c: DiagnosisCriterion, facts: CaseFacts): Judged {
  const codes = facts.answers.diagnosisCodes
    .map(normalizeDiagnosisCode)
    .filter((x): x is string => x !== null);
  if (codes.length === 0) return { status: 'not_met', evidence: 'No diagnosis code given.' };
  // An empty list of categories means "any diagnosis": the set leaves the judgement to a clinician.
  const matching =
    c.codePrefixes.length === 0 ? codes : codes.filter((code) => diagnosisMatches(code, c.codePrefixes));
  return matching.length > 0
    ? { status: 'met', evidence: `Diagnosis ${matching.join(', ')}.` }
    : { status: 'not_met', evidence: `Diagnosis ${codes.join(', ')} is not one the criteria cover.` };
}

function judgeAge(c: AgeCriterion, facts: CaseFacts): Judged {
  const age = facts.memberAgeYears;
  const tooYoung = c.minYears != null && age < c.minYears;
  const tooOld = c.maxYears != null && age > c.maxYears;
  return tooYoung || tooOld
    ? { status: 'not_met', evidence: `Patient is ${age} years old.` }
    : { status: 'met', evidence: `Patient is ${age} years old.` };
}

export function matchesDrug(fill: HistoryFill, matcher: DrugMatcher): boolean {
  return (
    (matcher.drugGroupIds?.includes(fill.drugGroupId) ?? false) ||
    (matcher.therapeuticClassCodes?.includes(fill.therapeuticClassCode) ?? false) ||
    (matcher.ingredients?.some((ingredient) => fill.ingredients.includes(ingredient.toLowerCase())) ?? false)
  );
}

/** Paid fills of a prerequisite whose fill date lies in the lookback window before `today`. */
export function prerequisiteFills(
  c: StepTherapyCriterion,
  facts: Pick<CaseFacts, 'history' | 'today'>,
): HistoryFill[] {
  return facts.history.filter((fill) => {
    const age = daysBetween(fill.fillDate, facts.today);
    return age >= 0 && age <= c.lookbackDays && matchesDrug(fill, c.prerequisite);
  });
}

function judgeStep(c: StepTherapyCriterion, facts: CaseFacts): Judged {
  const fills = prerequisiteFills(c, facts);
  const days = fills.reduce((sum, fill) => sum + fill.daysSupply, 0);
  if (fills.length > 0 && days >= c.minDaysSupply) {
    const names = [...new Set(fills.map((f) => f.drugName))].join(', ');
    return {
      status: 'met',
      evidence: `Plan claims: ${fills.length} paid fill(s) of ${names}, ${days} days of therapy in the last ${c.lookbackDays} days.`,
    };
  }
  const attested = facts.answers.triedDrugs.filter((t) => t.name.trim().length > 0);
  if (attested.length > 0) {
    const list = attested.map((t) => `${t.name.trim()} (${t.outcome})`).join(', ');
    const found = fills.length > 0 ? ` Plan claims show ${days} days of therapy.` : ' Plan claims show none.';
    return { status: 'unverified', evidence: `Prescriber reports: ${list}.${found}` };
  }
  return {
    status: 'not_met',
    evidence:
      fills.length > 0
        ? `Plan claims show ${days} days of therapy; ${c.minDaysSupply} are needed.`
        : `No paid claim of ${c.prerequisiteNames.join(', ')} in the last ${c.lookbackDays} days, and none reported.`,
  };
}

function judgeQuantity(c: QuantityCriterion, facts: CaseFacts): Judged {
  const { quantityMilli, daysSupply } = facts.requested;
  const units = `${quantityMilli / 1000} units for ${daysSupply} days`;
  if (c.maxDaysSupply != null && daysSupply > c.maxDaysSupply) {
    return { status: 'not_met', evidence: `Asked for ${units}; at most ${c.maxDaysSupply} days per fill.` };
  }
  // Compare rates without division: quantity / daysSupply <= max / perDays.
  const withinRate = daysSupply > 0 && quantityMilli * c.perDays <= c.maxQuantityMilli * daysSupply;
  return withinRate
    ? { status: 'met', evidence: `Asked for ${units}.` }
    : {
        status: 'not_met',
        evidence: `Asked for ${units}; more than ${c.maxQuantityMilli / 1000} per ${c.perDays} days.`,
      };
}

function judgeLab(c: LabCriterion, facts: CaseFacts): Judged {
  const results = facts.answers.labs
    .filter((lab) => lab.code === c.labCode && compareLocalDates(lab.takenOn, facts.today) <= 0)
    .sort((a, b) => compareLocalDates(b.takenOn, a.takenOn));
  const latest = results[0];
  if (!latest) return { status: 'not_met', evidence: 'No result given.' };
  const age = daysBetween(latest.takenOn, facts.today);
  const text = `${latest.value} ${c.unit} on ${latest.takenOn}`;
  if (age > c.withinDays)
    return { status: 'not_met', evidence: `Latest result ${text} is older than ${c.withinDays} days.` };
  const inRange = (c.min == null || latest.value >= c.min) && (c.max == null || latest.value <= c.max);
  return inRange
    ? { status: 'met', evidence: `Result ${text}.` }
    : { status: 'not_met', evidence: `Result ${text} is outside the criteria.` };
}

function judgeAttestation(c: AttestationCriterion, facts: CaseFacts): Judged {
  return facts.answers.attestations[c.id] === true
    ? { status: 'met', evidence: 'Stated by the prescriber.' }
    : { status: 'not_met', evidence: 'Not stated by the prescriber.' };
}
