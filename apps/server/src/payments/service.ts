// Payment cards on file (add, list, remove, default) and the payment step that charges one for an order.
// The card number is validated, handed to the vault and dropped: only the vault's token, the brand, the last four
// digits and the expiry are stored here. Detokenization happens only inside chargeOrder.
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
import { type CardProcessor, simulatedProcessor } from './processor';
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
  | { status: 'declined'; declineCode: string };

/**
 * The payment step: charges the order's card for what the member owes. The card number comes out of the vault
 * for this one call and is not kept. Every attempt is recorded in order_payments (no card data).
 */
export async function chargeOrder(
  deps: AppDeps,
  args: {
    orderId: string;
    orderNumber: string;
    paymentMethodId: string | null;
    amountCents: number;
    today: string;
  },
  processor: CardProcessor = simulatedProcessor,
): Promise<ChargeOutcome> {
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
  const method = args.paymentMethodId ? await repo.findById(db, args.paymentMethodId) : null;
  let outcome: ChargeOutcome;
  if (method?.status !== 'active') {
    outcome = { status: 'declined', declineCode: NO_CARD };
  } else {
    const card = await vaultOf(deps).detokenizeForPayment(method.vaultToken, `order:${args.orderNumber}`);
    const result = await processor.charge({
      ...card,
      amountCents: args.amountCents,
      reference: args.orderNumber,
      today: args.today,
    });
    outcome = result.approved
      ? { status: 'captured', reference: result.reference }
      : { status: 'declined', declineCode: result.declineCode };
  }
  await repo.insertOrderPayment(db, {
    orderId: args.orderId,
    paymentMethodId: method?.id ?? null,
    amountCents: args.amountCents,
    status: outcome.status,
    processorReference: outcome.status === 'captured' ? outcome.reference : null,
    declineCode: outcome.status === 'declined' ? outcome.declineCode : null,
  });
  return outcome;
}

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
