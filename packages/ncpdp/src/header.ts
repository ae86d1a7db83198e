/**
 * Fixed-width D.0 transaction headers (no separators), alphanumerics left-justified and space-filled.
 * Request, 56 bytes: BIN 101-A1 (6), Version/Release 102-A2 (2), Transaction Code 103-A3 (2), Processor
 * Control Number 104-A4 (10), Transaction Count 109-A9 (1), Service Provider ID Qualifier 202-B2 (2),
 * Service Provider ID 201-B1 (15), Date of Service 401-D1 (8), Software Vendor/Certification ID 110-AK (10).
 * Response, 31 bytes: Version (2), Transaction Code (2), Transaction Count (1), Header Response Status
 * 501-F1 (1), Service Provider ID Qualifier (2), Service Provider ID (15), Date of Service (8).
 * (cosyte/ncpdp spec-notes-telecom*.md, transactrx/NCPDPSerDe pkg/ncpdp/header.go, datainsight.health.)
 */
import { VERSION_D0 } from './constants';
import { NcpdpBuildError, NcpdpParseError } from './errors';
import { decodeDate, encodeDate, textProblem } from './fields';
import { indexOfSeparator } from './text';
import type { RawRequestHeader, RawResponseHeader, RequestHeader, ResponseHeader } from './types';

type Layout<H> = readonly (readonly [keyof H & string, number])[];

const REQUEST_LAYOUT: Layout<RawRequestHeader> = [
  ['bin', 6],
  ['version', 2],
  ['transactionCode', 2],
  ['processorControlNumber', 10],
  ['transactionCount', 1],
  ['serviceProviderIdQualifier', 2],
  ['serviceProviderId', 15],
  ['dateOfService', 8],
  ['softwareVendorCertificationId', 10],
];

const RESPONSE_LAYOUT: Layout<RawResponseHeader> = [
  ['version', 2],
  ['transactionCode', 2],
  ['transactionCount', 1],
  ['headerResponseStatus', 1],
  ['serviceProviderIdQualifier', 2],
  ['serviceProviderId', 15],
  ['dateOfService', 8],
];

export const REQUEST_HEADER_LENGTH = 56;
export const RESPONSE_HEADER_LENGTH = 31;

const BIN = /^\d{6}$/;
const TRANSACTION_CODE = /^[0-9A-Z]{2}$/;
const TRAILING_SPACES = / +$/;

function offsetOf<H>(layout: Layout<H>, key: keyof H): number {
  let offset = 0;
  for (const [name, width] of layout) {
    if (name === key) return offset;
    offset += width;
  }
  return 0;
}

// Only pad spaces are removed (not tabs or NBSP), so padEnd restores the exact bytes.
function sliceLayout<H>(headerText: string, layout: Layout<H>): H {
  const out: Record<string, string> = {};
  let offset = 0;
  for (const [name, width] of layout) {
    out[name] = headerText.slice(offset, offset + width).replace(TRAILING_SPACES, '');
    offset += width;
  }
  return out as H;
}

function formatLayout<H>(header: H, layout: Layout<H>): string {
  let out = '';
  for (const [name, width] of layout) {
    const value = header[name];
    if (typeof value !== 'string') throw new NcpdpBuildError(`header.${name}`, 'must be a string');
    const problem = textProblem(value, width);
    if (problem) throw new NcpdpBuildError(`header.${name}`, problem);
    out += value.padEnd(width, ' ');
  }
  return out;
}

export const isRequestHeaderStart = (text: string): boolean =>
  BIN.test(text.slice(0, 6)) && text.slice(6, 8) === VERSION_D0;

export const isResponseHeaderStart = (text: string): boolean =>
  text.slice(0, 2) === VERSION_D0 && (text.charAt(5) === 'A' || text.charAt(5) === 'R');

/** Caller has checked the length and that no separator falls inside the header. */
export function parseRawRequestHeader(headerText: string): RawRequestHeader {
  if (!BIN.test(headerText.slice(0, 6))) {
    throw new NcpdpParseError('INVALID_HEADER_FIELD', 'BIN (101-A1) must be 6 digits', {
      offset: 0,
      field: 'bin',
    });
  }
  if (headerText.slice(6, 8) !== VERSION_D0) {
    throw new NcpdpParseError('UNSUPPORTED_VERSION', 'Version/Release (102-A2) must be D0', {
      offset: 6,
      field: 'version',
    });
  }
  return sliceLayout(headerText, REQUEST_LAYOUT);
}

export function parseRawResponseHeader(headerText: string): RawResponseHeader {
  if (headerText.slice(0, 2) !== VERSION_D0) {
    throw new NcpdpParseError('UNSUPPORTED_VERSION', 'Version/Release (102-A2) must be D0', {
      offset: 0,
      field: 'version',
    });
  }
  const status = headerText.charAt(5);
  if (status !== 'A' && status !== 'R') {
    throw new NcpdpParseError('INVALID_HEADER_FIELD', 'Header Response Status (501-F1) must be A or R', {
      offset: 5,
      field: 'headerResponseStatus',
    });
  }
  return sliceLayout(headerText, RESPONSE_LAYOUT);
}

export function formatRawRequestHeader(header: RawRequestHeader): string {
  if (!BIN.test(header.bin)) throw new NcpdpBuildError('header.bin', 'BIN must be 6 digits');
  if (header.version !== VERSION_D0) throw new NcpdpBuildError('header.version', 'must be D0');
  return formatLayout(header, REQUEST_LAYOUT);
}

export function formatRawResponseHeader(header: RawResponseHeader): string {
  if (header.version !== VERSION_D0) throw new NcpdpBuildError('header.version', 'must be D0');
  if (header.headerResponseStatus !== 'A' && header.headerResponseStatus !== 'R') {
    throw new NcpdpBuildError('header.headerResponseStatus', 'must be A or R');
  }
  return formatLayout(header, RESPONSE_LAYOUT);
}

// ---- typed header <-> raw header ----------------------------------------------------------------------

function checkCommon<H extends RawRequestHeader | RawResponseHeader>(
  raw: H,
  layout: Layout<H>,
  transactions: number,
): string {
  if (!TRANSACTION_CODE.test(raw.transactionCode)) {
    throw new NcpdpParseError('INVALID_HEADER_FIELD', 'Transaction Code (103-A3) is invalid', {
      offset: offsetOf(layout, 'transactionCode'),
      field: 'transactionCode',
    });
  }
  if (raw.transactionCount !== String(transactions)) {
    throw new NcpdpParseError(
      'TRANSACTION_COUNT_MISMATCH',
      `Transaction Count (109-A9) does not match the ${transactions} transaction group(s) present`,
      { offset: offsetOf(layout, 'transactionCount'), field: 'transactionCount' },
    );
  }
  const dateOfService = decodeDate(raw.dateOfService);
  if (dateOfService === undefined) {
    throw new NcpdpParseError('INVALID_HEADER_FIELD', 'Date of Service (401-D1) is not a CCYYMMDD date', {
      offset: offsetOf(layout, 'dateOfService'),
      field: 'dateOfService',
    });
  }
  return dateOfService;
}

export function toRequestHeader(raw: RawRequestHeader, transactions: number): RequestHeader {
  const dateOfService = checkCommon(raw, REQUEST_LAYOUT, transactions);
  return {
    bin: raw.bin,
    transactionCode: raw.transactionCode,
    processorControlNumber: raw.processorControlNumber,
    serviceProviderIdQualifier: raw.serviceProviderIdQualifier,
    serviceProviderId: raw.serviceProviderId,
    dateOfService,
    softwareVendorCertificationId: raw.softwareVendorCertificationId,
  };
}

export function toResponseHeader(raw: RawResponseHeader, transactions: number): ResponseHeader {
  const dateOfService = checkCommon(raw, RESPONSE_LAYOUT, transactions);
  return {
    transactionCode: raw.transactionCode,
    headerResponseStatus: raw.headerResponseStatus === 'R' ? 'R' : 'A',
    serviceProviderIdQualifier: raw.serviceProviderIdQualifier,
    serviceProviderId: raw.serviceProviderId,
    dateOfService,
  };
}

function typedCommon(transactionCode: string, dateOfService: string, transactions: number) {
  if (typeof transactionCode !== 'string' || !TRANSACTION_CODE.test(transactionCode)) {
    throw new NcpdpBuildError('header.transactionCode', 'must be 2 characters A-Z/0-9');
  }
  if (transactions < 1 || transactions > 9) {
    throw new NcpdpBuildError('transactions', 'must hold 1 to 9 transactions');
  }
  let wireDate: string;
  try {
    wireDate = encodeDate(dateOfService);
  } catch (error) {
    throw new NcpdpBuildError('header.dateOfService', (error as Error).message);
  }
  return { transactionCount: String(transactions), dateOfService: wireDate };
}

export function fromRequestHeader(header: RequestHeader, transactions: number): RawRequestHeader {
  const common = typedCommon(header.transactionCode, header.dateOfService, transactions);
  return {
    bin: header.bin,
    version: VERSION_D0,
    transactionCode: header.transactionCode,
    processorControlNumber: header.processorControlNumber,
    transactionCount: common.transactionCount,
    serviceProviderIdQualifier: header.serviceProviderIdQualifier,
    serviceProviderId: header.serviceProviderId,
    dateOfService: common.dateOfService,
    softwareVendorCertificationId: header.softwareVendorCertificationId,
  };
}

export function fromResponseHeader(header: ResponseHeader, transactions: number): RawResponseHeader {
  const common = typedCommon(header.transactionCode, header.dateOfService, transactions);
  return {
    version: VERSION_D0,
    transactionCode: header.transactionCode,
    transactionCount: common.transactionCount,
    headerResponseStatus: header.headerResponseStatus,
    serviceProviderIdQualifier: header.serviceProviderIdQualifier,
    serviceProviderId: header.serviceProviderId,
    dateOfService: common.dateOfService,
  };
}

/**
 * Best-effort read of a request header from bytes that failed to parse, so a rejection can echo the
 * transaction code, provider and date. Returns undefined when the start does not look like a D.0 request.
 */
export function peekRequestHeader(text: string): RawRequestHeader | undefined {
  if (text.length < REQUEST_HEADER_LENGTH || !isRequestHeaderStart(text)) return undefined;
  const headerText = text.slice(0, REQUEST_HEADER_LENGTH);
  if (indexOfSeparator(headerText) >= 0) return undefined;
  return sliceLayout(headerText, REQUEST_LAYOUT);
}
