/**
 * @openpbm/ncpdp: NCPDP Telecommunication Standard vD.0 parser/serializer (pure, no I/O).
 *
 * Two layers:
 * - generic, lossless: parseMessage / buildMessage (header + ordered segments of ordered fields);
 *   buildMessage(parseMessage(b)) reproduces b byte for byte.
 * - typed: parseRequest / buildRequest, parseResponse / buildResponse with named fields, money in integer
 *   cents, quantities in thousandths, ISO dates; plus buildAdjudicationResponse for the benefits engine.
 * Sources for the format are cited at the top of constants.ts, header.ts, fields.ts and segments-*.ts.
 */
export * from './adjudication';
export * from './build';
export * from './cob';
export * from './conformance';
export * from './conformance-rules';
export * from './constants';
export * from './errors';
export {
  decodeDate,
  decodeFieldValue,
  decodeQuantity,
  encodeDate,
  encodeFieldValue,
  encodeQuantity,
  type FieldDef,
  type FieldKind,
  type GroupDef,
  type KindValue,
  type SegmentItem,
} from './fields';
export {
  fromRequestHeader,
  fromResponseHeader,
  REQUEST_HEADER_LENGTH,
  RESPONSE_HEADER_LENGTH,
  toRequestHeader,
  toResponseHeader,
} from './header';
export * from './overpunch';
export { parseMessage, peekRequestHeader } from './parse';
export * from './request';
export * from './request-checked';
export * from './response';
export * from './segment-codec';
export * from './segments-request';
export * from './segments-response';
export * from './structure';
export { bytesToText, textToBytes, visualize } from './text';
export type * from './types';
