// What a home-delivery refill costs the member: the benefits engine's own quote (formulary, prior authorization,
// plan limits, network price, cost share on today's accumulators) for each prescription through the
// home-delivery channel. Items are priced one after another, each on the accumulators the previous ones would
// leave, so a deductible is not counted twice.
import { applyAccumulatorDelta, type Channel } from '@openpbm/domain';
import type { AppDeps } from '../app-deps';
import { findApprovedPriorAuths } from '../benefits/approvals-repo';
import { loadMemberBenefitContext } from '../benefits/member-benefit-context';
import { type QuoteBenefits, quoteFill } from '../benefits/quote';

export const HOME_DELIVERY_CHANNEL: Channel = 'home_delivery_90';

export const ORDER_COST_DISCLAIMER =
  'Estimated with your plan’s home-delivery rates and what you have paid so far this plan year. The pharmacy charges ' +
  'the final amount when your order is filled.';

export interface PricedItem {
  prescriptionId: string;
  memberCostCents: number;
  /** Reasons the plan would not pay this fill today (not covered, needs prior authorization, over a limit). */
  blocking: string[];
  messages: string[];
}

export interface OrderPricing {
  items: PricedItem[];
  totalMemberCostCents: number;
  costBasis: 'benefits_engine';
  /** Null when the member has no pharmacy coverage today. */
  coverageProblem: string | null;
}

export async function priceRefills(
  deps: AppDeps,
  memberId: string,
  fills: Array<{
    prescriptionId: string;
    ndc: string;
    drugGroupId: string;
    quantityMilli: number;
    daysSupply: number;
  }>,
): Promise<OrderPricing> {
  const db = deps.db.db;
  const context = await loadMemberBenefitContext(db, {
    memberId,
    at: deps.now(),
    drugs: fills.map((f) => ({ ndc: f.ndc })),
  });
  if (!context?.plan || !context.network || !context.eligibility.inForce) {
    return {
      items: fills.map((f) => ({
        prescriptionId: f.prescriptionId,
        memberCostCents: 0,
        blocking: [],
        messages: [],
      })),
      totalMemberCostCents: 0,
      costBasis: 'benefits_engine',
      coverageProblem: 'There is no pharmacy coverage for this member today.',
    };
  }
  const approvals = await findApprovedPriorAuths(db, memberId, [...new Set(fills.map((f) => f.drugGroupId))]);
  let accumulators = context.accumulators.values;
  const items: PricedItem[] = [];
  fills.forEach((fill, index) => {
    const coverage = context.drugs[index];
    const benefits: QuoteBenefits = {
      plan: context.plan?.benefit as QuoteBenefits['plan'],
      network: context.network as QuoteBenefits['network'],
      coverageLevel: context.eligibility.coverageLevel,
      accumulators,
      dateOfService: context.dateOfService,
      approvals,
    };
    if (!coverage) {
      items.push({
        prescriptionId: fill.prescriptionId,
        memberCostCents: 0,
        blocking: ['This drug is not in our price list.'],
        messages: [],
      });
      return;
    }
    const quote = quoteFill(benefits, coverage, {
      channel: HOME_DELIVERY_CHANNEL,
      quantityMilli: fill.quantityMilli,
      daysSupply: fill.daysSupply,
    });
    const blocking = !quote.available
      ? quote.messages.length > 0
        ? quote.messages
        : ['Your plan does not cover this fill through home delivery.']
      : quote.rejectCodes.includes('75')
        ? ['Needs prior authorization before it can be filled. Your prescriber can request it.']
        : [];
    const memberCostCents = quote.memberPayCents ?? 0;
    if (quote.available && blocking.length === 0) {
      accumulators = applyAccumulatorDelta(accumulators, {
        deductibleCents: quote.appliedToDeductibleCents ?? 0,
        oopCents: quote.appliedToOopCents ?? 0,
      });
    }
    items.push({
      prescriptionId: fill.prescriptionId,
      memberCostCents,
      blocking,
      messages: quote.available
        ? quote.messages.filter((m) => !m.startsWith('Needs prior authorization'))
        : [],
    });
  });
  return {
    items,
    totalMemberCostCents: items.reduce(
      (sum, item) => sum + (item.blocking.length ? 0 : item.memberCostCents),
      0,
    ),
    costBasis: 'benefits_engine',
    coverageProblem: null,
  };
}
