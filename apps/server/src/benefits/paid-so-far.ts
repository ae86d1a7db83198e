// "What you've paid so far": a member's deductible and out-of-pocket progress for a plan year, with what is
// left computed by the same domain rule the adjudication uses (embedded family limits).
import { type Accumulators, type BenefitPlan, type CoverageLevel, remainingLimits } from '@openpbm/domain';
import type { AccumulatorSummary } from '@openpbm/shared/benefits';

export interface PlanLimits {
  deductible: BenefitPlan['deductible'];
  outOfPocketMax: BenefitPlan['outOfPocketMax'];
}

/** Limits only: no tier is covered, which remainingLimits never looks at. */
function limitsOnlyPlan(limits: PlanLimits): BenefitPlan {
  return {
    id: 'limits',
    name: 'limits',
    planYearStart: { month: 1, day: 1 },
    ...limits,
    costShare: { 1: {}, 2: {}, 3: {}, 4: {} },
    maxDaysSupply: { retail_30: 0, retail_90: 0, home_delivery_90: 0, specialty: 0 },
  };
}

const progress = (paidCents: number, limitCents: number) => ({
  paidCents,
  limitCents,
  remainingCents: Math.max(0, limitCents - paidCents),
});

export function summarizePaidSoFar(args: {
  limits: PlanLimits;
  coverageLevel: CoverageLevel;
  planYear: { startDate: string; endDate: string };
  accumulators: Accumulators;
}): AccumulatorSummary {
  const { limits, coverageLevel, planYear, accumulators: acc } = args;
  const remaining = remainingLimits(limitsOnlyPlan(limits), coverageLevel, acc);
  const family = coverageLevel === 'family';
  return {
    planYear: { startDate: planYear.startDate, endDate: planYear.endDate },
    coverageLevel,
    deductible: {
      individual: progress(acc.individualDeductibleCents, limits.deductible.individualCents),
      family: family ? progress(acc.familyDeductibleCents, limits.deductible.familyCents) : null,
    },
    outOfPocket: {
      individual: progress(acc.individualOopCents, limits.outOfPocketMax.individualCents),
      family: family ? progress(acc.familyOopCents, limits.outOfPocketMax.familyCents) : null,
    },
    deductibleRemainingCents: remaining.deductibleRemainingCents,
    outOfPocketRemainingCents: remaining.oopRemainingCents,
  };
}
