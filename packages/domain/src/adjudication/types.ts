import type { FillPart } from '../benefit/partial-fill-share';
import type { Channel, Tier } from '../benefit/types';
import type { DrugPrice, SubmittedAmounts } from '../pricing/types';
import type { LocalDate } from '../time/local-date';

/** Reference data of the dispensed NDC. */
export interface DrugProduct extends DrugPrice {
  ndc: string;
  name: string;
  /** Same ingredient, strength and form: generic equivalents share it (refill-too-soon and PA match on it). */
  drugGroupId: string;
  therapeuticClassId: string;
  /** Active ingredient names; interaction table keys match these (case-insensitive) or the therapeutic class. */
  ingredients: string[];
}

export interface PreferredAlternative {
  name: string;
  ndc?: string | null;
  drugGroupId?: string | null;
  tier?: Tier | null;
}

export interface StepTherapyRequirement {
  /** A paid fill of any of these drug groups within the lookback satisfies the step. */
  prerequisiteDrugGroupIds: string[];
  lookbackDays: number;
}

/** The plan formulary's entry for the dispensed drug. */
export interface FormularyEntry {
  tier: Tier;
  status: 'covered' | 'excluded';
  requiresPriorAuth: boolean;
  stepTherapy?: StepTherapyRequirement | null;
  /** Maximum quantity per fill by channel, in thousandths of a unit. */
  quantityLimitMilli?: Partial<Record<Channel, number>> | null;
  /** Per-drug days-supply limit by channel; the stricter of this and the plan's limit applies. */
  maxDaysSupply?: Partial<Record<Channel, number>> | null;
  preferredAlternatives?: PreferredAlternative[] | null;
}

/** One span of coverage; the termination date is the last covered day (inclusive), null while open-ended. */
export interface CoverageSpan {
  effectiveDate: LocalDate;
  terminationDate: LocalDate | null;
}

export interface PriorAuthApproval {
  id: string;
  drugGroupId: string;
  status: 'approved' | 'pending' | 'denied' | 'revoked';
  effectiveDate: LocalDate;
  /** Last day the approval covers (inclusive). */
  expirationDate: LocalDate;
  /** Largest quantity per fill the approval allows; when set it also lifts a smaller formulary quantity limit. */
  maxQuantityMilliPerFill?: number | null;
  maxDaysSupplyPerFill?: number | null;
  /**
   * What the approval grants: a prior authorization (the default; lifts 75, step therapy and a quantity limit)
   * or a formulary exception (covers a non-formulary or excluded drug, or lowers its tier; see coverage.ts).
   */
  kind?: 'prior_auth' | 'formulary_exception';
  /** Formulary exception: the tier it grants, null when the case recorded none. */
  grantedTier?: Tier | null;
}

/** A previous paid, not reversed fill for the same member (the claim being adjudicated excluded). */
export interface MedicationHistoryEntry {
  claimId: string;
  ndc: string;
  drugName: string;
  drugGroupId: string;
  therapeuticClassId: string;
  ingredients: string[];
  fillDate: LocalDate;
  daysSupply: number;
  quantityMilli: number;
  pharmacyId: string;
  pharmacyChainId?: string | null;
  prescriberId?: string | null;
  /** 343-HD of the fill: P partial, C completion; absent for a whole fill. */
  dispensingStatus?: 'P' | 'C' | null;
  /** A partial's whole intended fill (344-HF, 345-HG). */
  intendedQuantityMilli?: number | null;
  intendedDaysSupply?: number | null;
  /** A completion: the partial it completes. */
  partialOfClaimId?: string | null;
}

/** A DUR/PPS override submitted by the pharmacist (439-E4 reason, 440-E5 professional service, 441-E6 result). */
export interface DurOverride {
  reasonForServiceCode: string;
  professionalServiceCode: string;
  resultOfServiceCode: string;
}

/** What the pharmacy submitted (B1), already parsed. */
export interface ClaimRequest {
  /** Date of service as a calendar date in the member's time zone. */
  dateOfService: LocalDate;
  ndc: string;
  /** Thousandths of a unit. */
  quantityMilli: number;
  daysSupply: number;
  channel: Channel;
  pharmacyId: string;
  pharmacyChainId?: string | null;
  prescriberId?: string | null;
  submitted: SubmittedAmounts;
  durOverrides?: DurOverride[] | null;
  /** 408-D8 DAW / product selection code. */
  dispenseAsWritten?: string | null;
  /** 420-DK Submission Clarification Codes. */
  submissionClarificationCodes?: string[] | null;
  /** 343-HD P or C: the part of the whole fill this claim is, and on a completion the partial it completes. */
  fillPart?: FillPart | null;
  partialClaimId?: string | null;
}
