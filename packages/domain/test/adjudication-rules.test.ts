import { describe, expect, it } from 'vitest';
import { checkProductCoverage } from '../src/adjudication/coverage';
import { checkEligibility, isCoveredOn } from '../src/adjudication/eligibility';
import { checkPlanLimits, maxDaysSupplyFor } from '../src/adjudication/plan-limits';
import { checkPriorAuthorization, findCoveringPriorAuth } from '../src/adjudication/prior-auth';
import { checkRefillTooSoon, previousFillOf } from '../src/adjudication/refill-too-soon';
import { checkRequestFields } from '../src/adjudication/request-checks';
import { checkStepTherapy } from '../src/adjudication/step-therapy';
import type { CoverageSpan, FormularyEntry, PriorAuthApproval } from '../src/adjudication/types';
import { channelFor } from '../src/benefit/channel';
import type { NetworkContract } from '../src/pricing/types';
import { atorvastatin, fillOf, genericFormulary, network, samplePlan, simvastatin } from './fixtures';

describe('request fields (E7, 19)', () => {
  it('rejects a zero quantity and a zero days supply', () => {
    expect(checkRequestFields({ quantityMilli: 0, daysSupply: 30 }).map((r) => r.code)).toEqual(['E7']);
    expect(checkRequestFields({ quantityMilli: 30_000, daysSupply: 0 }).map((r) => r.code)).toEqual(['19']);
    expect(checkRequestFields({ quantityMilli: 30_000, daysSupply: 30 })).toEqual([]);
  });
});

describe('eligibility (65)', () => {
  const spans: CoverageSpan[] = [
    { effectiveDate: '2025-01-01', terminationDate: '2025-06-30' },
    { effectiveDate: '2026-01-01', terminationDate: null },
  ];

  it('covers dates inside a span, the termination date included', () => {
    expect(isCoveredOn(spans, '2025-06-30')).toBe(true);
    expect(isCoveredOn(spans, '2026-01-01')).toBe(true);
    expect(checkEligibility(spans, '2030-05-05')).toBeNull();
  });

  it('rejects before coverage starts, in a gap and without coverage', () => {
    expect(checkEligibility(spans, '2024-12-31')).toEqual({
      code: '65',
      message: 'Patient Not Covered: coverage not yet effective on 2024-12-31',
    });
    expect(checkEligibility(spans, '2025-07-01')?.code).toBe('65');
    expect(checkEligibility([], '2026-01-01')?.message).toBe('Patient Not Covered: no coverage on file');
  });
});

describe('product coverage (21, 70)', () => {
  const plan = samplePlan();
  it('rejects an unknown NDC with 21 and a non-formulary drug with 70', () => {
    expect(
      checkProductCoverage({ drug: null, formularyEntry: null, plan, channel: 'retail_30' }).rejections,
    ).toEqual([{ code: '21', message: 'M/I Product/Service ID: NDC not found' }]);
    expect(
      checkProductCoverage({ drug: atorvastatin, formularyEntry: null, plan, channel: 'retail_30' })
        .rejections[0]?.code,
    ).toBe('70');
  });

  it('rejects an excluded drug and names the preferred alternatives', () => {
    const excluded: FormularyEntry = {
      tier: 3,
      status: 'excluded',
      requiresPriorAuth: false,
      preferredAlternatives: [
        { name: 'Atorvastatin 20 mg tablet', drugGroupId: 'atorvastatin-20mg-tab', tier: 1 },
        { name: 'Rosuvastatin 10 mg tablet', tier: 1 },
      ],
    };
    const result = checkProductCoverage({
      drug: atorvastatin,
      formularyEntry: excluded,
      plan,
      channel: 'retail_30',
    });
    expect(result.rejections).toEqual([
      {
        code: '70',
        message:
          'Product/Service Not Covered: excluded; preferred alternatives: Atorvastatin 20 mg tablet, Rosuvastatin 10 mg tablet',
      },
    ]);
    expect(result.preferredAlternatives).toHaveLength(2);
  });

  it('rejects a tier the channel does not cover (specialty drug at retail)', () => {
    const specialty: FormularyEntry = { tier: 4, status: 'covered', requiresPriorAuth: false };
    const result = checkProductCoverage({
      drug: atorvastatin,
      formularyEntry: specialty,
      plan,
      channel: 'retail_30',
    });
    expect(result.rejections[0]?.message).toBe(
      'Product/Service Not Covered: tier 4 not covered through retail 30-day',
    );
    const ok = checkProductCoverage({
      drug: atorvastatin,
      formularyEntry: specialty,
      plan,
      channel: 'specialty',
    });
    expect(ok).toMatchObject({ rejections: [], tier: 4, rule: { kind: 'coinsurance' } });
  });
});

describe('prior authorization (75)', () => {
  const paEntry: FormularyEntry = { tier: 2, status: 'covered', requiresPriorAuth: true };
  const approval: PriorAuthApproval = {
    id: 'pa-1',
    drugGroupId: atorvastatin.drugGroupId,
    status: 'approved',
    effectiveDate: '2026-01-15',
    expirationDate: '2026-07-14',
    maxQuantityMilliPerFill: 30_000,
    maxDaysSupplyPerFill: 30,
  };
  const claim = {
    drugGroupId: atorvastatin.drugGroupId,
    dateOfService: '2026-03-10',
    quantityMilli: 30_000,
    daysSupply: 30,
  };

  it('rejects without an approval on file', () => {
    expect(checkPriorAuthorization(paEntry, findCoveringPriorAuth([], claim))?.code).toBe('75');
    expect(checkPriorAuthorization(genericFormulary, null)).toBeNull();
  });

  it('accepts an approval that covers the date and quantity, both ends inclusive', () => {
    expect(findCoveringPriorAuth([approval], claim)?.id).toBe('pa-1');
    expect(findCoveringPriorAuth([approval], { ...claim, dateOfService: '2026-01-15' })).not.toBeNull();
    expect(findCoveringPriorAuth([approval], { ...claim, dateOfService: '2026-07-14' })).not.toBeNull();
    expect(checkPriorAuthorization(paEntry, approval)).toBeNull();
  });

  it('ignores approvals that do not cover this fill', () => {
    const cases: [string, PriorAuthApproval[], typeof claim][] = [
      ['expired', [approval], { ...claim, dateOfService: '2026-07-15' }],
      ['not yet effective', [approval], { ...claim, dateOfService: '2026-01-14' }],
      ['more quantity', [approval], { ...claim, quantityMilli: 60_000 }],
      ['longer supply', [approval], { ...claim, daysSupply: 90 }],
      ['pending', [{ ...approval, status: 'pending' }], claim],
      ['revoked', [{ ...approval, status: 'revoked' }], claim],
      ['other drug', [{ ...approval, drugGroupId: simvastatin.drugGroupId }], claim],
    ];
    for (const [label, approvals, facts] of cases) {
      expect(findCoveringPriorAuth(approvals, facts), label).toBeNull();
    }
  });
});

describe('step therapy (608)', () => {
  const entry: FormularyEntry = {
    tier: 2,
    status: 'covered',
    requiresPriorAuth: false,
    stepTherapy: { prerequisiteDrugGroupIds: [simvastatin.drugGroupId], lookbackDays: 180 },
  };
  const base = { formularyEntry: entry, dateOfService: '2026-03-10', coveringApproval: null };

  it('rejects when no prerequisite was filled within the lookback', () => {
    expect(checkStepTherapy({ ...base, history: [] })?.code).toBe('608');
    expect(checkStepTherapy({ ...base, history: [fillOf(simvastatin, '2025-09-10')] })?.code).toBe('608');
  });

  it('passes after a prerequisite fill or with an exception on file', () => {
    expect(checkStepTherapy({ ...base, history: [fillOf(simvastatin, '2025-09-11')] })).toBeNull();
    const approval: PriorAuthApproval = {
      id: 'st-exception',
      drugGroupId: atorvastatin.drugGroupId,
      status: 'approved',
      effectiveDate: '2026-01-01',
      expirationDate: '2026-12-31',
    };
    expect(checkStepTherapy({ ...base, history: [], coveringApproval: approval })).toBeNull();
  });
});

describe('plan limitations (76)', () => {
  const plan = samplePlan();
  const entry: FormularyEntry = {
    ...genericFormulary,
    quantityLimitMilli: { retail_30: 30_000, home_delivery_90: 90_000 },
    maxDaysSupply: { retail_30: 30 },
  };
  const base = {
    plan,
    formularyEntry: entry,
    network,
    channel: 'retail_30' as const,
    quantityMilli: 30_000,
    daysSupply: 30,
    coveringApproval: null,
  };

  it('takes the stricter days-supply limit', () => {
    expect(maxDaysSupplyFor(plan, entry, 'retail_30')).toBe(30);
    expect(maxDaysSupplyFor(plan, null, 'retail_30')).toBe(34);
    expect(maxDaysSupplyFor(plan, entry, 'retail_90')).toBe(90);
  });

  it('passes a fill within limits', () => {
    expect(checkPlanLimits(base)).toEqual([]);
  });

  it('rejects too many days and too much quantity', () => {
    expect(checkPlanLimits({ ...base, daysSupply: 31 })).toEqual([
      { code: '76', message: 'Plan Limitations Exceeded: days supply 31 exceeds limit of 30' },
    ]);
    expect(checkPlanLimits({ ...base, quantityMilli: 60_000 })).toEqual([
      { code: '76', message: 'Plan Limitations Exceeded: quantity 60 exceeds limit of 30 per fill' },
    ]);
    expect(
      checkPlanLimits({ ...base, channel: 'home_delivery_90', daysSupply: 100, quantityMilli: 90_000 }),
    ).toHaveLength(1);
  });

  it('lets an approval with a higher quantity lift the quantity limit', () => {
    const approval: PriorAuthApproval = {
      id: 'ql-exception',
      drugGroupId: atorvastatin.drugGroupId,
      status: 'approved',
      effectiveDate: '2026-01-01',
      expirationDate: '2026-12-31',
      maxQuantityMilliPerFill: 60_000,
    };
    expect(checkPlanLimits({ ...base, quantityMilli: 60_000, coveringApproval: approval })).toEqual([]);
  });

  it('rejects a channel the pharmacy network does not offer', () => {
    const retailOnly: NetworkContract = { ...network, terms: { retail_30: network.terms.retail_30 } };
    const result = checkPlanLimits({
      ...base,
      network: retailOnly,
      channel: 'retail_90',
      daysSupply: 90,
      quantityMilli: 90_000,
    });
    expect(result.map((r) => r.message)).toEqual([
      'Plan Limitations Exceeded: pharmacy network does not cover retail_90',
    ]);
  });

  it('derives the channel from pharmacy kind and days supply', () => {
    expect(channelFor('retail', 30)).toBe('retail_30');
    expect(channelFor('retail', 34)).toBe('retail_30');
    expect(channelFor('retail', 35)).toBe('retail_90');
    expect(channelFor('home_delivery', 30)).toBe('home_delivery_90');
    expect(channelFor('specialty', 28)).toBe('specialty');
  });
});

describe('refill too soon (79)', () => {
  const dispensing = { pharmacyId: 'pharm-1', pharmacyChainId: 'chain-a', prescriberId: 'npi-1' };
  const base = { drugGroupId: atorvastatin.drugGroupId, thresholdBps: 7_500, dispensing };

  it('rejects before 75% of the previous days supply has elapsed and gives the eligible date', () => {
    const history = [fillOf(atorvastatin, '2026-03-01', 30)];
    const early = checkRefillTooSoon({ ...base, dateOfService: '2026-03-23', history });
    expect(early.rejection).toEqual({
      code: '79',
      message: 'Refill Too Soon: next fill allowed on 2026-03-24',
    });
    expect(early.eligibleOn).toBe('2026-03-24');
    expect(early.dur).toMatchObject({
      reasonForServiceCode: 'ER',
      clinicalSignificanceCode: '',
      otherPharmacyIndicator: '1',
      previousDateOfFill: '2026-03-01',
      quantityOfPreviousFillMilli: 30_000,
      otherPrescriberIndicator: '1',
      databaseIndicator: '4',
      freeText: 'REFILL ON/AFTER 20260324',
      disposition: 'reject',
    });
    const onTime = checkRefillTooSoon({ ...base, dateOfService: '2026-03-24', history });
    expect(onTime).toMatchObject({ rejection: null, dur: null, eligibleOn: '2026-03-24' });
  });

  it('uses the latest earlier fill of the same drug group, at any pharmacy', () => {
    const history = [
      fillOf(atorvastatin, '2026-01-01', 90),
      fillOf(atorvastatin, '2026-03-01', 30, {
        pharmacyId: 'pharm-9',
        pharmacyChainId: 'chain-b',
        prescriberId: 'npi-7',
      }),
      fillOf(simvastatin, '2026-03-05', 30),
    ];
    expect(previousFillOf(history, atorvastatin.drugGroupId, '2026-03-10')?.fillDate).toBe('2026-03-01');
    const result = checkRefillTooSoon({ ...base, dateOfService: '2026-03-10', history });
    expect(result.dur).toMatchObject({ otherPharmacyIndicator: '3', otherPrescriberIndicator: '2' });
  });

  it('marks a fill at another store of the same chain', () => {
    const history = [fillOf(atorvastatin, '2026-03-01', 30, { pharmacyId: 'pharm-2' })];
    expect(
      checkRefillTooSoon({ ...base, dateOfService: '2026-03-10', history }).dur?.otherPharmacyIndicator,
    ).toBe('2');
  });

  it('does not reject a first fill, and turns an accepted override into information', () => {
    expect(checkRefillTooSoon({ ...base, dateOfService: '2026-03-10', history: [] }).rejection).toBeNull();
    const overridden = checkRefillTooSoon({
      ...base,
      dateOfService: '2026-03-10',
      history: [fillOf(atorvastatin, '2026-03-01', 30)],
      overridden: true,
    });
    expect(overridden.rejection).toBeNull();
    expect(overridden.dur?.disposition).toBe('overridden');
  });
});
