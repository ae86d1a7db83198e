// Partial fills (343-HD P then C): the member's share of the whole fill is split, never charged twice; refill
// timing counts the partial as its whole intended fill.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adjudicate } from '../src/adjudication/adjudicate';
import { fillsForRefillTiming } from '../src/adjudication/partial-fill';
import { applyAccumulatorDelta } from '../src/benefit/accumulators';
import { type CostShareResult, computeCostShare } from '../src/benefit/cost-share';
import { proratedCents, prorateRule, ruleShareCents } from '../src/benefit/partial-fill-share';
import { accumulatorsWithin, levelArb, planSlotArb, ruleArb } from './benefit-arbitraries';
import { atorvastatin, claimInput, fillOf, samplePlan } from './fixtures';

const share = (r: CostShareResult) => r.components.copayCents + r.components.coinsuranceCents;

/** A whole fill split in two: the partial's part of the quantity and of the price. */
const splitArb = fc
  .record({
    intendedMilli: fc.integer({ min: 2, max: 500_000 }),
    dispensedPermille: fc.integer({ min: 1, max: 999 }),
    partialPriceCents: fc.integer({ min: 0, max: 500_000 }),
    completionPriceCents: fc.integer({ min: 0, max: 500_000 }),
  })
  .map((s) => ({
    ...s,
    dispensedMilli: Math.max(1, Math.floor((s.intendedMilli * s.dispensedPermille) / 1000)),
  }))
  .filter((s) => s.dispensedMilli < s.intendedMilli);

describe('partial fill proration', () => {
  it('prorates by quantity dispensed / intended, rounding down; partial + rest = the whole amount', () => {
    expect(proratedCents(1_000, 10_000, 30_000)).toBe(333);
    expect(proratedCents(1_000, 15_000, 30_000)).toBe(500);
    expect(proratedCents(1_000, 30_000, 30_000)).toBe(1_000);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), splitArb, (full, s) => {
        const part = proratedCents(full, s.dispensedMilli, s.intendedMilli);
        expect(part).toBeGreaterThanOrEqual(0);
        expect(part).toBeLessThanOrEqual(full);
        // Exact to the cent: floor(full × q / Q) is within one cent of the real fraction.
        expect(Math.abs(part * s.intendedMilli - full * s.dispensedMilli)).toBeLessThan(s.intendedMilli);
      }),
    );
  });

  it('a flat copay: partial + completion pay exactly one copay when both prices cover their part', () => {
    const plan = samplePlan();
    const rule = { kind: 'copay' as const, copayCents: 1_000, deductibleApplies: false };
    plan.costShare[1] = { retail_30: rule };
    const base = {
      plan,
      coverageLevel: 'individual' as const,
      tier: 1 as const,
      channel: 'retail_30' as const,
      accumulators: {
        individualDeductibleCents: 0,
        familyDeductibleCents: 0,
        individualOopCents: 0,
        familyOopCents: 0,
      },
    };
    const partial = computeCostShare({
      ...base,
      totalPriceCents: 2_000,
      fillPart: { kind: 'partial', dispensedMilli: 10_000, intendedMilli: 30_000 },
    });
    expect(partial.patientPayCents).toBe(333);
    const completion = computeCostShare({
      ...base,
      accumulators: applyAccumulatorDelta(base.accumulators, partial.accumulatorDelta),
      totalPriceCents: 4_000,
      fillPart: { kind: 'completion', partialShareCents: 333, partialRemainderCents: 2_000 },
    });
    expect(completion.patientPayCents).toBe(667);
    expect(completion.steps.some((s) => s.kind === 'partial_fill')).toBe(true);
    expect(ruleShareCents(rule, 6_000)).toBe(1_000);
    expect(prorateRule(rule, 10_000, 30_000)).toEqual({ ...rule, copayCents: 333 });
  });

  it('partial + completion never charge more than one whole fill, and a copay is never charged twice (property)', () => {
    const arb = planSlotArb.chain(([plan, slot]) =>
      fc.record({
        plan: fc.constant(plan),
        slot: fc.constant(slot),
        level: levelArb,
        acc: accumulatorsWithin(plan),
        split: splitArb,
      }),
    );
    fc.assert(
      fc.property(arb, ({ plan, slot, level, acc, split }) => {
        const base = { plan, coverageLevel: level, tier: slot.tier, channel: slot.channel };
        const partial = computeCostShare({
          ...base,
          accumulators: acc,
          totalPriceCents: split.partialPriceCents,
          fillPart: {
            kind: 'partial',
            dispensedMilli: split.dispensedMilli,
            intendedMilli: split.intendedMilli,
          },
        });
        const completion = computeCostShare({
          ...base,
          accumulators: applyAccumulatorDelta(acc, partial.accumulatorDelta),
          totalPriceCents: split.completionPriceCents,
          fillPart: {
            kind: 'completion',
            partialShareCents: share(partial),
            partialRemainderCents: split.partialPriceCents - partial.components.deductibleCents,
          },
        });
        const whole = computeCostShare({
          ...base,
          accumulators: acc,
          totalPriceCents: split.partialPriceCents + split.completionPriceCents,
        });
        // Never more than one whole fill (the deductible and OOP maximum see the same total price).
        expect(partial.patientPayCents + completion.patientPayCents).toBeLessThanOrEqual(
          whole.patientPayCents,
        );
        // Accumulators stay exact: what each claim applies is what the member paid on it.
        expect(partial.accumulatorDelta.oopCents).toBe(partial.patientPayCents);
        expect(completion.accumulatorDelta.oopCents).toBe(completion.patientPayCents);
        expect(partial.patientPayCents + partial.planPayCents).toBe(split.partialPriceCents);
        expect(completion.patientPayCents + completion.planPayCents).toBe(split.completionPriceCents);
        // Nothing capped it (no deductible, OOP room, prices above the share): one whole fill's share within a
        // cent (coinsurance rounds per claim).
        const unCapped =
          split.partialPriceCents > 0 &&
          split.completionPriceCents > 0 &&
          partial.components.deductibleCents === 0 &&
          completion.components.deductibleCents === 0 &&
          !partial.steps.some((s) => s.kind === 'oop_max_cap' || s.kind === 'oop_max_met') &&
          !completion.steps.some((s) => s.kind === 'oop_max_cap' || s.kind === 'oop_max_met') &&
          !whole.steps.some(
            (s) => s.kind === 'oop_max_cap' || s.kind === 'oop_max_met' || s.kind === 'lesser_of_price',
          ) &&
          !partial.steps.some((s) => s.kind === 'lesser_of_price') &&
          !completion.steps.some((s) => s.kind === 'lesser_of_price');
        if (unCapped && whole.components.deductibleCents === 0) {
          expect(share(partial) + share(completion)).toBeLessThanOrEqual(share(whole));
          if (partial.steps.every((s) => s.kind !== 'min_copay' && s.kind !== 'max_copay'))
            expect(share(whole) - (share(partial) + share(completion))).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('the prorated rule never asks more than the whole rule (property)', () => {
    fc.assert(
      fc.property(ruleArb, splitArb, fc.integer({ min: 0, max: 1_000_000 }), (rule, s, remainder) => {
        const part = prorateRule(rule, s.dispensedMilli, s.intendedMilli);
        expect(ruleShareCents(part, remainder)).toBeLessThanOrEqual(ruleShareCents(rule, remainder));
      }),
    );
  });
});

describe('refill timing of partial fills', () => {
  const partial = fillOf(atorvastatin, '2026-03-01', 10, {
    claimId: 'p-1',
    dispensingStatus: 'P',
    quantityMilli: 10_000,
    intendedQuantityMilli: 30_000,
    intendedDaysSupply: 30,
  });
  const completion = fillOf(atorvastatin, '2026-03-05', 20, {
    claimId: 'c-1',
    dispensingStatus: 'C',
    partialOfClaimId: 'p-1',
  });

  it('counts a partial as its whole intended fill and folds its completion in', () => {
    const fills = fillsForRefillTiming([partial, completion]);
    expect(fills).toHaveLength(1);
    expect(fills[0]).toMatchObject({ claimId: 'p-1', daysSupply: 30, quantityMilli: 30_000 });
  });

  it('a completion is not too soon against its own partial', () => {
    const result = adjudicate(
      claimInput({
        claim: {
          ...claimInput().claim,
          dateOfService: '2026-03-02',
          quantityMilli: 20_000,
          daysSupply: 20,
          partialClaimId: 'p-1',
          fillPart: { kind: 'completion', partialShareCents: 0, partialRemainderCents: 0 },
        },
        medicationHistory: [partial],
      }),
    );
    expect(result.rejectCodes).not.toContain('79');
  });

  it('the next refill counts from the partial with the intended days supply', () => {
    const next = (dateOfService: string) =>
      adjudicate(
        claimInput({
          claim: { ...claimInput().claim, dateOfService },
          medicationHistory: [partial, completion],
        }),
      );
    // 75% of 30 days from 2026-03-01 (not of 20 days from the completion's 2026-03-05).
    expect(next('2026-03-23').rejectCodes).toContain('79');
    expect(next('2026-03-23').refillEligibleOn).toBe('2026-03-24');
    expect(next('2026-03-24').rejectCodes).not.toContain('79');
    // Without the folding, the partial alone (10 days) would have allowed a refill long before.
    expect(next('2026-03-09').rejectCodes).toContain('79');
  });
});
