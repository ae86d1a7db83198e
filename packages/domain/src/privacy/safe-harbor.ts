// HIPAA Safe Harbor de-identification (45 CFR 164.514(b)(2)) for aggregate reports and data extracts.
// Output columns are an allow-list: a producer declares each column it wants and how to treat it, so any field
// it does not declare (names, member IDs, addresses, e-mail, phone, full dates, …: the 18 identifiers) cannot
// reach the output. Dates keep only their year, ages over 89 become one group, ZIP codes keep 3 digits only when
// that ZIP3 holds 20,000 people or more, and counts below 11 are suppressed (small cells).

/**
 * Three-digit ZIP areas with 20,000 people or fewer, which Safe Harbor requires to be reported as 000.
 * Source: U.S. Department of Health and Human Services, Office for Civil Rights, "Guidance Regarding Methods for
 * De-identification of Protected Health Information in Accordance with the HIPAA Privacy Rule" (2012), section
 * 2.4, which lists them from the U.S. Census Bureau's 2000 Census ZCTA populations. Every other ZIP3 had more.
 */
export const RESTRICTED_ZIP3 = new Set([
  '036',
  '059',
  '063',
  '102',
  '203',
  '556',
  '692',
  '790',
  '821',
  '823',
  '830',
  '831',
  '878',
  '879',
  '884',
  '890',
  '893',
]);

/** Cells that count fewer people or events than this are suppressed. */
export const SMALL_CELL_THRESHOLD = 11;
/** Ages above this are reported as one group. */
export const OLDEST_REPORTED_AGE = 89;
export const AGE_GROUP_OVER_89 = '90+';

/** The 3-digit ZIP a report may show: the first three digits, or 000 for a small population (or no ZIP). */
export function safeHarborZip3(zip: string | null | undefined): string {
  const zip3 = /^\d{5}/.test(zip ?? '') ? (zip as string).slice(0, 3) : null;
  return zip3 && !RESTRICTED_ZIP3.has(zip3) ? zip3 : '000';
}

/** Only the year of a date ('YYYY-MM-DD' or an ISO instant); null when it is not a date. */
export function safeHarborYear(date: string | Date | null | undefined): number | null {
  if (date == null) return null;
  const iso = date instanceof Date ? date.toISOString() : date;
  const match = /^(\d{4})-\d{2}-\d{2}/.exec(iso);
  return match ? Number(match[1]) : null;
}

/** Age in whole years on `on` ('YYYY-MM-DD'), with everyone over 89 in one group. */
export function safeHarborAge(dateOfBirth: string, on: string): number | typeof AGE_GROUP_OVER_89 {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  const age = y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
  return age > OLDEST_REPORTED_AGE ? AGE_GROUP_OVER_89 : Math.max(0, age);
}

/**
 * How one output column is made from a source record:
 * - zip3 / year / age: the Safe Harbor transforms above (age needs `asOf`);
 * - code: a value from a fixed vocabulary (NDC, tier, channel, gender, state is not allowed: use zip3) — kept as
 *   is only when it matches `pattern`, so free text cannot slip through;
 * - number: a finite number (amounts, quantities, counts).
 */
export type ColumnRule =
  | { from: string; as: 'zip3' }
  | { from: string; as: 'year' }
  | { from: string; as: 'age'; asOf: string }
  | { from: string; as: 'code'; pattern: RegExp }
  | { from: string; as: 'number' };

export type ExtractSpec = Record<string, ColumnRule>;
export type DeidentifiedValue = string | number | null;

/** One record through the spec: only declared columns come out, each transformed by its rule. */
export function deidentifyRecord(
  record: Record<string, unknown>,
  spec: ExtractSpec,
): Record<string, DeidentifiedValue> {
  const out: Record<string, DeidentifiedValue> = {};
  for (const [column, rule] of Object.entries(spec)) {
    const value = record[rule.from];
    switch (rule.as) {
      case 'zip3':
        out[column] = safeHarborZip3(typeof value === 'string' ? value : null);
        break;
      case 'year':
        out[column] = safeHarborYear(value instanceof Date || typeof value === 'string' ? value : null);
        break;
      case 'age':
        out[column] =
          typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
            ? safeHarborAge(value, rule.asOf)
            : null;
        break;
      case 'code':
        out[column] =
          (typeof value === 'string' || typeof value === 'number') && rule.pattern.test(String(value))
            ? String(value)
            : null;
        break;
      case 'number':
        out[column] = typeof value === 'number' && Number.isFinite(value) ? value : null;
        break;
    }
  }
  return out;
}

export interface Cell<K> {
  key: K;
  count: number;
}

/** Aggregate cells with counts 1–10 suppressed: count becomes null and `suppressed` true. */
export function suppressSmallCells<K>(
  cells: readonly Cell<K>[],
  threshold = SMALL_CELL_THRESHOLD,
): { key: K; count: number | null; suppressed: boolean }[] {
  return cells.map(({ key, count }) =>
    count > 0 && count < threshold
      ? { key, count: null, suppressed: true }
      : { key, count, suppressed: false },
  );
}
