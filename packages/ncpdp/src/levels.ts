/**
 * Maps a list of generic segments (one transmission or transaction level) to named typed slots and back.
 * Emit order is the slot order (the order D.0 payer sheets list segments), then `otherSegments`.
 */
import { NcpdpBuildError } from './errors';
import { decodeSegment, encodeSegment, type SegmentDef } from './segment-codec';
import type { PassthroughSegment, RawField, RawSegment } from './types';

export type Slot =
  | { key: string; def: SegmentDef }
  /** Kept as raw fields (e.g. Compound): the typed model does not interpret it. */
  | { key: string; passthroughId: string };

const slotId = (slot: Slot): string => ('def' in slot ? slot.def.id : slot.passthroughId);

// Field ids and values are validated by the generic serializer; here only the shape.
function copyFields(fields: unknown[], path: string): RawField[] {
  return fields.map((f, i) => {
    if (typeof f !== 'object' || f === null)
      throw new NcpdpBuildError(`${path}[${i}]`, 'must be { id, value }');
    const field = f as RawField;
    return { id: field.id, value: field.value };
  });
}

const stripOffsets = (segment: RawSegment): PassthroughSegment => ({
  id: segment.id,
  fields: segment.fields.map((f) => ({ id: f.id, value: f.value })),
});

/** Typed values keyed by slot plus `otherSegments` for unnamed or repeated segments. */
export function decodeLevel(
  segments: RawSegment[],
  slots: readonly Slot[],
  path: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const other: PassthroughSegment[] = [];
  for (const segment of segments) {
    const slot = slots.find((s) => slotId(s) === segment.id);
    if (!slot || out[slot.key] !== undefined) {
      other.push(stripOffsets(segment));
      continue;
    }
    out[slot.key] =
      'def' in slot
        ? decodeSegment(slot.def, segment, `${path}.${slot.key}`)
        : { fields: stripOffsets(segment).fields };
  }
  if (other.length > 0) out.otherSegments = other;
  return out;
}

export function encodeLevel(
  value: Record<string, unknown>,
  slots: readonly Slot[],
  allowedKeys: readonly string[],
  path: string,
): RawSegment[] {
  for (const key of Object.keys(value)) {
    if (value[key] !== undefined && !allowedKeys.includes(key) && !slots.some((s) => s.key === key)) {
      throw new NcpdpBuildError(`${path}.${key}`, 'is not a segment at this level');
    }
  }
  const out: RawSegment[] = [];
  for (const slot of slots) {
    const slotValue = value[slot.key];
    if (slotValue === undefined) continue;
    const slotPath = `${path}.${slot.key}`;
    if ('def' in slot) {
      out.push(encodeSegment(slot.def, slotValue as object, slotPath));
    } else {
      const fields = (slotValue as { fields?: unknown }).fields;
      if (!Array.isArray(fields)) throw new NcpdpBuildError(`${slotPath}.fields`, 'must be an array');
      out.push({ id: slot.passthroughId, fields: copyFields(fields, `${slotPath}.fields`) });
    }
  }
  const other = value.otherSegments;
  if (other !== undefined) {
    if (!Array.isArray(other)) throw new NcpdpBuildError(`${path}.otherSegments`, 'must be an array');
    other.forEach((segment: PassthroughSegment, i) => {
      const segPath = `${path}.otherSegments[${i}]`;
      if (typeof segment !== 'object' || segment === null || !Array.isArray(segment.fields)) {
        throw new NcpdpBuildError(segPath, 'must be { id, fields[] }');
      }
      // Same id as an empty named slot would move into that slot on re-parse and change the bytes.
      const slot = slots.find((s) => slotId(s) === segment.id);
      if (slot && value[slot.key] === undefined) {
        throw new NcpdpBuildError(`${segPath}.id`, `segment ${segment.id} belongs in ${slot.key}`);
      }
      out.push({ id: segment.id, fields: copyFields(segment.fields, `${segPath}.fields`) });
    });
  }
  return out;
}
