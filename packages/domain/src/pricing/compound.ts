// Prices a compound (406-D6 = 2): each ingredient of the Compound segment (AM10) on its own NDC's benchmark with
// the lesser-of logic of `priceClaim` (submitted 449-EE cost, contracted, MAC), the sum as the ingredient cost,
// then the network's dispensing fee plus the plan's compound fee, and the pharmacy's U&C when lower.

import type { Channel } from '../benefit/types';
import { assertNonNegativeInteger } from '../money/cents';
import { priceClaim } from './price-claim';
import type { ClaimPricing, DrugPrice, NetworkContract, PricingStep } from './types';

export interface CompoundIngredientPriceInput {
  ndc: string;
  quantityMilli: number;
  /** 449-EE as submitted, cents. */
  submittedCostCents: number;
  drug: DrugPrice;
}

export interface CompoundPriceInput {
  channel: Channel;
  contract: NetworkContract;
  ingredients: CompoundIngredientPriceInput[];
  /** The plan's compound fee, added to the dispensing fee. */
  compoundFeeCents: number;
  submitted: { dispensingFeeCents: number | null; usualAndCustomaryCents: number | null };
}

export interface CompoundPricing extends ClaimPricing {
  /** Per ingredient, in the order sent: what was allowed for it. */
  ingredientsPaidCents: number[];
  compoundFeeCents: number;
}

export function priceCompound(input: CompoundPriceInput): CompoundPricing {
  if (input.ingredients.length === 0) throw new RangeError('a compound has at least one ingredient');
  assertNonNegativeInteger(input.compoundFeeCents, 'compoundFeeCents');
  const each = input.ingredients.map((i) =>
    priceClaim({
      channel: input.channel,
      quantityMilli: i.quantityMilli,
      drug: i.drug,
      contract: input.contract,
      submitted: { ingredientCostCents: i.submittedCostCents, dispensingFeeCents: 0 },
    }),
  );
  const sum = (pick: (p: ClaimPricing) => number) => each.reduce((total, p) => total + pick(p), 0);
  const ingredientsPaidCents = each.map((p) => p.ingredientCostPaidCents);
  const terms = input.contract.terms[input.channel];
  if (!terms) throw new RangeError(`network ${input.contract.id} has no terms for channel ${input.channel}`);
  const networkFee =
    input.submitted.dispensingFeeCents != null
      ? Math.min(input.submitted.dispensingFeeCents, terms.dispensingFeeCents)
      : terms.dispensingFeeCents;

  let ingredientCostPaidCents = sum((p) => p.ingredientCostPaidCents);
  let dispensingFeePaidCents = networkFee + input.compoundFeeCents;
  const steps: PricingStep[] = input.ingredients.map((i, n) => ({
    label: `Ingredient ${n + 1} (${i.ndc}) allowed`,
    amountCents: ingredientsPaidCents[n] ?? 0,
  }));
  steps.push({ label: 'Ingredient cost allowed (sum)', amountCents: ingredientCostPaidCents });
  steps.push({ label: 'Dispensing fee + compound fee', amountCents: dispensingFeePaidCents });
  // The most expensive ingredient's basis names the whole fill's (522-FM is one code per claim).
  const main = each.reduce((a, b) => (b.ingredientCostPaidCents > a.ingredientCostPaidCents ? b : a));
  let basis = main.basis;
  let basisOfReimbursementCode = main.basisOfReimbursementCode;
  const uc = input.submitted.usualAndCustomaryCents;
  if (uc != null) assertNonNegativeInteger(uc, 'usualAndCustomaryCents');
  if (uc != null && uc < ingredientCostPaidCents + dispensingFeePaidCents) {
    steps.push({ label: 'Usual & customary is lower than ingredient cost + fees', amountCents: uc });
    ingredientCostPaidCents = uc;
    dispensingFeePaidCents = 0;
    basis = 'usual_and_customary';
    basisOfReimbursementCode = '04';
  }
  const totalPriceCents = ingredientCostPaidCents + dispensingFeePaidCents;
  steps.push({ label: 'Total price', amountCents: totalPriceCents });
  const macs = each.map((p) => p.macIngredientCostCents);
  return {
    submittedIngredientCostCents: sum((p) => p.submittedIngredientCostCents),
    contractedIngredientCostCents: sum((p) => p.contractedIngredientCostCents),
    macIngredientCostCents: macs.every((m) => m === null)
      ? null
      : macs.reduce<number>((t, m) => t + (m ?? 0), 0),
    ingredientCostPaidCents,
    dispensingFeePaidCents,
    totalPriceCents,
    basis,
    basisOfReimbursementCode,
    steps,
    ingredientsPaidCents,
    compoundFeeCents: input.compoundFeeCents,
  };
}
