// DAW / product selection (408-D8): what dispensing a brand of a multi-source drug costs the member.
import type { CostShareResult } from '../benefit/cost-share';
import { costShareRuleFor } from '../benefit/cost-share';
import type { BenefitPlan, Channel, Tier } from '../benefit/types';
import { assertNonNegativeInteger } from '../money/cents';

/** The preferred-brand tier: where a brand the prescriber requires (DAW 1) is cost-shared. */
export const BRAND_TIER: Tier = 2;

/** 408-D8 1: substitution not allowed by prescriber; 2: substitution allowed, patient requested the product. */
export const dawCode = (value: string | null | undefined): number => Number(value ?? '0') || 0;

/**
 * DAW 1 on a brand that is covered through its drug group's formulary entry (a generic stands for the group):
 * the brand is paid, at the brand tier (never lower than the group's), when the plan covers that tier through
 * the channel. An entry naming the NDC already says how the formulary treats that brand.
 */
export function tierForPrescriberRequiredBrand(args: {
  daw: string | null | undefined;
  isGeneric: boolean;
  ndcSpecificEntry: boolean;
  tier: Tier;
  plan: BenefitPlan;
  channel: Channel;
}): Tier {
  if (dawCode(args.daw) !== 1 || args.isGeneric || args.ndcSpecificEntry) return args.tier;
  const brandTier = Math.max(args.tier, BRAND_TIER) as Tier;
  return costShareRuleFor(args.plan, brandTier, args.channel) ? brandTier : args.tier;
}

/** DAW 2 on a brand with a generic on file: the member pays the brand–generic difference (134-UK). */
export function productSelectionPenaltyCents(brandTotalCents: number, genericTotalCents: number): number {
  assertNonNegativeInteger(brandTotalCents, 'brandTotalCents');
  assertNonNegativeInteger(genericTotalCents, 'genericTotalCents');
  return Math.max(0, brandTotalCents - genericTotalCents);
}

/**
 * The cost share of a DAW 2 brand: the plan's share is computed on the generic's price, and the member also
 * pays the difference up to the brand's price. The penalty is the member's choice, not a benefit cost: it
 * counts toward neither the deductible nor the out-of-pocket maximum.
 */
export function withProductSelectionPenalty(share: CostShareResult, penaltyCents: number): CostShareResult {
  assertNonNegativeInteger(penaltyCents, 'penaltyCents');
  if (penaltyCents === 0) return share;
  return {
    ...share,
    patientPayCents: share.patientPayCents + penaltyCents,
    components: { ...share.components, productSelectionCents: penaltyCents },
    steps: [
      ...share.steps.slice(0, -2),
      {
        kind: 'product_selection',
        amountCents: penaltyCents,
        description: 'Brand requested instead of the generic: you pay the price difference',
      },
      {
        ...(share.steps.at(-2) as CostShareResult['steps'][number]),
        amountCents: share.patientPayCents + penaltyCents,
      },
      ...share.steps.slice(-1),
    ],
  };
}
