// NCPDP reject codes (511-FB) the claims service returns before or around the benefit rules: routing,
// cardholder, pharmacy, duplicates, reversals and segment structure. The benefit rules' own codes (65, 70, 75, 76, 79, 88, …)
// come from packages/domain (REJECT_CODES). Descriptions follow the NCPDP external code list wording.
import { REJECT_CODES as RULE_REJECT_CODES } from '@openpbm/domain';

export const CLAIM_REJECT_CODES = {
  '1': 'M/I BIN Number',
  '2': 'M/I Version/Release Number',
  '3': 'M/I Transaction Code',
  '4': 'M/I Processor Control Number',
  '5': 'M/I Service Provider Number',
  '6': 'M/I Group ID',
  '7': 'M/I Cardholder ID',
  '9': 'M/I Date Of Birth',
  '13': 'M/I Other Coverage Code',
  '15': 'M/I Date Of Service',
  '16': 'M/I Prescription/Service Reference Number',
  '17': 'M/I Fill Number',
  '20': 'M/I Compound Code',
  '21': 'M/I Product/Service ID',
  '25': 'M/I Prescriber ID',
  '3X': 'Authorization Number Not Found',
  '3Y': 'Prior Authorization Denied',
  '40': 'Pharmacy Not Contracted With Plan On Date Of Service',
  '41': 'Submit Bill To Other Processor Or Primary Payer',
  '42': "Plan's Prescriber Data Base Indicates The Prescriber ID Submitted Is Inactive Or Is Not Found",
  '50': 'Non-Matching Pharmacy Number',
  '52': 'Non-Matching Cardholder ID',
  '53': 'Non-Matching Person Code',
  '56': 'Non-Matching Prescriber ID',
  '70': 'Product/Service Not Covered',
  '71': 'Prescriber ID Is Not Covered',
  '83': 'Duplicate Paid/Captured Claim',
  '85': 'Claim Not Processed',
  '87': 'Reversal Not Processed',
  '99': 'Host Processing Error',
  EC: 'M/I Compound Ingredient Component Count',
  ED: 'M/I Compound Ingredient Quantity',
  EE: 'M/I Compound Ingredient Drug Cost',
  EF: 'M/I Compound Dosage Form Description Code',
  EG: 'M/I Compound Dispensing Unit Form Indicator',
  RE: 'M/I Compound Product ID Qualifier',
  // Partial fills: the field id as its M/I code, from memory of the public code list (packages/ncpdp README).
  HD: 'M/I Dispensing Status',
  HF: 'M/I Quantity Intended To Be Dispensed',
  HG: 'M/I Days Supply Intended To Be Dispensed',
  TE: 'M/I Compound Product ID',
  PC: 'M/I Request Claim Segment',
  PJ: 'M/I Request Insurance Segment',
  PK: 'M/I Request Patient Segment',
  PP: 'M/I Request Pricing Segment',
  R7: 'Repeating Segment Not Allowed In Same Transaction',
} as const;

export type ClaimRejectCode = keyof typeof CLAIM_REJECT_CODES;

/** Description of any code this service returns (service codes, then the benefit rules' codes). */
export function rejectDescription(code: string): string {
  return (
    (CLAIM_REJECT_CODES as Record<string, string>)[code] ??
    (RULE_REJECT_CODES as Record<string, string>)[code] ??
    'Rejected'
  );
}

/** D.0 carries at most five reject codes per transaction. */
export const MAX_REJECT_CODES = 5;
