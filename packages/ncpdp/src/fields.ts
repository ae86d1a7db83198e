/**
 * Field kinds of the typed layer and their wire codecs.
 *
 * D.0 formats (NCPDP Data Dictionary notation, as repeated in public payer sheets and the open-source
 * implementations cited in constants.ts):
 * - x(n)        text, left-justified; sent without trailing spaces in variable segments  -> kind 'text'
 * - 9(n)        unsigned number, zero-filled                                            -> kind 'int'
 * - s9(6)v99    dollars, overpunch sign, 2 implied decimals -> integer cents           -> kind 'money'
 * - s9(3)v9999  percentage rate, overpunch sign, 4 implied decimals                     -> kind 'rate'
 * - 9(7)v999    quantity, 3 implied decimals -> integer thousandths                     -> kind 'quantity'
 * - 9(8)        date CCYYMMDD <-> ISO "YYYY-MM-DD"                                       -> kind 'date'
 * Builders always emit numbers zero-filled to full width (the common form); parsers also accept leading
 * zeros truncated, which D.0 permits.
 */
import { encodeOverpunch, tryDecodeOverpunch } from './overpunch';
import { indexOfNonByte, indexOfSeparator } from './text';

export type FieldKind = 'text' | 'int' | 'money' | 'rate' | 'quantity' | 'date';

export interface FieldDef<Key extends string = string, Kind extends FieldKind = FieldKind> {
  readonly key: Key;
  /** Two-character field identifier on the wire, e.g. "D7". */
  readonly id: string;
  readonly kind: Kind;
  /** Maximum characters on the wire (full width for numbers). */
  readonly max: number;
}

/** A repeating group: optional count field before it, optional per-occurrence counter field. */
export interface GroupDef<
  Key extends string = string,
  Fields extends readonly FieldDef[] = readonly FieldDef[],
> {
  readonly key: Key;
  readonly fields: Fields;
  /** Field carrying the number of occurrences, emitted once before them (e.g. FA Reject Count). */
  readonly countId?: string;
  /** Field opening each occurrence with its 1-based index (e.g. J6 DUR/PPS Response Code Counter). */
  readonly counterId?: string;
  /** Width of the count/counter field. */
  readonly countWidth: number;
  /** Maximum occurrences allowed by D.0. */
  readonly maxOccurrences: number;
}

export type SegmentItem = FieldDef | GroupDef;

export const text = <K extends string>(key: K, id: string, max: number): FieldDef<K, 'text'> => ({
  key,
  id,
  kind: 'text',
  max,
});
export const int = <K extends string>(key: K, id: string, width: number): FieldDef<K, 'int'> => ({
  key,
  id,
  kind: 'int',
  max: width,
});
export const money = <K extends string>(key: K, id: string): FieldDef<K, 'money'> => ({
  key,
  id,
  kind: 'money',
  max: 8,
});
export const rate = <K extends string>(key: K, id: string): FieldDef<K, 'rate'> => ({
  key,
  id,
  kind: 'rate',
  max: 7,
});
export const quantity = <K extends string>(key: K, id: string): FieldDef<K, 'quantity'> => ({
  key,
  id,
  kind: 'quantity',
  max: 10,
});
export const date = <K extends string>(key: K, id: string): FieldDef<K, 'date'> => ({
  key,
  id,
  kind: 'date',
  max: 8,
});

export function group<K extends string, const F extends readonly FieldDef[]>(
  key: K,
  options: { countId?: string; counterId?: string; countWidth: number; maxOccurrences: number },
  fields: F,
): GroupDef<K, F> {
  return { key, fields, ...options };
}

/** TypeScript value of a field kind: numbers for amounts, strings for text and ISO dates. */
export type KindValue<Kind extends FieldKind> = Kind extends 'text' | 'date' ? string : number;

// ---- codecs -------------------------------------------------------------------------------------------

/** Checks a text value can go on the wire as-is; returns a reason or undefined. */
export function textProblem(value: string, max: number): string | undefined {
  if (value.length > max) return `longer than ${max} characters`;
  if (indexOfSeparator(value) >= 0) return 'contains an NCPDP separator character';
  if (indexOfNonByte(value) >= 0) return 'contains a character outside ISO-8859-1';
  return undefined;
}

const DIGITS = /^\d{1,15}$/;

function encodeUnsigned(value: number, width: number): string {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError('must be a non-negative integer');
  const digits = String(value).padStart(width, '0');
  if (digits.length > width) throw new RangeError(`does not fit in ${width} digits`);
  return digits;
}

/** Quantity in thousandths (9(7)v999) -> zero-filled wire text. */
export function encodeQuantity(thousandths: number, width = 10): string {
  return encodeUnsigned(thousandths, width);
}

export function decodeQuantity(text: string): number | undefined {
  return DIGITS.test(text) ? Number(text) : undefined;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function validDate(year: number, month: number, day: number): boolean {
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

const WIRE_DATE = /^(\d{4})(\d{2})(\d{2})$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** CCYYMMDD -> "YYYY-MM-DD", or undefined when not a real calendar date. */
export function decodeDate(text: string): string | undefined {
  const m = WIRE_DATE.exec(text);
  if (!m) return undefined;
  if (!validDate(Number(m[1]), Number(m[2]), Number(m[3]))) return undefined;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

/** "YYYY-MM-DD" -> CCYYMMDD; throws RangeError for anything else. */
export function encodeDate(iso: string): string {
  const m = ISO_DATE.exec(iso);
  if (!m || !validDate(Number(m[1]), Number(m[2]), Number(m[3]))) {
    throw new RangeError('must be an ISO date YYYY-MM-DD');
  }
  return `${m[1]}${m[2]}${m[3]}`;
}

/** Encodes a typed value for the wire; throws RangeError/TypeError with a reason (no value in it). */
export function encodeFieldValue(def: FieldDef, value: unknown): string {
  switch (def.kind) {
    case 'text': {
      if (typeof value !== 'string') throw new TypeError('must be a string');
      const problem = textProblem(value, def.max);
      if (problem) throw new RangeError(problem);
      return value;
    }
    case 'date':
      if (typeof value !== 'string') throw new TypeError('must be an ISO date string');
      return encodeDate(value);
    case 'int':
    case 'quantity':
      if (typeof value !== 'number') throw new TypeError('must be a number');
      return encodeUnsigned(value, def.max);
    case 'money':
    case 'rate':
      if (typeof value !== 'number') throw new TypeError('must be a number');
      return encodeOverpunch(value, def.max);
  }
}

/** Decodes wire text to the typed value, or undefined when it is not valid for the kind. */
export function decodeFieldValue(def: FieldDef, text: string): string | number | undefined {
  switch (def.kind) {
    case 'text':
      return text;
    case 'date':
      return decodeDate(text);
    case 'int':
    case 'quantity':
      return decodeQuantity(text);
    case 'money':
    case 'rate':
      return tryDecodeOverpunch(text);
  }
}
