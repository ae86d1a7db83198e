// S1-S3 professional service billing (vaccine administration, medication therapy management): paid at the
// plan's fee schedule (plan_service_fees, per 436-E1/407-D7 service code) times the units billed, nothing to the
// member and nothing to the accumulators. S2 reverses a paid S1; S3 reverses it and bills the corrected service in
// one transaction (a rejected rebill leaves the original paid). A repeated S1 gets the original answer (D).

import { isInNetwork } from './adjudication-input';
import { authorizationNumberFor } from './billing';
import { findPairOriginal, type PairOriginal, reversePair, SERVICE, serviceFee } from './claim-pair-repo';
import { type ClaimRow, insertClaim } from './claim-write-repo';
import type { OutcomePricing, TransactionOutcome } from './outcome';
import { type Run, runOn, withTransaction } from './repo';
import {
  acceptedOutcome,
  type ClaimsKit,
  cardholderIndex,
  claimRowBase,
  gatekeep,
  NO_ORIGINAL,
  NOT_SIGNER,
  readContext,
  rejectedOutcome,
  replayOf,
  signs,
  storedResponse,
  storeRejected,
  type TransactionEnv,
} from './transaction-kit';

export async function serviceBilling(kit: ClaimsKit, env: TransactionEnv): Promise<TransactionOutcome> {
  const code = env.submission.transactionCode;
  if (code === 'S1') return billService(kit, runOn(kit.db), env);
  const s = env.submission;
  if (!s.rxNumber) return rejectedOutcome(s, ['16']);
  if (s.fillNumber === null) return rejectedOutcome(s, ['17']);
  const keys = { ...s, rxNumber: s.rxNumber, fillNumber: s.fillNumber };
  const rebilled: { rejected?: TransactionOutcome } = {};
  try {
    return await withTransaction(kit.db, async (run) => {
      const { raw, ctx } = await readContext(kit, run, s, env.pharmacy, cardholderIndex(kit, s));
      // A reversal needs only the signer; a rebill bills again, so it passes the whole gate.
      const gate =
        code === 'S2'
          ? signs(s, raw.pharmacy)
            ? null
            : { codes: ['50'], messages: [NOT_SIGNER] }
          : gatekeep(s, raw);
      if (gate) return rejectedOutcome(s, gate.codes, gate.messages);
      const original = await findPairOriginal(run, SERVICE, keys);
      if (code === 'S2' && original?.status === 'reversed' && original.reversal_response_enc) {
        const replay = replayOf(kit, original.reversal_response_enc, 'S');
        return {
          ...acceptedOutcome(s, original.id),
          status: 'duplicate-accepted',
          ...(replay ? { replay } : {}),
        };
      }
      if (original?.status !== 'paid') return rejectedOutcome(s, ['87'], [NO_ORIGINAL]);
      const reversal: ClaimRow = {
        ...claimRowBase(env, raw, ctx),
        transactionCode: 'S2',
        memberId: original.member_id,
        status: 'reversed',
        reversalOfClaimId: original.id,
      };
      const accepted = acceptedOutcome(s, reversal.id);
      reversal.rawResponseEnc = storedResponse(kit, env, accepted);
      await reversePair(run, SERVICE, reversal, original.subscriber_id);
      if (code === 'S2') return accepted;
      const billed = await billService(kit, run, env);
      if (billed.status !== 'paid') {
        rebilled.rejected = billed;
        throw new ServiceRebillRejected();
      }
      return billed;
    });
  } catch (err) {
    if (!(err instanceof ServiceRebillRejected) || !rebilled.rejected) throw err;
    // Rolled back: the original stays paid; the rejected rebill is stored on its own.
    if (env.storedRow) await insertClaim(runOn(kit.db), env.storedRow);
    return rebilled.rejected;
  }
}

/** Bills one service at the plan's fee (an S1, or an S3's replacement inside its transaction). */
async function billService(kit: ClaimsKit, run: Run, env: TransactionEnv): Promise<TransactionOutcome> {
  const s = env.submission;
  const { raw, ctx } = await readContext(kit, run, s, env.pharmacy, cardholderIndex(kit, s));
  const row: ClaimRow = { ...claimRowBase(env, raw, ctx), transactionCode: 'S1' };
  const phone = ctx?.plan?.customerServicePhone ?? null;
  const reject = (codes: string[], messages: string[] = []) =>
    storeRejected(kit, run, env, row, rejectedOutcome(s, codes, messages, phone));
  const gate = gatekeep(s, raw);
  if (gate) return reject(gate.codes, gate.messages);
  if (!s.rxNumber) return reject(['16']);
  if (s.fillNumber === null) return reject(['17']);
  if (!ctx?.plan || !raw.pharmacy) return reject(['85']);
  const keys = { ...s, rxNumber: s.rxNumber, fillNumber: s.fillNumber };
  const original = await findPairOriginal(run, SERVICE, keys);
  if (original?.status === 'paid') {
    if (original.member_id === row.memberId && original.quantity_milli === row.quantityMilli) {
      return duplicateOf(kit, s, original);
    }
    return reject(['83'], ['A paid service with this reference, fill and date already exists']);
  }
  if (!s.productId || !s.productIdQualifier) return reject(['21']);
  const fee = await serviceFee(run, {
    planId: ctx.plan.id,
    qualifier: s.productIdQualifier,
    serviceId: s.productId,
    dateOfService: s.dateOfService,
  });
  if (!fee) return reject(['70'], ['Service not on the plan fee schedule']);
  if (!isInNetwork(raw.pharmacy, raw.contract, s.dateOfService)) {
    return reject(['40'], ['Pharmacy not in the plan network on the date of service']);
  }
  // 442-E7 carries the units (e.g. 15-minute MTM increments); none given = one service.
  const units = Math.max(1, Math.round((s.quantityMilli ?? 0) / 1000));
  const paidCents = fee.fee_cents * units;
  const authorizationNumber = authorizationNumberFor(row.id);
  const outcome: TransactionOutcome = {
    ...rejectedOutcome(s, [], [fee.name], phone),
    status: 'paid',
    claimId: row.id,
    authorizationNumber,
    pricing: servicePricing(paidCents),
  };
  await insertClaim(run, {
    ...row,
    status: 'paid',
    planPayCents: paidCents,
    authorizationNumber,
    rawResponseEnc: storedResponse(kit, env, outcome),
  });
  return outcome;
}

/** Response Pricing of a service: the fee is the professional service fee (562-J1) and all the plan pays. */
function servicePricing(paidCents: number): OutcomePricing {
  return {
    ingredientCostPaidCents: 0,
    dispensingFeePaidCents: 0,
    totalPriceCents: paidCents,
    patientPayCents: 0,
    planPayCents: paidCents,
    appliedToDeductibleCents: 0,
    appliedToOopCents: 0,
    copayCents: 0,
    coinsuranceCents: 0,
    basisOfReimbursementCode: null,
    accumulatedDeductibleCents: null,
    remainingDeductibleCents: null,
    remainingOopCents: null,
    professionalServiceFeeCents: paidCents,
  };
}

function duplicateOf(
  kit: ClaimsKit,
  s: TransactionEnv['submission'],
  original: PairOriginal,
): TransactionOutcome {
  const replay = replayOf(kit, original.raw_response_enc, 'D');
  return {
    ...rejectedOutcome(s, []),
    status: 'duplicate-paid',
    claimId: original.id,
    authorizationNumber: original.authorization_number,
    pricing: servicePricing(original.plan_pay_cents),
    ...(replay ? { replay } : {}),
  };
}

/** Aborts an S3's transaction (undoing its reversal); the rejected outcome is carried out beside it. */
class ServiceRebillRejected extends Error {
  constructor() {
    super('service rebill rejected');
  }
}
