/**
 * Field-level conformance of a D.0 request against the data dictionary, on the generic (lossless) model,
 * before the typed layer reads it: every field the codec reads is checked for format, maximum length,
 * allowed values and printable characters, and each failure carries that field's own reject code.
 *
 * Only what the typed layer reads is checked: the header, and the named fields (group counts and counters
 * included) of the first occurrence of each segment with a typed slot at its level. Vendor segments,
 * segments kept raw (COB, Compound, …), repeats and fields the model does not name pass untouched.
 */
import {
  ALLOWED_VALUES,
  type FieldFormat,
  FORMAT_OF_KIND,
  HEADER_RULES,
  NUMERIC_TEXT_FIELDS,
  REJECT_CODE_OF_FIELD,
} from './conformance-rules';
import { decodeDate, type FieldDef, type GroupDef, type SegmentItem } from './fields';
import type { Slot } from './levels';
import { tryDecodeOverpunch } from './overpunch';
import type { SegmentDef } from './segment-codec';
import type { RawRequest, RawSegment } from './types';

export interface FieldRule {
  /** "header" or the segment, e.g. "AM07". */
  segment: string;
  segmentName: string;
  id: string;
  /** Name in the typed model. */
  key: string;
  format: FieldFormat;
  max: number;
  reject: string;
  values?: readonly string[];
}

export interface FieldFinding {
  segment: string;
  fieldId: string;
  rejectCode: string;
  /** Names the field and what is wrong with it; never the value (it may be health data). */
  message: string;
  /** Byte offset of the field (0 for the header). */
  offset: number;
}

export interface ConformanceFindings {
  /** Header, Insurance and Patient findings: the whole transmission is rejected. */
  transmission: FieldFinding[];
  /** Per transaction (GS group), in order. */
  transactions: FieldFinding[][];
}

const isGroup = (item: SegmentItem): item is GroupDef => 'fields' in item;

function fieldRule(def: SegmentDef, field: FieldDef): FieldRule {
  const numeric = NUMERIC_TEXT_FIELDS.has(field.id);
  const values = ALLOWED_VALUES[field.id];
  return {
    segment: `AM${def.id}`,
    segmentName: def.name,
    id: field.id,
    key: field.key,
    format: numeric ? 'N' : FORMAT_OF_KIND[field.kind],
    max: field.max,
    reject: REJECT_CODE_OF_FIELD[field.id] ?? field.id,
    ...(values ? { values } : {}),
  };
}

function countRule(def: SegmentDef, group: GroupDef, id: string, what: string): FieldRule {
  const key = `${group.key} ${what}`;
  return {
    segment: `AM${def.id}`,
    segmentName: def.name,
    id,
    key,
    format: 'N',
    max: group.countWidth,
    reject: id,
  };
}

/** Every rule of a segment definition, by field id. */
export function segmentRules(def: SegmentDef): FieldRule[] {
  return def.items.flatMap((item) => {
    if (!isGroup(item)) return [fieldRule(def, item)];
    const rules = item.fields.map((f) => fieldRule(def, f));
    if (item.countId) rules.unshift(countRule(def, item, item.countId, 'count'));
    if (item.counterId) rules.unshift(countRule(def, item, item.counterId, 'counter'));
    return rules;
  });
}

const rulesCache = new WeakMap<SegmentDef, Map<string, FieldRule>>();
function rulesOf(def: SegmentDef): Map<string, FieldRule> {
  let rules = rulesCache.get(def);
  if (!rules) {
    rules = new Map(segmentRules(def).map((r) => [r.id, r]));
    rulesCache.set(def, rules);
  }
  return rules;
}

const NUMERIC = /^\d+$/;

/** Printable ASCII only (0x20-0x7E): D.0 fields carry no control characters, NUL or 8-bit bytes. */
function printable(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

/** What is wrong with `value` for `rule`, or undefined when it conforms. */
export function fieldProblem(rule: Pick<FieldRule, 'format' | 'max' | 'values'>, value: string) {
  if (value.length > rule.max) return `is longer than ${rule.max} characters`;
  if (!printable(value)) return 'has a character that is not printable';
  switch (rule.format) {
    case 'N':
      if (!NUMERIC.test(value)) return 'is not numeric';
      break;
    case 'D':
      if (tryDecodeOverpunch(value) === undefined) return 'is not a signed (overpunch) amount';
      break;
    case 'DATE':
      if (decodeDate(value) === undefined) return 'is not a CCYYMMDD date';
      break;
    case 'AN':
      break;
  }
  if (rule.values && !allowed(rule, value)) return 'is not one of the values the standard allows';
  return undefined;
}

function allowed(rule: Pick<FieldRule, 'format' | 'values'>, value: string): boolean {
  const values = rule.values ?? [];
  if (rule.format === 'N') return values.some((v) => Number(v) === Number(value));
  const trimmed = value.trimEnd();
  return values.includes(trimmed);
}

const messageOf = (rule: FieldRule, problem: string) =>
  `${rule.segmentName} ${rule.id} (${rule.key}) ${problem}`;

function checkSegments(segments: RawSegment[], slots: readonly Slot[], out: FieldFinding[]): void {
  const seen = new Set<string>();
  for (const segment of segments) {
    const slot = slots.find((s) => 'def' in s && s.def.id === segment.id);
    if (!slot || !('def' in slot) || seen.has(segment.id)) continue;
    seen.add(segment.id);
    const rules = rulesOf(slot.def);
    for (const field of segment.fields) {
      const rule = rules.get(field.id);
      const problem = rule && fieldProblem(rule, field.value);
      if (rule && problem) {
        out.push({
          segment: rule.segment,
          fieldId: rule.id,
          rejectCode: rule.reject,
          message: messageOf(rule, problem),
          offset: field.offset ?? segment.offset ?? 0,
        });
      }
    }
  }
}

function checkHeader(raw: RawRequest, out: FieldFinding[]): void {
  const header = raw.header as unknown as Record<string, string>;
  for (const rule of HEADER_RULES) {
    const problem = fieldProblem(rule, header[rule.key] ?? '');
    if (problem) {
      const message = `Header ${rule.id} (${rule.key}) ${problem}`;
      out.push({ segment: 'header', fieldId: rule.id, rejectCode: rule.reject, message, offset: 0 });
    }
  }
  // Leniency kept from the typed layer: one transaction may come without its GS.
  const groups =
    raw.transactions.length === 0 && raw.header.transactionCount === '1' ? 1 : raw.transactions.length;
  if (raw.header.transactionCount !== String(groups) && !out.some((f) => f.fieldId === 'A9')) {
    out.push({
      segment: 'header',
      fieldId: 'A9',
      rejectCode: 'A9',
      message: `Header A9 (transactionCount) does not match the ${groups} transaction group(s) sent`,
      offset: 0,
    });
  }
}

/** Field findings of a parsed (generic) request; empty lists when every field read conforms. */
export function checkConformance(
  raw: RawRequest,
  transmissionSlots: readonly Slot[],
  transactionSlots: readonly Slot[],
): ConformanceFindings {
  const transmission: FieldFinding[] = [];
  checkHeader(raw, transmission);
  checkSegments(raw.segments, transmissionSlots, transmission);
  const transactions = raw.transactions.map((t) => {
    const found: FieldFinding[] = [];
    checkSegments(t.segments, transactionSlots, found);
    return found;
  });
  return { transmission, transactions };
}

/**
 * The canonical text of a 9(n) value: leading zeros dropped ("000700069016" and "700069016" are the same
 * Rx number). Non-numeric text is returned as is.
 */
export function canonicalNumber(text: string): string {
  return NUMERIC.test(text) ? text.replace(/^0+(?=\d)/, '') : text;
}
