import type { Channel } from '../benefit/types';
import { assertNonNegativeInteger, divideRoundHalfUp, formatUsd, toSafeCents } from '../money/cents';
import type {
  ChannelPricingTerms,
  ClaimPricing,
  NetworkContract,
  PriceBenchmark,
  PriceClaimInput,
  PricingBasis,
} from './types';

/** Microdollars (10⁻⁴ cent) × thousandths of a unit gives 10⁻⁷ cent. */
const PRICE_TIMES_QUANTITY_PER_CENT = 10_000_000n;

/**
 * Contracted ingredient cost in cents: unit price × quantity × (1 − discount), computed exactly and rounded
 * half-up once at the end, so splitting a fill never changes the cents through double rounding.
 */
export function contractedIngredientCostCents(
  unitPriceMicrodollars: number,
  quantityMilli: number,
  discountBps: number,
): number {
  assertNonNegativeInteger(unitPriceMicrodollars, 'unitPriceMicrodollars');
  assertNonNegativeInteger(quantityMilli, 'quantityMilli');
  assertNonNegativeInteger(discountBps, 'discountBps');
  if (discountBps > 10_000) throw new RangeError('discountBps must be at most 10000');
  const exact = BigInt(unitPriceMicrodollars) * BigInt(quantityMilli) * BigInt(10_000 - discountBps);
  return toSafeCents(divideRoundHalfUp(exact, PRICE_TIMES_QUANTITY_PER_CENT * 10_000n), 'ingredient cost');
}

/** Discount that applies to this drug under the channel's terms. */
export function discountFor(terms: ChannelPricingTerms, isGeneric: boolean): number {
  return isGeneric ? (terms.genericDiscountBps ?? terms.discountBps) : terms.discountBps;
}

function contractedBasisCode(benchmark: PriceBenchmark, discountBps: number): string {
  if (benchmark === 'nadac') return '20';
  if (benchmark === 'wac') return '13';
  return discountBps > 0 ? '03' : '02';
}

/**
 * Prices a fill with standard PBM lesser-of logic, all in integer cents:
 *  1. ingredient cost paid = lesser of submitted ingredient cost, contracted (benchmark − network discount) and
 *     MAC × quantity when the drug has a MAC; ties go to the submitted amount, then MAC.
 *  2. dispensing fee paid = the network's fee for the channel, or the submitted fee when that is lower.
 *  3. when the pharmacy's usual & customary price is below ingredient + fee, the plan allows U&C instead
 *     (reported as ingredient cost paid = U&C, dispensing fee paid = 0, basis "04").
 * Throws when the contract has no terms for the channel (check with `networkCoversChannel` first).
 */
export function priceClaim(input: PriceClaimInput): ClaimPricing {
  const { channel, quantityMilli, drug, contract, submitted } = input;
  const terms = contract.terms[channel];
  if (!terms) throw new RangeError(`network ${contract.id} has no terms for channel ${channel}`);
  assertNonNegativeInteger(terms.dispensingFeeCents, 'dispensingFeeCents');
  assertNonNegativeInteger(submitted.ingredientCostCents, 'submitted.ingredientCostCents');
  if (submitted.dispensingFeeCents != null) {
    assertNonNegativeInteger(submitted.dispensingFeeCents, 'submitted.dispensingFeeCents');
  }
  if (submitted.usualAndCustomaryCents != null) {
    assertNonNegativeInteger(submitted.usualAndCustomaryCents, 'submitted.usualAndCustomaryCents');
  }

  const discountBps = discountFor(terms, drug.isGeneric);
  const contracted = contractedIngredientCostCents(drug.unitPriceMicrodollars, quantityMilli, discountBps);
  const mac =
    drug.macUnitPriceMicrodollars != null
      ? contractedIngredientCostCents(drug.macUnitPriceMicrodollars, quantityMilli, 0)
      : null;
  const steps: ClaimPricing['steps'] = [
    { label: 'Submitted ingredient cost', amountCents: submitted.ingredientCostCents },
    {
      label: `Contracted ingredient cost (${contract.benchmark.toUpperCase()} − ${discountBps / 100}%)`,
      amountCents: contracted,
    },
  ];
  if (mac != null) steps.push({ label: 'MAC ingredient cost', amountCents: mac });

  let ingredientCostPaidCents = submitted.ingredientCostCents;
  let basis: PricingBasis = 'submitted';
  let basisOfReimbursementCode = '01';
  if (mac != null && mac < ingredientCostPaidCents) {
    ingredientCostPaidCents = mac;
    basis = 'mac';
    basisOfReimbursementCode = '07';
  }
  if (contracted < ingredientCostPaidCents) {
    ingredientCostPaidCents = contracted;
    basis = 'contracted';
    basisOfReimbursementCode = contractedBasisCode(contract.benchmark, discountBps);
  }
  let dispensingFeePaidCents =
    submitted.dispensingFeeCents != null
      ? Math.min(submitted.dispensingFeeCents, terms.dispensingFeeCents)
      : terms.dispensingFeeCents;
  steps.push({ label: 'Ingredient cost allowed (lesser of)', amountCents: ingredientCostPaidCents });
  steps.push({ label: 'Dispensing fee allowed', amountCents: dispensingFeePaidCents });

  const usualAndCustomary = submitted.usualAndCustomaryCents;
  if (usualAndCustomary != null && usualAndCustomary < ingredientCostPaidCents + dispensingFeePaidCents) {
    steps.push({
      label: `Usual & customary ${formatUsd(usualAndCustomary)} is lower than ingredient cost + fee`,
      amountCents: usualAndCustomary,
    });
    ingredientCostPaidCents = usualAndCustomary;
    dispensingFeePaidCents = 0;
    basis = 'usual_and_customary';
    basisOfReimbursementCode = '04';
  }
  const totalPriceCents = ingredientCostPaidCents + dispensingFeePaidCents;
  steps.push({ label: 'Total price', amountCents: totalPriceCents });
  return {
    submittedIngredientCostCents: submitted.ingredientCostCents,
    contractedIngredientCostCents: contracted,
    macIngredientCostCents: mac,
    ingredientCostPaidCents,
    dispensingFeePaidCents,
    totalPriceCents,
    basis,
    basisOfReimbursementCode,
    steps,
  };
}

/**
 * A contracted pharmacy's reimbursement terms: the network offers channels and their default terms; the
 * pharmacy's own discount and dispensing fee replace the defaults on every channel the network offers.
 */
export function withPharmacyTerms(
  network: NetworkContract,
  own: ChannelPricingTerms | null,
): NetworkContract {
  if (!own) return network;
  const terms: NetworkContract['terms'] = {};
  for (const channel of Object.keys(network.terms) as Channel[]) terms[channel] = own;
  return { ...network, terms };
}
