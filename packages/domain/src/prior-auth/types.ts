// Prior authorization criteria: what a drug (or its class) needs before the plan covers it, the prescriber's
// answers, the facts the server gathers (age, the member's own paid claims) and what the engine concludes.
import type { LocalDate } from '../time/local-date';

export type CaseType = 'prior_auth' | 'formulary_exception' | 'appeal';

/** Which of the member's paid fills prove a step (any one of the lists matching is enough). */
export interface DrugMatcher {
  drugGroupIds?: string[];
  therapeuticClassCodes?: string[];
  /** Lower-case active ingredient names. */
  ingredients?: string[];
}

export interface DiagnosisCriterion {
  kind: 'diagnosis';
  id: string;
  label: string;
  /** ICD-10-CM code prefixes without the dot ("M05" covers M05.79). */
  codePrefixes: string[];
}

export interface AgeCriterion {
  kind: 'age';
  id: string;
  label: string;
  minYears?: number;
  maxYears?: number;
}

/** Tried first: paid fills of a prerequisite inside the lookback, adding up to a real trial. */
export interface StepTherapyCriterion {
  kind: 'step_therapy';
  id: string;
  label: string;
  /** Names the prescriber sees ("methotrexate"). */
  prerequisiteNames: string[];
  prerequisite: DrugMatcher;
  lookbackDays: number;
  /** Days of therapy the paid fills must add up to (a trial, not a single sample). */
  minDaysSupply: number;
}

/** At most `maxQuantityMilli` per `perDays` days (a rate, so a 90-day fill may hold three months). */
export interface QuantityCriterion {
  kind: 'quantity';
  id: string;
  label: string;
  maxQuantityMilli: number;
  perDays: number;
  maxDaysSupply?: number;
}

export interface LabCriterion {
  kind: 'lab';
  id: string;
  label: string;
  /** LOINC code, e.g. "4548-4" (hemoglobin A1c). */
  labCode: string;
  unit: string;
  min?: number;
  max?: number;
  /** The result must be this recent on the day of the decision. */
  withinDays: number;
}

/** A yes/no statement the prescriber makes (e.g. medical necessity for an exception). */
export interface AttestationCriterion {
  kind: 'attestation';
  id: string;
  label: string;
}

export type Criterion =
  | DiagnosisCriterion
  | AgeCriterion
  | StepTherapyCriterion
  | QuantityCriterion
  | LabCriterion
  | AttestationCriterion;

export interface CriteriaSet {
  /** "class:tnf_inhibitors", "formulary:<entry>", "exception:non_formulary", "default". */
  id: string;
  title: string;
  criteria: Criterion[];
  /** True: when every criterion is met the plan approves without a clinician. False: a clinician always decides. */
  autoApprove: boolean;
  /** Length of an approval. */
  approvalMonths: number;
}

export const TRIED_DRUG_OUTCOMES = ['failed', 'intolerant', 'contraindicated'] as const;
export type TriedDrugOutcome = (typeof TRIED_DRUG_OUTCOMES)[number];

/** The prescriber's answers to the questionnaire. */
export interface PaAnswers {
  diagnosisCodes: string[];
  /** Drugs tried (or contraindicated) outside what the plan's claims show. */
  triedDrugs: Array<{ name: string; outcome: TriedDrugOutcome; lastTriedOn?: LocalDate | null }>;
  labs: Array<{ code: string; value: number; takenOn: LocalDate }>;
  attestations: Record<string, boolean>;
  notes?: string | null;
}

/** One paid, not reversed fill from the member's own claims. */
export interface HistoryFill {
  drugGroupId: string;
  drugName: string;
  therapeuticClassCode: string;
  ingredients: string[];
  fillDate: LocalDate;
  daysSupply: number;
}

export interface CaseFacts {
  /** The day of the decision in the member's time zone. */
  today: LocalDate;
  memberAgeYears: number;
  answers: PaAnswers;
  requested: { quantityMilli: number; daysSupply: number };
  history: HistoryFill[];
}

/**
 * met: proven (answers, age, claims); not_met: the facts contradict it or it is missing;
 * unverified: the prescriber attests something the plan's data cannot prove (a drug tried outside the plan,
 * a contraindication): a clinician must look.
 */
export type CriterionStatus = 'met' | 'not_met' | 'unverified';

export interface CriterionResult {
  id: string;
  kind: Criterion['kind'];
  label: string;
  status: CriterionStatus;
  /** What decided it, in words a reviewer reads; never copied into e-mails. */
  evidence: string;
}

export interface ApprovalTerms {
  effectiveFrom: LocalDate;
  /** Last covered day (inclusive). */
  effectiveTo: LocalDate;
  quantityMilliPerFill: number;
  daysSupplyPerFill: number;
}

export interface Evaluation {
  criteriaSetId: string;
  outcome: 'auto_approve' | 'review';
  results: CriterionResult[];
  /** Ids of criteria not met (a denial names them). */
  notMet: string[];
  /** The approval the engine grants when outcome is auto_approve. */
  approval: ApprovalTerms | null;
}
