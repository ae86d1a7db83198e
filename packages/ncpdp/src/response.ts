/** Typed D.0 response: parse from bytes, build to bytes. */
import { buildMessage } from './build';
import { NcpdpBuildError, NcpdpParseError } from './errors';
import { fromResponseHeader, isRequestHeaderStart, toResponseHeader } from './header';
import { decodeLevel, encodeLevel, type Slot } from './levels';
import { parseMessage } from './parse';
import {
  type ResponseClaimSegment,
  type ResponseCoordinationOfBenefitsSegment,
  type ResponseDurPpsSegment,
  type ResponseInsuranceSegment,
  type ResponseMessageSegment,
  type ResponsePatientSegment,
  type ResponsePricingSegment,
  type ResponsePriorAuthorizationSegment,
  type ResponseStatusSegment,
  responseClaimSegment,
  responseCoordinationOfBenefitsSegment,
  responseDurPpsSegment,
  responseInsuranceSegment,
  responseMessageSegment,
  responsePatientSegment,
  responsePricingSegment,
  responsePriorAuthorizationSegment,
  responseStatusSegment,
} from './segments-response';
import { bytesToText } from './text';
import type { ParseLimits, PassthroughSegment, RawResponse, ResponseHeader } from './types';

export interface ResponseTransaction {
  status?: ResponseStatusSegment;
  claim?: ResponseClaimSegment;
  pricing?: ResponsePricingSegment;
  durPps?: ResponseDurPpsSegment;
  priorAuthorization?: ResponsePriorAuthorizationSegment;
  coordinationOfBenefits?: ResponseCoordinationOfBenefitsSegment;
  otherSegments?: PassthroughSegment[];
}

export interface NcpdpResponse {
  header: ResponseHeader;
  message?: ResponseMessageSegment;
  insurance?: ResponseInsuranceSegment;
  patient?: ResponsePatientSegment;
  otherSegments?: PassthroughSegment[];
  transactions: ResponseTransaction[];
}

const TRANSMISSION_SLOTS: readonly Slot[] = [
  { key: 'message', def: responseMessageSegment },
  { key: 'insurance', def: responseInsuranceSegment },
  { key: 'patient', def: responsePatientSegment },
];

const TRANSACTION_SLOTS: readonly Slot[] = [
  { key: 'status', def: responseStatusSegment },
  { key: 'claim', def: responseClaimSegment },
  { key: 'pricing', def: responsePricingSegment },
  { key: 'durPps', def: responseDurPpsSegment },
  { key: 'priorAuthorization', def: responsePriorAuthorizationSegment },
  { key: 'coordinationOfBenefits', def: responseCoordinationOfBenefitsSegment },
];

export function toTypedResponse(raw: RawResponse): NcpdpResponse {
  // Leniency: a single transaction whose segments all sit at transmission level may come without a GS.
  const groups =
    raw.transactions.length === 0 && raw.header.transactionCount === '1'
      ? [{ segments: [] }]
      : raw.transactions;
  const header = toResponseHeader(raw.header, groups.length);
  return {
    header,
    ...decodeLevel(raw.segments, TRANSMISSION_SLOTS, 'response'),
    transactions: groups.map(
      (t, i) => decodeLevel(t.segments, TRANSACTION_SLOTS, `transactions[${i}]`) as ResponseTransaction,
    ),
  };
}

export function toRawResponse(response: NcpdpResponse): RawResponse {
  if (typeof response !== 'object' || response === null)
    throw new NcpdpBuildError('response', 'must be an object');
  if (!Array.isArray(response.transactions)) throw new NcpdpBuildError('transactions', 'must be an array');
  const { header, transactions, ...level } = response;
  return {
    kind: 'response',
    header: fromResponseHeader(header, transactions.length),
    segments: encodeLevel(level, TRANSMISSION_SLOTS, ['otherSegments'], 'response'),
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

/** Parses a D.0 response. Throws only NcpdpParseError. */
export function parseResponse(input: Uint8Array | string, limits: ParseLimits = {}): NcpdpResponse {
  const head = typeof input === 'string' ? input.slice(0, 8) : bytesToText(input.subarray(0, 8));
  if (isRequestHeaderStart(head)) {
    throw new NcpdpParseError('WRONG_MESSAGE_KIND', 'Expected a response but got a request header', {
      offset: 0,
    });
  }
  const raw = parseMessage(input, { ...limits, kind: 'response' });
  return toTypedResponse(raw as RawResponse);
}

export function buildResponse(response: NcpdpResponse): Uint8Array {
  return buildMessage(toRawResponse(response));
}
