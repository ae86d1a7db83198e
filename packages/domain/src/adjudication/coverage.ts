import { costShareRuleFor } from '../benefit/cost-share';
import type { BenefitPlan, Channel, CostShareRule, Tier } from '../benefit/types';
import { type Rejection, rejection } from './reject-codes';
import type { DrugProduct, FormularyEntry, PreferredAlternative, PriorAuthApproval } from './types';

export interface ProductCoverage {
  rejections: Rejection[];
  tier: Tier | null;
  rule: CostShareRule | null;
  preferredAlternatives: PreferredAlternative[];
  /** The formulary exception that decided coverage or tier, if any. */
  exceptionId: string | null;
}

const CHANNEL_LABEL: Record<Channel, string> = {
  retail_30: 'retail 30-day',
  retail_90: 'retail 90-day',
  home_delivery_90: 'home delivery',
  specialty: 'specialty pharmacy',
};

/**
 * The tier an approved exception grants a drug the formulary does not cover when the case recorded none: the
 * non-preferred brand tier. The prescriber's exception form asks for a tier only to lower one, so an exception
 * for a non-formulary or excluded drug usually has none, and tier 3 is where such drugs sit on every plan.
 */
export const NON_FORMULARY_EXCEPTION_TIER: Tier = 3;

/**
 * 21 for an NDC the PBM does not know, 70 when the drug is not on the formulary, is excluded (with its
 * preferred alternatives in the message) or its tier is not covered through the claim's channel.
 *
 * An approved formulary exception covering the fill (see `findCoveringException`) changes that: a drug off
 * the formulary or excluded is covered at the exception's tier (or NON_FORMULARY_EXCEPTION_TIER), and a covered
 * drug is cost-shared at the exception's lower tier when the plan covers that tier through the channel (an
 * exception never makes a fill worse than the formulary would).
 */
export function checkProductCoverage(args: {
  drug: DrugProduct | null;
  formularyEntry: FormularyEntry | null;
  plan: BenefitPlan;
  channel: Channel;
  exception?: PriorAuthApproval | null;
}): ProductCoverage {
  const { drug, formularyEntry, plan, channel } = args;
  const exception = args.exception ?? null;
  const none: ProductCoverage = {
    rejections: [],
    tier: null,
    rule: null,
    preferredAlternatives: [],
    exceptionId: null,
  };
  if (!drug) return { ...none, rejections: [rejection('21', 'NDC not found')] };
  const preferredAlternatives = formularyEntry?.preferredAlternatives ?? [];

  if (exception && formularyEntry?.status !== 'covered') {
    const tier = exception.grantedTier ?? NON_FORMULARY_EXCEPTION_TIER;
    return { ...atTier(plan, tier, channel, preferredAlternatives), exceptionId: exception.id };
  }
  if (!formularyEntry) return { ...none, rejections: [rejection('70', 'not on formulary')] };
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
  const granted = exception?.grantedTier;
  if (
    exception &&
    granted != null &&
    granted < formularyEntry.tier &&
    costShareRuleFor(plan, granted, channel)
  ) {
    return { ...atTier(plan, granted, channel, preferredAlternatives), exceptionId: exception.id };
  }
  return atTier(plan, formularyEntry.tier, channel, preferredAlternatives);
}

function atTier(
  plan: BenefitPlan,
  tier: Tier,
  channel: Channel,
  preferredAlternatives: PreferredAlternative[],
): ProductCoverage {
  const rule = costShareRuleFor(plan, tier, channel);
  if (!rule) {
    return {
      tier,
      rule: null,
      preferredAlternatives,
      exceptionId: null,
      rejections: [rejection('70', `tier ${tier} not covered through ${CHANNEL_LABEL[channel]}`)],
    };
  }
  return { rejections: [], tier, rule, preferredAlternatives, exceptionId: null };
}
