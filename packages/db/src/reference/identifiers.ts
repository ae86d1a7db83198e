// Check digits and formats of the public identifiers the PBM handles: NDC, NPI, DEA number.

/**
 * Any labeled NDC form ("0071-0155-23", 4-4-2 / 5-3-2 / 5-4-1, or already 11 digits) as the 11-digit 5-4-2
 * billing form; null when it cannot be one.
 */
export function toNdc11(ndc: string): string | null {
  const trimmed = ndc.trim();
  if (/^\d{11}$/.test(trimmed)) return trimmed;
  const parts = trimmed.split('-');
  if (parts.length !== 3 || !parts.every((p) => /^\d+$/.test(p))) return null;
  const [labeler, product, pack] = parts as [string, string, string];
  if (labeler.length > 5 || product.length > 4 || pack.length > 2) return null;
  const ndc11 = labeler.padStart(5, '0') + product.padStart(4, '0') + pack.padStart(2, '0');
  return ndc11.length === 11 && labeler.length + product.length + pack.length === 10 ? ndc11 : null;
}

function luhnSum(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    // Double every second digit from the right, counting the (absent) check digit as position 0.
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum;
}

/** Check digit of an NPI from its first 9 digits (Luhn over "80840" + the 9 digits, per the NPI standard). */
export function npiCheckDigit(first9: string): number {
  if (!/^\d{9}$/.test(first9)) throw new RangeError('an NPI check digit needs 9 digits');
  return (10 - (luhnSum(`80840${first9}`) % 10)) % 10;
}

export function isValidNpi(npi: string): boolean {
  return /^\d{10}$/.test(npi) && npiCheckDigit(npi.slice(0, 9)) === Number(npi[9]);
}

/** DEA number check digit: (d1 + d3 + d5) + 2 × (d2 + d4 + d6), last digit. */
export function deaCheckDigit(first6: string): number {
  if (!/^\d{6}$/.test(first6)) throw new RangeError('a DEA check digit needs 6 digits');
  const d = [...first6].map(Number) as [number, number, number, number, number, number];
  return (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10;
}

export function isValidDea(dea: string): boolean {
  return /^[A-Z]{2}\d{7}$/.test(dea) && deaCheckDigit(dea.slice(2, 8)) === Number(dea[8]);
}

/**
 * NCPDP Provider ID (formerly NABP number): 2-digit NCPDP state code, 4 digits, and a check digit computed
 * like the DEA one: (d1 + d3 + d5) + 2 × (d2 + d4 + d6), last digit.
 */
export const ncpdpCheckDigit = deaCheckDigit;

export function isValidNcpdpId(id: string): boolean {
  return /^\d{7}$/.test(id) && ncpdpCheckDigit(id.slice(0, 6)) === Number(id[6]);
}

/** Luhn (mod 10) check digit of a digit string, as used on member ID cards. */
export function luhnCheckDigit(digits: string): number {
  if (!/^\d+$/.test(digits)) throw new RangeError('a Luhn check digit needs digits');
  return (10 - (luhnSum(digits) % 10)) % 10;
}
