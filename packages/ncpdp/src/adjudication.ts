/**
 * Builds a D.0 response from an adjudication outcome (what the benefits engine produces), so callers do not
 * deal with count fields, status letters or message line splitting.
 */
import { NcpdpBuildError } from './errors';
import { decodeDate } from './fields';
import { peekRequestHeader } from './parse';
import { buildResponse, type NcpdpResponse, type ResponseTransaction } from './response';
import type {
  ResponseDurAlert,
  ResponseInsuranceSegment,
  ResponseOtherPayer,
  ResponsePatientSegment,
  ResponsePricingSegment,
  ResponsePriorAuthorizationSegment,
  ResponseStatusSegment,
} from './segments-response';
import type { RequestHeader } from './types';

export type AdjudicationStatus =
  | 'paid'
  | 'duplicate-paid'
  | 'rejected'
  | 'accepted'
  | 'duplicate-accepted'
  | 'captured'
  | 'duplicate-captured'
  | 'deferred';

/**
 * 112-AN letter for each outcome. "accepted" is the approval of an E1, a reversal or a PA request; "deferred"
 * (F) a prior authorization request pended for review.
 */
export const STATUS_CODES: Record<AdjudicationStatus, string> = {
  paid: 'P',
  'duplicate-paid': 'D',
  rejected: 'R',
  accepted: 'A',
  'duplicate-accepted': 'S',
  captured: 'C',
  'duplicate-captured': 'Q',
  deferred: 'F',
};

export interface AdjudicationTransaction {
  status: AdjudicationStatus;
  /** NCPDP reject codes (511-FB), 1 to 5, required when rejected and not allowed otherwise. */
  rejectCodes?: string[];
  authorizationNumber?: string;
  /** Free text for the pharmacist; split into 40-character Additional Message lines (at most 9 lines). */
  messages?: string[];
  helpDesk?: { qualifier: string; phoneNumber: string };
  /** Echo of the claim's Rx number (402-D2); emits the Response Claim segment. */
  prescriptionServiceReferenceNumber?: string;
  /** 455-EM, "1" = Rx billing (default). */
  prescriptionServiceReferenceNumberQualifier?: string;
  /** Required for paid outcomes. Amounts in integer cents. */
  pricing?: ResponsePricingSegment;
  dur?: ResponseDurAlert[];
  priorAuthorization?: ResponsePriorAuthorizationSegment;
  /** Response COB / Other Payers (AM28): at most 3. */
  otherPayers?: ResponseOtherPayer[];
  transactionReferenceNumber?: string;
}

export interface AdjudicationResponseInput {
  /** The request header being answered: the response echoes these. */
  request: Pick<
    RequestHeader,
    'transactionCode' | 'serviceProviderIdQualifier' | 'serviceProviderId' | 'dateOfService'
  >;
  /** Rejected = the transmission as a whole (header level); then every transaction must be rejected. */
  transmission?: 'accepted' | 'rejected';
  /** Response Message (504-F4), up to 200 characters. */
  message?: string;
  insurance?: ResponseInsuranceSegment;
  patient?: ResponsePatientSegment;
  transactions: AdjudicationTransaction[];
}

const MESSAGE_LINE = 40;
const MAX_MESSAGE_LINES = 9;
const REJECT_CODE = /^[0-9A-Z]{1,3}$/;

/** Splits text into lines of at most 40 characters, at spaces where possible. */
export function splitMessageLines(textValue: string, width = MESSAGE_LINE): string[] {
  const lines: string[] = [];
  let rest = textValue.trim();
  while (rest.length > width) {
    const space = rest.lastIndexOf(' ', width);
    const cut = space > 0 ? space : width;
    lines.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest.length > 0) lines.push(rest);
  return lines;
}

type AdditionalMessage = NonNullable<ResponseStatusSegment['additionalMessages']>[number];

function additionalMessages(messages: string[], path: string): AdditionalMessage[] {
  const out: AdditionalMessage[] = [];
  messages.forEach((message, m) => {
    if (typeof message !== 'string') throw new NcpdpBuildError(`${path}[${m}]`, 'must be a string');
    const lines = splitMessageLines(message);
    lines.forEach((line, i) => {
      const entry: AdditionalMessage = { qualifier: String(out.length + 1).padStart(2, '0'), text: line };
      if (i < lines.length - 1) entry.continuity = '+';
      out.push(entry);
    });
  });
  if (out.length > MAX_MESSAGE_LINES) {
    throw new NcpdpBuildError(path, `messages need ${out.length} lines; at most ${MAX_MESSAGE_LINES} fit`);
  }
  return out;
}

function statusSegment(t: AdjudicationTransaction, path: string): ResponseStatusSegment {
  const code = STATUS_CODES[t.status];
  if (!code) throw new NcpdpBuildError(`${path}.status`, 'unknown adjudication status');
  const rejectCodes = t.rejectCodes ?? [];
  if (t.status === 'rejected' && rejectCodes.length === 0) {
    throw new NcpdpBuildError(`${path}.rejectCodes`, 'a rejected transaction needs at least one reject code');
  }
  if (t.status !== 'rejected' && rejectCodes.length > 0) {
    throw new NcpdpBuildError(`${path}.rejectCodes`, 'only a rejected transaction carries reject codes');
  }
  rejectCodes.forEach((rejectCode, i) => {
    if (typeof rejectCode !== 'string' || !REJECT_CODE.test(rejectCode)) {
      throw new NcpdpBuildError(`${path}.rejectCodes[${i}]`, 'reject code must be 1-3 characters A-Z/0-9');
    }
  });
  const status: ResponseStatusSegment = { transactionResponseStatus: code };
  if (t.authorizationNumber !== undefined) status.authorizationNumber = t.authorizationNumber;
  if (rejectCodes.length > 0) status.rejects = rejectCodes.map((c) => ({ code: c }));
  if (t.messages && t.messages.length > 0) {
    status.additionalMessages = additionalMessages(t.messages, `${path}.messages`);
  }
  if (t.helpDesk) {
    status.helpDeskPhoneNumberQualifier = t.helpDesk.qualifier;
    status.helpDeskPhoneNumber = t.helpDesk.phoneNumber;
  }
  if (t.transactionReferenceNumber !== undefined)
    status.transactionReferenceNumber = t.transactionReferenceNumber;
  return status;
}

function responseTransaction(t: AdjudicationTransaction, path: string): ResponseTransaction {
  if (typeof t !== 'object' || t === null) throw new NcpdpBuildError(path, 'must be an object');
  const out: ResponseTransaction = { status: statusSegment(t, path) };
  if (t.prescriptionServiceReferenceNumber !== undefined) {
    out.claim = {
      prescriptionServiceReferenceNumberQualifier: t.prescriptionServiceReferenceNumberQualifier ?? '1',
      prescriptionServiceReferenceNumber: t.prescriptionServiceReferenceNumber,
    };
  }
  if ((t.status === 'paid' || t.status === 'duplicate-paid') && !t.pricing) {
    throw new NcpdpBuildError(`${path}.pricing`, 'a paid transaction needs pricing');
  }
  if (t.pricing) out.pricing = t.pricing;
  if (t.dur && t.dur.length > 0) out.durPps = { alerts: t.dur };
  if (t.priorAuthorization) out.priorAuthorization = t.priorAuthorization;
  if (t.otherPayers && t.otherPayers.length > 0)
    out.coordinationOfBenefits = { otherPayers: t.otherPayers.slice(0, 3) };
  return out;
}

/** Adjudication outcome -> typed response (inspect it, or pass it to buildResponse). */
export function adjudicationResponse(input: AdjudicationResponseInput): NcpdpResponse {
  if (!Array.isArray(input.transactions) || input.transactions.length === 0) {
    throw new NcpdpBuildError('transactions', 'at least one transaction is needed');
  }
  const transmissionRejected = input.transmission === 'rejected';
  if (transmissionRejected && input.transactions.some((t) => t.status !== 'rejected')) {
    throw new NcpdpBuildError('transmission', 'a rejected transmission has only rejected transactions');
  }
  const response: NcpdpResponse = {
    header: {
      transactionCode: input.request.transactionCode,
      headerResponseStatus: transmissionRejected ? 'R' : 'A',
      serviceProviderIdQualifier: input.request.serviceProviderIdQualifier,
      serviceProviderId: input.request.serviceProviderId,
      dateOfService: input.request.dateOfService,
    },
    transactions: input.transactions.map((t, i) => responseTransaction(t, `transactions[${i}]`)),
  };
  if (input.message !== undefined) response.message = { message: input.message };
  if (input.insurance) response.insurance = input.insurance;
  if (input.patient) response.patient = input.patient;
  return response;
}

/** Adjudication outcome -> response bytes. Throws NcpdpBuildError. */
export function buildAdjudicationResponse(input: AdjudicationResponseInput): Uint8Array {
  return buildResponse(adjudicationResponse(input));
}

/**
 * Response bytes rejecting a transmission that could not be parsed (the TCP listener's answer to an
 * NcpdpParseError). Echoes whatever header fields can be read from the bytes; `today` (ISO) stands in for
 * an unreadable date of service and "B1" for an unreadable transaction code.
 */
export function buildTransmissionRejection(input: {
  bytes: Uint8Array | string;
  rejectCodes: string[];
  message?: string;
  today: string;
}): Uint8Array {
  const peeked = peekRequestHeader(input.bytes);
  const fits = (value: string | undefined, pattern: RegExp) =>
    value !== undefined && pattern.test(value) ? value : undefined;
  const request = {
    transactionCode: fits(peeked?.transactionCode, /^[0-9A-Z]{2}$/) ?? 'B1',
    serviceProviderIdQualifier: fits(peeked?.serviceProviderIdQualifier, /^[ -~]{0,2}$/) ?? '',
    serviceProviderId: fits(peeked?.serviceProviderId, /^[ -~]{0,15}$/) ?? '',
    dateOfService: (peeked && decodeDate(peeked.dateOfService)) ?? input.today,
  };
  const outcome: AdjudicationResponseInput = {
    request,
    transmission: 'rejected',
    transactions: [{ status: 'rejected', rejectCodes: input.rejectCodes }],
  };
  if (input.message !== undefined) outcome.message = input.message;
  return buildAdjudicationResponse(outcome);
}
