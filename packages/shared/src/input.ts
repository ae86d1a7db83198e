// The input rules every request field follows, defined once (issue 19 item 4):
// - text: NFC-normalized, trimmed, no control characters (NUL included; line breaks and tabs only where a
//   field is multi-line), no unpaired surrogates, and a length limit;
// - quantities: finite, at least one thousandth, at most 3 decimals (they are stored in thousandths).
// PostgreSQL refuses NUL in text, and a quantity that rounds to 0 thousandths breaks a CHECK constraint: both
// were 500s before these rules; now they are 400s with a message on the field.
import { z } from 'zod';

/** No C0 or C1 control characters (Unicode Cc, NUL included) and no unpaired surrogates (Cs). */
const SINGLE_LINE = /^[^\p{Cc}\p{Cs}]*$/u;
/** The same, but tab, line feed and carriage return are allowed. */
const MULTI_LINE = /^(?:[\t\n\r]|[^\p{Cc}\p{Cs}])*$/u;

export const CONTROL_CHARACTER_MESSAGE = 'Remove control or invalid characters.';

/**
 * A text field: `text(100)` or `text(2000, { multiline: true })`, then chain min/regex/email as for any string.
 * The value seen by later checks and by the handler is the normalized, trimmed one. Use `{ trim: false }` for
 * secrets whose spaces count (passwords).
 */
export function text(
  max: number,
  options: { multiline?: boolean; trim?: boolean; maxMessage?: string } = {},
) {
  const base = z.string().normalize('NFC');
  const trimmed = options.trim === false ? base : base.trim();
  return trimmed
    .max(max, options.maxMessage ?? `Use at most ${max} characters.`)
    .regex(options.multiline ? MULTI_LINE : SINGLE_LINE, CONTROL_CHARACTER_MESSAGE);
}

/** Smallest quantity: one thousandth of a unit (quantities are stored as integer thousandths). */
export const QUANTITY_MIN = 0.001;

/** A dispensing quantity in units (tablets, mL, g): finite, ≥ 0.001, ≤ `max`, at most 3 decimals. */
export function quantity(max: number) {
  return z
    .number({ error: 'Enter a quantity' })
    .min(QUANTITY_MIN, `Enter a quantity of at least ${QUANTITY_MIN}`)
    .max(max, `Enter a quantity of at most ${max.toLocaleString('en-US')}`)
    .multipleOf(QUANTITY_MIN, 'Use at most 3 decimals');
}

/** A real calendar day as 'YYYY-MM-DD' (2026-02-30 is refused here, not by the database with a 500). */
export function calendarDate(message = 'Enter a date as YYYY-MM-DD') {
  return z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, message)
    .refine((s) => {
      const d = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
    }, message);
}
