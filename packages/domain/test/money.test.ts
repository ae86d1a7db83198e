import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { divideRoundHalfUp, formatUsd, percentOfCents, toSafeCents } from '../src/money/cents';

describe('money helpers', () => {
  it('rounds half up', () => {
    expect(divideRoundHalfUp(5n, 10n)).toBe(1n);
    expect(divideRoundHalfUp(4n, 10n)).toBe(0n);
    expect(divideRoundHalfUp(15n, 10n)).toBe(2n);
    expect(divideRoundHalfUp(25n, 10n)).toBe(3n);
    expect(() => divideRoundHalfUp(1n, 0n)).toThrow(RangeError);
    expect(() => divideRoundHalfUp(-1n, 2n)).toThrow(RangeError);
  });

  it('is the nearest integer, ties upward (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 30n }),
        fc.bigInt({ min: 1n, max: 10n ** 12n }),
        (n, d) => {
          const q = divideRoundHalfUp(n, d);
          const error = q * d - n; // in units of 1/d
          expect(-2n * error < d).toBe(true); // not more than half below
          expect(2n * error <= d).toBe(true); // at most half above (exactly half only when rounding up)
        },
      ),
    );
  });

  it('computes basis-point percentages', () => {
    expect(percentOfCents(12_345, 2_000)).toBe(2_469); // 2469.0
    expect(percentOfCents(1_005, 5_000)).toBe(503); // 502.5 → 503
    expect(percentOfCents(0, 10_000)).toBe(0);
    expect(() => percentOfCents(1.5, 100)).toThrow(RangeError);
  });

  it('refuses amounts a number cannot hold', () => {
    expect(() => toSafeCents(2n ** 60n, 'x')).toThrow(RangeError);
  });

  it('formats dollars for explanations of benefits', () => {
    expect(formatUsd(0)).toBe('$0.00');
    expect(formatUsd(5)).toBe('$0.05');
    expect(formatUsd(123_456)).toBe('$1,234.56');
  });
});
