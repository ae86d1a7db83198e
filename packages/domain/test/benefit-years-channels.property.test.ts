// Benefit math over plan years, families and channels (property tests; arbitraries in benefit-arbitraries.ts):
// plan-year resets, family and individual accumulators, 90-day and home-delivery pricing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Accumulators, applyAccumulatorDelta, ZERO_ACCUMULATORS } from '../src/benefit/accumulators';
import { channelFor } from '../src/benefit/channel';
import { type CostShareInput, computeCostShare } from '../src/benefit/cost-share';
import { CHANNELS, DEFAULT_MAX_DAYS_SUPPLY, type Tier } from '../src/benefit/types';
import { priceClaim } from '../src/pricing/price-claim';
import type { NetworkContract } from '../src/pricing/types';
import { addDays, fromEpochDay, toEpochDay } from '../src/time/local-date';
import { planYearForDate } from '../src/time/plan-year';
import {
  accumulatorsWithin,
  costShareInputArb,
  drugPriceArb,
  levelArb,
  planSlotArb,
  priceArb,
} from './benefit-arbitraries';
import { network, samplePlan } from './fixtures';

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
