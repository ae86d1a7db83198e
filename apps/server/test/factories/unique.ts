// Unique values for test rows: a per-process random base plus a counter, so two factories (or two test files
// sharing one PostgreSQL server) never collide on a unique column.
const base = Math.floor(Math.random() * 900_000);
let counter = 0;

/** The next number of this process (never repeats). */
export function nextN(): number {
  counter += 1;
  return base + counter;
}

/** `digits` decimal digits starting with `prefix` (NPI 10, NCPDP 7, NDC 11). */
export function uniqueDigits(prefix: string, digits: number): string {
  const rest = digits - prefix.length;
  return prefix + String(nextN()).padStart(rest, '0').slice(-rest);
}

/** A short unique text such as `PLAN-123456`. */
export function uniqueCode(prefix: string): string {
  return `${prefix}-${nextN()}`;
}

export function one<T>(rows: T[]): T {
  const row = rows[0];
  if (!row) throw new Error('test factory: insert returned nothing');
  return row;
}
