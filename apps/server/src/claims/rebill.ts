// B3 rebill: the B2 of the paid original and the B1 of the corrected claim in one transaction under the family
// lock; a rejected rebill rolls both back, so the original stays paid, and the reject is stored on its own.
import { FIELD_CONTEXTS } from '@openpbm/db/field-crypto';
import { canonicalNumber, NcpdpParseError, parseRequest } from '@openpbm/ncpdp';
import { billOnce, duplicateOf } from './billing';
import { insertClaim } from './claim-write-repo';
import type { TransactionOutcome } from './outcome';
import { runOn, withTransaction } from './repo';
import { originalOf, reverseOriginal } from './reversal';
import type { ReversibleClaim } from './reversal-repo';
import {
  type ClaimsKit,
  cardholderIndex,
  NO_ORIGINAL,
  rejectedOutcome,
  type TransactionEnv,
} from './transaction-kit';

/**
 * Rebill: reverse the paid original and bill the corrected claim, all or nothing, under the family lock.
 * Stored as the B2 that reverses the original and the B1 that replaces it (both keep the B3's raw request,
 * so the pair stays one rebill); a rejected rebill leaves the original paid and is stored as a rejected B1.
 */
export async function rebill(kit: ClaimsKit, env: TransactionEnv): Promise<TransactionOutcome> {
  const billing: TransactionEnv = { ...env, submission: { ...env.submission, transactionCode: 'B1' } };
  const answer = (o: TransactionOutcome): TransactionOutcome => {
    env.storedBytes = billing.storedBytes;
    return { ...o, transactionCode: 'B3' };
  };
  try {
    const outcome = await withTransaction(kit.db, async (run) => {
      const found = await originalOf(kit, run, env);
      if ('status' in found) return found;
      if (found.original.status !== 'paid') return rejectedOutcome(env.submission, ['87'], [NO_ORIGINAL]);
      // The same rebill sent again finds the claim it already billed: answered as its duplicate, not billed twice.
      if (sameRebill(kit, env, found.original)) return duplicateOf(kit, env, found.original);
      const reversed = await reverseOriginal(kit, run, { ...env }, found);
      if (reversed.status === 'rejected') return reversed;
      const billed = await billOnce(kit, run, billing, cardholderIndex(kit, env.submission));
      if (billed.status !== 'paid') throw new RebillRejected(billed);
      return billed;
    });
    return answer(outcome);
  } catch (err) {
    if (!(err instanceof RebillRejected)) throw err;
    // The transaction rolled back the reversal and the reject row with it; the reject is stored on its own.
    if (billing.storedRow) await insertClaim(runOn(kit.db), billing.storedRow);
    return answer(err.outcome);
  }
}

/** Aborts a rebill's transaction (undoing its reversal) and carries the rejected outcome out. */
class RebillRejected extends Error {
  constructor(readonly outcome: TransactionOutcome) {
    super('rebill rejected');
  }
}

/** True when the paid claim was billed by a B3 whose transaction is the same as this one (a resend). */
function sameRebill(kit: ClaimsKit, env: TransactionEnv, paid: ReversibleClaim): boolean {
  let stored: ReturnType<typeof parseRequest>;
  try {
    stored = parseRequest(kit.decode(paid.raw_request_enc, FIELD_CONTEXTS.claimRawRequest));
  } catch (err) {
    if (err instanceof NcpdpParseError) return false;
    throw err;
  }
  if (stored.header.transactionCode !== 'B3') return false;
  const rx = env.submission.rxNumber;
  const mine = JSON.stringify(env.request.transactions[env.index] ?? {});
  return stored.transactions.some(
    (t) =>
      canonicalNumber(t.claim?.prescriptionServiceReferenceNumber?.trim() ?? '') === rx &&
      JSON.stringify(t) === mine,
  );
}
