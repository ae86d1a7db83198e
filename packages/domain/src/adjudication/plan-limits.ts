import type { BenefitPlan, Channel } from '../benefit/types';
import type { NetworkContract } from '../pricing/types';
import { type Rejection, rejection } from './reject-codes';
import type { FormularyEntry, PriorAuthApproval } from './types';

/** The stricter of the plan's and the formulary entry's days-supply limit for the channel. */
export function maxDaysSupplyFor(
  plan: BenefitPlan,
  formularyEntry: FormularyEntry | null,
  channel: Channel,
): number {
  const planLimit = plan.maxDaysSupply[channel];
  const drugLimit = formularyEntry?.maxDaysSupply?.[channel];
  return drugLimit == null ? planLimit : Math.min(planLimit, drugLimit);
}

/**
 * 76 when the fill exceeds the days-supply limit, the formulary quantity limit for the channel (unless an
 * approved PA explicitly allows that quantity), or the pharmacy's network has no terms for the channel.
 */
export function checkPlanLimits(args: {
  plan: BenefitPlan;
  formularyEntry: FormularyEntry | null;
  network: NetworkContract;
  channel: Channel;
  quantityMilli: number;
  daysSupply: number;
  coveringApproval: PriorAuthApproval | null;
}): Rejection[] {
  const { plan, formularyEntry, network, channel, quantityMilli, daysSupply, coveringApproval } = args;
  const rejections: Rejection[] = [];
  if (!network.terms[channel]) rejections.push(rejection('76', `pharmacy network does not cover ${channel}`));
  const daysLimit = maxDaysSupplyFor(plan, formularyEntry, channel);
  if (daysSupply > daysLimit) {
    rejections.push(rejection('76', `days supply ${daysSupply} exceeds limit of ${daysLimit}`));
  }
  const quantityLimit = formularyEntry?.quantityLimitMilli?.[channel];
  const approvedQuantity = coveringApproval?.maxQuantityMilliPerFill;
  const liftedByApproval = approvedQuantity != null && quantityMilli <= approvedQuantity;
  if (quantityLimit != null && quantityMilli > quantityLimit && !liftedByApproval) {
    rejections.push(
      rejection('76', `quantity ${quantityMilli / 1000} exceeds limit of ${quantityLimit / 1000} per fill`),
    );
  }
  return rejections;
}
