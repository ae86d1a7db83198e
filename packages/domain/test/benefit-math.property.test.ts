// Property tests for the benefit math that cost-share.test.ts, accumulators.test.ts and pricing.test.ts do not
// already pin down: every tier × channel of a plan, pricing → cost share as one pipeline (what a claim and a
// price check both run), monotonicity in price and in accumulators, a quote after apply + reverse, plan-year
// reset, family totals as the sum of the members', and 90-day / home-delivery pricing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Accumulators,
  applyAccumulatorDelta,
  reverseAccumulatorDelta,
  ZERO_ACCUMULATORS,
} from '../src/benefit/accumulators';
import { channelFor } from '../src/benefit/channel';
import { type CostShareInput, computeCostShare, costShareRuleFor } from '../src/benefit/cost-share';
import {
  type BenefitPlan,
  CHANNELS,
  type Channel,
  type CostShareRule,
  type CoverageLevel,
  DEFAULT_MAX_DAYS_SUPPLY,
  TIERS,
  type Tier,
} from '../src/benefit/types';
import { priceClaim } from '../src/pricing/price-claim';
import type { NetworkContract } from '../src/pricing/types';
import { addDays, fromEpochDay, toEpochDay } from '../src/time/local-date';
import { planYearForDate } from '../src/time/plan-year';
import { network, samplePlan } from './fixtures';

// ---------- arbitraries ----------

const ruleArb: fc.Arbitrary<CostShareRule> = fc.oneof(
  fc.record({
    kind: fc.constant('copay' as const),
    copayCents: fc.integer({ min: 0, max: 30_000 }),
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

/** A whole plan: every tier × channel gets a rule or is left uncovered, limits as the database allows them. */
const planArb: fc.Arbitrary<BenefitPlan> = fc
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
function coveredSlots(plan: BenefitPlan): Array<{ tier: Tier; channel: Channel }> {
  return TIERS.flatMap((tier) =>
    CHANNELS.filter((channel) => costShareRuleFor(plan, tier, channel)).map((channel) => ({ tier, channel })),
  );
}

/** A plan with at least one covered slot, and one of those slots. */
const planSlotArb = planArb
  .filter((plan) => coveredSlots(plan).length > 0)
  .chain((plan) => fc.tuple(fc.constant(plan), fc.constantFrom(...coveredSlots(plan))));

/** Accumulators the engine can produce: family ≥ individual, each within its limit. */
function accumulatorsWithin(plan: BenefitPlan): fc.Arbitrary<Accumulators> {
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

const levelArb = fc.constantFrom<CoverageLevel>('individual', 'family');
const priceArb = fc.integer({ min: 0, max: 1_500_000 });

/** Everything computeCostShare needs, drawn consistently. */
const costShareInputArb: fc.Arbitrary<CostShareInput> = planSlotArb.chain(([plan, slot]) =>
  fc.record({
    plan: fc.constant(plan),
    coverageLevel: levelArb,
    tier: fc.constant(slot.tier),
    channel: fc.constant(slot.channel),
    totalPriceCents: priceArb,
    accumulators: accumulatorsWithin(plan),
  }),
);

const contractArb: fc.Arbitrary<NetworkContract> = fc
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

const drugPriceArb = fc.record({
  unitPriceMicrodollars: fc.integer({ min: 0, max: 500_000_000 }),
  macUnitPriceMicrodollars: fc.option(fc.integer({ min: 0, max: 50_000_000 }), { nil: null }),
  isGeneric: fc.boolean(),
});

// ---------- properties ----------

describe('cost share over every tier and channel of a plan (property)', () => {
  it('patient + plan = total, neither negative, member ≤ price and ≤ remaining OOP, the explanation adds up', () => {
    fc.assert(
      fc.property(costShareInputArb, (input) => {
        const result = computeCostShare(input);
        const { totalPriceCents } = input;
        expect(result.patientPayCents + result.planPayCents).toBe(totalPriceCents);
        for (const amount of [
          result.patientPayCents,
          result.planPayCents,
          result.appliedToDeductibleCents,
          result.appliedToOopCents,
        ]) {
          expect(Number.isSafeInteger(amount) && amount >= 0).toBe(true);
        }
        expect(result.patientPayCents).toBeLessThanOrEqual(totalPriceCents);
        expect(result.appliedToOopCents).toBe(result.patientPayCents);
        // The explanation of benefits: starts from the price, ends with the two shares, never a negative line.
        expect(result.steps[0]).toMatchObject({ kind: 'total_price', amountCents: totalPriceCents });
        expect(result.steps.at(-2)).toMatchObject({
          kind: 'patient_pays',
          amountCents: result.patientPayCents,
        });
        expect(result.steps.at(-1)).toMatchObject({ kind: 'plan_pays', amountCents: result.planPayCents });
        for (const step of result.steps) expect(step.amountCents).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 400 },
    );
  });

  it('a copay or coinsurance stays inside its min/max unless the price or the OOP maximum is lower', () => {
    fc.assert(
      fc.property(costShareInputArb, (input) => {
        const rule = costShareRuleFor(input.plan, input.tier, input.channel);
        const result = computeCostShare(input);
        const share = result.components.copayCents + result.components.coinsuranceCents;
        const remainder = input.totalPriceCents - result.components.deductibleCents;
        const capped = share === remainder || result.steps.some((step) => step.kind === 'oop_max_cap');
        if (!rule || result.steps.some((step) => step.kind === 'oop_max_met')) return;
        if (rule.kind === 'copay') {
          expect(share).toBeLessThanOrEqual(rule.copayCents);
          if (!capped && remainder > 0) expect(share).toBe(rule.copayCents);
        } else {
          if (rule.maxCopayCents != null) expect(share).toBeLessThanOrEqual(rule.maxCopayCents);
          if (rule.minCopayCents != null && !capped && remainder > 0) {
            expect(share).toBeGreaterThanOrEqual(rule.minCopayCents);
          }
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('pricing → cost share, the pipeline a claim and a price check share (property)', () => {
  it('the member never pays more than the pharmacy asked for, nor its cash price', () => {
    fc.assert(
      fc.property(
        costShareInputArb,
        contractArb,
        drugPriceArb,
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.option(fc.integer({ min: 0, max: 2_000 }), { nil: null }),
        fc.option(fc.integer({ min: 0, max: 1_000_000 }), { nil: null }),
        (input, contract, drug, quantityMilli, submittedIngredient, submittedFee, usualAndCustomary) => {
          const pricing = priceClaim({
            channel: input.channel,
            quantityMilli,
            drug,
            contract,
            submitted: {
              ingredientCostCents: submittedIngredient,
              dispensingFeeCents: submittedFee,
              usualAndCustomaryCents: usualAndCustomary,
            },
          });
          const share = computeCostShare({ ...input, totalPriceCents: pricing.totalPriceCents });
          expect(share.patientPayCents + share.planPayCents).toBe(pricing.totalPriceCents);
          const asked =
            submittedIngredient + (submittedFee ?? contract.terms[input.channel]?.dispensingFeeCents ?? 0);
          expect(share.patientPayCents).toBeLessThanOrEqual(asked);
          if (usualAndCustomary != null) expect(share.patientPayCents).toBeLessThanOrEqual(usualAndCustomary);
          expect(share.planPayCents).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('monotonicity (property)', () => {
  it('a more expensive fill never costs the member or the plan less', () => {
    fc.assert(
      fc.property(costShareInputArb, priceArb, (input, otherPrice) => {
        const low = Math.min(input.totalPriceCents, otherPrice);
        const high = Math.max(input.totalPriceCents, otherPrice);
        const cheap = computeCostShare({ ...input, totalPriceCents: low });
        const dear = computeCostShare({ ...input, totalPriceCents: high });
        expect(cheap.patientPayCents).toBeLessThanOrEqual(dear.patientPayCents);
        expect(cheap.planPayCents).toBeLessThanOrEqual(dear.planPayCents);
      }),
      { numRuns: 400 },
    );
  });

  it('one cent more never costs the member more than one cent more', () => {
    fc.assert(
      fc.property(costShareInputArb, (input) => {
        const before = computeCostShare(input);
        const after = computeCostShare({ ...input, totalPriceCents: input.totalPriceCents + 1 });
        expect(after.patientPayCents - before.patientPayCents).toBeGreaterThanOrEqual(0);
        expect(after.patientPayCents - before.patientPayCents).toBeLessThanOrEqual(1);
      }),
      { numRuns: 400 },
    );
  });

  it('having paid more this plan year never makes the same fill cost the member more', () => {
    fc.assert(
      fc.property(
        costShareInputArb,
        fc.record({
          deductibleCents: fc.integer({ min: 0, max: 300_000 }),
          oopCents: fc.integer({ min: 0, max: 300_000 }),
        }),
        (input, delta) => {
          const later = applyAccumulatorDelta(input.accumulators, delta);
          const now = computeCostShare(input);
          const afterMoreSpending = computeCostShare({ ...input, accumulators: later });
          expect(afterMoreSpending.patientPayCents).toBeLessThanOrEqual(now.patientPayCents);
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('apply and reverse (property)', () => {
  it('reversing a paid claim restores the accumulators, and the same fill is then quoted exactly as before', () => {
    fc.assert(
      fc.property(costShareInputArb, (input) => {
        const quote = computeCostShare(input);
        const afterClaim = applyAccumulatorDelta(input.accumulators, quote.accumulatorDelta);
        const afterReversal = reverseAccumulatorDelta(afterClaim, quote.accumulatorDelta);
        expect(afterReversal).toEqual(input.accumulators);
        expect(computeCostShare({ ...input, accumulators: afterReversal })).toEqual(quote);
      }),
      { numRuns: 300 },
    );
  });

  it('a quote never changes the accumulators it was given (a price check is read-only)', () => {
    fc.assert(
      fc.property(costShareInputArb, (input) => {
        const snapshot = { ...input.accumulators };
        computeCostShare(input);
        expect(input.accumulators).toEqual(snapshot);
      }),
    );
  });
});

describe('plan-year reset (property)', () => {
  it('accumulators start from zero each plan year: per year the member pays at most the OOP maximum', () => {
    const start = toEpochDay('2025-01-01');
    fc.assert(
      fc.property(
        planSlotArb,
        fc.array(fc.tuple(fc.integer({ min: 0, max: 3 * 366 }), priceArb), { minLength: 1, maxLength: 60 }),
        ([plan, slot], claims) => {
          const byYear = new Map<number, { accumulators: Accumulators; paid: number; first: boolean }>();
          const sorted = [...claims].sort((a, b) => a[0] - b[0]);
          for (const [day, totalPriceCents] of sorted) {
            const year = planYearForDate(fromEpochDay(start + day), plan.planYearStart).year;
            const state = byYear.get(year) ?? {
              accumulators: { ...ZERO_ACCUMULATORS },
              paid: 0,
              first: true,
            };
            const input: CostShareInput = {
              plan,
              coverageLevel: 'individual',
              ...slot,
              totalPriceCents,
              accumulators: state.accumulators,
            };
            const result = computeCostShare(input);
            if (state.first) {
              // The first claim of a plan year is priced as if nothing had been paid before.
              expect(result).toEqual(computeCostShare({ ...input, accumulators: ZERO_ACCUMULATORS }));
            }
            state.accumulators = applyAccumulatorDelta(state.accumulators, result.accumulatorDelta);
            state.paid += result.patientPayCents;
            state.first = false;
            byYear.set(year, state);
          }
          for (const { paid, accumulators } of byYear.values()) {
            expect(paid).toBeLessThanOrEqual(plan.outOfPocketMax.individualCents);
            expect(accumulators.individualOopCents).toBe(paid);
            expect(accumulators.individualDeductibleCents).toBeLessThanOrEqual(
              plan.deductible.individualCents,
            );
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('the last day of a plan year and the next day belong to different plan years', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        fc.integer({ min: toEpochDay('2000-01-01'), max: toEpochDay('2090-12-31') }),
        (month, day, epochDay) => {
          const start = { month, day };
          const year = planYearForDate(fromEpochDay(epochDay), start);
          const next = planYearForDate(addDays(year.endDate, 1), start);
          expect(next.year).toBe(year.year + 1);
          expect(next.startDate).toBe(addDays(year.endDate, 1));
          expect(planYearForDate(year.endDate, start)).toEqual(year);
        },
      ),
    );
  });
});

describe('family and individual accumulators (property)', () => {
  it('the family totals are always the sum of the members’ totals and never below any one of them', () => {
    fc.assert(
      fc.property(
        planSlotArb,
        fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), priceArb), { minLength: 1, maxLength: 60 }),
        ([plan, slot], claims) => {
          const individual = [0, 1, 2, 3, 4].map(() => ({ ...ZERO_ACCUMULATORS }));
          let family = { deductible: 0, oop: 0 };
          for (const [who, totalPriceCents] of claims) {
            const mine = individual[who] as Accumulators;
            const result = computeCostShare({
              plan,
              coverageLevel: 'family',
              ...slot,
              totalPriceCents,
              accumulators: {
                individualDeductibleCents: mine.individualDeductibleCents,
                familyDeductibleCents: family.deductible,
                individualOopCents: mine.individualOopCents,
                familyOopCents: family.oop,
              },
            });
            individual[who] = applyAccumulatorDelta(mine, result.accumulatorDelta);
            family = {
              deductible: family.deductible + result.accumulatorDelta.deductibleCents,
              oop: family.oop + result.accumulatorDelta.oopCents,
            };
          }
          const sum = (pick: (a: Accumulators) => number) => individual.reduce((s, a) => s + pick(a), 0);
          expect(sum((a) => a.individualDeductibleCents)).toBe(family.deductible);
          expect(sum((a) => a.individualOopCents)).toBe(family.oop);
          for (const a of individual) {
            expect(a.individualOopCents).toBeLessThanOrEqual(family.oop);
            expect(a.individualOopCents).toBeLessThanOrEqual(plan.outOfPocketMax.individualCents);
          }
          expect(family.oop).toBeLessThanOrEqual(plan.outOfPocketMax.familyCents);
          expect(family.deductible).toBeLessThanOrEqual(plan.deductible.familyCents);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('individual coverage ignores the family totals', () => {
    fc.assert(
      fc.property(
        costShareInputArb,
        fc.integer({ min: 0, max: 2_000_000 }),
        fc.integer({ min: 0, max: 2_000_000 }),
        (input, familyDeductibleCents, familyOopCents) => {
          const individual = { ...input, coverageLevel: 'individual' as const };
          const withOtherFamily = {
            ...individual,
            accumulators: { ...input.accumulators, familyDeductibleCents, familyOopCents },
          };
          expect(computeCostShare(withOtherFamily)).toEqual(computeCostShare(individual));
        },
      ),
    );
  });

  it('family coverage costs the member no more than individual coverage with the same totals', () => {
    fc.assert(
      fc.property(costShareInputArb, (input) => {
        const family = computeCostShare({ ...input, coverageLevel: 'family' });
        const individual = computeCostShare({ ...input, coverageLevel: 'individual' });
        expect(family.patientPayCents).toBeLessThanOrEqual(individual.patientPayCents);
      }),
    );
  });
});

describe('90-day and home-delivery pricing (property)', () => {
  it('the channel follows the pharmacy kind and the retail 30-day limit', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('retail' as const, 'home_delivery' as const, 'specialty' as const),
        fc.integer({ min: 1, max: 365 }),
        (kind, daysSupply) => {
          const channel = channelFor(kind, daysSupply);
          if (kind === 'home_delivery') expect(channel).toBe('home_delivery_90');
          else if (kind === 'specialty') expect(channel).toBe('specialty');
          else
            expect(channel).toBe(daysSupply > DEFAULT_MAX_DAYS_SUPPLY.retail_30 ? 'retail_90' : 'retail_30');
        },
      ),
    );
  });

  it('with better home-delivery terms, 90 days by mail never costs the plan more than three 30-day retail fills (±2¢ rounding)', () => {
    fc.assert(
      fc.property(
        drugPriceArb,
        fc.integer({ min: 1, max: 300_000 }),
        fc.integer({ min: 0, max: 9_000 }),
        fc.integer({ min: 0, max: 1_000 }),
        fc.integer({ min: 0, max: 900 }),
        fc.integer({ min: 0, max: 1_500 }),
        (drug, quantity30Milli, retailDiscount, extraMailDiscount, mailFee, extraRetailFee) => {
          const contract: NetworkContract = {
            id: 'net',
            name: 'net',
            benchmark: 'awp',
            terms: {
              retail_30: { discountBps: retailDiscount, dispensingFeeCents: mailFee + extraRetailFee },
              home_delivery_90: {
                discountBps: retailDiscount + extraMailDiscount,
                dispensingFeeCents: mailFee,
              },
            },
          };
          // The pharmacy asks for more than any contract allows, so the contracted or MAC arm sets the price.
          const submitted = { ingredientCostCents: 10_000_000_000_000 };
          const retail30 = priceClaim({
            channel: 'retail_30',
            quantityMilli: quantity30Milli,
            drug,
            contract,
            submitted,
          });
          const mail90 = priceClaim({
            channel: 'home_delivery_90',
            quantityMilli: 3 * quantity30Milli,
            drug,
            contract,
            submitted,
          });
          expect(mail90.totalPriceCents).toBeLessThanOrEqual(3 * retail30.totalPriceCents + 2);
          expect(mail90.dispensingFeePaidCents).toBeLessThanOrEqual(retail30.dispensingFeePaidCents);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('the sample plan: a home-delivery 90-day fill never costs the member more than the same fill at retail 90', () => {
    const plan = samplePlan();
    fc.assert(
      fc.property(
        fc.constantFrom<Tier>(1, 2),
        priceArb,
        accumulatorsWithin(plan),
        levelArb,
        (tier, totalPriceCents, accumulators, coverageLevel) => {
          const base = { plan, tier, totalPriceCents, accumulators, coverageLevel };
          const mail = computeCostShare({ ...base, channel: 'home_delivery_90' });
          const retail = computeCostShare({ ...base, channel: 'retail_90' });
          expect(mail.patientPayCents).toBeLessThanOrEqual(retail.patientPayCents);
        },
      ),
    );
  });

  it('each channel is priced with its own network terms', () => {
    fc.assert(
      fc.property(
        drugPriceArb,
        fc.constantFrom(...CHANNELS),
        fc.integer({ min: 1, max: 300_000 }),
        (drug, channel, quantityMilli) => {
          const pricing = priceClaim({
            channel,
            quantityMilli,
            drug,
            contract: network,
            submitted: { ingredientCostCents: 1_000_000_000 },
          });
          expect(pricing.dispensingFeePaidCents).toBe(network.terms[channel]?.dispensingFeeCents);
        },
      ),
    );
  });
});
