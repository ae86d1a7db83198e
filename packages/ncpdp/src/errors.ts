export type NcpdpParseErrorCode =
  | 'TOO_LARGE'
  | 'INVALID_CHARACTER'
  | 'TRUNCATED_HEADER'
  | 'UNRECOGNIZED_HEADER'
  | 'UNSUPPORTED_VERSION'
  | 'WRONG_MESSAGE_KIND'
  | 'INVALID_HEADER_FIELD'
  | 'UNEXPECTED_BYTE'
  | 'MISSING_SEGMENT_ID'
  | 'INVALID_SEGMENT_ID'
  | 'INVALID_FIELD_ID'
  | 'TOO_MANY_SEGMENTS'
  | 'TOO_MANY_FIELDS'
  | 'TOO_MANY_TRANSACTIONS'
  | 'TRANSACTION_COUNT_MISMATCH'
  | 'INVALID_VALUE';

export interface NcpdpParseErrorDetails {
  /** Byte offset in the message where the problem starts. */
  offset: number;
  /** Segment identification, e.g. "AM07", when the problem is inside a segment. */
  segment?: string;
  /** Two-character field id, e.g. "E7", or a header field name. */
  field?: string;
  /** Path in the typed model, e.g. "transactions[0].claim.quantityDispensed". */
  path?: string;
  /** The fields' own reject codes (511-FB) when a field-conformance check refused the transmission. */
  rejectCodes?: string[];
}

/**
 * The only error the parsers throw. Messages name fields and offsets, never values: a field value may be
 * health data and these errors end up in logs and problem+json bodies.
 */
export class NcpdpParseError extends Error {
  override readonly name = 'NcpdpParseError';
  readonly code: NcpdpParseErrorCode;
  readonly offset: number;
  readonly segment: string | undefined;
  readonly field: string | undefined;
  readonly path: string | undefined;
  readonly rejectCodes: string[] | undefined;

  constructor(code: NcpdpParseErrorCode, message: string, details: NcpdpParseErrorDetails) {
    super(`${message} (at byte ${details.offset})`);
    this.code = code;
    this.offset = details.offset;
    this.segment = details.segment;
    this.field = details.field;
    this.path = details.path;
    this.rejectCodes = details.rejectCodes;
  }
}

/** Thrown by the builders when the input cannot be encoded (too long, out of range, separator in a value). */
export class NcpdpBuildError extends Error {
  override readonly name = 'NcpdpBuildError';
  /** Where in the input object, e.g. "transactions[0].pricing.grossAmountDue". */
  readonly path: string;

  constructor(path: string, message: string) {
    super(`${path}: ${message}`);
    this.path = path;
  }
}
