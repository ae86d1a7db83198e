/**
 * Segment-level validation of a parsed request: required segments present, no standard segment repeated,
 * vendor segments noted. Pure; the processor turns the codes into a rejected transaction.
 *
 * Reject codes (511-FB) from the D.0 reject code list: PJ/PK "M/I Request Insurance/Patient Segment" (as
 * printed in USHIK's public copy of the list), PC "M/I Request Claim Segment", PP "M/I Request Pricing
 * Segment", R7 "Repeating Segment Not Allowed In Same Transaction" (public payer sheets).
 * PR "M/I Request Prior Authorization Segment" and PN "M/I Request Prescriber Segment" from the same list.
 * Required segments per transaction code follow the D.0 segment matrix as repeated in public payer sheets
 * (the prescriber is required on P1/P4 here because a PA case names its prescriber).
 */
import { isStandardSegmentId } from './constants';
import { type NcpdpRequest, TRANSACTION_SEGMENT_IDS, TRANSMISSION_SEGMENT_IDS } from './request';
import type { PassthroughSegment } from './types';

export const SEGMENT_REJECT_CODES = {
  missingInsurance: 'PJ',
  missingPatient: 'PK',
  missingClaim: 'PC',
  missingPricing: 'PP',
  missingPriorAuthorization: 'PR',
  missingPrescriber: 'PN',
  repeatedSegment: 'R7',
} as const;

interface Requirement {
  insurance?: boolean;
  claim?: boolean;
  pricing?: boolean;
  priorAuthorization?: boolean;
  prescriber?: boolean;
}

const BILLING: Requirement = { insurance: true, claim: true, pricing: true };

/** Mandatory segments of the transaction codes this processor validates (others are not checked here). */
const REQUIRED: Readonly<Record<string, Requirement>> = {
  E1: { insurance: true },
  B1: BILLING,
  B2: { claim: true },
  B3: BILLING,
  P1: { ...BILLING, priorAuthorization: true, prescriber: true },
  P2: { claim: true },
  P3: { insurance: true, claim: true },
  P4: { insurance: true, claim: true, priorAuthorization: true, prescriber: true },
  N1: BILLING,
  N2: { claim: true },
  N3: BILLING,
  S1: BILLING,
  S2: { claim: true },
  S3: BILLING,
  C1: { claim: true },
  C2: { claim: true },
  C3: { claim: true },
};

export interface StructureFindings {
  /** Reject codes for missing or repeated segments, in a stable order; empty when the structure is sound. */
  rejectCodes: string[];
  /** Ids of segments the standard does not define (switch vendors' own), transmission level first. */
  vendorSegments: string[];
}

const ids = (segments: PassthroughSegment[] | undefined) => (segments ?? []).map((s) => s.id);

/**
 * Findings for transaction `index`. The typed parser puts the first occurrence of a segment in its slot and
 * any further one in `otherSegments`, so a slot id found there is a repeat; an id the standard does not
 * define is a vendor segment. A standard segment at the wrong level is neither (it is ignored).
 */
export function checkStructure(request: NcpdpRequest, index: number): StructureFindings {
  const transaction = request.transactions[index] ?? {};
  const transmissionIds = ids(request.otherSegments);
  const transactionIds = ids(transaction.otherSegments);
  const required = REQUIRED[request.header.transactionCode] ?? {};
  const codes: string[] = [];
  if (required.insurance && !request.insurance) codes.push(SEGMENT_REJECT_CODES.missingInsurance);
  if (required.claim && !transaction.claim) codes.push(SEGMENT_REJECT_CODES.missingClaim);
  if (required.pricing && !transaction.pricing) codes.push(SEGMENT_REJECT_CODES.missingPricing);
  if (required.priorAuthorization && !transaction.priorAuthorization)
    codes.push(SEGMENT_REJECT_CODES.missingPriorAuthorization);
  if (required.prescriber && !transaction.prescriber) codes.push(SEGMENT_REJECT_CODES.missingPrescriber);
  const repeated =
    transmissionIds.some((id) => TRANSMISSION_SEGMENT_IDS.has(id)) ||
    transactionIds.some((id) => TRANSACTION_SEGMENT_IDS.has(id));
  if (repeated) codes.push(SEGMENT_REJECT_CODES.repeatedSegment);
  const vendorSegments = [...transmissionIds, ...transactionIds].filter((id) => !isStandardSegmentId(id));
  return { rejectCodes: codes, vendorSegments };
}

/** Vendor segment ids anywhere in the request, once each (for the log line; values are never logged). */
export function vendorSegmentIds(request: NcpdpRequest): string[] {
  const all = [request, ...request.transactions].flatMap((level) => ids(level.otherSegments));
  return [...new Set(all.filter((id) => !isStandardSegmentId(id)))];
}
