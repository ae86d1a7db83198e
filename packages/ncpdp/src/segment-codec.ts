/**
 * Typed segment <-> generic segment, driven by the declarative definitions in segments-*.ts.
 *
 * Repeating groups: a group with a counter field (e.g. J6) starts an occurrence at each counter; a group
 * with only a count field (e.g. FA) starts one at each occurrence's first ("lead") field, which the builder
 * therefore requires. That keeps build -> parse -> build byte-exact. Count and counter values are derived
 * from the array on build and only checked for being digits on parse.
 */
import { NcpdpBuildError, NcpdpParseError } from './errors';
import {
  decodeFieldValue,
  encodeFieldValue,
  type FieldDef,
  type GroupDef,
  type SegmentItem,
  textProblem,
} from './fields';
import type { RawField, RawSegment, SegmentValues } from './types';

export interface SegmentDef<Items extends readonly SegmentItem[] = readonly SegmentItem[]> {
  /** Segment identification (111-AM) value, e.g. "07". */
  readonly id: string;
  readonly name: string;
  readonly items: Items;
}

export function defineSegment<const Items extends readonly SegmentItem[]>(
  id: string,
  name: string,
  items: Items,
): SegmentDef<Items> {
  return { id, name, items };
}

/** Typed value of a segment definition. */
export type SegmentValue<S extends SegmentDef> = SegmentValues<S['items']>;

const isGroup = (item: SegmentItem): item is GroupDef => 'fields' in item;

type Entry =
  | { type: 'field'; def: FieldDef }
  | { type: 'count'; group: GroupDef }
  | { type: 'counter'; group: GroupDef }
  | { type: 'member'; group: GroupDef; def: FieldDef; lead: boolean };

interface Index {
  byId: Map<string, Entry>;
  keys: Set<string>;
}

const indexes = new WeakMap<SegmentDef, Index>();

function indexOf(def: SegmentDef): Index {
  let index = indexes.get(def);
  if (index) return index;
  const byId = new Map<string, Entry>();
  const keys = new Set<string>(['extra']);
  for (const item of def.items) {
    keys.add(item.key);
    if (!isGroup(item)) {
      byId.set(item.id, { type: 'field', def: item });
      continue;
    }
    if (item.countId) byId.set(item.countId, { type: 'count', group: item });
    if (item.counterId) byId.set(item.counterId, { type: 'counter', group: item });
    item.fields.forEach((field, position) => {
      byId.set(field.id, {
        type: 'member',
        group: item,
        def: field,
        lead: position === 0 && !item.counterId,
      });
    });
  }
  index = { byId, keys };
  indexes.set(def, index);
  return index;
}

// ---- encode ---------------------------------------------------------------------------------------------

function encodeField(def: FieldDef, value: unknown, path: string): RawField {
  try {
    return { id: def.id, value: encodeFieldValue(def, value) };
  } catch (error) {
    throw new NcpdpBuildError(path, `${def.id} ${(error as Error).message}`);
  }
}

function counterText(n: number, width: number, path: string): string {
  const digits = String(n).padStart(width, '0');
  if (digits.length > width) throw new NcpdpBuildError(path, 'too many occurrences');
  return digits;
}

function encodeGroup(group: GroupDef, value: unknown, path: string, out: RawField[]): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) throw new NcpdpBuildError(path, 'must be an array');
  if (value.length === 0) return;
  if (value.length > group.maxOccurrences) {
    throw new NcpdpBuildError(path, `at most ${group.maxOccurrences} occurrences`);
  }
  if (group.countId)
    out.push({ id: group.countId, value: counterText(value.length, group.countWidth, path) });
  const lead = group.fields[0];
  value.forEach((occurrence: unknown, i) => {
    const occPath = `${path}[${i}]`;
    if (typeof occurrence !== 'object' || occurrence === null)
      throw new NcpdpBuildError(occPath, 'must be an object');
    const record = occurrence as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (record[key] !== undefined && !group.fields.some((f) => f.key === key)) {
        throw new NcpdpBuildError(`${occPath}.${key}`, 'is not a field of this group');
      }
    }
    if (group.counterId) {
      out.push({ id: group.counterId, value: counterText(i + 1, group.countWidth, occPath) });
    } else if (lead && record[lead.key] === undefined) {
      throw new NcpdpBuildError(`${occPath}.${lead.key}`, 'is required in each occurrence');
    }
    for (const field of group.fields) {
      const fieldValue = record[field.key];
      if (fieldValue !== undefined) out.push(encodeField(field, fieldValue, `${occPath}.${field.key}`));
    }
  });
}

// An extra field may not carry an id the definition names, except as a duplicate of a named field that is
// set: otherwise a re-parse would move it into the named slot and the bytes would change.
function encodeExtra(def: SegmentDef, record: Record<string, unknown>, path: string, out: RawField[]): void {
  const extra = record.extra;
  if (extra === undefined) return;
  const { byId } = indexOf(def);
  if (!Array.isArray(extra)) throw new NcpdpBuildError(path, 'must be an array');
  extra.forEach((field: unknown, i) => {
    const f = field as Partial<RawField> | null;
    if (!f || typeof f.id !== 'string' || !/^[0-9A-Z]{2}$/.test(f.id) || f.id === 'AM') {
      throw new NcpdpBuildError(`${path}[${i}].id`, 'field id must be 2 characters A-Z/0-9 (not AM)');
    }
    const named = byId.get(f.id);
    if (named && !(named.type === 'field' && record[named.def.key] !== undefined)) {
      throw new NcpdpBuildError(`${path}[${i}].id`, `${f.id} is a named field of the ${def.name} segment`);
    }
    if (typeof f.value !== 'string') throw new NcpdpBuildError(`${path}[${i}].value`, 'must be a string');
    const problem = textProblem(f.value, 10_000);
    if (problem) throw new NcpdpBuildError(`${path}[${i}].value`, problem);
    out.push({ id: f.id, value: f.value });
  });
}

/** Typed segment -> generic segment: named fields in definition order, then `extra`. */
export function encodeSegment(def: SegmentDef, value: object, path: string): RawSegment {
  if (typeof value !== 'object' || value === null) throw new NcpdpBuildError(path, 'must be an object');
  const record = value as Record<string, unknown>;
  const { keys } = indexOf(def);
  for (const key of Object.keys(record)) {
    if (record[key] !== undefined && !keys.has(key)) {
      throw new NcpdpBuildError(`${path}.${key}`, `is not a field of the ${def.name} segment`);
    }
  }
  const fields: RawField[] = [];
  for (const item of def.items) {
    const itemPath = `${path}.${item.key}`;
    if (isGroup(item)) encodeGroup(item, record[item.key], itemPath, fields);
    else if (record[item.key] !== undefined) fields.push(encodeField(item, record[item.key], itemPath));
  }
  encodeExtra(def, record, `${path}.extra`, fields);
  return { id: def.id, fields };
}

// ---- decode ---------------------------------------------------------------------------------------------

interface GroupState {
  list: Record<string, unknown>[];
  current: Record<string, unknown> | undefined;
}

function decodeValue(
  def: FieldDef,
  segmentDef: SegmentDef,
  field: RawField,
  ctx: DecodeContext,
  path: string,
) {
  const value = decodeFieldValue(def, field.value);
  if (value === undefined) {
    throw new NcpdpParseError(
      'INVALID_VALUE',
      `${segmentDef.name} field ${def.key} (${def.id}) is not a valid ${def.kind}`,
      { offset: field.offset ?? ctx.segmentOffset, segment: `AM${segmentDef.id}`, field: def.id, path },
    );
  }
  return value;
}

interface DecodeContext {
  segmentOffset: number;
}

function checkDigits(segmentDef: SegmentDef, field: RawField, ctx: DecodeContext, path: string): void {
  if (!/^\d{1,3}$/.test(field.value)) {
    throw new NcpdpParseError(
      'INVALID_VALUE',
      `${segmentDef.name} count/counter field ${field.id} is not a number`,
      {
        offset: field.offset ?? ctx.segmentOffset,
        segment: `AM${segmentDef.id}`,
        field: field.id,
        path,
      },
    );
  }
}

/** Generic segment -> typed segment. Throws NcpdpParseError (with offset) for values of the wrong kind. */
export function decodeSegment<S extends SegmentDef>(def: S, raw: RawSegment, path: string): SegmentValue<S> {
  const { byId } = indexOf(def);
  const ctx: DecodeContext = { segmentOffset: raw.offset ?? 0 };
  const out: Record<string, unknown> = {};
  const extra: RawField[] = [];
  const groups = new Map<string, GroupState>();
  const stateOf = (group: GroupDef): GroupState => {
    let state = groups.get(group.key);
    if (!state) {
      state = { list: [], current: undefined };
      groups.set(group.key, state);
    }
    return state;
  };
  const open = (state: GroupState): Record<string, unknown> => {
    const occurrence: Record<string, unknown> = {};
    state.list.push(occurrence);
    state.current = occurrence;
    return occurrence;
  };

  for (const field of raw.fields) {
    const entry = byId.get(field.id);
    if (!entry) {
      extra.push({ id: field.id, value: field.value });
      continue;
    }
    switch (entry.type) {
      case 'field': {
        if (out[entry.def.key] !== undefined) extra.push({ id: field.id, value: field.value });
        else out[entry.def.key] = decodeValue(entry.def, def, field, ctx, `${path}.${entry.def.key}`);
        break;
      }
      case 'count':
        checkDigits(def, field, ctx, `${path}.${entry.group.key}`);
        break;
      case 'counter': {
        const state = stateOf(entry.group);
        checkDigits(def, field, ctx, `${path}.${entry.group.key}[${state.list.length}]`);
        open(state);
        break;
      }
      case 'member': {
        const state = stateOf(entry.group);
        const key = entry.def.key;
        let occurrence = state.current;
        if (!occurrence || entry.lead || occurrence[key] !== undefined) occurrence = open(state);
        const occPath = `${path}.${entry.group.key}[${state.list.length - 1}].${key}`;
        occurrence[key] = decodeValue(entry.def, def, field, ctx, occPath);
        break;
      }
    }
  }
  for (const [key, state] of groups) {
    if (state.list.length > 0) out[key] = state.list;
  }
  if (extra.length > 0) out.extra = extra;
  return out as SegmentValue<S>;
}
