// One price quote: what a fill of a drug through one channel would cost the member and the plan today. It runs
// the adjudication's own rules (product coverage 70, prior authorization 75, plan limits 76, priceClaim,
// computeCostShare) on the member's benefit context, so the quote is what a claim at a network pharmacy that
// bills the benchmark price would pay.
import {
  type Accumulators,
  type BenefitPlan,
  type Channel,
  type CoverageLevel,
  checkPlanLimits,
  checkPriorAuthorization,
  checkProductCoverage,
  computeCostShare,
  contractedIngredientCostCents,
  findCoveringException,
  findCoveringPriorAuth,
  type NetworkContract,
  type PriorAuthApproval,
  priceClaim,
  type Rejection,
} from '@openpbm/domain';
import { CHANNEL_LABELS, type PriceQuote } from '@openpbm/shared/benefits';
import type { DrugCoverage } from './member-benefit-context';

export interface QuoteBenefits {
  plan: BenefitPlan;
  network: NetworkContract;
  coverageLevel: CoverageLevel;
  accumulators: Accumulators;
  dateOfService: string;
  approvals: PriorAuthApproval[];
}

export interface Fill {
  channel: Channel;
  quantityMilli: number;
  daysSupply: number;
}

/** A chosen pharmacy a quote is priced at: its name and, when known, its cash price for this fill. */
export interface QuotePharmacy {
  name: string;
  usualAndCustomaryCents: number | null;
}

/**
 * What the pharmacy is assumed to bill: the full benchmark price (no discount), so the contracted rate or MAC
 * sets the price as for a typical in-network claim; and its usual & customary price when known, which
 * `priceClaim` applies by the lesser-of rule exactly as on a claim.
 */
export function estimatedSubmission(
  drug: NonNullable<DrugCoverage['drug']>,
  quantityMilli: number,
  usualAndCustomaryCents: number | null = null,
) {
  return {
    ingredientCostCents: contractedIngredientCostCents(drug.unitPriceMicrodollars, quantityMilli, 0),
    dispensingFeeCents: null,
    usualAndCustomaryCents,
  };
}

function memberMessage(rejection: Rejection, channel: Channel, coverage: DrugCoverage): string {
  switch (rejection.code) {
    case '21':
      return 'We could not find this drug in our price list.';
    case '70': {
      if (!coverage.formularyEntry) return 'Your plan’s formulary does not cover this drug.';
      if (coverage.formularyEntry.status === 'excluded') {
        const names = (coverage.formularyEntry.preferredAlternatives ?? []).map((a) => a.name).join(', ');
        return names
          ? `Your plan excludes this drug. Covered alternatives: ${names}.`
          : 'Your plan excludes this drug.';
      }
      return `Not covered through ${CHANNEL_LABELS[channel].toLowerCase()}.`;
    }
    case '76':
      return `Over your plan’s limit: ${rejection.message}.`;
    default:
      return rejection.message;
  }
}

const unavailable = (
  fill: Fill,
  rejectCodes: string[],
  messages: string[],
  pharmacyName: string | null = null,
): PriceQuote => ({
  channel: fill.channel,
  daysSupply: fill.daysSupply,
  quantity: fill.quantityMilli / 1000,
  available: false,
  rejectCodes,
  messages,
  totalPriceCents: null,
  memberPayCents: null,
  planPayCents: null,
  appliedToDeductibleCents: null,
  appliedToOopCents: null,
  explanation: [],
  pharmacyName,
});

/** The quote at a pharmacy the plan would not pay (reject 40 on a claim). */
export function outOfNetworkQuote(fill: Fill, pharmacyName: string): PriceQuote {
  return unavailable(
    fill,
    ['40'],
    [`${pharmacyName} is not in your plan’s network: the plan would not pay for a fill there.`],
    pharmacyName,
  );
}

export function quoteFill(
  benefits: QuoteBenefits,
  coverage: DrugCoverage,
  fill: Fill,
  pharmacy: QuotePharmacy | null = null,
): PriceQuote {
  const pharmacyName = pharmacy?.name ?? null;
  const { plan, network } = benefits;
  const { drug, formularyEntry } = coverage;
  const facts = drug && {
    drugGroupId: drug.drugGroupId,
    dateOfService: benefits.dateOfService,
    quantityMilli: fill.quantityMilli,
    daysSupply: fill.daysSupply,
  };
  const approval = facts ? findCoveringPriorAuth(benefits.approvals, facts) : null;
  const exception = facts ? findCoveringException(benefits.approvals, facts) : null;
  const product = checkProductCoverage({ drug, formularyEntry, plan, channel: fill.channel, exception });
  const limits = checkPlanLimits({
    plan,
    formularyEntry,
    network,
    channel: fill.channel,
    quantityMilli: fill.quantityMilli,
    daysSupply: fill.daysSupply,
    coveringApproval: approval,
  });
  const blocking = [...product.rejections, ...limits];
  if (blocking.length > 0 || !drug || product.tier === null) {
    const codes = [...new Set(blocking.map((r) => r.code))];
    const messages = blocking.map((r) => memberMessage(r, fill.channel, coverage));
    if (!drug && coverage.product) messages.push('There is no price on file for this drug today.');
    return unavailable(fill, codes, messages, pharmacyName);
  }

  // Needing an approval does not change the price: the quote shows what the plan pays once approved.
  const rejectCodes: string[] = [];
  const messages: string[] = [];
  if (exception && product.exceptionId) {
    messages.push(`Formulary exception on file through ${exception.expirationDate}.`);
  }
  if (formularyEntry?.status === 'covered') {
    if (checkPriorAuthorization(formularyEntry, approval)) {
      rejectCodes.push('75');
      messages.push(
        'Needs prior authorization: your prescriber must get approval before the plan pays. The price applies once approved.',
      );
    } else if (approval) {
      messages.push(`Prior authorization on file through ${approval.expirationDate}.`);
    }
    if (formularyEntry.stepTherapy) {
      messages.push(
        'Step therapy: the plan pays for this drug after you have tried a preferred drug first (an earlier fill counts).',
      );
    }
  }

  const pricing = priceClaim({
    channel: fill.channel,
    quantityMilli: fill.quantityMilli,
    drug,
    contract: network,
    submitted: estimatedSubmission(drug, fill.quantityMilli, pharmacy?.usualAndCustomaryCents ?? null),
  });
  if (pricing.basis === 'usual_and_customary') {
    messages.push(`${pharmacyName ?? 'The pharmacy'}’s own cash price is lower, so it sets the price.`);
  }
  const share = computeCostShare({
    plan,
    coverageLevel: benefits.coverageLevel,
    tier: product.tier,
    channel: fill.channel,
    totalPriceCents: pricing.totalPriceCents,
    accumulators: benefits.accumulators,
  });
  return {
    channel: fill.channel,
    daysSupply: fill.daysSupply,
    quantity: fill.quantityMilli / 1000,
    available: true,
    rejectCodes,
    messages,
    totalPriceCents: pricing.totalPriceCents,
    memberPayCents: share.patientPayCents,
    planPayCents: share.planPayCents,
    appliedToDeductibleCents: share.appliedToDeductibleCents,
    appliedToOopCents: share.appliedToOopCents,
    explanation: share.steps.map(({ kind, amountCents, description }) => ({
      kind,
      amountCents,
      description,
    })),
    pharmacyName,
  };
}

/**
 * The fill to quote through a channel: the requested quantity and days when they fit the channel, otherwise the
 * same daily quantity scaled to the channel's usual days (30 or 90). Whole units stay whole.
 */
export function fillFor(
  channel: Channel,
  requested: { quantityMilli: number; daysSupply: number },
  retail30MaxDays: number,
): Fill {
  const longFill = requested.daysSupply > retail30MaxDays;
  const fits = channel === 'retail_90' || channel === 'home_delivery_90' ? longFill : !longFill;
  if (fits) return { channel, ...requested };
  const days = channel === 'retail_90' || channel === 'home_delivery_90' ? 90 : 30;
  const exact = (requested.quantityMilli * days) / requested.daysSupply;
  const wholeUnits = requested.quantityMilli % 1000 === 0;
  const quantityMilli = Math.max(1, wholeUnits ? Math.ceil(exact / 1000 - 1e-9) * 1000 : Math.round(exact));
  return { channel, quantityMilli, daysSupply: days };
}
