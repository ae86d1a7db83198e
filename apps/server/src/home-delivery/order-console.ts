// The home-delivery console's shared reads and the one status move: the queue, an order's detail as staff see it
// (DUR warnings, payment, allowed actions), and `move`, the guarded status change with its event and audit row.
// Staff see only their own pharmacy's orders (staff-pharmacy.ts).
import { decryptField, FIELD_CONTEXTS, fieldKeyFromConfig } from '@openpbm/db/field-crypto';
import { canMoveOrder, localDateInTimeZone, type OrderStatus } from '@openpbm/domain';
import { cardLabel } from '@openpbm/shared/payments';
import type { QueueResponse, StaffOrderDetail } from '@openpbm/shared/pharmacy';
import type { AppDeps } from '../app-deps';
import type { Principal } from '../identity/principal';
import { decryptAddress } from '../orders/address';
import * as orders from '../orders/repo';
import { isCostFinal, orderHeadline, orderItemView } from '../orders/view';
import * as payments from '../payments/repo';
import { conflict, notFound } from '../platform/problem';
import { auditByCaller } from '../privacy/audit';
import { durWarningsFor } from './dur';
import { homeDeliveryPharmacyOf } from './staff-pharmacy';

const CONSOLE_ONLY = 'The order console is for home-delivery pharmacy staff.';

export interface StaffContext {
  principal: Principal;
  ip: string | null;
}

export async function staffOrder(deps: AppDeps, ctx: StaffContext, orderId: string) {
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
      ...orderHeadline(r),
      shippingSpeed: r.shipping_speed ?? 'standard',
      updatedAt: r.updated_at,
      exceptionReason: r.status === 'exception' ? r.exception_reason : null,
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

export async function buildDetail(deps: AppDeps, ctx: StaffContext, orderId: string, audit: boolean) {
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
    await auditByCaller(deps, ctx, {
      action: 'viewed',
      resourceType: 'order',
      resourceId: orderId,
      memberId: member.id,
      reason: 'treatment',
    });
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
      ...orderItemView(i),
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

export async function move(
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
  await auditByCaller(
    deps,
    ctx,
    {
      action: `order_${args.to}`,
      resourceType: 'order',
      resourceId: args.orderId,
      memberId: args.memberId,
      reason: 'treatment',
    },
    now,
  );
}
