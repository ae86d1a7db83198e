// Payment card rules with no I/O: Luhn check, brand from the number's prefix, expiry. The card number itself is
// only ever handled in memory on its way to the card vault.

export type CardBrand = 'visa' | 'mastercard' | 'amex' | 'discover' | 'other';

/** Digits only: members type spaces or dashes between groups. */
export const normalizeCardNumber = (input: string): string => input.replace(/[\s-]/g, '');

/** Luhn (mod 10) check over a string of digits. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i -= 1) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** Brand by IIN prefix (ISO/IEC 7812 ranges the four US networks publish). */
export function cardBrand(digits: string): CardBrand {
  if (/^4/.test(digits)) return 'visa';
  const two = Number(digits.slice(0, 2));
  const four = Number(digits.slice(0, 4));
  if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) return 'mastercard';
  if (two === 34 || two === 37) return 'amex';
  if (/^6011/.test(digits) || /^65/.test(digits) || (four >= 6440 && four <= 6499)) return 'discover';
  return 'other';
}

const LENGTHS: Record<CardBrand, number[]> = {
  visa: [13, 16, 19],
  mastercard: [16],
  amex: [15],
  discover: [16, 19],
  other: [13, 14, 15, 16, 17, 18, 19],
};

export type CardNumberProblem = 'not_digits' | 'length' | 'checksum';

/** Why a card number cannot be right, or null when it can. */
export function cardNumberProblem(digits: string): CardNumberProblem | null {
  if (!/^\d+$/.test(digits)) return 'not_digits';
  if (!LENGTHS[cardBrand(digits)].includes(digits.length)) return 'length';
  if (!luhnValid(digits)) return 'checksum';
  return null;
}

/** A card is good through the last day of its expiry month. `today` is "YYYY-MM-DD". */
export function isCardExpired(expMonth: number, expYear: number, today: string): boolean {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  return expYear < year || (expYear === year && expMonth < month);
}

/** Any 13-19 digit run (spaces or dashes allowed between digits) that passes Luhn: what a leak scan looks for. */
export function findCardNumbers(text: string): string[] {
  const found: string[] = [];
  // Bounded by characters that are not letters or digits, so digit runs inside hashes and tokens do not count.
  const pattern = /(?<![0-9A-Za-z])\d(?:[ -]?\d){12,18}(?![0-9A-Za-z])/g;
  for (const match of text.matchAll(pattern)) {
    const digits = normalizeCardNumber(match[0]);
    if (digits.length >= 13 && digits.length <= 19 && luhnValid(digits)) found.push(match[0]);
  }
  return found;
}
