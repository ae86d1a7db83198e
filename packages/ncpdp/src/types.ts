import type { HeaderResponseStatus } from './constants';
import type { FieldDef, GroupDef, KindValue, SegmentItem } from './fields';

// ---- generic, lossless layer ----------------------------------------------------------------------------

/** One field as on the wire: FS + id + value. `offset` (of the FS byte) is set by the parser only. */
export interface RawField {
  id: string;
  value: string;
  offset?: number;
}

/** One segment: RS + FS + "AM" + id, then its fields in wire order. `id` is the two digits, e.g. "07". */
export interface RawSegment {
  id: string;
  fields: RawField[];
  offset?: number;
}

/** Segments after one group separator (GS). */
export interface RawTransaction {
  segments: RawSegment[];
  offset?: number;
}

/** Fixed-width request header (56 bytes); values without their trailing pad spaces. */
export interface RawRequestHeader {
  bin: string;
  version: string;
  transactionCode: string;
  processorControlNumber: string;
  transactionCount: string;
  serviceProviderIdQualifier: string;
  serviceProviderId: string;
  dateOfService: string;
  softwareVendorCertificationId: string;
}

/** Fixed-width response header (31 bytes); values without their trailing pad spaces. */
export interface RawResponseHeader {
  version: string;
  transactionCode: string;
  transactionCount: string;
  headerResponseStatus: string;
  serviceProviderIdQualifier: string;
  serviceProviderId: string;
  dateOfService: string;
}

interface RawBody {
  /** Transmission-level segments (before the first GS). */
  segments: RawSegment[];
  /** One entry per GS, in order. */
  transactions: RawTransaction[];
}

export interface RawRequest extends RawBody {
  kind: 'request';
  header: RawRequestHeader;
}

export interface RawResponse extends RawBody {
  kind: 'response';
  header: RawResponseHeader;
}

export type RawMessage = RawRequest | RawResponse;

export interface ParseLimits {
  maxBytes?: number;
  maxSegments?: number;
  maxFieldsPerSegment?: number;
  maxTransactions?: number;
}

export interface ParseOptions extends ParseLimits {
  /** Expect this kind; otherwise it is told from the header (BIN+"D0" = request, "D0"+status = response). */
  kind?: 'request' | 'response';
}

// ---- typed layer ------------------------------------------------------------------------------------------

type Prettify<T> = { [K in keyof T]: T[K] } & {};

type FieldValues<F extends FieldDef> = { [D in F as D['key']]?: KindValue<D['kind']> };

type GroupValues<G extends GroupDef> = {
  [D in G as D['key']]?: Array<Prettify<FieldValues<D['fields'][number]>>>;
};

/** The typed value of a segment defined by `Items`: optional named fields, arrays for repeating groups. */
export type SegmentValues<Items extends readonly SegmentItem[]> = Prettify<
  FieldValues<Extract<Items[number], FieldDef>> &
    GroupValues<Extract<Items[number], GroupDef>> & {
      /** Fields this model does not name, kept in wire order and re-emitted after the named ones. */
      extra?: RawField[];
    }
>;

/** Request header in the typed layer. Version is always D0; the transaction count is derived. */
export interface RequestHeader {
  /** 101-A1, 6 digits. */
  bin: string;
  /** 103-A3, e.g. "B1". */
  transactionCode: string;
  /** 104-A4, up to 10 characters ("" when none). */
  processorControlNumber: string;
  /** 202-B2, e.g. "01" = NPI. */
  serviceProviderIdQualifier: string;
  /** 201-B1, up to 15 characters. */
  serviceProviderId: string;
  /** 401-D1, ISO date. */
  dateOfService: string;
  /** 110-AK, up to 10 characters. */
  softwareVendorCertificationId: string;
}

/** Response header in the typed layer. Version is always D0; the transaction count is derived. */
export interface ResponseHeader {
  transactionCode: string;
  /** 501-F1: A = transmission accepted, R = transmission rejected. */
  headerResponseStatus: HeaderResponseStatus;
  serviceProviderIdQualifier: string;
  serviceProviderId: string;
  /** ISO date. */
  dateOfService: string;
}

/** A segment the typed model keeps as-is (compound, coupon, COB, unknown ids). */
export interface PassthroughSegment {
  id: string;
  fields: RawField[];
}
