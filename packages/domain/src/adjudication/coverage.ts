import { costShareRuleFor } from '../benefit/cost-share';
import type { BenefitPlan, Channel, CostShareRule, Tier } from '../benefit/types';
import { type Rejection, rejection } from './reject-codes';
import type { DrugProduct, FormularyEntry, PreferredAlternative } from './types';

export interface ProductCoverage {
  rejections: Rejection[];
  tier: Tier | null;
  rule: CostShareRule | null;
  preferredAlternatives: PreferredAlternative[];
}

const CHANNEL_LABEL: Record<Channel, string> = {
  retail_30: 'retail 30-day',
  retail_90: 'retail 90-day',
  home_delivery_90: 'home delivery',
  specialty: 'specialty pharmacy',
};

/**
 * 21 for an NDC the PBM does not know, 70 when the drug is not on the formulary, is excluded (with its
 * preferred alternatives in the message) or its tier is not covered through the claim's channel.
 */
export function checkProductCoverage(args: {
  drug: DrugProduct | null;
  formularyEntry: FormularyEntry | null;
  plan: BenefitPlan;
  channel: Channel;
}): ProductCoverage {
  const { drug, formularyEntry, plan, channel } = args;
  const none: ProductCoverage = { rejections: [], tier: null, rule: null, preferredAlternatives: [] };
  if (!drug) return { ...none, rejections: [rejection('21', 'NDC not found')] };
  if (!formularyEntry) return { ...none, rejections: [rejection('70', 'not on formulary')] };
  const preferredAlternatives = formularyEntry.preferredAlternatives ?? [];
  if (formularyEntry.status === 'excluded') {
    const names = preferredAlternatives.map((alternative) => alternative.name).join(', ');
    return {
      ...none,
      preferredAlternatives,
      rejections: [
        rejection('70', names ? `excluded; preferred alternatives: ${names}` : 'excluded from the plan'),
      ],
    };
  }
  const rule = costShareRuleFor(plan, formularyEntry.tier, channel);
  if (!rule) {
    return {
      ...none,
      tier: formularyEntry.tier,
      preferredAlternatives,
      rejections: [
        rejection('70', `tier ${formularyEntry.tier} not covered through ${CHANNEL_LABEL[channel]}`),
      ],
    };
  }
  return { rejections: [], tier: formularyEntry.tier, rule, preferredAlternatives };
}
