import { assertNonNegativeInteger } from '../money/cents';
import type { BenefitPlan, CoverageLevel } from './types';

/**
 * A member's running totals for one plan year. The family fields hold the whole family's totals (this member
 * included); for individual coverage they simply mirror the member's own.
 */
export interface Accumulators {
  individualDeductibleCents: number;
  familyDeductibleCents: number;
  individualOopCents: number;
  familyOopCents: number;
}

/** What one paid claim adds to the deductible and OOP accumulators (both individual and family). */
export interface AccumulatorDelta {
  deductibleCents: number;
  oopCents: number;
}

export const ZERO_ACCUMULATORS: Readonly<Accumulators> = Object.freeze({
  individualDeductibleCents: 0,
  familyDeductibleCents: 0,
  individualOopCents: 0,
  familyOopCents: 0,
});

export function assertAccumulators(accumulators: Accumulators): void {
  for (const [key, value] of Object.entries(accumulators)) assertNonNegativeInteger(value, key);
}

export interface RemainingLimits {
  deductibleRemainingCents: number;
  oopRemainingCents: number;
  deductibleMet: boolean;
  oopMet: boolean;
}

/**
 * What is left before the deductible and the OOP maximum are met. Embedded family limits: the member is done
 * when either their individual or the family amount is reached, so the remainder is the smaller of the two.
 */
export function remainingLimits(
  plan: BenefitPlan,
  coverageLevel: CoverageLevel,
  accumulators: Accumulators,
): RemainingLimits {
  assertAccumulators(accumulators);
  const remaining = (limit: number, used: number): number => Math.max(0, limit - used);
  let deductibleRemainingCents = remaining(
    plan.deductible.individualCents,
    accumulators.individualDeductibleCents,
  );
  let oopRemainingCents = remaining(plan.outOfPocketMax.individualCents, accumulators.individualOopCents);
  if (coverageLevel === 'family') {
    deductibleRemainingCents = Math.min(
      deductibleRemainingCents,
      remaining(plan.deductible.familyCents, accumulators.familyDeductibleCents),
    );
    oopRemainingCents = Math.min(
      oopRemainingCents,
      remaining(plan.outOfPocketMax.familyCents, accumulators.familyOopCents),
    );
  }
  return {
    deductibleRemainingCents,
    oopRemainingCents,
    deductibleMet: deductibleRemainingCents === 0,
    oopMet: oopRemainingCents === 0,
  };
}

/** Adds a paid claim's amounts to the member's and the family's totals. */
export function applyAccumulatorDelta(accumulators: Accumulators, delta: AccumulatorDelta): Accumulators {
  assertAccumulators(accumulators);
  assertNonNegativeInteger(delta.deductibleCents, 'deductibleCents');
  assertNonNegativeInteger(delta.oopCents, 'oopCents');
  return {
    individualDeductibleCents: accumulators.individualDeductibleCents + delta.deductibleCents,
    familyDeductibleCents: accumulators.familyDeductibleCents + delta.deductibleCents,
    individualOopCents: accumulators.individualOopCents + delta.oopCents,
    familyOopCents: accumulators.familyOopCents + delta.oopCents,
  };
}

/**
 * Takes a reversed claim's amounts back out. A result below zero means the delta was never applied to these
 * totals (wrong plan year or a double reversal), so it throws instead of silently clamping.
 */
export function reverseAccumulatorDelta(accumulators: Accumulators, delta: AccumulatorDelta): Accumulators {
  assertAccumulators(accumulators);
  assertNonNegativeInteger(delta.deductibleCents, 'deductibleCents');
  assertNonNegativeInteger(delta.oopCents, 'oopCents');
  const result: Accumulators = {
    individualDeductibleCents: accumulators.individualDeductibleCents - delta.deductibleCents,
    familyDeductibleCents: accumulators.familyDeductibleCents - delta.deductibleCents,
    individualOopCents: accumulators.individualOopCents - delta.oopCents,
    familyOopCents: accumulators.familyOopCents - delta.oopCents,
  };
  for (const [key, value] of Object.entries(result)) {
    if (value < 0) throw new RangeError(`reversal would make ${key} negative`);
  }
  return result;
}
