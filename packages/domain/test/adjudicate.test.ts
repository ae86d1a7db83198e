import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adjudicate } from '../src/adjudication/adjudicate';
import type { FormularyEntry, PriorAuthApproval } from '../src/adjudication/types';
import { DEFAULT_DUR_POLICY } from '../src/dur/types';
import { atorvastatin, claimInput, clarithromycin, fillOf, simvastatin } from './fixtures';

const base = claimInput();

describe('adjudicate: paid claims', () => {
  it('pays a clean generic claim with pricing, cost share and the accumulator delta', () => {
    const result = adjudicate(base);
    expect(result.outcome).toBe('paid');
    expect(result.rejectCodes).toEqual([]);
    expect(result.messages).toEqual([]);
    expect(result.tier).toBe(1);
    expect(result.planYear).toEqual({ year: 2026, startDate: '2026-01-01', endDate: '2026-12-31' });
    expect(result.pricing).toMatchObject({ totalPriceCents: 510, basisOfReimbursementCode: '07' });
    expect(result.costShare).toMatchObject({ patientPayCents: 510, planPayCents: 0 }); // lesser of $10 copay and $5.10
    expect(result.accumulatorDelta).toEqual({ deductibleCents: 0, oopCents: 510 });
    expect(result.refillEligibleOn).toBeNull();
  });

  it('applies the deductible for a brand claim and reports it', () => {
    const brand = { ...atorvastatin, isGeneric: false, macUnitPriceMicrodollars: null };
    const result = adjudicate(
      claimInput({
        drug: brand,
        formularyEntry: { tier: 2, status: 'covered', requiresPriorAuth: false },
        claim: { ...base.claim, submitted: { ingredientCostCents: 9_000 } },
        member: { ...base.member, coverageLevel: 'family' },
        accumulators: {
          individualDeductibleCents: 0,
          familyDeductibleCents: 99_000,
          individualOopCents: 0,
          familyOopCents: 99_000,
        },
      }),
    );
    // $2.50 × 30 × 0.82 = $61.50 + $1.50 fee = $63.00; $10 of family deductible left, then the $40 copay.
    expect(result.pricing?.totalPriceCents).toBe(6_300);
    expect(result.costShare).toMatchObject({
      patientPayCents: 5_000,
      planPayCents: 1_300,
      appliedToDeductibleCents: 1_000,
    });
    expect(result.accumulatorDelta).toEqual({ deductibleCents: 1_000, oopCents: 5_000 });
  });

  it('uses the plan year of the date of service', () => {
    const result = adjudicate(claimInput({ claim: { ...base.claim, dateOfService: '2026-12-31' } }));
    expect(result.planYear.year).toBe(2026);
    const july = adjudicate(
      claimInput({
        plan: { ...base.plan, planYearStart: { month: 7, day: 1 } },
        claim: { ...base.claim, dateOfService: '2026-06-30' },
      }),
    );
    expect(july.planYear).toEqual({ year: 2025, startDate: '2025-07-01', endDate: '2026-06-30' });
  });

  it('pays with a prior authorization on file and names it', () => {
    const approval: PriorAuthApproval = {
      id: 'pa-42',
      drugGroupId: atorvastatin.drugGroupId,
      status: 'approved',
      effectiveDate: '2026-01-01',
      expirationDate: '2026-12-31',
    };
    const result = adjudicate(
      claimInput({
        formularyEntry: { ...base.formularyEntry, requiresPriorAuth: true } as FormularyEntry,
        priorAuthorizations: [approval],
      }),
    );
    expect(result).toMatchObject({ outcome: 'paid', priorAuthorizationId: 'pa-42' });
  });

  it('pays with a DUR warning message for a moderate interaction', () => {
    const result = adjudicate(
      claimInput({
        drug: simvastatin,
        claim: { ...base.claim, ndc: simvastatin.ndc },
        medicationHistory: [fillOf(clarithromycin, '2026-03-05', 14)],
        interactions: [
          { a: 'simvastatin', b: 'clarithromycin', severity: 'moderate', description: 'Myopathy risk' },
        ],
      }),
    );
    expect(result.outcome).toBe('paid');
    expect(result.dur[0]).toMatchObject({ reasonForServiceCode: 'DD', disposition: 'warning' });
    expect(result.messages).toEqual([{ rejectCode: null, text: 'DUR DD: Starter list: Myopathy risk' }]);
  });
});

describe('adjudicate: each reject code', () => {
  const earlyRefill = [fillOf(atorvastatin, '2026-03-01', 30)];
  const cases: [string, ReturnType<typeof claimInput>, string[]][] = [
    ['E7 quantity', claimInput({ claim: { ...base.claim, quantityMilli: 0 } }), ['E7']],
    ['19 days supply', claimInput({ claim: { ...base.claim, daysSupply: 0 } }), ['19']],
    [
      '65 not covered',
      claimInput({
        member: { ...base.member, coverageSpans: [{ effectiveDate: '2026-04-01', terminationDate: null }] },
      }),
      ['65'],
    ],
    ['21 unknown NDC', claimInput({ drug: null }), ['21']],
    ['70 not on formulary', claimInput({ formularyEntry: null }), ['70']],
    [
      '75 PA required',
      claimInput({ formularyEntry: { tier: 2, status: 'covered', requiresPriorAuth: true } }),
      ['75'],
    ],
    [
      '608 step therapy',
      claimInput({
        formularyEntry: {
          ...base.formularyEntry,
          stepTherapy: { prerequisiteDrugGroupIds: ['simvastatin-40mg-tab'], lookbackDays: 180 },
        } as FormularyEntry,
      }),
      ['608'],
    ],
    ['76 days supply', claimInput({ claim: { ...base.claim, daysSupply: 35 } }), ['76']],
    ['79 refill too soon', claimInput({ medicationHistory: earlyRefill }), ['79']],
    [
      '88 therapeutic duplication',
      claimInput({ medicationHistory: [fillOf(simvastatin, '2026-03-01', 30)] }),
      ['88'],
    ],
  ];

  for (const [label, input, codes] of cases) {
    it(`rejects: ${label}`, () => {
      const result = adjudicate(input);
      expect(result.outcome).toBe('rejected');
      expect(result.rejectCodes).toEqual(codes);
      expect(result.pricing).toBeUndefined();
      expect(result.costShare).toBeUndefined();
      expect(result.accumulatorDelta).toBeUndefined();
      expect(result.messages.map((m) => m.rejectCode)).toEqual(codes);
    });
  }

  it('returns the eligible date with 79 and the alternatives with an excluded drug', () => {
    expect(adjudicate(claimInput({ medicationHistory: earlyRefill })).refillEligibleOn).toBe('2026-03-24');
    const excluded = adjudicate(
      claimInput({
        formularyEntry: {
          tier: 3,
          status: 'excluded',
          requiresPriorAuth: false,
          preferredAlternatives: [{ name: 'Rosuvastatin 10 mg tablet', tier: 1 }],
        },
      }),
    );
    expect(excluded.rejectCodes).toEqual(['70']);
    expect(excluded.preferredAlternatives).toEqual([{ name: 'Rosuvastatin 10 mg tablet', tier: 1 }]);
  });

  it('returns every applicable code in standard order', () => {
    const result = adjudicate(
      claimInput({
        member: { ...base.member, coverageSpans: [] },
        formularyEntry: {
          tier: 1,
          status: 'covered',
          requiresPriorAuth: true,
          quantityLimitMilli: { retail_30: 15_000 },
        },
        medicationHistory: [fillOf(atorvastatin, '2026-03-01', 30), fillOf(simvastatin, '2026-03-01', 30)],
        interactions: [
          { a: 'atorvastatin', b: 'simvastatin', severity: 'major', description: 'Duplicate statin therapy' },
        ],
      }),
    );
    expect(result.rejectCodes).toEqual(['65', '75', '76', '79', '88']);
    expect(result.dur.map((d) => d.reasonForServiceCode)).toEqual(['ER', 'TD', 'DD']);
    expect(result.messages.find((m) => m.rejectCode === '88')?.text).toBe('DUR Reject Error: TD, DD');
  });

  it('lets a plan accept a pharmacist ER override for refill too soon', () => {
    const input = claimInput({
      medicationHistory: earlyRefill,
      claim: {
        ...base.claim,
        durOverrides: [
          { reasonForServiceCode: 'ER', professionalServiceCode: 'R0', resultOfServiceCode: '1B' },
        ],
      },
    });
    expect(adjudicate(input).rejectCodes).toEqual(['79']);
    const allowed = adjudicate({
      ...input,
      durPolicy: { ...DEFAULT_DUR_POLICY, allowEarlyRefillOverride: true },
    });
    expect(allowed.outcome).toBe('paid');
    expect(allowed.dur[0]?.disposition).toBe('overridden');
  });
});

describe('adjudicate properties', () => {
  it('a paid claim always splits its total price exactly between member and plan', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200_000 }),
        fc.integer({ min: 1, max: 34 }),
        fc.integer({ min: 0, max: 500_000 }),
        fc.option(fc.integer({ min: 0, max: 500_000 }), { nil: null }),
        fc.constantFrom<1 | 2 | 3>(1, 2, 3),
        fc.integer({ min: 0, max: 300_000 }),
        (quantityMilli, daysSupply, submitted, uc, tier, oopUsed) => {
          const result = adjudicate(
            claimInput({
              claim: {
                ...base.claim,
                quantityMilli,
                daysSupply,
                submitted: { ingredientCostCents: submitted, usualAndCustomaryCents: uc },
              },
              formularyEntry: { tier, status: 'covered', requiresPriorAuth: false },
              accumulators: {
                individualDeductibleCents: 0,
                familyDeductibleCents: 0,
                individualOopCents: oopUsed,
                familyOopCents: oopUsed,
              },
            }),
          );
          expect(result.outcome).toBe('paid');
          const total = result.pricing?.totalPriceCents ?? -1;
          const share = result.costShare;
          expect(share && share.patientPayCents + share.planPayCents).toBe(total);
          expect(share?.patientPayCents).toBeLessThanOrEqual(Math.min(total, 300_000 - oopUsed));
        },
      ),
      { numRuns: 300 },
    );
  });
});
