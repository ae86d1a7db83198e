// Which criteria apply to a request: the plan's clinical policy per therapeutic class, plus the formulary's own
// per-drug rules (its step therapy and quantity limit), or the exception criteria for a drug the formulary
// does not cover (or covers at a higher tier than asked).
import type { Tier } from '../benefit/types';
import type { CriteriaSet, Criterion, StepTherapyCriterion } from './types';

const DMARDS = ['methotrexate', 'leflunomide', 'sulfasalazine', 'hydroxychloroquine'];

/** Clinical policy by therapeutic class code (the drug reference data's class slug). */
// biome-ignore format: table
export const CLASS_CRITERIA: Readonly<Record<string, Omit<CriteriaSet, 'id'>>> = {
  tnf_inhibitors: {
    title: 'TNF inhibitors (adalimumab, etanercept, infliximab)',
    autoApprove: true,
    approvalMonths: 12,
    criteria: [
      { kind: 'diagnosis', id: 'diagnosis', label: 'Rheumatoid or psoriatic arthritis, juvenile arthritis, ankylosing spondylitis, plaque psoriasis, Crohn disease, ulcerative colitis or hidradenitis suppurativa', codePrefixes: ['M05', 'M06', 'M08', 'M45', 'L40', 'K50', 'K51', 'L73.2'] },
      { kind: 'age', id: 'age', label: '18 years or older (younger patients are reviewed by a clinician)', minYears: 18 },
      { kind: 'step_therapy', id: 'step_dmard', label: 'Tried a conventional DMARD for at least 90 days in the last year', prerequisiteNames: DMARDS, prerequisite: { ingredients: DMARDS, therapeuticClassCodes: ['antimetabolites'] }, lookbackDays: 365, minDaysSupply: 90 },
      { kind: 'quantity', id: 'quantity', label: 'At most 0.8 mL (two 40 mg doses) per 28 days', maxQuantityMilli: 800, perDays: 28, maxDaysSupply: 30 },
    ],
  },
  interleukin_inhibitors: {
    title: 'Interleukin inhibitors',
    autoApprove: true,
    approvalMonths: 12,
    criteria: [
      { kind: 'diagnosis', id: 'diagnosis', label: 'Plaque psoriasis, psoriatic arthritis or Crohn disease', codePrefixes: ['L40', 'K50'] },
      { kind: 'age', id: 'age', label: '18 years or older', minYears: 18 },
      { kind: 'step_therapy', id: 'step_systemic', label: 'Tried a TNF inhibitor or methotrexate for at least 90 days in the last year', prerequisiteNames: ['a TNF inhibitor', 'methotrexate'], prerequisite: { therapeuticClassCodes: ['tnf_inhibitors'], ingredients: ['methotrexate'] }, lookbackDays: 365, minDaysSupply: 90 },
    ],
  },
  glp1_agonists: {
    title: 'GLP-1 receptor agonists',
    autoApprove: true,
    approvalMonths: 12,
    criteria: [
      { kind: 'diagnosis', id: 'diagnosis', label: 'Type 2 diabetes', codePrefixes: ['E11'] },
      { kind: 'age', id: 'age', label: '18 years or older', minYears: 18 },
      { kind: 'step_therapy', id: 'step_metformin', label: 'Took metformin for at least 90 days in the last 180 days', prerequisiteNames: ['metformin'], prerequisite: { ingredients: ['metformin'], therapeuticClassCodes: ['biguanides'] }, lookbackDays: 180, minDaysSupply: 90 },
      { kind: 'lab', id: 'a1c', label: 'Hemoglobin A1c of 7.0% or more in the last 180 days', labCode: '4548-4', unit: '%', min: 7, withinDays: 180 },
    ],
  },
  dpp4_inhibitors: {
    title: 'DPP-4 inhibitors',
    autoApprove: true,
    approvalMonths: 12,
    criteria: [
      { kind: 'diagnosis', id: 'diagnosis', label: 'Type 2 diabetes', codePrefixes: ['E11'] },
      { kind: 'step_therapy', id: 'step_metformin', label: 'Took metformin for at least 90 days in the last 180 days', prerequisiteNames: ['metformin'], prerequisite: { ingredients: ['metformin'], therapeuticClassCodes: ['biguanides'] }, lookbackDays: 180, minDaysSupply: 90 },
    ],
  },
  kinase_inhibitors: {
    title: 'Kinase inhibitors (oncology)',
    autoApprove: true,
    approvalMonths: 12,
    criteria: [
      { kind: 'diagnosis', id: 'diagnosis', label: 'Chronic myeloid leukemia or Ph+ acute lymphoblastic leukemia', codePrefixes: ['C92.1', 'C91.0'] },
      { kind: 'age', id: 'age', label: '18 years or older', minYears: 18 },
    ],
  },
  hiv_antiretrovirals: {
    title: 'HIV antiretrovirals',
    autoApprove: true,
    approvalMonths: 12,
    criteria: [
      { kind: 'diagnosis', id: 'diagnosis', label: 'HIV disease, asymptomatic HIV infection, or exposure (prevention)', codePrefixes: ['B20', 'Z21', 'Z20.6'] },
    ],
  },
};

/** A drug that needs approval but has no class policy: the prescriber explains, a clinician decides. */
const DEFAULT_CRITERIA: CriteriaSet = {
  id: 'default',
  title: 'General prior authorization',
  autoApprove: false,
  approvalMonths: 12,
  criteria: [
    { kind: 'diagnosis', id: 'diagnosis', label: 'A diagnosis the drug is used for', codePrefixes: [] },
    {
      kind: 'attestation',
      id: 'medical_necessity',
      label: 'The prescriber states the drug is medically necessary for this patient',
    },
  ],
};

export interface FormularyRules {
  /** False when the drug has no formulary entry (non-formulary). */
  onFormulary: boolean;
  excluded: boolean;
  tier: Tier | null;
  requiresPriorAuth: boolean;
  stepTherapy: { drugGroupIds: string[]; names: string[]; lookbackDays: number } | null;
  quantityLimit: { milli: number; days: number } | null;
  /** The formulary's preferred alternatives (excluded drugs) or covered drugs of the class at a lower tier. */
  alternatives: Array<{ drugGroupId: string; name: string }>;
}

export interface CriteriaRequest {
  caseType: 'prior_auth' | 'formulary_exception';
  drugGroupId: string;
  therapeuticClassCode: string;
  formulary: FormularyRules;
  /** Formulary exception: the tier asked for (tier exception), or null to cover a drug the formulary does not. */
  requestedTier?: Tier | null;
}

const EXCEPTION_LOOKBACK_DAYS = 365;
const EXCEPTION_TRIAL_DAYS = 28;

/** The criteria a request is decided against. Appeals are decided against the criteria of the case appealed. */
export function criteriaFor(request: CriteriaRequest): CriteriaSet {
  return request.caseType === 'formulary_exception' ? exceptionCriteria(request) : priorAuthCriteria(request);
}

function priorAuthCriteria(request: CriteriaRequest): CriteriaSet {
  const policy = CLASS_CRITERIA[request.therapeuticClassCode];
  const base: CriteriaSet = policy
    ? { id: `class:${request.therapeuticClassCode}`, ...policy }
    : DEFAULT_CRITERIA;
  const criteria: Criterion[] = [...base.criteria];
  const { stepTherapy, quantityLimit } = request.formulary;
  // The formulary's own step (specific drug groups) applies on top of the class policy.
  if (stepTherapy && stepTherapy.drugGroupIds.length > 0) {
    criteria.push({
      kind: 'step_therapy',
      id: 'formulary_step',
      label: `Tried ${listNames(stepTherapy.names)} in the last ${stepTherapy.lookbackDays} days (formulary step therapy)`,
      prerequisiteNames: stepTherapy.names,
      prerequisite: { drugGroupIds: stepTherapy.drugGroupIds },
      lookbackDays: stepTherapy.lookbackDays,
      minDaysSupply: 1,
    });
  }
  if (quantityLimit && !criteria.some((c) => c.kind === 'quantity')) {
    criteria.push({
      kind: 'quantity',
      id: 'quantity',
      label: `At most ${quantityLimit.milli / 1000} units per ${quantityLimit.days} days (formulary quantity limit)`,
      maxQuantityMilli: quantityLimit.milli,
      perDays: quantityLimit.days,
    });
  }
  return { ...base, criteria };
}

function exceptionCriteria(request: CriteriaRequest): CriteriaSet {
  const tierException =
    request.requestedTier != null && request.formulary.onFormulary && !request.formulary.excluded;
  const alternatives = request.formulary.alternatives;
  const criteria: Criterion[] = [
    { kind: 'diagnosis', id: 'diagnosis', label: 'A diagnosis the drug is used for', codePrefixes: [] },
  ];
  if (alternatives.length > 0) {
    const step: StepTherapyCriterion = {
      kind: 'step_therapy',
      id: 'alternatives_tried',
      label: `Tried ${tierException ? 'the lower-tier alternatives' : 'the formulary alternatives'} (${listNames(alternatives.map((a) => a.name))}) or cannot take them`,
      prerequisiteNames: alternatives.map((a) => a.name),
      prerequisite: { drugGroupIds: alternatives.map((a) => a.drugGroupId) },
      lookbackDays: EXCEPTION_LOOKBACK_DAYS,
      minDaysSupply: EXCEPTION_TRIAL_DAYS,
    };
    criteria.push(step);
  }
  criteria.push({
    kind: 'attestation',
    id: 'medical_necessity',
    label: tierException
      ? 'The prescriber states the lower-tier alternatives would be less effective or cause adverse effects'
      : 'The prescriber states the formulary alternatives would be less effective or cause adverse effects',
  });
  return {
    id: tierException ? 'exception:tier' : 'exception:non_formulary',
    title: tierException ? 'Tier exception' : 'Formulary exception (non-formulary or excluded drug)',
    // An exception is a clinical judgement on the prescriber's statement: a clinician always decides.
    autoApprove: false,
    approvalMonths: 12,
    criteria,
  };
}

function listNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? 'a prerequisite drug';
  return `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}
