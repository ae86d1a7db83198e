// Property tests for the benefit math that cost-share.test.ts, accumulators.test.ts and pricing.test.ts do not
// already pin down: every tier × channel of a plan, pricing → cost share as one pipeline (what a claim and a
// price check both run), monotonicity in price and in accumulators, a quote after apply + reverse. Plan years,
// families and channels: benefit-years-channels.property.test.ts; the arbitraries: benefit-arbitraries.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyAccumulatorDelta, reverseAccumulatorDelta } from '../src/benefit/accumulators';
import { computeCostShare, costShareRuleFor } from '../src/benefit/cost-share';
import { priceClaim } from '../src/pricing/price-claim';
import { contractArb, costShareInputArb, drugPriceArb, priceArb } from './benefit-arbitraries';

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
