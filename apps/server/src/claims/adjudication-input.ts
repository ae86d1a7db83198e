// From what the claim context statement read to the shapes packages/domain's `adjudicate` takes.
import {
  type AdjudicationInput,
  type Channel,
  channelFor,
  type DrugInteraction,
  type DrugPrice,
  type MedicationHistoryEntry,
  type NetworkContract,
  type PharmacyKind,
  type PriorAuthApproval,
  withPharmacyTerms,
} from '@openpbm/domain';
import type { MemberBenefitContext } from '../benefits/member-benefit-context';
import { InvariantBroken } from '../platform/internal-errors';
import type { RawClaimContext } from './claim-context-repo';
import type { ClaimSubmission } from './submission';

type Pharmacy = NonNullable<RawClaimContext['pharmacy']>;
type Contract = NonNullable<RawClaimContext['contract']>;

export function pharmacyKindOf(pharmacy: Pharmacy): PharmacyKind {
  if (pharmacy.home_delivery) return 'home_delivery';
  if (pharmacy.specialty) return 'specialty';
  return 'retail';
}

/** True when the pharmacy is active and its network contract covers the date of service. */
export function isInNetwork(pharmacy: Pharmacy, contract: Contract | null, dateOfService: string): boolean {
  if (pharmacy.status !== 'active' || !contract) return false;
  return (
    contract.effective_date <= dateOfService &&
    (contract.termination_date === null || contract.termination_date >= dateOfService)
  );
}

/** The pharmacy's reimbursement terms: its own contract's (domain `withPharmacyTerms`). */
export function contractFor(network: NetworkContract, contract: Contract | null): NetworkContract {
  return withPharmacyTerms(
    network,
    contract && {
      discountBps: contract.discount_bps,
      genericDiscountBps: contract.generic_discount_bps,
      dispensingFeeCents: contract.dispensing_fee_cents,
    },
  );
}

export function medicationHistory(raw: RawClaimContext): MedicationHistoryEntry[] {
  return raw.history.map((h) => ({
    claimId: h.id,
    ndc: h.ndc,
    drugName: h.group_name,
    drugGroupId: h.group_id,
    therapeuticClassId: h.therapeutic_class_id,
    ingredients: h.ingredients,
    fillDate: h.date_of_service,
    daysSupply: h.days_supply,
    quantityMilli: h.quantity_milli,
    pharmacyId: h.pharmacy_id ?? '',
    pharmacyChainId: h.chain_code,
    prescriberId: h.prescriber_id,
    dispensingStatus: h.dispensing_status,
    intendedQuantityMilli: h.intended_quantity_milli,
    intendedDaysSupply: h.intended_days_supply,
    partialOfClaimId: h.partial_of_claim_id,
  }));
}

export function priorAuthorizations(raw: RawClaimContext): PriorAuthApproval[] {
  return raw.priorAuths.map((p) => ({
    id: p.id,
    drugGroupId: p.drug_group_id,
    status: 'approved',
    effectiveDate: p.effective_from,
    expirationDate: p.effective_to,
    maxQuantityMilliPerFill: p.approved_quantity_milli,
    maxDaysSupplyPerFill: p.approved_days_supply,
    kind: p.grants,
    grantedTier: p.grants === 'formulary_exception' ? p.requested_tier : null,
  }));
}

export function interactions(raw: RawClaimContext): DrugInteraction[] {
  return raw.interactions.map((i) => ({
    a: i.ingredient_a,
    b: i.ingredient_b,
    severity: i.severity,
    description: i.message,
    source: i.source,
  }));
}

/** The benefit channel of this fill (pharmacy kind, then 30- vs 90-day at retail by the plan's limit). */
export function channelOf(pharmacy: Pharmacy, daysSupply: number, ctx: MemberBenefitContext): Channel {
  const retail30Max = ctx.plan?.benefit.maxDaysSupply.retail_30;
  return channelFor(pharmacyKindOf(pharmacy), daysSupply, retail30Max);
}

export function adjudicationInput(args: {
  submission: ClaimSubmission;
  raw: RawClaimContext;
  ctx: MemberBenefitContext;
  pharmacy: Pharmacy;
  channel: Channel;
  /** DAW 2: the group's cheapest generic (product-selection-repo.ts). */
  genericEquivalent?: DrugPrice | null;
}): AdjudicationInput {
  const { submission: s, raw, ctx, pharmacy, channel } = args;
  const plan = ctx.plan;
  if (!plan || !ctx.network) throw new InvariantBroken('adjudication needs the routed plan and its network');
  const coverage = ctx.drugs[0];
  return {
    claim: {
      dateOfService: s.dateOfService,
      ndc: s.productId ?? '',
      quantityMilli: s.quantityMilli ?? 0,
      daysSupply: s.daysSupply ?? 0,
      channel,
      pharmacyId: pharmacy.id,
      pharmacyChainId: pharmacy.chain_code,
      prescriberId: raw.prescriberId,
      submitted: {
        ingredientCostCents: s.ingredientCostSubmittedCents,
        dispensingFeeCents: s.dispensingFeeSubmittedCents,
        usualAndCustomaryCents: s.usualAndCustomaryCents,
      },
      durOverrides: s.durOverrides,
      dispenseAsWritten: s.dispenseAsWritten,
      submissionClarificationCodes: s.submissionClarificationCodes,
    },
    member: { coverageSpans: ctx.eligibility.coverageSpans, coverageLevel: ctx.eligibility.coverageLevel },
    plan: plan.benefit,
    drug: coverage?.drug ?? null,
    formularyEntry: coverage?.formularyEntry ?? null,
    priorAuthorizations: priorAuthorizations(raw),
    medicationHistory: medicationHistory(raw),
    interactions: interactions(raw),
    network: contractFor(ctx.network, raw.contract),
    accumulators: ctx.accumulators.values,
    ndcSpecificEntry: coverage?.formulary?.ndcSpecific ?? false,
    genericEquivalent: args.genericEquivalent ?? null,
    priorOverrideUses: raw.overrideUses ?? [],
  };
}
