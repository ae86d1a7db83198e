// C1-C3 controlled substance reports: checked, stored and acknowledged; never adjudicated, paid or counted.
import { type ClaimRow, insertClaim } from './claim-write-repo';
import type { TransactionOutcome } from './outcome';
import { withTransaction } from './repo';
import { findReport, withdrawReport } from './report-repo';
import {
  acceptedOutcome,
  type ClaimsKit,
  cardholderIndex,
  claimRowBase,
  NOT_SIGNER,
  readContext,
  rejectedOutcome,
  signs,
  storedResponse,
  type TransactionEnv,
} from './transaction-kit';

/**
 * Controlled substance reporting: accept, store, acknowledge (501-F1 A, 112-AN A). Nothing is adjudicated or
 * paid. A C1 is stored 'captured'; a C2 reverses the report in force for the same pharmacy, Rx, fill and
 * date (stored 'reversed', pointing at it); a C3 replaces it. C2/C3 with no report in force: 87, not stored.
 * No member is linked, so reports stay out of member claim history.
 */
export async function controlledSubstanceReport(
  kit: ClaimsKit,
  env: TransactionEnv,
): Promise<TransactionOutcome> {
  const s = env.submission;
  const code = s.transactionCode as 'C1' | 'C2' | 'C3';
  return withTransaction(kit.db, async (run) => {
    const { raw } = await readContext(kit, run, s, env.pharmacy, cardholderIndex(kit, s));
    if (!signs(s, raw.pharmacy)) return rejectedOutcome(s, ['50'], [NOT_SIGNER]);
    if (!s.rxNumber) return rejectedOutcome(s, ['16']);
    if (s.fillNumber === null) return rejectedOutcome(s, ['17']);
    const row: ClaimRow = {
      ...claimRowBase(env, raw, null),
      transactionCode: code,
      status: code === 'C2' ? 'reversed' : 'captured',
    };
    const outcome = acceptedOutcome(s, row.id);
    row.rawResponseEnc = storedResponse(kit, env, outcome);
    if (code === 'C1') {
      await insertClaim(run, row);
      return outcome;
    }
    const keys = { ...s, rxNumber: s.rxNumber, fillNumber: s.fillNumber };
    const reportId = await findReport(run, keys);
    if (!reportId) {
      env.storedBytes = undefined;
      return rejectedOutcome(s, ['87'], ['No report in force for this Rx, fill and date']);
    }
    await withdrawReport(run, reportId, code === 'C2' ? { ...row, reversalOfClaimId: reportId } : row);
    return outcome;
  });
}
