/**
 * Generic, lossless D.0 parser: header, then transmission-level segments, then one group per GS.
 * Keeps every field, in order, with its exact text, so buildMessage(parseMessage(b)) reproduces b.
 */
import { DEFAULT_LIMITS } from './constants';
import { NcpdpParseError } from './errors';
import {
  isRequestHeaderStart,
  isResponseHeaderStart,
  parseRawRequestHeader,
  parseRawResponseHeader,
  peekRequestHeader as peekHeaderText,
  REQUEST_HEADER_LENGTH,
  RESPONSE_HEADER_LENGTH,
} from './header';
import { bytesToText, indexOfNonByte } from './text';
import type {
  ParseOptions,
  RawField,
  RawMessage,
  RawRequest,
  RawRequestHeader,
  RawResponse,
  RawSegment,
  RawTransaction,
} from './types';

const FS = 0x1c;
const GS = 0x1d;
const RS = 0x1e;
const FIELD_ID = /^[0-9A-Z]{2}$/;
// Two characters, not only digits: switch vendors add their own segments (e.g. "AMXX").
const SEGMENT_CODE = /^[0-9A-Z]{2}$/;

const isSeparator = (code: number): boolean => code === FS || code === GS || code === RS;

/** Input as one-char-per-byte text; a string input must already be in that form. */
export function toWireText(input: Uint8Array | string, maxBytes: number): string {
  const length = input.length;
  if (length > maxBytes) {
    throw new NcpdpParseError('TOO_LARGE', `Message is longer than ${maxBytes} bytes`, { offset: maxBytes });
  }
  if (typeof input !== 'string') return bytesToText(input);
  const bad = indexOfNonByte(input);
  if (bad >= 0) {
    throw new NcpdpParseError('INVALID_CHARACTER', 'Message text has a character that is not a byte', {
      offset: bad,
    });
  }
  return input;
}

const DIGITS_ONLY = /^\d*$/;

function detectKind(text: string, expected: ParseOptions['kind']): 'request' | 'response' {
  // A request starts with a 6-digit BIN: say so for garbage, rather than blame a separator or the length.
  if (expected === 'request' && !DIGITS_ONLY.test(text.slice(0, 6))) {
    throw new NcpdpParseError(
      'UNRECOGNIZED_HEADER',
      'Message does not start with a D.0 request header (a 6-digit BIN 101-A1, then D0)',
      { offset: 0, field: 'bin' },
    );
  }
  if (expected) return expected;
  if (isRequestHeaderStart(text)) return 'request';
  if (isResponseHeaderStart(text)) return 'response';
  if (text.length < RESPONSE_HEADER_LENGTH) {
    throw new NcpdpParseError('TRUNCATED_HEADER', 'Message is shorter than a D.0 header', {
      offset: text.length,
    });
  }
  throw new NcpdpParseError(
    'UNRECOGNIZED_HEADER',
    'Message does not start with a D.0 request or response header',
    {
      offset: 0,
    },
  );
}

function checkHeaderRegion(text: string, length: number): void {
  if (text.length < length) {
    throw new NcpdpParseError('TRUNCATED_HEADER', `Header is shorter than ${length} bytes`, {
      offset: text.length,
    });
  }
  for (let i = 0; i < length; i++) {
    if (isSeparator(text.charCodeAt(i))) {
      throw new NcpdpParseError('TRUNCATED_HEADER', `Separator inside the ${length}-byte header`, {
        offset: i,
      });
    }
  }
}

/** End of the token starting at `from`: index of the next separator, or the text length. */
function tokenEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length && !isSeparator(text.charCodeAt(i))) i++;
  return i;
}

interface Limits {
  maxSegments: number;
  maxFieldsPerSegment: number;
  maxTransactions: number;
}

function parseSegment(text: string, start: number, limits: Limits): { segment: RawSegment; end: number } {
  // text[start] is RS; the segment id field must follow: FS "AM" nn.
  let pos = start + 1;
  if (text.charCodeAt(pos) !== FS) {
    throw new NcpdpParseError('MISSING_SEGMENT_ID', 'Segment separator not followed by a field separator', {
      offset: pos,
    });
  }
  let end = tokenEnd(text, pos + 1);
  const first = text.slice(pos + 1, end);
  if (first.slice(0, 2) !== 'AM') {
    throw new NcpdpParseError(
      'MISSING_SEGMENT_ID',
      'Segment does not start with Segment Identification (AM)',
      {
        offset: pos,
      },
    );
  }
  const id = first.slice(2);
  if (!SEGMENT_CODE.test(id)) {
    throw new NcpdpParseError(
      'INVALID_SEGMENT_ID',
      'Segment Identification (AM) must be 2 characters A-Z/0-9',
      {
        offset: pos,
        field: 'AM',
      },
    );
  }
  const segmentName = `AM${id}`;
  const fields: RawField[] = [];
  pos = end;
  while (pos < text.length && text.charCodeAt(pos) === FS) {
    end = tokenEnd(text, pos + 1);
    const fieldId = text.slice(pos + 1, pos + 3);
    if (end - pos - 1 < 2 || !FIELD_ID.test(fieldId)) {
      throw new NcpdpParseError('INVALID_FIELD_ID', 'Field identifier must be 2 characters A-Z/0-9', {
        offset: pos,
        segment: segmentName,
      });
    }
    if (fields.length >= limits.maxFieldsPerSegment) {
      throw new NcpdpParseError(
        'TOO_MANY_FIELDS',
        `Segment has more than ${limits.maxFieldsPerSegment} fields`,
        {
          offset: pos,
          segment: segmentName,
        },
      );
    }
    fields.push({ id: fieldId, value: text.slice(pos + 3, end), offset: pos });
    pos = end;
  }
  return { segment: { id, fields, offset: start }, end: pos };
}

/**
 * Parses a D.0 request or response into the generic model. Throws only NcpdpParseError.
 * Limits (bytes, segments, fields per segment, transactions) bound the work done on hostile input.
 */
export function parseMessage(input: Uint8Array | string, options: ParseOptions = {}): RawMessage {
  const limits = { ...DEFAULT_LIMITS, ...stripUndefined(options) };
  const text = toWireText(input, limits.maxBytes);
  const kind = detectKind(text, options.kind);
  const headerLength = kind === 'request' ? REQUEST_HEADER_LENGTH : RESPONSE_HEADER_LENGTH;
  checkHeaderRegion(text, headerLength);
  const headerText = text.slice(0, headerLength);

  const segments: RawSegment[] = [];
  const transactions: RawTransaction[] = [];
  let current = segments;
  let segmentCount = 0;
  let pos = headerLength;
  while (pos < text.length) {
    const code = text.charCodeAt(pos);
    if (code === GS) {
      if (transactions.length >= limits.maxTransactions) {
        throw new NcpdpParseError(
          'TOO_MANY_TRANSACTIONS',
          `More than ${limits.maxTransactions} transactions`,
          {
            offset: pos,
          },
        );
      }
      const transaction: RawTransaction = { segments: [], offset: pos };
      transactions.push(transaction);
      current = transaction.segments;
      pos++;
      continue;
    }
    if (code !== RS) {
      throw new NcpdpParseError(
        'UNEXPECTED_BYTE',
        'Expected a segment separator (RS) or group separator (GS)',
        {
          offset: pos,
        },
      );
    }
    if (++segmentCount > limits.maxSegments) {
      throw new NcpdpParseError('TOO_MANY_SEGMENTS', `More than ${limits.maxSegments} segments`, {
        offset: pos,
      });
    }
    const { segment, end } = parseSegment(text, pos, limits);
    current.push(segment);
    pos = end;
  }

  if (kind === 'request') {
    const request: RawRequest = { kind, header: parseRawRequestHeader(headerText), segments, transactions };
    return request;
  }
  const response: RawResponse = { kind, header: parseRawResponseHeader(headerText), segments, transactions };
  return response;
}

function stripUndefined(options: ParseOptions): Partial<Limits & { maxBytes: number }> {
  const out: Partial<Limits & { maxBytes: number }> = {};
  if (options.maxBytes !== undefined) out.maxBytes = options.maxBytes;
  if (options.maxSegments !== undefined) out.maxSegments = options.maxSegments;
  if (options.maxFieldsPerSegment !== undefined) out.maxFieldsPerSegment = options.maxFieldsPerSegment;
  if (options.maxTransactions !== undefined) out.maxTransactions = options.maxTransactions;
  return out;
}

/**
 * Best-effort header of a request that failed to parse, to echo in a rejection. Undefined when the bytes
 * do not start with a D.0 request header.
 */
export function peekRequestHeader(input: Uint8Array | string): RawRequestHeader | undefined {
  const head =
    typeof input === 'string'
      ? input.slice(0, REQUEST_HEADER_LENGTH)
      : input.subarray(0, REQUEST_HEADER_LENGTH);
  const text = typeof head === 'string' ? head : bytesToText(head);
  return peekHeaderText(text);
}
