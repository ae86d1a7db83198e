import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contractedIngredientCostCents, priceClaim } from '../src/pricing/price-claim';
import type { NetworkContract, PriceClaimInput } from '../src/pricing/types';
import { atorvastatin, network } from './fixtures';

function input(overrides: Partial<PriceClaimInput> = {}): PriceClaimInput {
  return {
    channel: 'retail_30',
    quantityMilli: 30_000,
    drug: atorvastatin,
    contract: network,
    submitted: { ingredientCostCents: 7_500, dispensingFeeCents: 200, usualAndCustomaryCents: 1_999 },
    ...overrides,
  };
}

describe('contracted ingredient cost', () => {
  it('is unit price × quantity less the discount, rounded half-up once', () => {
    // $2.50 × 30 × (1 − 80%) = $15.00
    expect(contractedIngredientCostCents(2_500_000, 30_000, 8_000)).toBe(1_500);
    // $10.12345 × 30 × 0.82 = 24 903.687 cents → 24 904
    expect(contractedIngredientCostCents(10_123_450, 30_000, 1_800)).toBe(24_904);
    // 2.5 mL × $1.23 = 307.5 cents → 308 (half-up)
    expect(contractedIngredientCostCents(1_230_000, 2_500, 0)).toBe(308);
    // $0.004999 per unit → 0.4999 cents → 0
    expect(contractedIngredientCostCents(4_999, 1_000, 0)).toBe(0);
    // exactly half a cent rounds up
    expect(contractedIngredientCostCents(5_000, 1_000, 0)).toBe(1);
  });

  it('stays exact beyond 2^53 intermediates', () => {
    // $45,000.123456 per unit × 1,000 units: the product has ~17 digits before division.
    expect(contractedIngredientCostCents(45_000_123_456, 1_000_000, 0)).toBe(4_500_012_346);
  });

  it('is within half a cent of the exact value, ties rounded up (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 50_000_000_000 }),
        fc.integer({ min: 0, max: 5_000_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        (price, quantity, discount) => {
          const cents = BigInt(contractedIngredientCostCents(price, quantity, discount));
          const exact = BigInt(price) * BigInt(quantity) * BigInt(10_000 - discount); // in 10⁻¹¹ cent
          const unit = 10n ** 11n;
          const error = cents * unit - exact;
          expect(-2n * error < unit && 2n * error <= unit).toBe(true);
        },
      ),
    );
  });
});

describe('priceClaim (lesser of submitted, contracted, MAC, U&C)', () => {
  it('pays MAC when it is the lowest ingredient cost', () => {
    const pricing = priceClaim(input());
    expect(pricing).toMatchObject({
      submittedIngredientCostCents: 7_500,
      contractedIngredientCostCents: 1_500,
      macIngredientCostCents: 360,
      ingredientCostPaidCents: 360,
      dispensingFeePaidCents: 150, // contracted fee is below the submitted $2.00
      totalPriceCents: 510,
      basis: 'mac',
      basisOfReimbursementCode: '07',
    });
  });

  it('pays the submitted ingredient cost when the pharmacy asks for less', () => {
    const pricing = priceClaim(input({ submitted: { ingredientCostCents: 300, dispensingFeeCents: 100 } }));
    expect(pricing).toMatchObject({
      ingredientCostPaidCents: 300,
      dispensingFeePaidCents: 100,
      totalPriceCents: 400,
      basis: 'submitted',
      basisOfReimbursementCode: '01',
    });
  });

  it('pays the network rate (AWP − discount) for a brand without MAC', () => {
    const brand = { isGeneric: false, unitPriceMicrodollars: 10_123_450 };
    const pricing = priceClaim(input({ drug: brand, submitted: { ingredientCostCents: 40_000 } }));
    expect(pricing).toMatchObject({
      ingredientCostPaidCents: 24_904,
      dispensingFeePaidCents: 150,
      totalPriceCents: 25_054,
      basis: 'contracted',
      basisOfReimbursementCode: '03',
      macIngredientCostCents: null,
    });
  });

  it('reports NADAC and WAC based contracts with their own basis codes', () => {
    const nadac: NetworkContract = { ...network, benchmark: 'nadac' };
    const wac: NetworkContract = { ...network, benchmark: 'wac' };
    const brand = { isGeneric: false, unitPriceMicrodollars: 1_000_000 };
    const submitted = { ingredientCostCents: 9_000 };
    expect(priceClaim(input({ drug: brand, contract: nadac, submitted })).basisOfReimbursementCode).toBe(
      '20',
    );
    expect(priceClaim(input({ drug: brand, contract: wac, submitted })).basisOfReimbursementCode).toBe('13');
  });

  it('pays usual & customary when the cash price is lower than ingredient + fee', () => {
    const pricing = priceClaim(
      input({
        submitted: { ingredientCostCents: 7_500, dispensingFeeCents: 200, usualAndCustomaryCents: 400 },
      }),
    );
    expect(pricing).toMatchObject({
      ingredientCostPaidCents: 400,
      dispensingFeePaidCents: 0,
      totalPriceCents: 400,
      basis: 'usual_and_customary',
      basisOfReimbursementCode: '04',
    });
  });

  it('uses the channel fee (mail order has none) and refuses a channel the network lacks', () => {
    expect(
      priceClaim(input({ channel: 'home_delivery_90', quantityMilli: 90_000 })).dispensingFeePaidCents,
    ).toBe(0);
    const retailOnly: NetworkContract = { ...network, terms: { retail_30: network.terms.retail_30 } };
    expect(() => priceClaim(input({ channel: 'retail_90', contract: retailOnly }))).toThrow(RangeError);
  });

  it('keeps every amount a non-negative integer and never above any arm of the lesser-of (property)', () => {
    fc.assert(
      fc.property(
        fc.record({
          price: fc.integer({ min: 0, max: 100_000_000 }),
          mac: fc.option(fc.integer({ min: 0, max: 10_000_000 }), { nil: null }),
          generic: fc.boolean(),
          quantity: fc.integer({ min: 1, max: 1_000_000 }),
          submitted: fc.integer({ min: 0, max: 10_000_000 }),
          fee: fc.option(fc.integer({ min: 0, max: 5_000 }), { nil: null }),
          uc: fc.option(fc.integer({ min: 0, max: 10_000_000 }), { nil: null }),
          channel: fc.constantFrom('retail_30', 'retail_90', 'home_delivery_90', 'specialty' as const),
        }),
        (c) => {
          const pricing = priceClaim({
            channel: c.channel,
            quantityMilli: c.quantity,
            drug: { unitPriceMicrodollars: c.price, macUnitPriceMicrodollars: c.mac, isGeneric: c.generic },
            contract: network,
            submitted: {
              ingredientCostCents: c.submitted,
              dispensingFeeCents: c.fee,
              usualAndCustomaryCents: c.uc,
            },
          });
          const {
            ingredientCostPaidCents: ing,
            dispensingFeePaidCents: fee,
            totalPriceCents: total,
          } = pricing;
          for (const value of [ing, fee, total]) expect(Number.isSafeInteger(value) && value >= 0).toBe(true);
          expect(total).toBe(ing + fee);
          if (c.uc != null) expect(total).toBeLessThanOrEqual(c.uc);
          if (pricing.basis !== 'usual_and_customary') {
            expect(ing).toBeLessThanOrEqual(c.submitted);
            expect(ing).toBeLessThanOrEqual(pricing.contractedIngredientCostCents);
            if (pricing.macIngredientCostCents != null)
              expect(ing).toBeLessThanOrEqual(pricing.macIngredientCostCents);
            expect(fee).toBeLessThanOrEqual(network.terms[c.channel]?.dispensingFeeCents ?? 0);
          }
        },
      ),
    );
  });
});
