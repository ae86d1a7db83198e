// Approved formulary exceptions in adjudication: a drug off the formulary (or excluded) is covered at the tier
// the exception grants (non-preferred brand when none is recorded), a tier exception cost-shares at the lower
// tier, and the exception is matched like a PA (drug group, dates, quantity and days limits).
import { describe, expect, it } from 'vitest';
import { adjudicate } from '../src/adjudication/adjudicate';
import { checkProductCoverage, NON_FORMULARY_EXCEPTION_TIER } from '../src/adjudication/coverage';
import { findCoveringException, findCoveringPriorAuth } from '../src/adjudication/prior-auth';
import type { FormularyEntry, PriorAuthApproval } from '../src/adjudication/types';
import type { Channel } from '../src/benefit/types';
import { atorvastatin, claimInput, samplePlan } from './fixtures';

const exception = (extra: Partial<PriorAuthApproval> = {}): PriorAuthApproval => ({
  id: 'fe-1',
  drugGroupId: atorvastatin.drugGroupId,
  status: 'approved',
  effectiveDate: '2026-03-01',
  expirationDate: '2026-08-31',
  maxQuantityMilliPerFill: 30_000,
  maxDaysSupplyPerFill: 30,
  kind: 'formulary_exception',
  grantedTier: null,
  ...extra,
});
const fill = {
  drugGroupId: atorvastatin.drugGroupId,
  dateOfService: '2026-03-10',
  quantityMilli: 30_000,
  daysSupply: 30,
};
const brand = { ...atorvastatin, isGeneric: false, macUnitPriceMicrodollars: null };
const brandTier2: FormularyEntry = { tier: 2, status: 'covered', requiresPriorAuth: false };
const excluded: FormularyEntry = { tier: 3, status: 'excluded', requiresPriorAuth: false };
const plan = samplePlan();

describe('matching an exception', () => {
  it('matches drug group, dates and limits like a PA, and is never taken for a PA', () => {
    const fe = exception();
    expect(findCoveringException([fe], fill)).toBe(fe);
    expect(findCoveringPriorAuth([fe], fill)).toBeNull();
    expect(findCoveringException([fe], { ...fill, dateOfService: '2026-09-01' })).toBeNull();
    expect(findCoveringException([fe], { ...fill, dateOfService: '2026-02-28' })).toBeNull();
    expect(findCoveringException([fe], { ...fill, quantityMilli: 60_000 })).toBeNull();
    expect(findCoveringException([fe], { ...fill, daysSupply: 31 })).toBeNull();
    expect(findCoveringException([fe], { ...fill, drugGroupId: 'other' })).toBeNull();
    const pa: PriorAuthApproval = { ...fe, id: 'pa-1', kind: 'prior_auth' };
    expect(findCoveringException([pa], fill)).toBeNull();
  });
});

describe('checkProductCoverage with an exception', () => {
  const check = (
    formularyEntry: FormularyEntry | null,
    fe: PriorAuthApproval | null,
    channel: Channel = 'retail_30',
  ) => checkProductCoverage({ drug: atorvastatin, formularyEntry, plan, channel, exception: fe });

  it('covers a non-formulary drug at the non-preferred brand tier when the exception records no tier', () => {
    expect(NON_FORMULARY_EXCEPTION_TIER).toBe(3);
    expect(check(null, null).rejections[0]?.code).toBe('70');
    expect(check(null, exception())).toMatchObject({
      rejections: [],
      tier: 3,
      rule: { kind: 'coinsurance', coinsuranceBps: 3_000 },
      exceptionId: 'fe-1',
    });
  });

  it('covers a non-formulary or excluded drug at the tier the exception grants', () => {
    expect(check(null, exception({ grantedTier: 2 }))).toMatchObject({ rejections: [], tier: 2 });
    expect(check(excluded, exception())).toMatchObject({ rejections: [], tier: 3, exceptionId: 'fe-1' });
  });

  it('still rejects 70 when the granted tier is not covered through the channel', () => {
    expect(check(null, exception(), 'retail_90').rejections[0]?.message).toBe(
      'Product/Service Not Covered: tier 3 not covered through retail 90-day',
    );
  });

  it('lowers the tier of a covered drug, never raises it, and keeps it when the channel lacks the lower tier', () => {
    expect(check(brandTier2, exception({ grantedTier: 1 }))).toMatchObject({ tier: 1, exceptionId: 'fe-1' });
    expect(check(brandTier2, exception({ grantedTier: 3 }))).toMatchObject({ tier: 2, exceptionId: null });
    expect(check(brandTier2, exception({ grantedTier: null }))).toMatchObject({ tier: 2, exceptionId: null });
    const specialty: FormularyEntry = { tier: 4, status: 'covered', requiresPriorAuth: false };
    expect(check(specialty, exception({ grantedTier: 3 }), 'specialty')).toMatchObject({
      rejections: [],
      tier: 4,
    });
  });
});

describe('adjudicate with an exception', () => {
  it('pays a non-formulary drug inside the exception and names it; rejects 70 once it expired', () => {
    const paid = adjudicate(claimInput({ formularyEntry: null, priorAuthorizations: [exception()] }));
    expect(paid).toMatchObject({ outcome: 'paid', tier: 3, priorAuthorizationId: 'fe-1' });
    const expired = adjudicate(
      claimInput({
        formularyEntry: null,
        priorAuthorizations: [exception({ effectiveDate: '2025-03-01', expirationDate: '2026-03-09' })],
      }),
    );
    expect(expired).toMatchObject({ outcome: 'rejected', rejectCodes: ['70'], priorAuthorizationId: null });
  });

  it('prices a tier exception at the lower tier’s cost share', () => {
    const input = (priorAuthorizations: PriorAuthApproval[]) =>
      claimInput({
        drug: brand,
        formularyEntry: brandTier2,
        claim: { ...claimInput().claim, submitted: { ingredientCostCents: 9_000 } },
        priorAuthorizations,
      });
    // $2.50 × 30 × 0.82 + $1.50 = $63.00: tier 2 (deductible first) → all of it; tier 1 → the $10 copay.
    expect(adjudicate(input([])).costShare).toMatchObject({ patientPayCents: 6_300 });
    const lowered = adjudicate(input([exception({ grantedTier: 1 })]));
    expect(lowered).toMatchObject({ outcome: 'paid', tier: 1, costShare: { patientPayCents: 1_000 } });
  });

  it('does not stand in for a PA the formulary requires', () => {
    const result = adjudicate(
      claimInput({
        drug: brand,
        formularyEntry: { ...brandTier2, requiresPriorAuth: true },
        priorAuthorizations: [exception({ grantedTier: 1 })],
      }),
    );
    expect(result.rejectCodes).toEqual(['75']);
  });
});
