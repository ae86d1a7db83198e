// ICD-10-CM diagnosis codes as prescribers type them ("m05.79", "E119"): one normal form, a format check and
// prefix matching (criteria name categories such as "M05"; any code inside the category counts).

// Letter (U is reserved), two more characters of the category, then up to four after the dot.
const ICD10_CM = /^[A-TV-Z][0-9][0-9A-Z](\.?[0-9A-Z]{1,4})?$/;

/** Upper case, trimmed, with the dot after the category ("E119" → "E11.9"); null when it is not a code. */
export function normalizeDiagnosisCode(input: string): string | null {
  const code = input.trim().toUpperCase();
  if (!ICD10_CM.test(code)) return null;
  const bare = code.replace('.', '');
  return bare.length > 3 ? `${bare.slice(0, 3)}.${bare.slice(3)}` : bare;
}

export function isDiagnosisCode(input: string): boolean {
  return normalizeDiagnosisCode(input) !== null;
}

/** True when the code lies inside one of the categories (prefixes are compared without the dot). */
export function diagnosisMatches(code: string, prefixes: readonly string[]): boolean {
  const normal = normalizeDiagnosisCode(code);
  if (!normal) return false;
  const bare = normal.replace('.', '');
  return prefixes.some((prefix) => bare.startsWith(prefix.replace('.', '').toUpperCase()));
}
