/**
 * A D.0 request read the way a processor must: field conformance first (conformance.ts), then the typed
 * layer. A header, Insurance or Patient field that does not conform refuses the transmission with the
 * fields' own reject codes; a transaction whose fields do not conform is read as empty and its findings are
 * returned, so the processor rejects that transaction alone with the field's code.
 */
import { checkConformance, type FieldFinding } from './conformance';
import { NcpdpParseError } from './errors';
import { parseMessage } from './parse';
import {
  assertNotResponse,
  type NcpdpRequest,
  TRANSACTION_SLOTS,
  TRANSMISSION_SLOTS,
  toTypedRequest,
} from './request';
import type { ParseLimits, RawRequest } from './types';

export interface CheckedRequest {
  request: NcpdpRequest;
  /** Per transaction: the field findings that reject it (empty when it conforms). */
  fieldRejects: FieldFinding[][];
}

/** D.0 answers carry at most five reject codes. */
const MAX_CODES = 5;

export function rejectCodesOf(findings: FieldFinding[]): string[] {
  return [...new Set(findings.map((f) => f.rejectCode))].slice(0, MAX_CODES);
}

/** Parses and checks a D.0 request. Throws only NcpdpParseError (with `rejectCodes` for field findings). */
export function parseCheckedRequest(input: Uint8Array | string, limits: ParseLimits = {}): CheckedRequest {
  assertNotResponse(input);
  const raw = parseMessage(input, { ...limits, kind: 'request' }) as RawRequest;
  const findings = checkConformance(raw, TRANSMISSION_SLOTS, TRANSACTION_SLOTS);
  const first = findings.transmission[0];
  if (first) {
    const count = first.fieldId === 'A9' && first.segment === 'header';
    throw new NcpdpParseError(
      count ? 'TRANSACTION_COUNT_MISMATCH' : 'INVALID_VALUE',
      findings.transmission.map((f) => f.message).join('; '),
      {
        offset: first.offset,
        segment: first.segment,
        field: first.fieldId,
        rejectCodes: rejectCodesOf(findings.transmission),
      },
    );
  }
  const trusted: RawRequest = {
    ...raw,
    transactions: raw.transactions.map((t, i) => (findings.transactions[i]?.length ? { segments: [] } : t)),
  };
  return { request: toTypedRequest(trusted), fieldRejects: findings.transactions };
}
