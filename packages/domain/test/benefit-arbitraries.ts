// Arbitraries of the benefit-math property tests: plans with their cost-share rules, accumulators within a plan's
// limits, cost-share inputs, network contracts and drug prices.
import fc from 'fast-check';
import type { Accumulators } from '../src/benefit/accumulators';
import { type CostShareInput, costShareRuleFor } from '../src/benefit/cost-share';
import {
  type BenefitPlan,
  CHANNELS,
  type Channel,
  type CostShareRule,
  type CoverageLevel,
  TIERS,
  type Tier,
} from '../src/benefit/types';
import type { NetworkContract } from '../src/pricing/types';
import { samplePlan } from './fixtures';

// ---------- arbitraries ----------

/** A copay (up to `maxCopayCents`) or a coinsurance with an optional minimum and maximum. */
export const ruleArbWith = (maxCopayCents: number): fc.Arbitrary<CostShareRule> =>
  fc.oneof(
    fc.record({
      kind: fc.constant('copay' as const),
      copayCents: fc.integer({ min: 0, max: maxCopayCents }),
      deductibleApplies: fc.boolean(),
    }),
    fc
      .record({
        kind: fc.constant('coinsurance' as const),
        coinsuranceBps: fc.integer({ min: 0, max: 10_000 }),
        a: fc.option(fc.integer({ min: 0, max: 30_000 }), { nil: null }),
        b: fc.option(fc.integer({ min: 0, max: 30_000 }), { nil: null }),
        deductibleApplies: fc.boolean(),
      })
      .map(({ a, b, ...rest }) => ({
        ...rest,
        minCopayCents: a != null && b != null ? Math.min(a, b) : a,
        maxCopayCents: a != null && b != null ? Math.max(a, b) : b,
      })),
  );
export const ruleArb = ruleArbWith(30_000);

/** A whole plan: every tier × channel gets a rule or is left uncovered, limits as the database allows them. */
export const planArb: fc.Arbitrary<BenefitPlan> = fc
  .record({
    indDed: fc.integer({ min: 0, max: 300_000 }),
    famDedExtra: fc.integer({ min: 0, max: 300_000 }),
    oopOverDed: fc.integer({ min: 0, max: 800_000 }),
    famOopExtra: fc.integer({ min: 0, max: 800_000 }),
    rules: fc.array(fc.option(ruleArb, { nil: undefined }), {
      minLength: TIERS.length * CHANNELS.length,
      maxLength: TIERS.length * CHANNELS.length,
    }),
    startMonth: fc.integer({ min: 1, max: 12 }),
    startDay: fc.integer({ min: 1, max: 28 }),
  })
  .map(({ indDed, famDedExtra, oopOverDed, famOopExtra, rules, startMonth, startDay }) => {
    const costShare = {} as BenefitPlan['costShare'];
    TIERS.forEach((tier, t) => {
      costShare[tier] = {};
      CHANNELS.forEach((channel, c) => {
        const rule = rules[t * CHANNELS.length + c];
        if (rule) costShare[tier][channel] = rule;
      });
    });
    // plans_limits_ck: family ≥ individual, OOP ≥ deductible.
    const indOop = indDed + oopOverDed;
    return samplePlan({
      planYearStart: { month: startMonth, day: startDay },
      deductible: { individualCents: indDed, familyCents: indDed + famDedExtra },
      outOfPocketMax: { individualCents: indOop, familyCents: indOop + famOopExtra },
      costShare,
    });
  });

/** Tier/channel pairs the plan covers. */
export function coveredSlots(plan: BenefitPlan): Array<{ tier: Tier; channel: Channel }> {
  return TIERS.flatMap((tier) =>
    CHANNELS.filter((channel) => costShareRuleFor(plan, tier, channel)).map((channel) => ({ tier, channel })),
  );
}

/** A plan with at least one covered slot, and one of those slots. */
export const planSlotArb = planArb
  .filter((plan) => coveredSlots(plan).length > 0)
  .chain((plan) => fc.tuple(fc.constant(plan), fc.constantFrom(...coveredSlots(plan))));

/** Accumulators the engine can produce: family ≥ individual, each within its limit. */
export function accumulatorsWithin(plan: BenefitPlan): fc.Arbitrary<Accumulators> {
  const { deductible: d, outOfPocketMax: o } = plan;
  return fc
    .record({
      ind: fc.integer({ min: 0, max: d.individualCents }),
      famExtra: fc.integer({ min: 0, max: d.familyCents }),
      oop: fc.integer({ min: 0, max: o.individualCents }),
      oopExtra: fc.integer({ min: 0, max: o.familyCents }),
    })
    .map(({ ind, famExtra, oop, oopExtra }) => ({
      individualDeductibleCents: ind,
      familyDeductibleCents: Math.min(d.familyCents, ind + famExtra),
      individualOopCents: oop,
      familyOopCents: Math.min(o.familyCents, oop + oopExtra),
    }))
    .filter(
      (acc) =>
        acc.familyDeductibleCents >= acc.individualDeductibleCents &&
        acc.familyOopCents >= acc.individualOopCents,
    );
}

export const levelArb = fc.constantFrom<CoverageLevel>('individual', 'family');
export const priceArb = fc.integer({ min: 0, max: 1_500_000 });

/** Everything computeCostShare needs, drawn consistently. */
export const costShareInputArb: fc.Arbitrary<CostShareInput> = planSlotArb.chain(([plan, slot]) =>
  fc.record({
    plan: fc.constant(plan),
    coverageLevel: levelArb,
    tier: fc.constant(slot.tier),
    channel: fc.constant(slot.channel),
    totalPriceCents: priceArb,
    accumulators: accumulatorsWithin(plan),
  }),
);

export const contractArb: fc.Arbitrary<NetworkContract> = fc
  .array(
    fc.record({
      discountBps: fc.integer({ min: 0, max: 9_000 }),
      genericDiscountBps: fc.option(fc.integer({ min: 0, max: 9_500 }), { nil: null }),
      dispensingFeeCents: fc.integer({ min: 0, max: 1_500 }),
    }),
    { minLength: CHANNELS.length, maxLength: CHANNELS.length },
  )
  .chain((terms) =>
    fc.record({
      id: fc.constant('net-prop'),
      name: fc.constant('Property network'),
      benchmark: fc.constantFrom('awp' as const, 'nadac' as const, 'wac' as const),
      terms: fc.constant(Object.fromEntries(CHANNELS.map((channel, i) => [channel, terms[i]]))),
    }),
  );

export const drugPriceArb = fc.record({
  unitPriceMicrodollars: fc.integer({ min: 0, max: 500_000_000 }),
  macUnitPriceMicrodollars: fc.option(fc.integer({ min: 0, max: 50_000_000 }), { nil: null }),
  isGeneric: fc.boolean(),
});

// ---------- properties ----------
