// Payment cards on file (add, list, remove, default) and the payment step that charges one for an order.
// The card number is validated, handed to the vault and dropped: only the vault's token, the brand, the last four
// digits and the expiry are stored here. The vault charges the card itself (chargeOrder): the number never comes back.
import type { Database } from '@openpbm/db';
import { cardNumberProblem, isCardExpired, localDateInTimeZone, normalizeCardNumber } from '@openpbm/domain';
import type {
  AddedPaymentMethod,
  AddPaymentMethodRequest,
  PaymentMethodView,
} from '@openpbm/shared/payments';
import { type VaultClient, VaultError } from '@openpbm/vault';
import type { AppDeps } from '../app-deps';
import type { Principal } from '../identity/principal';
import { badRequest, conflict, notFound, ProblemError } from '../platform/problem';
import { recordAudit } from '../privacy/audit';
import * as repo from './repo';

type Method = Awaited<ReturnType<typeof repo.listActive>>[number];

const vaultUnavailable = () =>
  new ProblemError(
    503,
    'vault-unavailable',
    'Card service unavailable',
    'Cards cannot be saved right now. Please try again later.',
  );

function vaultOf(deps: AppDeps): VaultClient {
  if (!deps.vault) throw vaultUnavailable();
  return deps.vault;
}

/** The member who owns the cards: the signed-in member account. */
export function payerOf(principal: Principal): string {
  if (!principal.memberId) throw notFound();
  return principal.memberId;
}

export function toView(method: Method, today: string): PaymentMethodView {
  return {
    id: method.id,
    brand: method.brand,
    last4: method.last4,
    expMonth: method.expMonth,
    expYear: method.expYear,
    isDefault: method.isDefault,
    expired: isCardExpired(method.expMonth, method.expYear, today),
  };
}

async function todayFor(deps: AppDeps, memberId: string): Promise<string> {
  return localDateInTimeZone(deps.now(), await repo.memberTimeZone(deps.db.db, memberId));
}

export async function listPaymentMethods(deps: AppDeps, principal: Principal): Promise<PaymentMethodView[]> {
  const memberId = payerOf(principal);
  const today = await todayFor(deps, memberId);
  return (await repo.listActive(deps.db.db, memberId)).map((m) => toView(m, today));
}

export async function addPaymentMethod(
  deps: AppDeps,
  principal: Principal,
  input: AddPaymentMethodRequest,
  ip: string | null,
): Promise<AddedPaymentMethod> {
  const memberId = payerOf(principal);
  const digits = normalizeCardNumber(input.cardNumber);
  const problem = cardNumberProblem(digits);
  if (problem) {
    throw badRequest('Check the card number.', [
      {
        field: 'cardNumber',
        message:
          problem === 'length'
            ? 'This card number has the wrong number of digits'
            : 'This card number is not valid',
      },
    ]);
  }
  const today = await todayFor(deps, memberId);
  if (isCardExpired(input.expMonth, input.expYear, today)) {
    throw badRequest('This card has expired.', [
      { field: 'expYear', message: 'The expiry date is in the past' },
    ]);
  }
  let tokenized: Awaited<ReturnType<VaultClient['tokenize']>>;
  try {
    tokenized = await vaultOf(deps).tokenize({
      cardNumber: digits,
      expMonth: input.expMonth,
      expYear: input.expYear,
    });
  } catch (error) {
    if (error instanceof VaultError && error.status === 400) {
      throw badRequest('Check the card details.', [
        { field: 'cardNumber', message: 'This card number is not valid' },
      ]);
    }
    throw vaultUnavailable();
  }
  const db = deps.db.db;
  const sameCard = await repo.findActiveByFingerprint(db, memberId, tokenized.fingerprint);
  const created = sameCard
    ? null
    : await repo.insertMethod(db, {
        memberId,
        vaultToken: tokenized.token,
        vaultFingerprint: tokenized.fingerprint,
        brand: tokenized.brand,
        last4: tokenized.last4,
        expMonth: tokenized.expMonth,
        expYear: tokenized.expYear,
        isDefault: input.makeDefault === true || (await repo.listActive(db, memberId)).length === 0,
        createdByUserId: principal.userId,
        now: deps.now(),
      });
  if (created) {
    await audit(deps, principal, 'created', created.id, memberId, ip);
    return { ...toView(created, today), alreadyOnFile: false };
  }
  // The card is already on file (a double click, a retry, or the member adding it again): keep one row, let the
  // vault forget the second copy, and take a reissued card's new expiry.
  await vaultOf(deps)
    .remove(tokenized.token)
    .catch(() => undefined);
  let method = sameCard ?? (await repo.findActiveByFingerprint(db, memberId, tokenized.fingerprint));
  if (!method) throw conflict('This card was just changed. Please try again.', 'changed-concurrently');
  if (method.expMonth !== input.expMonth || method.expYear !== input.expYear) {
    method = await repo.updateExpiry(db, method.id, input.expMonth, input.expYear);
    await audit(deps, principal, 'updated', method.id, memberId, ip);
  }
  if (input.makeDefault === true && !method.isDefault) {
    await repo.makeDefault(db, memberId, method.id);
    method = { ...method, isDefault: true };
  }
  return { ...toView(method, today), alreadyOnFile: true };
}

export async function removePaymentMethod(
  deps: AppDeps,
  principal: Principal,
  id: string,
  ip: string | null,
): Promise<void> {
  const memberId = payerOf(principal);
  const method = await repo.findActive(deps.db.db, memberId, id);
  if (!method) throw notFound('No card with this id is on file.');
  if ((await repo.countLiveEnrollmentsUsing(deps.db.db, id)) > 0) {
    throw conflict(
      'This card pays for automatic refills. Choose another card for them, or stop them, before removing it.',
    );
  }
  await repo.markRemoved(deps.db.db, id, deps.now());
  // The vault forgets the card number; a failure here leaves an orphaned token nobody can reach from our side.
  await vaultOf(deps)
    .remove(method.vaultToken)
    .catch(() => undefined);
  await audit(deps, principal, 'deleted', id, memberId, ip);
}

export async function setDefaultPaymentMethod(
  deps: AppDeps,
  principal: Principal,
  id: string,
): Promise<PaymentMethodView[]> {
  const memberId = payerOf(principal);
  if (!(await repo.findActive(deps.db.db, memberId, id))) throw notFound('No card with this id is on file.');
  await repo.makeDefault(deps.db.db, memberId, id);
  return listPaymentMethods(deps, principal);
}

/** A usable card of the payer for an order or enrollment, or a 400 naming the field. */
export async function requireUsableMethod(
  deps: AppDeps,
  payerMemberId: string,
  id: string,
  field = 'paymentMethodId',
) {
  const method = await repo.findActive(deps.db.db, payerMemberId, id);
  if (!method)
    throw badRequest('Choose a card on file.', [{ field, message: 'Choose one of your cards on file' }]);
  if (isCardExpired(method.expMonth, method.expYear, await todayFor(deps, payerMemberId))) {
    throw badRequest('This card has expired.', [{ field, message: 'This card has expired; add a new card' }]);
  }
  return method;
}

/** The decline code of a charge with no card to charge (the member chose none: they owed nothing at checkout). */
export const NO_CARD = 'no_card_on_file';

export type ChargeOutcome =
  | { status: 'captured'; reference: string }
  | { status: 'not_required' }
  | { status: 'declined'; declineCode: string }
  /** The vault cannot say whether the card was charged: hold the order for staff, never charge again. */
  | { status: 'unconfirmed'; reason: string };

/**
 * How long an attempt may stay in flight before its outcome is treated as lost: past the vault's 60 s signature
 * window (a request sent by a dead node can no longer arrive) and its 30 s re-send of a pending charge.
 */
export const ATTEMPT_SETTLE_MS = 90_000;

type Attempt = NonNullable<Awaited<ReturnType<typeof repo.chargingPaymentOf>>>;
type ChargeArgs = {
  orderId: string;
  orderNumber: string;
  paymentMethodId: string | null;
  amountCents: number;
  today: string;
};

const chargeInFlight = () =>
  conflict('This order is being charged right now. Fill it again in a minute.', 'changed-concurrently');

const chargeUnavailable = () =>
  new ProblemError(
    503,
    'vault-unavailable',
    'Card service unavailable',
    'The card could not be charged right now. Fill the order again in a moment; it is never charged twice.',
  );

const dollars = (cents: number) => `$${(cents / 100).toFixed(2)}`;

/**
 * The payment step: charges the order's card for what the member owes, through the vault (which holds the card
 * number and charges it itself). The attempt is recorded (status `charging`, with its idempotency key) and
 * committed before the vault is called, then settled with the vault's answer. An attempt left in flight by a
 * crash is settled by asking the vault with the same key, which returns the first charge instead of a second one.
 */
export async function chargeOrder(deps: AppDeps, args: ChargeArgs): Promise<ChargeOutcome> {
  const db: Database = deps.db.db;
  if (args.amountCents === 0) {
    await repo.insertOrderPayment(db, {
      orderId: args.orderId,
      paymentMethodId: args.paymentMethodId,
      amountCents: 0,
      status: 'not_required',
    });
    return { status: 'not_required' };
  }
  const inFlight = await repo.chargingPaymentOf(db, args.orderId);
  if (inFlight) return settleAttempt(deps, inFlight, args);
  const method = args.paymentMethodId ? await repo.findById(db, args.paymentMethodId) : null;
  if (method?.status !== 'active') {
    await repo.insertOrderPayment(db, {
      orderId: args.orderId,
      paymentMethodId: method?.id ?? null,
      amountCents: args.amountCents,
      status: 'declined',
      declineCode: NO_CARD,
    });
    return { status: 'declined', declineCode: NO_CARD };
  }
  const attemptNumber = (await repo.countChargeAttempts(db, args.orderId)) + 1;
  const attempt = await repo.insertChargingPayment(db, {
    orderId: args.orderId,
    paymentMethodId: method.id,
    amountCents: args.amountCents,
    idempotencyKey: `order:${args.orderId}:${attemptNumber}`,
  });
  if (!attempt) throw chargeInFlight();
  return sendAttempt(deps, attempt, args);
}

/** An attempt a crash (or a lost answer) left in flight: the vault, asked by its key, says what became of it. */
async function settleAttempt(deps: AppDeps, attempt: Attempt, args: ChargeArgs): Promise<ChargeOutcome> {
  if (attempt.amountCents === args.amountCents) return sendAttempt(deps, attempt, args);
  // The fill now comes to another amount: the key stands for the old one, so look before charging anything.
  const key = attempt.idempotencyKey ?? '';
  const found = await vaultOf(deps)
    .findCharge(key)
    .catch(() => {
      throw chargeUnavailable();
    });
  if (!found) {
    if (Date.now() - attempt.createdAt.getTime() < ATTEMPT_SETTLE_MS) throw chargeInFlight();
    const repriced = await repo.repriceChargingPayment(deps.db.db, attempt.id, args.amountCents);
    if (!repriced) throw chargeInFlight();
    return sendAttempt(deps, repriced, args);
  }
  if (found.status === 'pending') return unconfirmed('the card service has not settled the charge');
  await settle(deps, attempt, found);
  if (found.status === 'declined')
    return { status: 'declined', declineCode: found.declineCode ?? 'declined' };
  return {
    status: 'unconfirmed',
    reason: `the card was charged ${dollars(found.amountCents)} for this order, and the fill now comes to ${dollars(args.amountCents)}`,
  };
}

/** Asks the vault to charge under the attempt's key (the first charge comes back if it already did) and settles. */
async function sendAttempt(deps: AppDeps, attempt: Attempt, args: ChargeArgs): Promise<ChargeOutcome> {
  const method = attempt.paymentMethodId ? await repo.findById(deps.db.db, attempt.paymentMethodId) : null;
  let charge: Awaited<ReturnType<VaultClient['charge']>>;
  try {
    if (!method) throw new VaultError(404, 'unknown_token');
    charge = await vaultOf(deps).charge({
      idempotencyKey: attempt.idempotencyKey ?? '',
      token: method.vaultToken,
      amountCents: attempt.amountCents,
      reference: `order:${args.orderNumber}`,
      today: args.today,
    });
  } catch (error) {
    // The card was removed and the vault never charged under this key: nothing to charge it with.
    if (error instanceof VaultError && error.status === 404) {
      await settle(deps, attempt, { status: 'declined', processorReference: null, declineCode: NO_CARD });
      return { status: 'declined', declineCode: NO_CARD };
    }
    if (error instanceof VaultError && error.status === 409)
      return unconfirmed('the card service refused the attempt as a different charge');
    throw chargeUnavailable();
  }
  await deps.faults?.afterVaultCharge?.(args.orderId);
  if (charge.status === 'pending') {
    if (Date.now() - attempt.createdAt.getTime() < ATTEMPT_SETTLE_MS) throw chargeInFlight();
    return unconfirmed('the card service has not settled the charge');
  }
  await settle(deps, attempt, charge);
  return charge.status === 'captured'
    ? { status: 'captured', reference: charge.processorReference ?? '' }
    : { status: 'declined', declineCode: charge.declineCode ?? 'declined' };
}

async function settle(
  deps: AppDeps,
  attempt: Attempt,
  charge: {
    status: 'captured' | 'declined' | 'pending';
    processorReference: string | null;
    declineCode: string | null;
  },
): Promise<void> {
  if (charge.status === 'pending') return;
  await repo.settleChargingPayment(
    deps.db.db,
    attempt.id,
    charge.status === 'captured'
      ? { status: 'captured', reference: charge.processorReference ?? '' }
      : { status: 'declined', declineCode: charge.declineCode ?? 'declined' },
  );
}

/** The reason is shown to the member too (the order's exception reason): no charge key in it. */
const unconfirmed = (why: string): ChargeOutcome => ({ status: 'unconfirmed', reason: why });

async function audit(
  deps: AppDeps,
  principal: Principal,
  action: string,
  id: string,
  memberId: string,
  ip: string | null,
) {
  await recordAudit(
    deps.db.db,
    {
      actorUserId: principal.userId,
      actorRole: principal.role,
      action,
      resourceType: 'payment_method',
      resourceId: id,
      memberId,
      reason: 'member_request',
      ip,
    },
    deps.now(),
  );
}
