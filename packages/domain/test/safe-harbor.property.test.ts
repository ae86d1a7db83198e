// Safe Harbor de-identification: for random records full of identifiers, nothing identifying survives — not a
// name, member ID, e-mail, phone, street, full date or 5-digit ZIP — and the kept fields follow the rules.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AGE_GROUP_OVER_89,
  deidentifyRecord,
  type ExtractSpec,
  RESTRICTED_ZIP3,
  safeHarborAge,
  safeHarborZip3,
  suppressSmallCells,
} from '../src/privacy/safe-harbor';

const SPEC: ExtractSpec = {
  year: { from: 'dateOfService', as: 'year' },
  age: { from: 'dateOfBirth', as: 'age', asOf: '2026-12-31' },
  zip3: { from: 'zip', as: 'zip3' },
  ndc: { from: 'ndc', as: 'code', pattern: /^\d{11}$/ },
  tier: { from: 'tier', as: 'code', pattern: /^[1-4]$/ },
  paid: { from: 'paidCents', as: 'number' },
};

const isoDate = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2026-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const zip5 = fc.stringMatching(/^\d{5}$/);
const word = fc.stringMatching(/^[A-Z][a-z]{3,9}$/);

const record = fc.record({
  firstName: word,
  lastName: word,
  memberNumber: fc.stringMatching(/^OPB\d{10}$/),
  email: fc.emailAddress(),
  phone: fc.stringMatching(/^\d{3}-555-\d{4}$/),
  street: word.map((w) => `${w} Street 12`),
  ssn: fc.stringMatching(/^\d{3}-\d{2}-\d{4}$/),
  dateOfBirth: isoDate,
  dateOfService: isoDate,
  zip: zip5,
  ndc: fc.oneof(fc.stringMatching(/^\d{11}$/), word),
  tier: fc.oneof(fc.integer({ min: 1, max: 4 }), word),
  paidCents: fc.integer({ min: 0, max: 1_000_000 }),
});

describe('Safe Harbor', () => {
  it('lets no identifier through for random records', () => {
    fc.assert(
      fc.property(record, (r) => {
        const out = deidentifyRecord(r, SPEC);
        expect(Object.keys(out).sort()).toEqual(Object.keys(SPEC).sort());
        const text = JSON.stringify(out);
        for (const identifier of [
          r.firstName,
          r.lastName,
          r.memberNumber,
          r.email,
          r.phone,
          r.street,
          r.ssn,
          r.dateOfBirth,
          r.dateOfService,
        ]) {
          expect(text).not.toContain(identifier);
        }
        expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
        expect(out.year).toBe(Number(r.dateOfService.slice(0, 4)));
        // Numbers (amounts) may hold any digits, so the ZIP is checked by value: only 3 digits are left of it.
        expect(String(out.zip3)).toMatch(/^\d{3}$/);
        expect(Object.values(out)).not.toContain(r.zip);
        expect(out.age === AGE_GROUP_OVER_89 || (typeof out.age === 'number' && out.age <= 89)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps a ZIP3 only where its population is 20,000 or more', () => {
    fc.assert(
      fc.property(zip5, (zip) => {
        const zip3 = safeHarborZip3(zip);
        expect(zip3).toBe(RESTRICTED_ZIP3.has(zip.slice(0, 3)) ? '000' : zip.slice(0, 3));
      }),
    );
    expect(safeHarborZip3('03601')).toBe('000');
    expect(safeHarborZip3('60614')).toBe('606');
    expect(safeHarborZip3(null)).toBe('000');
  });

  it('groups ages over 89', () => {
    expect(safeHarborAge('1936-12-31', '2026-12-31')).toBe(AGE_GROUP_OVER_89);
    expect(safeHarborAge('1937-01-01', '2026-12-31')).toBe(89);
    expect(safeHarborAge('2012-08-30', '2026-08-29')).toBe(13);
  });

  it('suppresses counts from 1 to 10', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100 })), (counts) => {
        const out = suppressSmallCells(counts.map((count, key) => ({ key, count })));
        for (const [i, cell] of out.entries()) {
          const n = counts[i] ?? 0;
          expect(cell.suppressed).toBe(n >= 1 && n <= 10);
          expect(cell.count).toBe(cell.suppressed ? null : n);
        }
      }),
    );
  });
});
