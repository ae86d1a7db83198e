/**
 * NCPDP Telecommunication D.0 reject codes (511-FB) this engine returns, in the order the rules run
 * (request sanity, eligibility, product, utilization management, plan limits, refill timing, DUR).
 */
export const REJECT_CODES = {
  E7: 'M/I Quantity Dispensed',
  '19': 'M/I Days Supply',
  '65': 'Patient Not Covered',
  '21': 'M/I Product/Service ID',
  '70': 'Product/Service Not Covered',
  '75': 'Prior Authorization Required',
  '608': 'Step Therapy, Alternate Drug Therapy Required Prior To Use Of Submitted Product Service ID',
  '76': 'Plan Limitations Exceeded',
  '79': 'Refill Too Soon',
  '88': 'DUR Reject Error',
} as const;

export type RejectCode = keyof typeof REJECT_CODES;

export const REJECT_CODE_ORDER: readonly RejectCode[] = [
  'E7',
  '19',
  '65',
  '21',
  '70',
  '75',
  '608',
  '76',
  '79',
  '88',
];

/** One reason a claim is rejected: the NCPDP code and a short message for the pharmacy (504-F4/526-FQ). */
export interface Rejection {
  code: RejectCode;
  message: string;
}

export function rejection(code: RejectCode, detail?: string): Rejection {
  return { code, message: detail ? `${REJECT_CODES[code]}: ${detail}` : REJECT_CODES[code] };
}
