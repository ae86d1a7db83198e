import type { Channel } from '../benefit/types';

/** Published per-unit price the network discount is taken from. */
export type PriceBenchmark = 'awp' | 'nadac' | 'wac';

export interface ChannelPricingTerms {
  /** Discount off the benchmark for brand drugs in basis points: 1800 = benchmark − 18%. */
  discountBps: number;
  /** Discount for generic drugs; defaults to `discountBps`. */
  genericDiscountBps?: number | null;
  dispensingFeeCents: number;
}

/** A pharmacy network's reimbursement terms per channel; a missing channel means the network does not offer it. */
export interface NetworkContract {
  id: string;
  name: string;
  benchmark: PriceBenchmark;
  terms: Partial<Record<Channel, ChannelPricingTerms>>;
}

/** Reference prices of the dispensed NDC. */
export interface DrugPrice {
  /** Benchmark price per unit in millionths of a dollar (NADAC and AWP publish up to 5 decimals). */
  unitPriceMicrodollars: number;
  /** Maximum allowable cost per unit in millionths of a dollar (usually generics only). */
  macUnitPriceMicrodollars?: number | null;
  isGeneric: boolean;
}

/** Amounts the pharmacy submitted on the claim (NCPDP 409-D9, 412-DC, 426-DQ). */
export interface SubmittedAmounts {
  ingredientCostCents: number;
  dispensingFeeCents?: number | null;
  usualAndCustomaryCents?: number | null;
}

export interface PriceClaimInput {
  channel: Channel;
  /** Quantity dispensed in thousandths of a unit: 30 tablets = 30000, 2.5 mL = 2500. */
  quantityMilli: number;
  drug: DrugPrice;
  contract: NetworkContract;
  submitted: SubmittedAmounts;
}

/** Which arm of the lesser-of logic set the price. */
export type PricingBasis = 'submitted' | 'contracted' | 'mac' | 'usual_and_customary';

export interface PricingStep {
  label: string;
  amountCents: number;
}

export interface ClaimPricing {
  submittedIngredientCostCents: number;
  contractedIngredientCostCents: number;
  macIngredientCostCents: number | null;
  ingredientCostPaidCents: number;
  dispensingFeePaidCents: number;
  /** Allowed amount for the fill: ingredient cost paid + dispensing fee paid; split later into patient and plan pay. */
  totalPriceCents: number;
  basis: PricingBasis;
  /** NCPDP Basis of Reimbursement Determination (522-FM). */
  basisOfReimbursementCode: string;
  steps: PricingStep[];
}
