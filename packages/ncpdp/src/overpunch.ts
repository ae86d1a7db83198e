/**
 * Signed numeric fields in D.0 (format s9(n)v99 for dollars) carry the sign in the last character as a
 * zoned-decimal "overpunch": "{" and "A"-"I" are +0..+9, "}" and "J"-"R" are -0..-9. The implied decimals are
 * not part of the encoding: money fields hold integer cents, rate fields ten-thousandths.
 * (Data-format fact; see e.g. github.com/cosyte/ncpdp src/telecom/money.ts, datainsight.health "data types".)
 */

const POSITIVE = '{ABCDEFGHI';
const NEGATIVE = '}JKLMNOPQR';

/** Width of a D.0 dollar field, s9(6)v99. */
export const MONEY_WIDTH = 8;
/** Largest magnitude (in cents) a D.0 dollar field can carry: 999,999.99. */
export const MAX_MONEY_CENTS = 99_999_999;

/** Longest digit run we decode; 15 digits stay exact in a double. */
const MAX_DIGITS = 15;

/**
 * Encode a signed integer (cents for money) as a zero-filled overpunch field of `width` characters.
 * Throws RangeError when the value is not a safe integer or does not fit.
 */
export function encodeOverpunch(value: number, width: number = MONEY_WIDTH): string {
  if (!Number.isSafeInteger(value)) throw new RangeError('overpunch value must be a safe integer');
  const digits = String(Math.abs(value)).padStart(width, '0');
  if (digits.length > width) throw new RangeError(`overpunch value does not fit in ${width} characters`);
  const lastDigit = digits.charCodeAt(digits.length - 1) - 48;
  const table = value < 0 ? NEGATIVE : POSITIVE;
  return digits.slice(0, -1) + table.charAt(lastDigit);
}

/**
 * Decode an overpunch field to a signed integer in its implied unit, or undefined when it is not one.
 * Accepts leading zeros truncated, and an all-digit value (read as positive) for lenient senders.
 */
export function tryDecodeOverpunch(text: string): number | undefined {
  const length = text.length;
  if (length === 0 || length > MAX_DIGITS) return undefined;
  for (let i = 0; i < length - 1; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
  }
  const last = text.charAt(length - 1);
  const lead = text.slice(0, -1);
  const plainDigit = last >= '0' && last <= '9';
  if (plainDigit) return Number(text);
  const positive = POSITIVE.indexOf(last);
  if (positive >= 0) return Number(lead + String(positive));
  const negative = NEGATIVE.indexOf(last);
  if (negative >= 0) {
    const magnitude = Number(lead + String(negative));
    return magnitude === 0 ? 0 : -magnitude;
  }
  return undefined;
}

/** Decode an overpunch field; throws RangeError when the text is not a signed overpunch number. */
export function decodeOverpunch(text: string): number {
  const value = tryDecodeOverpunch(text);
  if (value === undefined) throw new RangeError('not a signed overpunch number');
  return value;
}
