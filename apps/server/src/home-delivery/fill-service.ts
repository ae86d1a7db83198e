// Verify and fill: the pharmacist's verification (with DUR review) and the fill, which bills each item to the
// plan and then charges the member's card; a rejection or a decline reverses what was paid.
import type { StaffOrderDetail } from '@openpbm/shared/pharmacy';
import type { AppDeps } from '../app-deps';
import { notifyOrderException, notifyPaymentProblem } from '../orders/notifications';
import * as orders from '../orders/repo';
import { declineReason } from '../orders/view';
import { chargeOrder, NO_CARD } from '../payments/service';
import { conflict, ProblemError } from '../platform/problem';
import { billFill, reverseFill } from './fill-claims';
import * as fillRepo from './fill-repo';
import { buildDetail, getStaffOrder, move, type StaffContext } from './order-console';

const DUR_REVIEWED = 'DUR reviewed: ';
/** The exception reason of an order held because the card service could not say whether the card was charged. */
export const PAYMENT_UNCONFIRMED = 'Payment unconfirmed: ';
const NO_DUR_WARNINGS = 'No DUR warnings';
const durWarningLabel = (w: StaffOrderDetail['durWarnings'][number]) =>
  `${w.reasonCode} ${w.severity} (${w.conflictingDrug})`;

export async function verifyOrder(
  deps: AppDeps,
  ctx: StaffContext,
  orderId: string,
  input: { durReviewed?: boolean | undefined; note?: string | undefined },
): Promise<StaffOrderDetail> {
  const { detail, order } = await buildDetail(deps, ctx, orderId, false);
  if (order.status !== 'received')
    throw conflict(`Only a received order can be verified; this one is ${order.status}.`, 'invalid-state');
  if (detail.durWarnings.length > 0 && !input.durReviewed) {
    throw new ProblemError(
      409,
      'dur-review-required',
      'DUR warnings need review',
      `Review the ${detail.durWarnings.length} DUR warning(s) and confirm before verifying.`,
      [{ field: 'durReviewed', message: 'Confirm that you reviewed the DUR warnings' }],
    );
  }
  const durNote = detail.durWarnings.length
    ? `${DUR_REVIEWED}${detail.durWarnings.map(durWarningLabel).join('; ')}`
    : NO_DUR_WARNINGS;
  const note = [durNote, input.note].filter(Boolean).join('. ');
  await move(deps, ctx, { orderId, memberId: order.memberId, from: 'received', to: 'verified', note });
  return getStaffOrder(deps, ctx, orderId);
}

/**
 * Fill: each item is billed to the member's plan as a B1 claim from this pharmacy, the card is charged the claims'
 * patient pay (the checkout amount was an estimate), then the fill is recorded. A rejected claim or a declined card
 * reverses the claims already paid and puts the order in exception. A lease on the order refuses a second fill at
 * the same time; a retry re-sends the same B1s (the engine answers duplicates) and does not charge twice.
 */
export async function fillOrder(
  deps: AppDeps,
  ctx: StaffContext,
  orderId: string,
  note?: string,
): Promise<StaffOrderDetail> {
  const { detail, order, request, member, today } = await buildDetail(deps, ctx, orderId, false);
  if (order.status !== 'verified')
    throw conflict(`Only a verified order can be filled; this one is ${order.status}.`, 'invalid-state');
  if (!(await fillRepo.startFill(deps.db.sql, orderId, deps.now())))
    throw conflict('This order is being filled right now. Reload it in a moment.', 'changed-concurrently');
  try {
    const toException = async (reason: string) =>
      move(deps, ctx, {
        orderId,
        memberId: member.id,
        from: 'verified',
        to: 'exception',
        note: reason,
        set: { exceptionReason: reason },
      });
    const billing = await billFill(deps, {
      orderId,
      memberId: member.id,
      pharmacyId: order.pharmacyId,
      today,
      reviewedDur: reviewedDurOf(detail),
    });
    if (billing.status === 'rejected') {
      await toException(billing.reason);
      await notifyOrderException(deps, orderId, billing.reason);
      return getStaffOrder(deps, ctx, orderId);
    }
    const outcome = await chargeFill(deps, {
      orderId,
      orderNumber: order.orderNumber,
      paymentMethodId: request?.paymentMethodId ?? null,
      amountCents: billing.totalCents,
      today,
    });
    if (outcome.status === 'unconfirmed') {
      // The card may have been charged: hold the order (claims stay paid) until staff resume it; the next fill
      // asks the vault again under the same key and never charges a second time.
      await toException(
        `${PAYMENT_UNCONFIRMED}${outcome.reason}. The pharmacy checks it before filling; the card is never charged twice.`,
      );
      return getStaffOrder(deps, ctx, orderId);
    }
    if (outcome.status === 'declined') {
      // Unpaid fills must not count toward the deductible or out-of-pocket maximum.
      await reverseFill(deps, orderId, order.pharmacyId, billing.claims);
      await toException(paymentProblem(outcome.declineCode, billing.totalCents));
      await notifyPaymentProblem(deps, orderId, outcome.declineCode);
      return getStaffOrder(deps, ctx, orderId);
    }
    const items = await orders.orderItemsOf(deps.db.sql, orderId);
    await move(
      deps,
      ctx,
      {
        orderId,
        memberId: member.id,
        from: 'verified',
        to: 'filled',
        note: note ?? null,
        set: { finalMemberCostCents: billing.totalCents },
      },
      async (tx) => {
        for (const item of items) await orders.recordFill(tx, item.prescription_id, today);
        for (const claim of billing.claims) await orders.recordItemClaim(tx, orderId, claim);
      },
    );
    return getStaffOrder(deps, ctx, orderId);
  } finally {
    await fillRepo.endFill(deps.db.sql, orderId);
  }
}

/** The DUR conflicts the pharmacist confirmed reviewing when verifying (what the claims may override). */
function reviewedDurOf(detail: StaffOrderDetail): Map<string, string[]> {
  // The pharmacist's verification, not a later return to verified (new card, resumed exception).
  const verification = detail.events.findLast(
    (e) =>
      e.status === 'verified' && (e.note?.startsWith(DUR_REVIEWED) || e.note?.startsWith(NO_DUR_WARNINGS)),
  );
  const note = verification?.note ?? '';
  const reviewed = new Map<string, string[]>();
  if (!note.startsWith(DUR_REVIEWED)) return reviewed;
  for (const w of detail.durWarnings) {
    if (!note.includes(durWarningLabel(w))) continue;
    reviewed.set(w.prescriptionId, [...new Set([...(reviewed.get(w.prescriptionId) ?? []), w.reasonCode])]);
  }
  return reviewed;
}

/**
 * Why the fill stopped at payment, for staff. No card is not a decline: the member owed nothing at checkout (so
 * chose none) and the paid claims left them a share after all; the order waits for them to choose a card.
 */
function paymentProblem(declineCode: string, owedCents: number): string {
  if (declineCode === NO_CARD)
    return `Payment needed: the member owes $${(owedCents / 100).toFixed(2)} and chose no card for this order.`;
  return `Payment declined: ${declineReason(declineCode)}`;
}

/**
 * Charges the card unless an earlier attempt of this fill already did (it failed after the charge); an attempt a
 * crash left in flight is settled with the vault inside chargeOrder.
 */
async function chargeFill(
  deps: AppDeps,
  args: Parameters<typeof chargeOrder>[1],
): Promise<Awaited<ReturnType<typeof chargeOrder>>> {
  const latest = await orders.latestPaymentOf(deps.db.db, args.orderId);
  const status = latest?.payment.status;
  if (status === 'captured' && latest?.payment.amountCents === args.amountCents)
    return { status: 'captured', reference: latest.payment.processorReference ?? '' } as const;
  if (status === 'captured') {
    const charged = `$${((latest?.payment.amountCents ?? 0) / 100).toFixed(2)}`;
    return {
      status: 'unconfirmed',
      reason: `the card was already charged ${charged} for this order, and the fill now comes to $${(args.amountCents / 100).toFixed(2)}`,
    } as const;
  }
  if (status === 'not_required' && args.amountCents === 0) return { status: 'not_required' } as const;
  return chargeOrder(deps, args);
}
