// Unique, well-formed identifiers for seeded rows: NPIs and DEA/NCPDP numbers with valid check digits, member IDs,
// Rx, case, order and authorization numbers. Each kind has its own counter or used-set, so numbers never repeat.
import { deaCheckDigit, luhnCheckDigit, ncpdpCheckDigit, npiCheckDigit } from '../reference/identifiers';
import type { Prng } from './prng';

// NCPDP numbers states alphabetically by name, with DC, Puerto Rico and the Virgin Islands in place.
// biome-ignore format: table
const NCPDP_STATE_ORDER = [
  'AL', 'AK', 'AZ', 'AR', 'CA', 'CO', 'CT', 'DE', 'DC', 'FL', 'GA', 'HI', 'ID', 'IL', 'IN', 'IA', 'KS', 'KY',
  'LA', 'ME', 'MD', 'MA', 'MI', 'MN', 'MS', 'MO', 'MT', 'NE', 'NV', 'NH', 'NJ', 'NM', 'NY', 'NC', 'ND', 'OH',
  'OK', 'OR', 'PA', 'PR', 'RI', 'SC', 'SD', 'TN', 'TX', 'UT', 'VT', 'VI', 'VA', 'WA', 'WV', 'WI', 'WY',
];

export class IdentifierFactory {
  private readonly used = new Set<string>();
  private rxCounter = 0;
  private caseCounter = 0;
  private orderCounter = 0;
  private authorizationCounter = 0;
  private memberCounter = 0;

  constructor(private readonly prng: Prng) {}

  private unique(make: () => string): string {
    for (;;) {
      const value = make();
      if (!this.used.has(value)) {
        this.used.add(value);
        return value;
      }
    }
  }

  /** Type 1 (individual, first digit 1) or type 2 (organization, first digit 2) NPI. */
  npi(kind: 'individual' | 'organization'): string {
    return this.unique(() => {
      const first9 = `${kind === 'individual' ? 1 : 2}${this.prng.digits(8)}`;
      return `${first9}${npiCheckDigit(first9)}`;
    });
  }

  ncpdpId(state: string): string {
    const index = NCPDP_STATE_ORDER.indexOf(state);
    const prefix = String(index >= 0 ? index + 1 : 99).padStart(2, '0');
    return this.unique(() => {
      const first6 = `${prefix}${this.prng.digits(4)}`;
      return `${first6}${ncpdpCheckDigit(first6)}`;
    });
  }

  /** DEA registration: registrant letter, the first letter of the last name, 6 digits and a check digit. */
  dea(lastName: string, midLevel: boolean): string {
    const registrant = midLevel ? 'M' : this.prng.pick(['A', 'B', 'F', 'G']);
    const initial = (lastName.toUpperCase().match(/[A-Z]/)?.[0] ?? 'X') as string;
    return this.unique(() => {
      const first6 = this.prng.digits(6);
      return `${registrant}${initial}${first6}${deaCheckDigit(first6)}`;
    });
  }

  /**
   * "OPB" + 9 digits + Luhn check digit. The 9 digits walk through a fixed permutation of 10^9, so IDs look
   * random yet cannot collide.
   */
  memberNumber(): string {
    const n = (this.memberCounter++ * 387_420_489 + 104_729) % 1_000_000_000;
    const digits = String(n).padStart(9, '0');
    return `OPB${digits}${luhnCheckDigit(digits)}`;
  }

  rxNumber(): string {
    return String(10_000_000 + this.rxCounter++ * 7);
  }

  caseNumber(): string {
    return `PA${String(++this.caseCounter).padStart(8, '0')}`;
  }

  orderNumber(): string {
    return `HD${String(++this.orderCounter).padStart(8, '0')}`;
  }

  /** Authorization number returned on paid claims (503-F3). */
  authorizationNumber(): string {
    return `AUTH${String(++this.authorizationCounter).padStart(9, '0')}`;
  }
}
