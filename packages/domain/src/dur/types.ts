import type { LocalDate } from '../time/local-date';

/** NCPDP Reason for Service Code (439-E4) values this engine raises. */
export type DurReasonCode = 'TD' | 'DD' | 'ER';

/** NCPDP Clinical Significance Code (528-FS): blank not specified, 1 major, 2 moderate, 3 minor. */
export type ClinicalSignificanceCode = '' | '1' | '2' | '3';

/** NCPDP Other Pharmacy Indicator (529-FT): 0 not specified, 1 your pharmacy, 2 same chain, 3 other pharmacy. */
export type OtherPharmacyIndicator = '0' | '1' | '2' | '3';

/** NCPDP Other Prescriber Indicator (533-FX): 0 not specified, 1 same prescriber, 2 other prescriber. */
export type OtherPrescriberIndicator = '0' | '1' | '2';

export type InteractionSeverity = 'major' | 'moderate' | 'minor';

/** One row of the interaction table; `a` and `b` are ingredient names or therapeutic class ids. */
export interface DrugInteraction {
  a: string;
  b: string;
  severity: InteractionSeverity;
  description: string;
  /** The stored source text (starter list, VA NDF-RT, ONC list); absent means the starter list. */
  source?: string | null;
}

/** One Response DUR/PPS occurrence (segment 24). */
export interface DurResponse {
  reasonForServiceCode: DurReasonCode;
  clinicalSignificanceCode: ClinicalSignificanceCode;
  otherPharmacyIndicator: OtherPharmacyIndicator;
  /** 530-FU */
  previousDateOfFill: LocalDate;
  /** 531-FV, thousandths of a unit. */
  quantityOfPreviousFillMilli: number;
  /** 532-FW: 4 = processor developed (starter list, duplication, refill too soon), 5 = other (public file). */
  databaseIndicator: '4' | '5';
  /** Who says so: "Starter list", "VA NDF-RT", "ONC high-priority" (interactions), "Claims history" (others). */
  source: string;
  otherPrescriberIndicator: OtherPrescriberIndicator;
  /** 544-FY, at most 30 characters. */
  freeText: string;
  /** 570-NS, at most 100 characters. */
  additionalText: string;
  conflictingNdc: string;
  /** reject: causes 88 (or 79 for ER); warning: informational on a paid claim; overridden: pharmacist override accepted. */
  disposition: 'reject' | 'warning' | 'overridden';
}

export interface DurPolicy {
  therapeuticDuplication: 'reject' | 'warning' | 'off';
  /** Interaction severities that reject with 88; the others are returned as warnings. */
  rejectInteractionSeverities: InteractionSeverity[];
  /** Result of Service codes (441-E6) that, with a matching reason code and a professional service code, override. */
  overrideResultCodes: string[];
  /** Whether a pharmacist ER override may lift refill-too-soon (79); plans usually require a plan override. */
  allowEarlyRefillOverride: boolean;
}

export const DEFAULT_DUR_POLICY: Readonly<DurPolicy> = Object.freeze<DurPolicy>({
  therapeuticDuplication: 'reject',
  rejectInteractionSeverities: ['major'],
  // 1A-1K: the pharmacist filled the prescription after review (as is, different dose, prescriber approval, ...).
  overrideResultCodes: ['1A', '1B', '1C', '1D', '1E', '1F', '1G', '1H', '1J', '1K'],
  allowEarlyRefillOverride: false,
});
