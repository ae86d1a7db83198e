// Coordination of benefits (secondary payment), DAW 2 product selection penalty and 420-DK override limits:
// money properties with fast-check, limits with fixed cases.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideClarificationOverride } from '../src/adjudication/clarification-overrides';
import { primaryPayerFirst, secondaryPayment } from '../src/adjudication/cob';
import {
  productSelectionPenaltyCents,
  withProductSelectionPenalty,
} from '../src/adjudication/product-selection';
import { computeCostShare } from '../src/benefit/cost-share';
import { costShareInputArb } from './benefit-arbitraries';

const cents = fc.integer({ min: 0, max: 5_000_000 });

describe('secondary payment (property)', () => {
  it('pays at most the remaining patient responsibility and at most its own benefit; nothing negative', () => {
    fc.assert(
      fc.property(
        cents,
        fc.integer({ min: 0, max: 10_000 }),
        cents,
        fc.option(cents, { nil: null }),
        (allowed, shareBps, otherPaid, responsibility) => {
          const ownPatientPay = Math.floor((allowed * shareBps) / 10_000);
          const r = secondaryPayment({
            allowedCents: allowed,
            ownPatientPayCents: ownPatientPay,
            otherPaidCents: otherPaid,
            otherPatientResponsibilityCents: responsibility,
          });
          const remaining = responsibility ?? Math.max(0, allowed - otherPaid);
          expect(r.remainingResponsibilityCents).toBe(remaining);
          expect(r.planPayCents).toBeGreaterThanOrEqual(0);
          expect(r.patientPayCents).toBeGreaterThanOrEqual(0);
          expect(r.planPayCents).toBeLessThanOrEqual(remaining);
          expect(r.planPayCents).toBeLessThanOrEqual(allowed - ownPatientPay);
          // The member owes exactly what the other payer left, split between this plan and the member.
          expect(r.planPayCents + r.patientPayCents).toBe(remaining);
        },
      ),
    );
  });

  it('a primary that paid nothing (OCC 3) leaves the plan paying its own benefit', () => {
    fc.assert(
      fc.property(cents, fc.integer({ min: 0, max: 10_000 }), (allowed, bps) => {
        const own = Math.floor((allowed * bps) / 10_000);
        const r = secondaryPayment({
          allowedCents: allowed,
          ownPatientPayCents: own,
          otherPaidCents: 0,
          otherPatientResponsibilityCents: null,
        });
        expect(r).toEqual({
          remainingResponsibilityCents: allowed,
          planPayCents: allowed - own,
          patientPayCents: own,
        });
      }),
    );
  });

  it('other coverage that is primary on the date of service sends the claim there first', () => {
    const other = [
      { coverageType: '01' as const, effectiveDate: '2026-01-01', terminationDate: '2026-06-30' },
      { coverageType: '02' as const, effectiveDate: '2026-01-01', terminationDate: null },
    ];
    expect(primaryPayerFirst(other, '2026-03-10')?.coverageType).toBe('01');
    expect(primaryPayerFirst(other, '2026-07-01')).toBeNull();
    expect(primaryPayerFirst(other, '2025-12-31')).toBeNull();
  });
});

describe('DAW 2 product selection penalty (property)', () => {
  it('patient + plan = brand price; the plan pays what it would for the generic; the penalty counts toward nothing', () => {
    fc.assert(
      fc.property(costShareInputArb, cents, (input, extra) => {
        const generic = computeCostShare(input);
        const brandTotal = input.totalPriceCents + extra;
        const penalty = productSelectionPenaltyCents(brandTotal, input.totalPriceCents);
        expect(penalty).toBe(extra);
        const share = withProductSelectionPenalty(generic, penalty);
        expect(share.patientPayCents + share.planPayCents).toBe(brandTotal);
        expect(share.planPayCents).toBe(generic.planPayCents);
        expect(share.accumulatorDelta).toEqual(generic.accumulatorDelta);
        expect(share.components.productSelectionCents ?? 0).toBe(extra);
        expect(share.steps.at(-2)?.amountCents).toBe(share.patientPayCents);
      }),
    );
  });

  it('a generic dearer than the brand costs the member nothing extra', () => {
    expect(productSelectionPenaltyCents(1_000, 1_500)).toBe(0);
  });
});

describe('420-DK override limits', () => {
  const base = {
    dateOfService: '2026-06-01',
    previousFill: null,
    quantityMilli: 30_000,
    daysSupply: 30,
  };
  it('vacation supply (3): once a year per drug', () => {
    expect(decideClarificationOverride({ ...base, code: '3', priorUses: [] }).allowed).toBe(true);
    const used = [{ code: '3' as const, dateOfService: '2025-12-01' }];
    const refused = decideClarificationOverride({ ...base, code: '3', priorUses: used });
    expect(refused).toMatchObject({ allowed: false, priorUses: 1 });
    expect(refused.reason).toContain('2025-12-01');
    // A year and a day later it is allowed again; other codes' uses do not count.
    expect(
      decideClarificationOverride({
        ...base,
        code: '3',
        priorUses: [{ code: '3', dateOfService: '2025-06-01' }],
      }).allowed,
    ).toBe(true);
    expect(
      decideClarificationOverride({
        ...base,
        code: '3',
        priorUses: [{ code: '7', dateOfService: '2026-05-01' }],
      }).allowed,
    ).toBe(true);
  });
  it('medically necessary (7): twice a year; therapy change (5): three times, and only with a new daily dose', () => {
    const twice = [
      { code: '7' as const, dateOfService: '2026-02-01' },
      { code: '7' as const, dateOfService: '2026-04-01' },
    ];
    expect(decideClarificationOverride({ ...base, code: '7', priorUses: twice.slice(0, 1) }).allowed).toBe(
      true,
    );
    expect(decideClarificationOverride({ ...base, code: '7', priorUses: twice }).allowed).toBe(false);
    const previousFill = {
      claimId: 'c',
      ndc: '1',
      drugName: 'x',
      drugGroupId: 'g',
      therapeuticClassId: 't',
      ingredients: [],
      fillDate: '2026-05-20',
      daysSupply: 30,
      quantityMilli: 30_000,
      pharmacyId: 'p',
    };
    const sameDose = decideClarificationOverride({ ...base, code: '5', priorUses: [], previousFill });
    expect(sameDose).toMatchObject({
      allowed: false,
      reason: 'therapy change override: daily dose unchanged',
    });
    const doubled = decideClarificationOverride({
      ...base,
      code: '5',
      priorUses: [],
      previousFill,
      quantityMilli: 60_000,
    });
    expect(doubled.allowed).toBe(true);
    const thrice = ['2026-01-01', '2026-02-01', '2026-03-01'].map((d) => ({
      code: '5' as const,
      dateOfService: d,
    }));
    expect(
      decideClarificationOverride({
        ...base,
        code: '5',
        priorUses: thrice,
        previousFill,
        quantityMilli: 60_000,
      }).allowed,
    ).toBe(false);
  });
});
