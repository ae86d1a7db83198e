import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { priceCompound } from '../src/pricing/compound';
import { contractedIngredientCostCents, discountFor } from '../src/pricing/price-claim';
import { network } from './fixtures';

const ingredient = fc.record({
  ndc: fc.stringMatching(/^\d{11}$/),
  quantityMilli: fc.integer({ min: 1, max: 5_000_000 }),
  submittedCostCents: fc.integer({ min: 0, max: 5_000_000 }),
  drug: fc.record({
    unitPriceMicrodollars: fc.integer({ min: 0, max: 50_000_000 }),
    macUnitPriceMicrodollars: fc.option(fc.integer({ min: 0, max: 50_000_000 }), { nil: null }),
    isGeneric: fc.boolean(),
  }),
});

describe('priceCompound', () => {
  it('pays each ingredient the lesser of sent, contracted and MAC; adds the fees; U&C caps the total', () => {
    fc.assert(
      fc.property(
        fc.array(ingredient, { minLength: 2, maxLength: 25 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: null }),
        fc.option(fc.integer({ min: 0, max: 100_000_000 }), { nil: null }),
        (ingredients, compoundFeeCents, fee, uc) => {
          const terms = network.terms.retail_30;
          if (!terms) throw new Error('fixture network has retail_30');
          const p = priceCompound({
            channel: 'retail_30',
            contract: network,
            ingredients,
            compoundFeeCents,
            submitted: { dispensingFeeCents: fee, usualAndCustomaryCents: uc },
          });
          const each = ingredients.map((i) =>
            Math.min(
              i.submittedCostCents,
              contractedIngredientCostCents(
                i.drug.unitPriceMicrodollars,
                i.quantityMilli,
                discountFor(terms, i.drug.isGeneric),
              ),
              i.drug.macUnitPriceMicrodollars == null
                ? Number.POSITIVE_INFINITY
                : contractedIngredientCostCents(i.drug.macUnitPriceMicrodollars, i.quantityMilli, 0),
            ),
          );
          expect(p.ingredientsPaidCents).toEqual(each);
          const ingredientSum = each.reduce((a, b) => a + b, 0);
          const fees = Math.min(fee ?? terms.dispensingFeeCents, terms.dispensingFeeCents) + compoundFeeCents;
          const expected = uc != null && uc < ingredientSum + fees ? uc : ingredientSum + fees;
          expect(p.totalPriceCents).toBe(expected);
          expect(p.totalPriceCents).toBe(p.ingredientCostPaidCents + p.dispensingFeePaidCents);
          for (const cents of [p.ingredientCostPaidCents, p.dispensingFeePaidCents, p.totalPriceCents]) {
            expect(Number.isSafeInteger(cents) && cents >= 0).toBe(true);
          }
          expect(p.basisOfReimbursementCode === '04').toBe(expected !== ingredientSum + fees);
        },
      ),
    );
  });

  it('refuses a compound without ingredients and a negative fee', () => {
    const base = {
      channel: 'retail_30' as const,
      contract: network,
      submitted: { dispensingFeeCents: null, usualAndCustomaryCents: null },
    };
    expect(() => priceCompound({ ...base, ingredients: [], compoundFeeCents: 0 })).toThrow(RangeError);
    expect(() =>
      priceCompound({
        ...base,
        compoundFeeCents: -1,
        ingredients: [
          {
            ndc: '00000000000',
            quantityMilli: 1,
            submittedCostCents: 1,
            drug: { unitPriceMicrodollars: 1, isGeneric: true },
          },
        ],
      }),
    ).toThrow(RangeError);
  });
});
