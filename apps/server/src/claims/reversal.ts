// B2 reversal: under the family lock, mark the paid B1 reversed, give its amounts back to both accumulator rows
// and store the B2, in one transaction. A repeated B2 is answered from the stored reversal (112-AN S).
import type { MemberBenefitContext } from '../benefits/member-benefit-context';
import type { RawClaimContext } from './claim-context-repo';
import { type ClaimRow, lockFamilyOfClaim } from './claim-write-repo';
import type { TransactionOutcome } from './outcome';
import { type Run, withTransaction } from './repo';
import {
  findReversibleClaim,
  partialCompletedNow,
  type ReversibleClaim,
  reverseClaim,
} from './reversal-repo';
import { dispensingStatusOf } from './submission';
import {
  acceptedOutcome,
  type ClaimsKit,
  cardholderIndex,
  claimRowBase,
  NO_ORIGINAL,
  NOT_SIGNER,
  readContext,
  rejectedOutcome,
  replayOf,
  signs,
  storedResponse,
  type TransactionEnv,
} from './transaction-kit';

const PARTIAL_COMPLETED =
  'This partial fill has a paid completion: reverse the completion (343-HD C) first, then the partial';

export interface Original {
  raw: RawClaimContext;
  ctx: MemberBenefitContext | null;
  original: ReversibleClaim;
}

/** The B1 a B2 or B3 names (pharmacy, Rx, fill, date), or the reject that answers instead. */
export async function originalOf(
  kit: ClaimsKit,
  run: Run,
  env: TransactionEnv,
): Promise<Original | TransactionOutcome> {
  const s = env.submission;
  const bidx = cardholderIndex(kit, s);
  const { raw, ctx } = await readContext(kit, run, s, env.pharmacy, bidx);
  if (!signs(s, raw.pharmacy)) return rejectedOutcome(s, ['50'], [NOT_SIGNER]);
  if (!s.rxNumber) return rejectedOutcome(s, ['16']);
  if (s.fillNumber === null) return rejectedOutcome(s, ['17']);
  const original = await findReversibleClaim(run, {
    serviceProviderId: s.serviceProviderId,
    rxNumber: s.rxNumber,
    fillNumber: s.fillNumber,
    dateOfService: s.dateOfService,
    dispensingStatus: dispensingStatusOf(s),
  });
  // A B2 row must point at the claim it reverses, so one that matches nothing is answered, not stored.
  if (!original) return rejectedOutcome(s, ['87'], [NO_ORIGINAL]);
  // A partial whose completion is paid is reversed after it (last dispensed, first reversed), so a completion
  // never points at a reversed partial and the member's share of the whole fill stays split between the two.
  if (original.status === 'paid' && original.completed)
    return rejectedOutcome(s, ['87'], [PARTIAL_COMPLETED]);
  return { raw, ctx, original };
}

/** Marks the original reversed, takes its amounts off the accumulators and stores the B2 row. */
export async function reverseOriginal(
  kit: ClaimsKit,
  run: Run,
  env: TransactionEnv,
  found: Original,
): Promise<TransactionOutcome> {
  const { raw, ctx, original } = found;
  await lockFamilyOfClaim(run, original.id);
  // A completion bills under the same lock: one paid since originalOf looked is seen now.
  if (original.dispensing_status === 'P' && (await partialCompletedNow(run, original.id)))
    return rejectedOutcome(env.submission, ['87'], [PARTIAL_COMPLETED]);
  const outcome = acceptedOutcome(env.submission, null);
  const row: ClaimRow = {
    ...claimRowBase(env, raw, ctx),
    transactionCode: 'B2',
    memberId: original.member_id,
    planYearId: original.plan_year_id,
    pharmacyId: original.pharmacy_id,
    status: 'reversed',
    reversalOfClaimId: original.id,
  };
  outcome.claimId = row.id;
  row.rawResponseEnc = storedResponse(kit, env, outcome);
  await reverseClaim(run, row, original.subscriber_id ?? original.member_id ?? '');
  return outcome;
}

export async function reversal(kit: ClaimsKit, env: TransactionEnv): Promise<TransactionOutcome> {
  return withTransaction(kit.db, async (run) => {
    const found = await originalOf(kit, run, env);
    if ('status' in found) return found;
    const { original } = found;
    if (original.status === 'reversed') {
      const replay = replayOf(kit, original.reversal_response_enc, 'S');
      return {
        ...acceptedOutcome(env.submission, original.reversal_id),
        status: 'duplicate-accepted',
        ...(replay ? { replay } : {}),
      };
    }
    return reverseOriginal(kit, run, env, found);
  });
}
