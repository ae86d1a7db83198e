// N1-N3 information reporting: a fill paid outside the plan (for example in cash) reported by the pharmacy.
// Stored ('captured') and acknowledged, never paid. What the member paid counts toward the deductible and
// out-of-pocket maximum only when the plan says so (plans.information_reports_count, default off). N2
// reverses the report and what it counted; N3 replaces it, both in one transaction under the family lock.
import { planYearForDate, remainingLimits } from '@openpbm/domain';
import type { MemberBenefitContext } from '../benefits/member-benefit-context';
import type { RawClaimContext } from './claim-context-repo';
import {
  findPairOriginal,
  INFORMATION_REPORT,
  informationReportsCount,
  reversePair,
} from './claim-pair-repo';
import { type ClaimRow, ensurePlanYear, insertClaim, lockFamily, payClaim } from './claim-write-repo';
import type { TransactionOutcome } from './outcome';
import { type Run, withTransaction } from './repo';
import {
  acceptedOutcome,
  type ClaimsKit,
  cardholderIndex,
  claimRowBase,
  gatekeep,
  NO_ORIGINAL,
  readContext,
  rejectedOutcome,
  replayOf,
  storedResponse,
  type TransactionEnv,
} from './transaction-kit';

export async function informationReport(kit: ClaimsKit, env: TransactionEnv): Promise<TransactionOutcome> {
  const s = env.submission;
  const bidx = cardholderIndex(kit, s);
  return withTransaction(kit.db, async (run) => {
    await lockFamily(run, bidx);
    const { raw, ctx } = await readContext(kit, run, s, env.pharmacy, bidx);
    const phone = ctx?.plan?.customerServicePhone ?? null;
    const gate = gatekeep(s, raw);
    if (gate) return rejectedOutcome(s, gate.codes, gate.messages, phone);
    if (!s.rxNumber) return rejectedOutcome(s, ['16'], [], phone);
    if (s.fillNumber === null) return rejectedOutcome(s, ['17'], [], phone);
    if (!ctx?.plan) return rejectedOutcome(s, ['85'], [], phone);
    const keys = { ...s, rxNumber: s.rxNumber, fillNumber: s.fillNumber };
    const original = await findPairOriginal(run, INFORMATION_REPORT, keys);
    const code = s.transactionCode;
    if (code === 'N1') {
      if (original?.status === 'captured') {
        // The same report again: acknowledged again from what was stored, counted once.
        const replay = replayOf(kit, original.raw_response_enc, 'S');
        return {
          ...acceptedOutcome(s, original.id),
          status: 'duplicate-accepted',
          ...(replay ? { replay } : {}),
        };
      }
      return report(kit, run, env, raw, ctx);
    }
    if (original?.status !== 'captured') {
      if (code === 'N2' && original?.reversal_response_enc) {
        const replay = replayOf(kit, original.reversal_response_enc, 'S');
        return {
          ...acceptedOutcome(s, original.id),
          status: 'duplicate-accepted',
          ...(replay ? { replay } : {}),
        };
      }
      return rejectedOutcome(s, ['87'], [NO_ORIGINAL], phone);
    }
    const reversal: ClaimRow = {
      ...claimRowBase(env, raw, ctx),
      transactionCode: 'N2',
      memberId: original.member_id,
      planYearId: original.plan_year_id,
      status: 'reversed',
      reversalOfClaimId: original.id,
    };
    const outcome = { ...acceptedOutcome(s, reversal.id), helpDeskPhone: phone };
    reversal.rawResponseEnc = storedResponse(kit, env, outcome);
    await reversePair(run, INFORMATION_REPORT, reversal, original.subscriber_id);
    if (code === 'N2') return outcome;
    // N3: the replacement is read again, so it counts against the accumulators the reversal gave back.
    const again = await readContext(kit, run, s, env.pharmacy, bidx);
    return report(kit, run, env, again.raw, again.ctx);
  });
}

/** Stores an N1 (or an N3's replacement) and, where the plan says so, counts what the member paid. */
async function report(
  kit: ClaimsKit,
  run: Run,
  env: TransactionEnv,
  raw: RawClaimContext,
  ctx: MemberBenefitContext | null,
): Promise<TransactionOutcome> {
  const s = env.submission;
  if (!ctx?.plan) return rejectedOutcome(s, ['85']);
  const pricing = env.request.transactions[env.index]?.pricing ?? {};
  // 433-DX what the patient paid; else 430-DU the gross amount due (a cash fill's price).
  const paidCents = Math.max(0, pricing.patientPaidAmountSubmitted ?? pricing.grossAmountDue ?? 0);
  const counts = await informationReportsCount(run, ctx.plan.id);
  const left = remainingLimits(ctx.plan.benefit, ctx.eligibility.coverageLevel, ctx.accumulators.values);
  const deductible = counts ? Math.min(paidCents, left.deductibleRemainingCents) : 0;
  const oop = counts ? Math.min(paidCents, left.oopRemainingCents) : 0;
  const row: ClaimRow = {
    ...claimRowBase(env, raw, ctx),
    transactionCode: 'N1',
    status: 'captured',
    patientPayCents: paidCents,
    appliedToDeductibleCents: deductible,
    appliedToOopCents: oop,
  };
  const outcome: TransactionOutcome = {
    ...acceptedOutcome(s, row.id),
    messages: [counts ? 'Reported fill applied to accumulators' : 'Reported fill recorded; not applied'],
    helpDeskPhone: ctx.plan.customerServicePhone,
  };
  if (deductible === 0 && oop === 0) {
    row.rawResponseEnc = storedResponse(kit, env, outcome);
    await insertClaim(run, row);
    return outcome;
  }
  const year = planYearForDate(s.dateOfService, ctx.plan.benefit.planYearStart);
  row.planYearId = ctx.planYear?.id ?? (await ensurePlanYear(run, ctx.plan.id, year));
  row.rawResponseEnc = storedResponse(kit, env, outcome);
  // Under the family lock the versions read are current: payClaim's guarded upsert cannot conflict.
  await payClaim(run, row, {
    subscriberId: ctx.member.subscriberId,
    deltaDeductibleCents: deductible,
    deltaOopCents: oop,
    familyVersion: ctx.accumulators.family?.version ?? 0,
    individualVersion: ctx.accumulators.individual?.version ?? 0,
  });
  return outcome;
}
