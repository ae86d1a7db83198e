/**
 * NCPDP Telecommunication Standard vD.0: framing characters, segment identifiers and codes.
 *
 * Sources (the standard itself is sold by NCPDP; these facts are from public material):
 * - Framing: segment separator RS 0x1E, field separator FS 0x1C, group separator GS 0x1D; a segment is
 *   RS + FS + "AM" + 2-digit segment id; a field is FS + 2-char field id + value; no terminators.
 *   (datainsight.health "NCPDP separators"/"headers", mirrored in github.com/eduardonunesp/ncpdp-telecom-fmt-book
 *   docs/separators.md; github.com/transactrx/NCPDPSerDe pkg/ncpdp/constants.go.)
 * - Transmission level segments come first; each transaction's segments follow a GS
 *   (github.com/cosyte/ncpdp docs-content/spec-notes-telecom.md; transactrx request/billing.go, response/billing.go).
 * - Segment ids 01-16 (request) and 20-29 (response) per the D.0 field lists in transactrx/NCPDPSerDe and
 *   higher-pixels/ncpdp, summarised in eduardonunesp/ncpdp-telecom-fmt-book docs/segments-reference.md.
 */

export const FIELD_SEPARATOR = '\x1c';
export const GROUP_SEPARATOR = '\x1d';
export const SEGMENT_SEPARATOR = '\x1e';

export const VERSION_D0 = 'D0';

/** Transaction codes (103-A3) a PBM handles. Others still parse in the generic layer. */
export const TransactionCode = {
  eligibility: 'E1',
  billing: 'B1',
  reversal: 'B2',
  rebill: 'B3',
} as const;

/** Segment identification (111-AM) values. */
export const SegmentId = {
  patient: '01',
  pharmacyProvider: '02',
  prescriber: '03',
  insurance: '04',
  coordinationOfBenefits: '05',
  workersCompensation: '06',
  claim: '07',
  durPps: '08',
  coupon: '09',
  compound: '10',
  pricing: '11',
  priorAuthorization: '12',
  clinical: '13',
  additionalDocumentation: '14',
  facility: '15',
  narrative: '16',
  purchaser: '17',
  serviceProvider: '18',
  intermediary: '19',
  responseMessage: '20',
  responseStatus: '21',
  responseClaim: '22',
  responsePricing: '23',
  responseDurPps: '24',
  responseInsurance: '25',
  responsePriorAuthorization: '26',
  responseInsuranceAdditionalInformation: '27',
  responseCoordinationOfBenefits: '28',
  responsePatient: '29',
  responseIntermediary: '36',
  lastKnown4Rx: '37',
} as const;

/**
 * Every segment id the standard defines, by name. Anything else (a switch vendor's "AMXX", or AM96-AM99) is a
 * vendor segment: kept, logged by id, never interpreted. AM17-19, 36 and 37 come from the segment list of a
 * public D.0 configuration (github: NCPDP_D0_Config segment names); their field lists are not public, so
 * they are parsed as generic fields only.
 */
export const STANDARD_SEGMENTS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(SegmentId).map(([name, id]) => [id, name]),
);

export const isStandardSegmentId = (id: string): boolean => id in STANDARD_SEGMENTS;

/** Header Response Status (501-F1): was the transmission as a whole accepted. */
export type HeaderResponseStatus = 'A' | 'R';

/** Transaction Response Status (112-AN) values. */
export const TransactionResponseStatus = {
  paid: 'P',
  duplicateOfPaid: 'D',
  rejected: 'R',
  approved: 'A',
  captured: 'C',
  duplicateOfApproved: 'S',
  duplicateOfCapture: 'Q',
} as const;

/** Default parser limits: well above a 4-transaction D.0 claim with compounds, far below anything costly. */
export const DEFAULT_LIMITS = {
  maxBytes: 64 * 1024,
  maxSegments: 100,
  maxFieldsPerSegment: 400,
  maxTransactions: 9,
} as const;
