// E1 eligibility: routing, cardholder and coverage on the date of service; an accepted E1 is stored 'paid' (as
// the schema describes) with no amounts.
import { checkEligibility } from '@openpbm/domain';
import { insertClaim } from './claim-write-repo';
import { otherPayersInForce } from './cob-billing';
import type { TransactionOutcome } from './outcome';
import { runOn } from './repo';
import {
  type ClaimsKit,
  cardholderIndex,
  claimRowBase,
  DOB_MISMATCH,
  dateOfBirthMismatch,
  gatekeep,
  memberDateOfBirth,
  readContext,
  rejectedOutcome,
  storedResponse,
  storeRejected,
  type TransactionEnv,
} from './transaction-kit';

export async function eligibility(kit: ClaimsKit, env: TransactionEnv): Promise<TransactionOutcome> {
  const s = { ...env.submission, productId: null };
  const run = runOn(kit.db);
  const bidx = cardholderIndex(kit, s);
  const { raw, ctx } = await readContext(kit, run, s, env.pharmacy, bidx);
  const row = { ...claimRowBase(env, raw, ctx), ndc: null, drugGroupId: null };
  const gate = gatekeep(s, raw);
  const phone = ctx?.plan?.customerServicePhone;
  if (gate) return storeRejected(kit, run, env, row, rejectedOutcome(s, gate.codes, gate.messages, phone));
  if (dateOfBirthMismatch(kit, s, raw))
    return storeRejected(kit, run, env, row, rejectedOutcome(s, ['9'], [DOB_MISMATCH], phone));
  if (!ctx?.plan) return storeRejected(kit, run, env, row, rejectedOutcome(s, ['85'], [], phone));
  const notCovered = checkEligibility(ctx.eligibility.coverageSpans, s.dateOfService);
  if (notCovered)
    return storeRejected(kit, run, env, row, rejectedOutcome(s, ['65'], [notCovered.message], phone));
  const outcome: TransactionOutcome = {
    ...rejectedOutcome(s, [], [], phone),
    status: 'accepted',
    claimId: row.id,
    // AM28: the member's other coverage in force, so the pharmacy knows whom to bill and in what order.
    otherPayers: otherPayersInForce(kit, s, raw),
    eligibility: {
      planCode: ctx.plan.code,
      planName: ctx.plan.name,
      rxGroup: ctx.plan.rxGroup,
      cardholderId: s.cardholderId,
      firstName: ctx.member.firstName,
      lastName: ctx.member.lastName,
      dateOfBirth: memberDateOfBirth(kit, raw),
      coverageLevel: ctx.eligibility.coverageLevel,
    },
  };
  await insertClaim(run, { ...row, status: 'paid', rawResponseEnc: storedResponse(kit, env, outcome) });
  return outcome;
}
