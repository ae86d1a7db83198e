/** Generic D.0 serializer: the exact inverse of parseMessage. */
import { FIELD_SEPARATOR, GROUP_SEPARATOR, SEGMENT_SEPARATOR } from './constants';
import { NcpdpBuildError } from './errors';
import { textProblem } from './fields';
import { formatRawRequestHeader, formatRawResponseHeader } from './header';
import { textToBytes } from './text';
import type { RawMessage, RawSegment } from './types';

const FIELD_ID = /^[0-9A-Z]{2}$/;
// As the parser: vendor segment ids may carry letters ("AMXX"), so a parsed message always rebuilds.
const SEGMENT_CODE = /^[0-9A-Z]{2}$/;
// No D.0 field is anywhere near this long; it only stops a runaway value from making a huge message.
const MAX_VALUE_LENGTH = 10_000;

function formatSegment(segment: RawSegment, path: string): string {
  if (typeof segment.id !== 'string' || !SEGMENT_CODE.test(segment.id)) {
    throw new NcpdpBuildError(`${path}.id`, 'segment id must be 2 characters A-Z/0-9');
  }
  let out = `${SEGMENT_SEPARATOR}${FIELD_SEPARATOR}AM${segment.id}`;
  segment.fields.forEach((field, index) => {
    const fieldPath = `${path}.fields[${index}]`;
    if (typeof field.id !== 'string' || !FIELD_ID.test(field.id)) {
      throw new NcpdpBuildError(`${fieldPath}.id`, 'field id must be 2 characters A-Z/0-9');
    }
    if (typeof field.value !== 'string') throw new NcpdpBuildError(`${fieldPath}.value`, 'must be a string');
    const problem = textProblem(field.value, MAX_VALUE_LENGTH);
    if (problem) throw new NcpdpBuildError(`${fieldPath}.value`, problem);
    out += `${FIELD_SEPARATOR}${field.id}${field.value}`;
  });
  return out;
}

/** Serializes the generic model to wire text (one char per byte). Offsets in the input are ignored. */
export function formatMessage(message: RawMessage): string {
  let out =
    message.kind === 'request'
      ? formatRawRequestHeader(message.header)
      : formatRawResponseHeader(message.header);
  message.segments.forEach((segment, index) => {
    out += formatSegment(segment, `segments[${index}]`);
  });
  message.transactions.forEach((transaction, t) => {
    out += GROUP_SEPARATOR;
    transaction.segments.forEach((segment, index) => {
      out += formatSegment(segment, `transactions[${t}].segments[${index}]`);
    });
  });
  return out;
}

/** Serializes the generic model to bytes. Throws NcpdpBuildError for values that cannot go on the wire. */
export function buildMessage(message: RawMessage): Uint8Array {
  return textToBytes(formatMessage(message));
}
