/**
 * Typed D.0 request (any transaction code): parse from bytes, build to bytes. Every request segment the
 * standard defines has a slot; segments whose field layout is not public (or nests groups: COB, Compound)
 * are kept as their raw fields. Unknown ids (vendor segments) and repeats go to `otherSegments`.
 */
import { buildMessage } from './build';
import { NcpdpBuildError, NcpdpParseError } from './errors';
import { fromRequestHeader, isRequestHeaderStart, isResponseHeaderStart, toRequestHeader } from './header';
import { decodeLevel, encodeLevel, type Slot } from './levels';
import { parseMessage } from './parse';
import {
  type AdditionalDocumentationSegment,
  additionalDocumentationSegment,
  type ClaimSegment,
  type ClinicalSegment,
  type CouponSegment,
  claimSegment,
  clinicalSegment,
  couponSegment,
  type DurPpsSegment,
  durPpsSegment,
  type FacilitySegment,
  facilitySegment,
  type InsuranceSegment,
  insuranceSegment,
  type NarrativeSegment,
  narrativeSegment,
  type PatientSegment,
  type PharmacyProviderSegment,
  type PrescriberSegment,
  type PricingSegment,
  type PriorAuthorizationSegment,
  patientSegment,
  pharmacyProviderSegment,
  prescriberSegment,
  pricingSegment,
  priorAuthorizationSegment,
  type WorkersCompensationSegment,
  workersCompensationSegment,
} from './segments-request';
import { bytesToText } from './text';
import type { ParseLimits, PassthroughSegment, RawField, RawRequest, RequestHeader } from './types';

/** A segment kept as its raw fields (the typed model does not name them). */
export interface RawFieldsSegment {
  fields: RawField[];
}

export interface RequestTransaction {
  claim?: ClaimSegment;
  pharmacyProvider?: PharmacyProviderSegment;
  prescriber?: PrescriberSegment;
  /** AM05: nested repeating groups per other payer, kept as raw fields. */
  coordinationOfBenefits?: RawFieldsSegment;
  workersCompensation?: WorkersCompensationSegment;
  durPps?: DurPpsSegment;
  coupon?: CouponSegment;
  pricing?: PricingSegment;
  /** AM10: nested repeating groups per ingredient, kept as raw fields. */
  compound?: RawFieldsSegment;
  priorAuthorization?: PriorAuthorizationSegment;
  clinical?: ClinicalSegment;
  additionalDocumentation?: AdditionalDocumentationSegment;
  facility?: FacilitySegment;
  narrative?: NarrativeSegment;
  purchaser?: RawFieldsSegment;
  serviceProvider?: RawFieldsSegment;
  intermediary?: RawFieldsSegment;
  lastKnown4Rx?: RawFieldsSegment;
  /** Vendor (unknown id) or repeated segments, in wire order, emitted after the named ones. */
  otherSegments?: PassthroughSegment[];
}

export interface NcpdpRequest {
  header: RequestHeader;
  insurance?: InsuranceSegment;
  patient?: PatientSegment;
  otherSegments?: PassthroughSegment[];
  /** One per GS group; the header's transaction count is derived from this. */
  transactions: RequestTransaction[];
}

export const TRANSMISSION_SLOTS: readonly Slot[] = [
  { key: 'insurance', def: insuranceSegment },
  { key: 'patient', def: patientSegment },
];

export const TRANSACTION_SLOTS: readonly Slot[] = [
  { key: 'claim', def: claimSegment },
  { key: 'pharmacyProvider', def: pharmacyProviderSegment },
  { key: 'prescriber', def: prescriberSegment },
  { key: 'durPps', def: durPpsSegment },
  { key: 'pricing', def: pricingSegment },
  { key: 'compound', passthroughId: '10' },
  { key: 'priorAuthorization', def: priorAuthorizationSegment },
  { key: 'clinical', def: clinicalSegment },
  { key: 'coordinationOfBenefits', passthroughId: '05' },
  { key: 'workersCompensation', def: workersCompensationSegment },
  { key: 'coupon', def: couponSegment },
  { key: 'additionalDocumentation', def: additionalDocumentationSegment },
  { key: 'facility', def: facilitySegment },
  { key: 'narrative', def: narrativeSegment },
  { key: 'purchaser', passthroughId: '17' },
  { key: 'serviceProvider', passthroughId: '18' },
  { key: 'intermediary', passthroughId: '19' },
  { key: 'lastKnown4Rx', passthroughId: '37' },
];

const slotIds = (slots: readonly Slot[]) =>
  new Set(slots.map((s) => ('def' in s ? s.def.id : s.passthroughId)));
/** Segment ids with a slot at each level: a further one of these at the same level is a repeat. */
export const TRANSMISSION_SEGMENT_IDS: ReadonlySet<string> = slotIds(TRANSMISSION_SLOTS);
export const TRANSACTION_SEGMENT_IDS: ReadonlySet<string> = slotIds(TRANSACTION_SLOTS);

function headText(input: Uint8Array | string, length: number): string {
  return typeof input === 'string' ? input.slice(0, length) : bytesToText(input.subarray(0, length));
}

/** Throws WRONG_MESSAGE_KIND when the bytes are a response. */
export function assertNotResponse(input: Uint8Array | string): void {
  const head = headText(input, 8);
  if (!isRequestHeaderStart(head) && isResponseHeaderStart(head)) {
    throw new NcpdpParseError('WRONG_MESSAGE_KIND', 'Expected a request but got a response header', {
      offset: 0,
    });
  }
}

/** Generic request -> typed request. Throws NcpdpParseError. */
export function toTypedRequest(raw: RawRequest): NcpdpRequest {
  // Leniency: a single transaction whose segments all sit at transmission level may come without a GS.
  const groups =
    raw.transactions.length === 0 && raw.header.transactionCount === '1'
      ? [{ segments: [] }]
      : raw.transactions;
  const header = toRequestHeader(raw.header, groups.length);
  return {
    header,
    ...decodeLevel(raw.segments, TRANSMISSION_SLOTS, 'request'),
    transactions: groups.map(
      (t, i) => decodeLevel(t.segments, TRANSACTION_SLOTS, `transactions[${i}]`) as RequestTransaction,
    ),
  };
}

/** Typed request -> generic request. Throws NcpdpBuildError. */
export function toRawRequest(request: NcpdpRequest): RawRequest {
  if (typeof request !== 'object' || request === null)
    throw new NcpdpBuildError('request', 'must be an object');
  if (!Array.isArray(request.transactions)) throw new NcpdpBuildError('transactions', 'must be an array');
  const { header, transactions, ...level } = request;
  return {
    kind: 'request',
    header: fromRequestHeader(header, transactions.length),
    segments: encodeLevel(level, TRANSMISSION_SLOTS, ['otherSegments'], 'request'),
    transactions: transactions.map((t, i) => ({
      segments: encodeLevel(
        t as Record<string, unknown>,
        TRANSACTION_SLOTS,
        ['otherSegments'],
        `transactions[${i}]`,
      ),
    })),
  };
}

/** Parses a D.0 request. Throws only NcpdpParseError. */
export function parseRequest(input: Uint8Array | string, limits: ParseLimits = {}): NcpdpRequest {
  assertNotResponse(input);
  const raw = parseMessage(input, { ...limits, kind: 'request' });
  return toTypedRequest(raw as RawRequest);
}

/** Builds a D.0 request (tests, benchmark, the pharmacy simulator). Throws NcpdpBuildError. */
export function buildRequest(request: NcpdpRequest): Uint8Array {
  return buildMessage(toRawRequest(request));
}
