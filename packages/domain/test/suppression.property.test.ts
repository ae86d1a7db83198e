// Small-cell suppression: no published number lets a reader work out a suppressed count.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SUPPRESSION_THRESHOLD, suppressSmallCells } from '../src/reporting/suppression';

describe('suppressSmallCells', () => {
  it('hides a small row together with a complement', () => {
    const { suppressed, totalSuppressed } = suppressSmallCells([40, 3, 25, 60]);
    expect([...suppressed].sort()).toEqual([1, 2]);
    expect(totalSuppressed).toBe(false);
  });

  it('hides everything when the total describes fewer than 11 members', () => {
    expect(suppressSmallCells([4, 5]).totalSuppressed).toBe(true);
  });

  it('publishes zero rows and rows of 11 or more untouched', () => {
    expect(suppressSmallCells([0, 11, 30]).suppressed.size).toBe(0);
  });

  it('property: every small row is hidden, and the total never isolates one hidden row', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 14 }), (rows) => {
        const { suppressed, totalSuppressed } = suppressSmallCells(rows);
        rows.forEach((n, i) => {
          if (n > 0 && n < SUPPRESSION_THRESHOLD) expect(suppressed.has(i)).toBe(true);
        });
        if (totalSuppressed || suppressed.size === 0) return;
        // total − published rows = the sum of the hidden rows: that sum must cover at least two rows and at
        // least the threshold, so no single hidden row (nor a small group) can be solved for.
        const hidden = [...suppressed].map((i) => rows[i] ?? 0);
        expect(hidden.length).toBeGreaterThanOrEqual(2);
        expect(hidden.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(SUPPRESSION_THRESHOLD);
        // Each hidden row is non-zero (a hidden zero beside one small row would leave the small one exposed).
        expect(hidden.filter((n) => n > 0).length).toBeGreaterThanOrEqual(2);
      }),
      { numRuns: 500 },
    );
  });
});
