// The home-delivery pharmacy console: the order queue, pharmacist verification with DUR warnings, fill (each item
// billed to the plan as a claim, then the payment step), ship with carrier and tracking, delivered, exceptions.
// Every step is a guarded status move with a time-stamped event naming the staff member, an audit row, and a
// notice to the member where it matters. Staff see only their own pharmacy's orders (staff-pharmacy.ts).
import { decryptField, FIELD_CONTEXTS, fieldKeyFromConfig } from '@openpbm/db/field-crypto';
import {
  type Carrier,
  canMoveOrder,
  estimateDelivery,
  isValidTrackingNumber,
  localDateInTimeZone,
  normalizeTrackingNumber,
  type OrderStatus,
} from '@openpbm/domain';
import { cardLabel } from '@openpbm/shared/payments';
import type { QueueResponse, StaffOrderDetail } from '@openpbm/shared/pharmacy';
import type { AppDeps } from '../app-deps';
import type { Principal } from '../identity/principal';
import { decryptAddress } from '../orders/address';
import {
  notifyOrderDelivered,
  notifyOrderException,
  notifyOrderShipped,
  notifyPaymentProblem,
} from '../orders/notifications';
import * as orders from '../orders/repo';
import { declineReason, isCostFinal } from '../orders/view';
import * as payments from '../payments/repo';
import { chargeOrder, NO_CARD } from '../payments/service';
import { badRequest, conflict, notFound, ProblemError } from '../platform/problem';
import { recordAudit } from '../privacy/audit';
import { durWarningsFor } from './dur';
import { billFill, isClaimRejection, reverseFill } from './fill-claims';
import * as fillRepo from './fill-repo';
import { homeDeliveryPharmacyOf } from './staff-pharmacy';

const CONSOLE_ONLY = 'The order console is for home-delivery pharmacy staff.';

export interface StaffContext {
  principal: Principal;
  ip: string | null;
}

async function staffOrder(deps: AppDeps, ctx: StaffContext, orderId: string) {
  const pharmacy = await homeDeliveryPharmacyOf(deps, ctx.principal, CONSOLE_ONLY);
  const found = await orders.findOrder(deps.db.db, orderId);
  // Another pharmacy's order answers like one that does not exist.
  if (!found || found.order.pharmacyId !== pharmacy.id)
    throw notFound('No order with this id at your pharmacy.');
  return { ...found, pharmacy };
}

export async function getQueue(deps: AppDeps, principal: Principal, status: string): Promise<QueueResponse> {
  const pharmacy = await homeDeliveryPharmacyOf(deps, principal, CONSOLE_ONLY);
  const rows = await orders.listQueue(deps.db.sql, pharmacy.id, [status]);
  return {
    orders: rows.map((r) => ({
      id: r.id,
      orderNumber: r.order_number,
      status: r.status,
      memberName: `${r.first_name} ${r.last_name}`,
      itemCount: r.item_count,
      shippingSpeed: r.shipping_speed ?? 'standard',
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    })),
    counts: await orders.countQueue(deps.db.sql, pharmacy.id),
  };
}

const ACTIONS: Record<OrderStatus, StaffOrderDetail['actions']> = {
  received: ['verify', 'exception', 'cancel'],
  verified: ['fill', 'exception', 'cancel'],
  filled: ['ship', 'exception'],
  shipped: ['deliver', 'exception'],
  exception: ['resume', 'cancel'],
  delivered: [],
  cancelled: [],
};

async function buildDetail(deps: AppDeps, ctx: StaffContext, orderId: string, audit: boolean) {
  const { order, request, pharmacy } = await staffOrder(deps, ctx, orderId);
  const member = await orders.memberOf(deps.db.db, order.memberId);
  if (!member) throw notFound();
  const items = await orders.orderItemsOf(deps.db.sql, orderId);
  const today = localDateInTimeZone(deps.now(), member.timeZone);
  const durWarnings =
    order.status === 'received' || order.status === 'verified'
      ? await durWarningsFor(deps.db.sql, {
          orderId,
          memberId: member.id,
          pharmacyId: pharmacy.id,
          chainCode: pharmacy.chainCode,
          today,
          items,
        })
      : [];
  const events = await orders.eventsOf(deps.db.db, orderId);
  const latest = await orders.latestPaymentOf(deps.db.db, orderId);
  const method = request?.paymentMethodId
    ? await payments.findById(deps.db.db, request.paymentMethodId)
    : null;
  if (audit) {
    await recordAudit(
      deps.db.db,
      {
        actorUserId: ctx.principal.userId,
        actorRole: ctx.principal.role,
        action: 'viewed',
        resourceType: 'order',
        resourceId: orderId,
        memberId: member.id,
        reason: 'treatment',
        ip: ctx.ip,
      },
      deps.now(),
    );
  }
  const detail: StaffOrderDetail = {
    id: order.id,
    orderNumber: order.orderNumber,
    status: order.status,
    source: request?.source ?? 'member',
    member: {
      name: `${member.firstName} ${member.lastName}`,
      dateOfBirth: decryptField(
        fieldKeyFromConfig(deps.config),
        member.dateOfBirthEnc,
        FIELD_CONTEXTS.dateOfBirth,
      ),
    },
    items: items.map((i) => ({
      prescriptionId: i.prescription_id,
      rxNumber: i.rx_number,
      drugName: i.drug_name,
      quantity: i.quantity_milli / 1000,
      daysSupply: i.days_supply,
      memberCostCents: i.member_cost_cents,
      directions: i.directions,
      prescriberName: i.prescriber_name,
      ndc: i.ndc,
      refillsRemaining: i.refills_remaining,
    })),
    durWarnings,
    costIsFinal: isCostFinal(order.status, order.finalMemberCostCents),
    events: events.map(({ event, actorName }) => ({
      status: event.status,
      at: event.at.toISOString(),
      note: event.note,
      actorName: actorName ?? null,
    })),
    shippingAddress: decryptAddress(deps.config, order.shippingAddressEnc),
    shippingSpeed: request?.shippingSpeed ?? 'standard',
    payment: { status: latest?.payment.status ?? 'pending', cardLabel: method ? cardLabel(method) : null },
    carrier: order.carrier,
    trackingNumber: order.trackingNumber,
    exceptionReason: order.exceptionReason,
    createdAt: order.createdAt.toISOString(),
    actions: ACTIONS[order.status],
  };
  return { detail, order, request, member, today };
}

export async function getStaffOrder(
  deps: AppDeps,
  ctx: StaffContext,
  orderId: string,
): Promise<StaffOrderDetail> {
  return (await buildDetail(deps, ctx, orderId, true)).detail;
}

async function move(
  deps: AppDeps,
  ctx: StaffContext,
  args: {
    orderId: string;
    memberId: string;
    from: OrderStatus;
    to: OrderStatus;
    note: string | null;
    set?: Record<string, unknown>;
  },
  also?: (tx: Parameters<Parameters<AppDeps['db']['db']['transaction']>[0]>[0]) => Promise<void>,
): Promise<void> {
  if (!canMoveOrder(args.from, args.to))
    throw conflict(`An order that is ${args.from} cannot become ${args.to}.`, 'invalid-state');
  const now = deps.now();
  await deps.db.db.transaction(async (tx) => {
    const moved = await orders.moveOrder(tx, {
      orderId: args.orderId,
      from: [args.from],
      to: args.to,
      now,
      actorUserId: ctx.principal.userId,
      note: args.note,
      ...(args.set ? { set: args.set } : {}),
    });
    if (!moved)
      throw conflict('Someone else changed this order. Reload it and try again.', 'changed-concurrently');
    await also?.(tx);
  });
  await recordAudit(
    deps.db.db,
    {
      actorUserId: ctx.principal.userId,
      actorRole: ctx.principal.role,
      action: `order_${args.to}`,
      resourceType: 'order',
      resourceId: args.orderId,
      memberId: args.memberId,
      reason: 'treatment',
      ip: ctx.ip,
    },
    now,
  );
}

const DUR_REVIEWED = 'DUR reviewed: ';
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

/** Charges the card unless an earlier attempt of this fill already did (it failed after the charge). */
async function chargeFill(deps: AppDeps, args: Parameters<typeof chargeOrder>[1]) {
  const latest = await orders.latestPaymentOf(deps.db.db, args.orderId);
  const status = latest?.payment.status;
  if (status === 'captured' && latest?.payment.amountCents === args.amountCents)
    return { status: 'captured', reference: latest.payment.processorReference ?? '' } as const;
  if (status === 'not_required' && args.amountCents === 0) return { status: 'not_required' } as const;
  return chargeOrder(deps, args);
}

export async function shipOrder(
  deps: AppDeps,
  ctx: StaffContext,
  orderId: string,
  input: { carrier: Carrier; trackingNumber: string },
): Promise<StaffOrderDetail> {
  const { order, request, today } = await buildDetail(deps, ctx, orderId, false);
  if (order.status !== 'filled')
    throw conflict(`Only a filled order can ship; this one is ${order.status}.`, 'invalid-state');
  if (!isValidTrackingNumber(input.carrier, input.trackingNumber)) {
    throw badRequest(`That is not a ${input.carrier} tracking number.`, [
      { field: 'trackingNumber', message: `Enter the ${input.carrier} tracking number from the label` },
    ]);
  }
  const trackingNumber = normalizeTrackingNumber(input.trackingNumber);
  const now = deps.now();
  await move(
    deps,
    ctx,
    {
      orderId,
      memberId: order.memberId,
      from: 'filled',
      to: 'shipped',
      note: `${input.carrier} ${trackingNumber}`,
      set: { carrier: input.carrier, trackingNumber, shippedAt: now },
    },
    (tx) =>
      orders.setEstimatedDelivery(
        tx,
        orderId,
        estimateDelivery(today, request?.shippingSpeed ?? 'standard', true),
      ),
  );
  await notifyOrderShipped(deps, orderId);
  return getStaffOrder(deps, ctx, orderId);
}

export async function deliverOrder(
  deps: AppDeps,
  ctx: StaffContext,
  orderId: string,
  note?: string,
): Promise<StaffOrderDetail> {
  const { order } = await buildDetail(deps, ctx, orderId, false);
  if (order.status !== 'shipped')
    throw conflict(`Only a shipped order can be delivered; this one is ${order.status}.`, 'invalid-state');
  await move(deps, ctx, {
    orderId,
    memberId: order.memberId,
    from: 'shipped',
    to: 'delivered',
    note: note ?? null,
    set: { deliveredAt: deps.now() },
  });
  await notifyOrderDelivered(deps, orderId);
  return getStaffOrder(deps, ctx, orderId);
}

export async function raiseException(
  deps: AppDeps,
  ctx: StaffContext,
  orderId: string,
  reason: string,
): Promise<StaffOrderDetail> {
  const { order } = await buildDetail(deps, ctx, orderId, false);
  await move(deps, ctx, {
    orderId,
    memberId: order.memberId,
    from: order.status,
    to: 'exception',
    note: reason,
    set: { exceptionReason: reason },
  });
  await notifyOrderException(deps, orderId, reason);
  return getStaffOrder(deps, ctx, orderId);
}

/**
 * Back into the flow where the exception stopped it (a retried payment happens at the next fill). After a
 * rejected claim the order goes back to a pharmacist for verification instead: the rejection (a new DUR conflict,
 * a prior authorization now on file) changes what they must check, and verification is where they confirm it.
 */
export async function resumeOrder(
  deps: AppDeps,
  ctx: StaffContext,
  orderId: string,
  note?: string,
): Promise<StaffOrderDetail> {
  const { order } = await buildDetail(deps, ctx, orderId, false);
  if (order.status !== 'exception')
    throw conflict('Only an order with an exception can be resumed.', 'invalid-state');
  const to = isClaimRejection(order.exceptionReason)
    ? 'received'
    : ((await orders.statusBeforeException(deps.db.db, orderId)) ?? 'received');
  await move(deps, ctx, {
    orderId,
    memberId: order.memberId,
    from: 'exception',
    to,
    note: note ?? 'Exception resolved',
    set: { exceptionReason: null },
  });
  return getStaffOrder(deps, ctx, orderId);
}

export async function cancelByStaff(
  deps: AppDeps,
  ctx: StaffContext,
  orderId: string,
  reason: string,
): Promise<StaffOrderDetail> {
  const { order } = await buildDetail(deps, ctx, orderId, false);
  await move(deps, ctx, {
    orderId,
    memberId: order.memberId,
    from: order.status,
    to: 'cancelled',
    note: reason,
  });
  await notifyOrderException(deps, orderId, `The pharmacy cancelled this order: ${reason}`);
  return getStaffOrder(deps, ctx, orderId);
}
