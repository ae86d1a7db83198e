import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Accumulators,
  applyAccumulatorDelta,
  remainingLimits,
  reverseAccumulatorDelta,
  ZERO_ACCUMULATORS,
} from '../src/benefit/accumulators';
import { samplePlan } from './fixtures';

const amount = fc.integer({ min: 0, max: 10_000_000 });
const accumulatorsArb: fc.Arbitrary<Accumulators> = fc.record({
  individualDeductibleCents: amount,
  familyDeductibleCents: amount,
  individualOopCents: amount,
  familyOopCents: amount,
});
const deltaArb = fc.record({ deductibleCents: amount, oopCents: amount });

describe('accumulators', () => {
  it('adds a paid claim to the member and the family', () => {
    const after = applyAccumulatorDelta(
      {
        individualDeductibleCents: 100,
        familyDeductibleCents: 300,
        individualOopCents: 200,
        familyOopCents: 700,
      },
      { deductibleCents: 50, oopCents: 80 },
    );
    expect(after).toEqual({
      individualDeductibleCents: 150,
      familyDeductibleCents: 350,
      individualOopCents: 280,
      familyOopCents: 780,
    });
  });

  it('refuses a reversal that was never applied', () => {
    expect(() => reverseAccumulatorDelta(ZERO_ACCUMULATORS, { deductibleCents: 1, oopCents: 0 })).toThrow(
      /negative/,
    );
    expect(() => applyAccumulatorDelta(ZERO_ACCUMULATORS, { deductibleCents: -1, oopCents: 0 })).toThrow(
      RangeError,
    );
    expect(() => applyAccumulatorDelta(ZERO_ACCUMULATORS, { deductibleCents: 0.5, oopCents: 0 })).toThrow(
      RangeError,
    );
  });

  it('reports what is left, embedded family limits included', () => {
    const plan = samplePlan();
    const acc = {
      individualDeductibleCents: 10_000,
      familyDeductibleCents: 95_000,
      individualOopCents: 0,
      familyOopCents: 0,
    };
    expect(remainingLimits(plan, 'individual', acc).deductibleRemainingCents).toBe(40_000);
    expect(remainingLimits(plan, 'family', acc).deductibleRemainingCents).toBe(5_000);
    expect(remainingLimits(plan, 'family', { ...acc, familyOopCents: 600_000 }).oopMet).toBe(true);
  });

  it('apply then reverse is the identity (property)', () => {
    fc.assert(
      fc.property(accumulatorsArb, deltaArb, (acc, delta) => {
        expect(reverseAccumulatorDelta(applyAccumulatorDelta(acc, delta), delta)).toEqual(acc);
      }),
    );
  });

  it('reversing claims in any order returns to the starting totals and never goes negative (property)', () => {
    fc.assert(
      fc.property(
        fc
          .array(deltaArb, { maxLength: 20 })
          .chain((deltas) =>
            fc.tuple(fc.constant(deltas), fc.shuffledSubarray(deltas, { minLength: deltas.length })),
          ),
        ([deltas, reversalOrder]) => {
          let acc: Accumulators = { ...ZERO_ACCUMULATORS };
          for (const delta of deltas) acc = applyAccumulatorDelta(acc, delta);
          for (const delta of reversalOrder) {
            acc = reverseAccumulatorDelta(acc, delta);
            for (const value of Object.values(acc)) expect(value).toBeGreaterThanOrEqual(0);
          }
          expect(acc).toEqual(ZERO_ACCUMULATORS);
        },
      ),
    );
  });
});
