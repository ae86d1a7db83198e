import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Accumulators,
  applyAccumulatorDelta,
  remainingLimits,
  ZERO_ACCUMULATORS,
} from '../src/benefit/accumulators';
import { computeCostShare } from '../src/benefit/cost-share';
import type { BenefitPlan, Channel, CoverageLevel, Tier } from '../src/benefit/types';
import { ruleArbWith } from './benefit-arbitraries';
import { samplePlan } from './fixtures';

const plan = samplePlan();

function share(
  tier: Tier,
  channel: Channel,
  totalPriceCents: number,
  acc: Partial<Accumulators> = {},
  level: CoverageLevel = 'individual',
) {
  return computeCostShare({
    plan,
    coverageLevel: level,
    tier,
    channel,
    totalPriceCents,
    accumulators: { ...ZERO_ACCUMULATORS, ...acc },
  });
}

const deductibleMet = { individualDeductibleCents: 50_000, familyDeductibleCents: 50_000 };

describe('computeCostShare examples', () => {
  it('charges the tier 1 copay with no deductible', () => {
    const result = share(1, 'retail_30', 5_100);
    expect(result).toMatchObject({
      patientPayCents: 1_000,
      planPayCents: 4_100,
      appliedToDeductibleCents: 0,
      appliedToOopCents: 1_000,
      components: { deductibleCents: 0, copayCents: 1_000, coinsuranceCents: 0 },
    });
    expect(result.steps.map((step) => step.kind)).toEqual([
      'total_price',
      'deductible_not_applicable',
      'copay',
      'patient_pays',
      'plan_pays',
    ]);
    expect(result.steps.at(-2)?.description).toBe('You pay $10.00');
  });

  it('never charges more than the drug costs (lesser-of)', () => {
    const result = share(1, 'retail_30', 510);
    expect(result).toMatchObject({ patientPayCents: 510, planPayCents: 0 });
    expect(result.steps.map((step) => step.kind)).toContain('lesser_of_price');
  });

  it('prices 90-day and mail fills through their own channel', () => {
    expect(share(1, 'retail_90', 9_000).patientPayCents).toBe(2_500);
    expect(share(1, 'home_delivery_90', 9_000).patientPayCents).toBe(2_000);
  });

  it('takes the deductible first', () => {
    expect(share(2, 'retail_30', 30_000)).toMatchObject({
      patientPayCents: 30_000,
      planPayCents: 0,
      appliedToDeductibleCents: 30_000,
      appliedToOopCents: 30_000,
    });
  });

  it('splits a claim that finishes the deductible: remaining deductible plus the copay', () => {
    const result = share(2, 'retail_30', 30_000, {
      individualDeductibleCents: 40_000,
      familyDeductibleCents: 40_000,
    });
    expect(result).toMatchObject({
      patientPayCents: 14_000,
      planPayCents: 16_000,
      appliedToDeductibleCents: 10_000,
      components: { deductibleCents: 10_000, copayCents: 4_000, coinsuranceCents: 0 },
    });
    expect(result.steps.find((step) => step.kind === 'deductible')?.description).toBe(
      '$100.00 applied to the deductible ($0.00 remaining)',
    );
  });

  it('applies coinsurance with its minimum and maximum', () => {
    expect(share(3, 'retail_30', 30_000, deductibleMet).patientPayCents).toBe(9_000); // 30%
    expect(share(3, 'retail_30', 10_000, deductibleMet).patientPayCents).toBe(5_000); // 3 000 → min 5 000
    expect(share(3, 'retail_30', 100_000, deductibleMet).patientPayCents).toBe(15_000); // 30 000 → max 15 000
    const tiny = share(3, 'retail_30', 4_000, deductibleMet); // min 5 000 > price 4 000
    expect(tiny.patientPayCents).toBe(4_000);
    expect(tiny.steps.map((step) => step.kind)).toEqual([
      'total_price',
      'deductible_met',
      'coinsurance',
      'min_copay',
      'lesser_of_price',
      'patient_pays',
      'plan_pays',
    ]);
  });

  it('rounds coinsurance half-up', () => {
    // 20% of 12 345 = 2 469; 20% of 12 343 = 2 468.6 → 2 469; 20% of 12 342 = 2 468.4 → 2 468
    expect(share(4, 'specialty', 12_343, deductibleMet).patientPayCents).toBe(2_469);
    expect(share(4, 'specialty', 12_342, deductibleMet).patientPayCents).toBe(2_468);
  });

  it('caps specialty coinsurance', () => {
    expect(share(4, 'specialty', 500_000, deductibleMet)).toMatchObject({
      patientPayCents: 25_000,
      planPayCents: 475_000,
      components: { coinsuranceCents: 25_000 },
    });
  });

  it('treats the deductible as met when the family amount is met (embedded deductible)', () => {
    const familyMet = { individualDeductibleCents: 0, familyDeductibleCents: 100_000 };
    expect(share(2, 'retail_30', 30_000, familyMet, 'family').patientPayCents).toBe(4_000);
    // Individual coverage ignores the family totals.
    expect(share(2, 'retail_30', 30_000, familyMet, 'individual').patientPayCents).toBe(30_000);
    // Individual met while the family is not.
    const individualMet = { individualDeductibleCents: 50_000, familyDeductibleCents: 50_000 };
    expect(share(2, 'retail_30', 30_000, individualMet, 'family').patientPayCents).toBe(4_000);
  });

  it('applies only what is left of the family deductible', () => {
    const result = share(2, 'retail_30', 30_000, { familyDeductibleCents: 95_000 }, 'family');
    expect(result).toMatchObject({ appliedToDeductibleCents: 5_000, patientPayCents: 9_000 });
  });

  it('charges nothing once the individual or family OOP maximum is met', () => {
    const individual = share(3, 'retail_30', 30_000, {
      individualOopCents: 300_000,
      familyOopCents: 300_000,
    });
    expect(individual).toMatchObject({ patientPayCents: 0, planPayCents: 30_000, appliedToOopCents: 0 });
    expect(individual.steps.map((step) => step.kind)).toContain('oop_max_met');
    const family = share(3, 'retail_30', 30_000, { familyOopCents: 600_000 }, 'family');
    expect(family.patientPayCents).toBe(0);
  });

  it('stops at the OOP maximum within a claim', () => {
    const result = share(2, 'retail_30', 30_000, {
      ...deductibleMet,
      individualOopCents: 299_000,
      familyOopCents: 299_000,
    });
    expect(result).toMatchObject({ patientPayCents: 1_000, planPayCents: 29_000, appliedToOopCents: 1_000 });
    expect(result.steps.map((step) => step.kind)).toContain('oop_max_cap');
    // The deductible itself is limited by the OOP room left.
    const nearMax = share(2, 'retail_30', 30_000, { individualOopCents: 299_500, familyOopCents: 299_500 });
    expect(nearMax).toMatchObject({ patientPayCents: 500, appliedToDeductibleCents: 500 });
  });

  it('handles a zero price', () => {
    expect(share(2, 'retail_30', 0)).toMatchObject({ patientPayCents: 0, planPayCents: 0 });
  });

  it('refuses a tier the channel does not cover and inconsistent rules', () => {
    expect(() => share(4, 'retail_30', 1_000)).toThrow(/not covered/);
    const broken = samplePlan({
      costShare: {
        ...plan.costShare,
        3: {
          retail_30: {
            kind: 'coinsurance',
            coinsuranceBps: 100,
            minCopayCents: 10,
            maxCopayCents: 5,
            deductibleApplies: false,
          },
        },
      },
    });
    expect(() =>
      computeCostShare({
        plan: broken,
        coverageLevel: 'individual',
        tier: 3,
        channel: 'retail_30',
        totalPriceCents: 100,
        accumulators: ZERO_ACCUMULATORS,
      }),
    ).toThrow(RangeError);
  });
});

// ---------- properties ----------

const ruleArb = ruleArbWith(50_000);

const planArb: fc.Arbitrary<BenefitPlan> = fc
  .record({
    indDed: fc.integer({ min: 0, max: 500_000 }),
    famFactor: fc.integer({ min: 1, max: 3 }),
    indOop: fc.integer({ min: 0, max: 1_000_000 }),
    oopFactor: fc.integer({ min: 1, max: 3 }),
    rule: ruleArb,
  })
  .map(({ indDed, famFactor, indOop, oopFactor, rule }) =>
    samplePlan({
      deductible: { individualCents: indDed, familyCents: indDed * famFactor },
      outOfPocketMax: { individualCents: indOop, familyCents: indOop * oopFactor },
      costShare: { 1: { retail_30: rule }, 2: {}, 3: {}, 4: {} },
    }),
  );

/** Accumulators within the plan's limits (what the engine itself can produce). */
function accumulatorsWithin(p: BenefitPlan): fc.Arbitrary<Accumulators> {
  return fc
    .record({
      ind: fc.integer({ min: 0, max: p.deductible.individualCents }),
      famExtra: fc.integer({
        min: 0,
        max: Math.max(0, p.deductible.familyCents - p.deductible.individualCents),
      }),
      oop: fc.integer({ min: 0, max: p.outOfPocketMax.individualCents }),
      oopExtra: fc.integer({
        min: 0,
        max: Math.max(0, p.outOfPocketMax.familyCents - p.outOfPocketMax.individualCents),
      }),
    })
    .map(({ ind, famExtra, oop, oopExtra }) => ({
      individualDeductibleCents: ind,
      familyDeductibleCents: ind + famExtra,
      individualOopCents: oop,
      familyOopCents: oop + oopExtra,
    }));
}

const levelArb = fc.constantFrom<CoverageLevel>('individual', 'family');
const priceArb = fc.integer({ min: 0, max: 2_000_000 });

describe('computeCostShare properties', () => {
  it('patient + plan = total, 0 ≤ patient ≤ total, plan ≥ 0, applied ≤ remaining, accumulators stay within limits', () => {
    fc.assert(
      fc.property(
        planArb.chain((p) => fc.tuple(fc.constant(p), accumulatorsWithin(p), levelArb, priceArb)),
        ([p, accumulators, coverageLevel, totalPriceCents]) => {
          const result = computeCostShare({
            plan: p,
            coverageLevel,
            tier: 1,
            channel: 'retail_30',
            totalPriceCents,
            accumulators,
          });
          const before = remainingLimits(p, coverageLevel, accumulators);
          expect(result.patientPayCents + result.planPayCents).toBe(totalPriceCents);
          expect(result.patientPayCents).toBeGreaterThanOrEqual(0);
          expect(result.patientPayCents).toBeLessThanOrEqual(totalPriceCents);
          expect(result.planPayCents).toBeGreaterThanOrEqual(0);
          expect(result.appliedToOopCents).toBeLessThanOrEqual(before.oopRemainingCents);
          expect(result.appliedToDeductibleCents).toBeLessThanOrEqual(before.deductibleRemainingCents);
          expect(result.appliedToDeductibleCents).toBeLessThanOrEqual(result.patientPayCents);
          const { deductibleCents, copayCents, coinsuranceCents } = result.components;
          expect(deductibleCents + copayCents + coinsuranceCents).toBe(result.patientPayCents);

          const after = applyAccumulatorDelta(accumulators, result.accumulatorDelta);
          expect(after.individualDeductibleCents).toBeLessThanOrEqual(p.deductible.individualCents);
          expect(after.individualOopCents).toBeLessThanOrEqual(p.outOfPocketMax.individualCents);
          if (coverageLevel === 'family') {
            expect(after.familyDeductibleCents).toBeLessThanOrEqual(p.deductible.familyCents);
            expect(after.familyOopCents).toBeLessThanOrEqual(p.outOfPocketMax.familyCents);
          }
          for (const value of Object.values(after)) expect(value).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('a plan year of claims never makes an individual pay more than the OOP maximum', () => {
    fc.assert(
      fc.property(planArb, fc.array(priceArb, { minLength: 1, maxLength: 60 }), (p, prices) => {
        let accumulators: Accumulators = { ...ZERO_ACCUMULATORS };
        let paid = 0;
        for (const totalPriceCents of prices) {
          const result = computeCostShare({
            plan: p,
            coverageLevel: 'individual',
            tier: 1,
            channel: 'retail_30',
            totalPriceCents,
            accumulators,
          });
          paid += result.patientPayCents;
          accumulators = applyAccumulatorDelta(accumulators, result.accumulatorDelta);
        }
        expect(paid).toBeLessThanOrEqual(p.outOfPocketMax.individualCents);
        expect(accumulators.individualOopCents).toBe(paid);
      }),
    );
  });

  it('a family never pays more than the family OOP maximum, nor any member more than the individual one', () => {
    fc.assert(
      fc.property(
        planArb,
        fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), priceArb), { minLength: 1, maxLength: 80 }),
        (p, claims) => {
          const members = [0, 1, 2, 3].map(() => ({ deductible: 0, oop: 0, paid: 0 }));
          let familyDeductible = 0;
          let familyOop = 0;
          for (const [memberIndex, totalPriceCents] of claims) {
            const member = members[memberIndex];
            if (!member) throw new Error('no member');
            const result = computeCostShare({
              plan: p,
              coverageLevel: 'family',
              tier: 1,
              channel: 'retail_30',
              totalPriceCents,
              accumulators: {
                individualDeductibleCents: member.deductible,
                familyDeductibleCents: familyDeductible,
                individualOopCents: member.oop,
                familyOopCents: familyOop,
              },
            });
            member.deductible += result.accumulatorDelta.deductibleCents;
            member.oop += result.accumulatorDelta.oopCents;
            member.paid += result.patientPayCents;
            familyDeductible += result.accumulatorDelta.deductibleCents;
            familyOop += result.accumulatorDelta.oopCents;
          }
          const familyPaid = members.reduce((sum, member) => sum + member.paid, 0);
          expect(familyPaid).toBeLessThanOrEqual(p.outOfPocketMax.familyCents);
          expect(familyDeductible).toBeLessThanOrEqual(p.deductible.familyCents);
          for (const member of members) {
            expect(member.paid).toBeLessThanOrEqual(p.outOfPocketMax.individualCents);
            expect(member.deductible).toBeLessThanOrEqual(p.deductible.individualCents);
          }
        },
      ),
    );
  });
});
