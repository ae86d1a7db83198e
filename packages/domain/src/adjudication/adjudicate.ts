import type { AccumulatorDelta, Accumulators } from '../benefit/accumulators';
import { type CostShareResult, computeCostShare } from '../benefit/cost-share';
import {
  type BenefitPlan,
  type CoverageLevel,
  DEFAULT_REFILL_THRESHOLD_BPS,
  type Tier,
} from '../benefit/types';
import { hasAcceptedOverride } from '../dur/overrides';
import { reviewDur } from '../dur/review';
import { DEFAULT_DUR_POLICY, type DrugInteraction, type DurPolicy, type DurResponse } from '../dur/types';
import { priceClaim } from '../pricing/price-claim';
import type { ClaimPricing, DrugPrice, NetworkContract } from '../pricing/types';
import type { LocalDate } from '../time/local-date';
import { type PlanYear, planYearForDate } from '../time/plan-year';
import {
  type ClarificationOverrideDecision,
  clarificationOverrideOf,
  decideClarificationOverride,
  type PriorOverrideUse,
} from './clarification-overrides';
import { checkProductCoverage } from './coverage';
import { checkEligibility } from './eligibility';
import { fillsForRefillTiming, historyWithoutOwnPartial } from './partial-fill';
import { checkPlanLimits } from './plan-limits';
import { checkPriorAuthorization, findCoveringException, findCoveringPriorAuth } from './prior-auth';
import {
  dawCode,
  productSelectionPenaltyCents,
  tierForPrescriberRequiredBrand,
  withProductSelectionPenalty,
} from './product-selection';
import { checkRefillTooSoon, previousFillOf } from './refill-too-soon';
import { REJECT_CODE_ORDER, type RejectCode, type Rejection } from './reject-codes';
import { checkRequestFields } from './request-checks';
import { checkStepTherapy } from './step-therapy';
import type {
  ClaimRequest,
  CoverageSpan,
  DrugProduct,
  FormularyEntry,
  MedicationHistoryEntry,
  PreferredAlternative,
  PriorAuthApproval,
} from './types';

/** Everything the server loads for one claim; the engine itself does no I/O. */
export interface AdjudicationInput {
  claim: ClaimRequest;
  member: { coverageSpans: CoverageSpan[]; coverageLevel: CoverageLevel };
  plan: BenefitPlan;
  /** Reference data for claim.ndc, or null when the NDC is unknown. */
  drug: DrugProduct | null;
  /** The plan formulary's entry for the drug, or null when it is not on the formulary. */
  formularyEntry: FormularyEntry | null;
  priorAuthorizations: PriorAuthApproval[];
  /** Paid, not reversed fills of this member (the claim being adjudicated excluded). */
  medicationHistory: MedicationHistoryEntry[];
  interactions: DrugInteraction[];
  network: NetworkContract;
  /** Accumulators for the plan year of claim.dateOfService (see `planYearForDate`). */
  accumulators: Accumulators;
  durPolicy?: DurPolicy;
  /** True when the formulary entry names the NDC (not its drug group): DAW 1 then keeps the entry's tier. */
  ndcSpecificEntry?: boolean;
  /** The drug group's cheapest generic, priced like `drug` (DAW 2 penalty); null when the group has none. */
  genericEquivalent?: DrugPrice | null;
  /** Earlier paid overrides (420-DK 3/5/7) of this member and drug group. */
  priorOverrideUses?: PriorOverrideUse[];
}

export interface AdjudicationMessage {
  rejectCode: RejectCode | null;
  text: string;
}

export interface AdjudicationResult {
  outcome: 'paid' | 'rejected';
  /** Every applicable reject code, deduplicated, in rule order (NCPDP responses carry at most 5). */
  rejectCodes: RejectCode[];
  messages: AdjudicationMessage[];
  dur: DurResponse[];
  planYear: PlanYear;
  tier: Tier | null;
  preferredAlternatives: PreferredAlternative[];
  /** Set when an earlier fill of the drug exists: the first day a fill is allowed. */
  refillEligibleOn: LocalDate | null;
  /** The approval the claim relied on, if any: the PA, else the formulary exception that covered it. */
  priorAuthorizationId: string | null;
  pricing?: ClaimPricing;
  costShare?: CostShareResult;
  accumulatorDelta?: AccumulatorDelta;
  /** A submitted 420-DK override on an early fill: whether it lifted the 79 (null when none applied). */
  clarificationOverride: ClarificationOverrideDecision | null;
}

/**
 * Adjudicates a B1 claim. Rules run in the standard order (request fields, eligibility 65, product 21/70,
 * prior authorization 75, step therapy 608, plan limits 76, refill too soon 79, DUR 88) and every rule whose
 * inputs exist is evaluated, so a rejection lists every applicable code. Only a clean claim is priced and
 * cost-shared; the returned accumulator delta is what the server must add atomically with the paid claim.
 */
export function adjudicate(input: AdjudicationInput): AdjudicationResult {
  const { claim, plan, drug, formularyEntry } = input;
  // A completion is the rest of its partial's dispensing: that partial is not an earlier fill of it.
  const history = historyWithoutOwnPartial(input.medicationHistory, claim.partialClaimId);
  const durPolicy = input.durPolicy ?? DEFAULT_DUR_POLICY;
  const planYear = planYearForDate(claim.dateOfService, plan.planYearStart);
  const rejections: Rejection[] = [];
  const dur: DurResponse[] = [];
  const dispensing = {
    pharmacyId: claim.pharmacyId,
    pharmacyChainId: claim.pharmacyChainId,
    prescriberId: claim.prescriberId,
  };

  const requestRejections = checkRequestFields(claim);
  rejections.push(...requestRejections);
  const requestValid = requestRejections.length === 0;

  const eligibility = checkEligibility(input.member.coverageSpans, claim.dateOfService);
  if (eligibility) rejections.push(eligibility);

  // An approved formulary exception for this fill makes a drug off the formulary covered, or lowers its tier.
  const exception = drug
    ? findCoveringException(input.priorAuthorizations, {
        drugGroupId: drug.drugGroupId,
        dateOfService: claim.dateOfService,
        quantityMilli: claim.quantityMilli,
        daysSupply: claim.daysSupply,
      })
    : null;
  const coverage = checkProductCoverage({ drug, formularyEntry, plan, channel: claim.channel, exception });
  rejections.push(...coverage.rejections);
  if (drug && coverage.tier !== null && !coverage.exceptionId) {
    coverage.tier = tierForPrescriberRequiredBrand({
      daw: claim.dispenseAsWritten,
      isGeneric: drug.isGeneric,
      ndcSpecificEntry: input.ndcSpecificEntry ?? false,
      tier: coverage.tier,
      plan,
      channel: claim.channel,
    });
  }

  let coveringApproval: PriorAuthApproval | null = null;
  let refillEligibleOn: LocalDate | null = null;
  let clarificationOverride: ClarificationOverrideDecision | null = null;
  if (drug && requestValid) {
    coveringApproval = findCoveringPriorAuth(input.priorAuthorizations, {
      drugGroupId: drug.drugGroupId,
      dateOfService: claim.dateOfService,
      quantityMilli: claim.quantityMilli,
      daysSupply: claim.daysSupply,
    });
    if (formularyEntry && formularyEntry.status === 'covered') {
      const priorAuth = checkPriorAuthorization(formularyEntry, coveringApproval);
      if (priorAuth) rejections.push(priorAuth);
      const stepTherapy = checkStepTherapy({
        formularyEntry,
        dateOfService: claim.dateOfService,
        history,
        coveringApproval,
      });
      if (stepTherapy) rejections.push(stepTherapy);
    }
    rejections.push(
      ...checkPlanLimits({
        plan,
        formularyEntry,
        network: input.network,
        channel: claim.channel,
        quantityMilli: claim.quantityMilli,
        daysSupply: claim.daysSupply,
        coveringApproval,
      }),
    );

    const refillHistory = fillsForRefillTiming(history);
    const refillArgs = {
      drugGroupId: drug.drugGroupId,
      dateOfService: claim.dateOfService,
      history: refillHistory,
      thresholdBps: plan.refillThresholdBps ?? DEFAULT_REFILL_THRESHOLD_BPS,
      dispensing,
      overridden:
        durPolicy.allowEarlyRefillOverride && hasAcceptedOverride(claim.durOverrides, 'ER', durPolicy),
    };
    let refill = checkRefillTooSoon(refillArgs);
    const sccCode = clarificationOverrideOf(claim.submissionClarificationCodes);
    if (refill.rejection && sccCode) {
      // Only an early fill uses up an override: an on-time fill with the code needs none.
      clarificationOverride = decideClarificationOverride({
        code: sccCode,
        dateOfService: claim.dateOfService,
        priorUses: input.priorOverrideUses ?? [],
        previousFill: previousFillOf(refillHistory, drug.drugGroupId, claim.dateOfService),
        quantityMilli: claim.quantityMilli,
        daysSupply: claim.daysSupply,
      });
      if (clarificationOverride.allowed) refill = checkRefillTooSoon({ ...refillArgs, overridden: true });
      else if (clarificationOverride.reason)
        refill.rejection = {
          ...refill.rejection,
          message: `${refill.rejection.message}; ${clarificationOverride.reason}`,
        };
    }
    refillEligibleOn = refill.eligibleOn;
    if (refill.rejection) rejections.push(refill.rejection);
    if (refill.dur) dur.push(refill.dur);

    const review = reviewDur({
      drug,
      dateOfService: claim.dateOfService,
      daysSupply: claim.daysSupply,
      history,
      interactions: input.interactions,
      dispensing,
      overrides: claim.durOverrides,
      policy: durPolicy,
    });
    dur.push(...review.responses);
    rejections.push(...review.rejections);
  }

  const rejectCodes = REJECT_CODE_ORDER.filter((code) => rejections.some((r) => r.code === code));
  const messages: AdjudicationMessage[] = rejections.map((r) => ({ rejectCode: r.code, text: r.message }));
  for (const response of dur) {
    if (response.disposition === 'warning') {
      messages.push({
        rejectCode: null,
        text: `DUR ${response.reasonForServiceCode}: ${response.additionalText}`,
      });
    }
  }
  const base = {
    dur,
    planYear,
    tier: coverage.tier,
    preferredAlternatives: coverage.preferredAlternatives,
    refillEligibleOn,
    priorAuthorizationId: coveringApproval?.id ?? coverage.exceptionId,
    clarificationOverride,
  };
  if (rejectCodes.length > 0 || !drug || coverage.tier === null) {
    return { outcome: 'rejected', rejectCodes, messages, ...base };
  }

  const pricing = priceClaim({
    channel: claim.channel,
    quantityMilli: claim.quantityMilli,
    drug,
    contract: input.network,
    submitted: claim.submitted,
  });
  // DAW 2 on a brand with a generic on file: the plan shares the generic's price; the member pays the rest.
  const generic =
    dawCode(claim.dispenseAsWritten) === 2 && !drug.isGeneric && input.genericEquivalent
      ? priceClaim({
          channel: claim.channel,
          quantityMilli: claim.quantityMilli,
          drug: input.genericEquivalent,
          contract: input.network,
          submitted: claim.submitted,
        })
      : null;
  const penaltyCents = generic
    ? productSelectionPenaltyCents(pricing.totalPriceCents, generic.totalPriceCents)
    : 0;
  const costShare = withProductSelectionPenalty(
    computeCostShare({
      plan,
      coverageLevel: input.member.coverageLevel,
      tier: coverage.tier,
      channel: claim.channel,
      totalPriceCents: pricing.totalPriceCents - penaltyCents,
      accumulators: input.accumulators,
      fillPart: claim.fillPart ?? null,
    }),
    penaltyCents,
  );
  return {
    outcome: 'paid',
    rejectCodes,
    messages,
    ...base,
    pricing,
    costShare,
    accumulatorDelta: costShare.accumulatorDelta,
  };
}
