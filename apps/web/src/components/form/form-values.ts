// Text inputs hold strings; the shared schemas want numbers. A form's schema converts in a transform and then pipes
// into the shared schema, so the server's own rules (and messages) check the converted values.

/** "" stays NaN (so the shared schema says the number is missing); anything else is read as a number. */
export const toNumber = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text));

/** Units typed by a person ("2.5") → the thousandths the API counts in (2500). */
export const toMilli = (text: string): number => Math.round(toNumber(text) * 1000);

/** A checkbox group's value: react-hook-form gives an array, one checkbox's value or false. */
export const checkedValues = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string' && v !== '');
