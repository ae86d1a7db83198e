// B1 billing: read the claim's facts in one statement, adjudicate with packages/domain, then write the paid claim
// and both accumulator rows in one guarded statement (two round trips). A stale read (AccumulatorConflict) is
// adjudicated again; a contended family then queues behind its lock instead of retrying.
import { adjudicate, applyAccumulatorDelta, remainingLimits } from '@openpbm/domain';
import { adjudicationInput, channelOf, isInNetwork } from './adjudication-input';
import type { StoredClaimSummary } from './claim-context-repo';
import { AccumulatorConflict, type ClaimRow, ensurePlanYear, lockFamily, payClaim } from './claim-write-repo';
import { coordinationGate, secondaryShare, writeBesideClaim, writesBesideClaim } from './cob-billing';
import { compoundOfTransaction } from './compound';
import { adjudicateCompound } from './compound-adjudication';
import { controlledSubstanceRejections } from './controlled-substances';
import type { TransactionOutcome } from './outcome';
import { completionOverfills, fillPartOf, findPartialToComplete, partialFillFindings } from './partial-fill';
import { genericEquivalentFor } from './product-selection-repo';
import { type Run, runOn, withTransaction } from './repo';
import { dispensingStatusOf } from './submission';
import {
  type ClaimsKit,
  cardholderIndex,
  claimRowBase,
  DOB_MISMATCH,
  dateOfBirthMismatch,
  durEntry,
  gatekeep,
  readContext,
  rejectedOutcome,
  replayOf,
  storedResponse,
  storeRejected,
  type TransactionEnv,
} from './transaction-kit';

/** Lock-free tries before a B1 waits on its family's lock instead (claims of one family arriving together). */
const OPTIMISTIC_ATTEMPTS = 2;
const MAX_BILLING_ATTEMPTS = 5;
const NO_PARTIAL_TO_COMPLETE =
  '343-HD C: no paid partial fill of this Rx and fill for this patient is waiting for its completion';
const COMPLETION_OVERFILLS =
  'The partial fill and its completion dispense more than 344-HF quantity intended';

export async function billing(kit: ClaimsKit, env: TransactionEnv): Promise<TransactionOutcome> {
  const bidx = cardholderIndex(kit, env.submission);
  for (let attempt = 1; ; attempt++) {
    try {
      // A claim that writes rows beside itself (COB payments, an override) needs one transaction for all; a
      // completion queues on the family lock so that a B2 of its partial cannot pass it (see reversal.ts).
      const locked = writesBesideClaim(env.submission) || dispensingStatusOf(env.submission) === 'C';
      if (attempt <= OPTIMISTIC_ATTEMPTS && !locked) return await billOnce(kit, runOn(kit.db), env, bidx);
      // Contended family: queue behind the family lock; the reads then see every committed claim of it.
      return await withTransaction(kit.db, async (run) => {
        await lockFamily(run, bidx);
        return billOnce(kit, run, env, bidx);
      });
    } catch (err) {
      if (!(err instanceof AccumulatorConflict) || attempt >= MAX_BILLING_ATTEMPTS) throw err;
    }
  }
}

/** Reads, adjudicates and writes one B1; throws AccumulatorConflict when its read went stale. */
export async function billOnce(
  kit: ClaimsKit,
  run: Run,
  env: TransactionEnv,
  bidx: string,
): Promise<TransactionOutcome> {
  const compound = compoundOfTransaction(env);
  const s = env.submission;
  env.storedBytes = undefined;
  const { raw, ctx } = await readContext(kit, run, s, env.pharmacy, bidx);
  const row = claimRowBase(env, raw, ctx);
  const reject = (codes: string[], messages: string[] = [], extra: Partial<TransactionOutcome> = {}) =>
    storeRejected(kit, run, env, row, {
      ...rejectedOutcome(s, codes, messages, ctx?.plan?.customerServicePhone),
      ...extra,
    });

  const gate = gatekeep(s, raw);
  if (gate) return reject(gate.codes, gate.messages);
  if (dateOfBirthMismatch(kit, s, raw)) return reject(['9'], [DOB_MISMATCH]);
  if (compound.kind === 'invalid') return reject([compound.code], [compound.message]);
  if (!s.rxNumber) return reject(['16']);
  if (s.fillNumber === null) return reject(['17']);
  const partialFindings = partialFillFindings(s);
  if (partialFindings.length > 0)
    return reject(
      partialFindings.map((f) => f.code),
      partialFindings.map((f) => f.message),
    );
  if (!ctx?.plan || !ctx.network || !raw.pharmacy) return reject(['85']);

  if (raw.duplicate) {
    if (sameClaim(raw.duplicate, row)) return duplicateOf(kit, env, raw.duplicate);
    return reject(['83'], ['A paid claim with this Rx, fill and date already exists']);
  }

  // A completion (343-HD C) is billed against its paid partial (one extra statement, only for a completion).
  const partial = await findPartialToComplete(run, s);
  if (dispensingStatusOf(s) === 'C') {
    if (!partial || partial.member_id !== row.memberId) return reject(['HD'], [NO_PARTIAL_TO_COMPLETE]);
    row.partialOfClaimId = partial.id;
    if (completionOverfills(s, partial)) return reject(['E7'], [COMPLETION_OVERFILLS]);
  }

  const cob = coordinationGate(kit, s, raw);
  if (cob) return reject(cob.codes, cob.messages, cob.otherPayers ? { otherPayers: cob.otherPayers } : {});

  const coverage = ctx.drugs[0];
  if (coverage?.product?.obsoleteDate && coverage.product.obsoleteDate < s.dateOfService) {
    return reject(['70'], ['Product is obsolete on the date of service']);
  }
  if (coverage?.product && !coverage.drug) return reject(['70'], ['No price on file for this product']);

  const codes: string[] = [];
  const messages: string[] = [];
  if (!isInNetwork(raw.pharmacy, raw.contract, s.dateOfService)) {
    codes.push('40');
    messages.push('Pharmacy not in the plan network on the date of service');
  }
  const channel = channelOf(raw.pharmacy, s.daysSupply ?? 0, ctx);
  const genericEquivalent = await genericEquivalentFor(run, s, ctx);
  const input = adjudicationInput({
    submission: s,
    raw,
    ctx,
    pharmacy: raw.pharmacy,
    channel,
    genericEquivalent,
  });
  input.claim.fillPart = fillPartOf(s, partial);
  input.claim.partialClaimId = partial?.id ?? null;
  let result = adjudicate(input);
  if (compound.kind === 'compound') {
    result = await adjudicateCompound(run, {
      compound: compound.compound,
      planId: ctx.plan.id,
      input,
      result,
    });
  }
  codes.push(...result.rejectCodes);
  messages.push(...result.messages.map((m) => m.text));
  for (const r of controlledSubstanceRejections(s, raw)) {
    codes.push(r.code);
    messages.push(r.message);
  }

  const base: TransactionOutcome = {
    ...rejectedOutcome(s, codes, messages, ctx.plan.customerServicePhone),
    tier: result.tier,
    channel,
    dur: result.dur,
    preferredAlternatives: result.preferredAlternatives,
    refillEligibleOn: result.refillEligibleOn,
    priorAuthorizationId: result.priorAuthorizationId,
  };
  if (codes.length > 0 || result.outcome !== 'paid' || !result.pricing || !result.costShare) {
    return storeRejected(kit, run, env, { ...row, tier: result.tier, channel }, base);
  }

  const planYearId = ctx.planYear?.id ?? (await ensurePlanYear(run, ctx.plan.id, result.planYear));
  const pricing = result.pricing;
  const secondary = secondaryShare(s, pricing.totalPriceCents, result.costShare);
  const share = secondary?.share ?? result.costShare;
  const after = remainingLimits(
    ctx.plan.benefit,
    ctx.eligibility.coverageLevel,
    applyAccumulatorDelta(ctx.accumulators.values, share.accumulatorDelta),
  );
  const authorizationNumber = authorizationNumberFor(row.id);
  const outcome: TransactionOutcome = {
    ...base,
    status: 'paid',
    claimId: row.id,
    authorizationNumber,
    rejectCodes: [],
    pricing: {
      ingredientCostPaidCents: pricing.ingredientCostPaidCents,
      dispensingFeePaidCents: pricing.dispensingFeePaidCents,
      totalPriceCents: pricing.totalPriceCents,
      patientPayCents: share.patientPayCents,
      planPayCents: share.planPayCents,
      appliedToDeductibleCents: share.appliedToDeductibleCents,
      appliedToOopCents: share.appliedToOopCents,
      copayCents: share.components.copayCents,
      coinsuranceCents: share.components.coinsuranceCents,
      basisOfReimbursementCode: pricing.basisOfReimbursementCode,
      accumulatedDeductibleCents:
        ctx.accumulators.values.individualDeductibleCents + share.accumulatorDelta.deductibleCents,
      remainingDeductibleCents: after.deductibleRemainingCents,
      remainingOopCents: after.oopRemainingCents,
      ...(share.components.productSelectionCents
        ? { productSelectionCents: share.components.productSelectionCents }
        : {}),
      ...(secondary ? { otherPayerAmountRecognizedCents: secondary.otherPaidCents } : {}),
    },
  };
  const paid: ClaimRow = {
    ...row,
    planYearId,
    status: 'paid',
    tier: result.tier,
    channel,
    ingredientCostCents: pricing.ingredientCostPaidCents,
    dispensingFeeCents: pricing.dispensingFeePaidCents,
    patientPayCents: share.patientPayCents,
    planPayCents: share.planPayCents,
    appliedToDeductibleCents: share.appliedToDeductibleCents,
    appliedToOopCents: share.appliedToOopCents,
    authorizationNumber,
    durResponse: result.dur.length ? result.dur.map(durEntry) : null,
    rawResponseEnc: storedResponse(kit, env, outcome),
  };
  await payClaim(run, paid, {
    subscriberId: ctx.member.subscriberId,
    deltaDeductibleCents: share.accumulatorDelta.deductibleCents,
    deltaOopCents: share.accumulatorDelta.oopCents,
    familyVersion: ctx.accumulators.family?.version ?? 0,
    individualVersion: ctx.accumulators.individual?.version ?? 0,
  });
  await writeBesideClaim(run, paid, s, result);
  return outcome;
}

/** A resubmission of a paid claim: the same member and fill facts. */
function sameClaim(original: StoredClaimSummary, row: ClaimRow): boolean {
  return (
    original.member_id === row.memberId &&
    original.ndc === row.ndc &&
    original.quantity_milli === row.quantityMilli &&
    original.days_supply === row.daysSupply
  );
}

/** NCPDP duplicate: the original response with its status turned into "duplicate of paid" (D). */
export function duplicateOf(
  kit: ClaimsKit,
  env: TransactionEnv,
  original: StoredClaimSummary,
): TransactionOutcome {
  const s = env.submission;
  const replay = replayOf(kit, original.raw_response_enc, 'D');
  const storedPricing = replay?.pricing;
  return {
    ...rejectedOutcome(s, []),
    status: 'duplicate-paid',
    claimId: original.id,
    authorizationNumber: original.authorization_number,
    rejectCodes: [],
    messages: (replay?.status?.additionalMessages ?? []).map((m) => m.text ?? ''),
    ndc: original.ndc,
    tier: original.tier,
    channel: original.channel,
    pricing: {
      ingredientCostPaidCents: original.ingredient_cost_cents,
      dispensingFeePaidCents: original.dispensing_fee_cents,
      totalPriceCents: original.ingredient_cost_cents + original.dispensing_fee_cents,
      patientPayCents: original.patient_pay_cents,
      planPayCents: original.plan_pay_cents,
      appliedToDeductibleCents: original.applied_to_deductible_cents,
      appliedToOopCents: original.applied_to_oop_cents,
      copayCents: storedPricing?.amountOfCopay ?? 0,
      coinsuranceCents: storedPricing?.amountOfCoinsurance ?? 0,
      basisOfReimbursementCode: storedPricing?.basisOfReimbursementDetermination ?? null,
      accumulatedDeductibleCents: storedPricing?.accumulatedDeductibleAmount ?? null,
      remainingDeductibleCents: storedPricing?.remainingDeductibleAmount ?? null,
      remainingOopCents: null,
    },
    ...(replay ? { replay } : {}),
  };
}

/** 503-F3: 20 characters; the claim's UUIDv7 without its timestamp prefix (74 random bits) keeps it unique. */
export function authorizationNumberFor(claimId: string): string {
  return claimId.replace(/-/g, '').slice(12).toUpperCase();
}
