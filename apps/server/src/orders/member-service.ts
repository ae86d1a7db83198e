// A member's home-delivery orders: history (self and family they may see), one order with its timeline and
// tracking, cancelling before it is filled, and choosing another card after a payment problem.
import { memberMayCancel } from '@openpbm/domain';
import type { OrderDetail, OrderSummary } from '@openpbm/shared/pharmacy';
import type { AppDeps } from '../app-deps';
import { loadFamilyView, requireMemberAccess } from '../family/access';
import type { Principal } from '../identity/principal';
import * as payments from '../payments/repo';
import { requireUsableMethod } from '../payments/service';
import { conflict, notFound } from '../platform/problem';
import { auditRead, type ReadContext } from '../prescriptions/service';
import { auditByCaller } from '../privacy/audit';
import { decryptAddress } from './address';
import * as repo from './repo';
import { orderItemView, paymentView, timelineOf, toOrderSummary } from './view';

export async function listOrders(
  deps: AppDeps,
  ctx: ReadContext,
  memberId?: string,
): Promise<OrderSummary[]> {
  const family = await loadFamilyView(deps, ctx.principal);
  const targets = memberId ? family.accessible.filter((m) => m.memberId === memberId) : family.accessible;
  if (memberId && targets.length === 0) throw notFound('No member with this id is available to you.');
  const rows = await repo.listOrdersOfMembers(
    deps.db.sql,
    targets.map((m) => m.memberId),
  );
  for (const member of targets) {
    const count = rows.filter((r) => r.member_id === member.memberId).length;
    await auditRead(deps, ctx, { resourceType: 'orders', memberId: member.memberId, detail: { count } });
  }
  return rows.map(toOrderSummary);
}

const noSuchOrder = () => notFound('No order with this id is available to you.');

async function accessibleOrder(deps: AppDeps, principal: Principal, id: string, needs: 'view' | 'manage') {
  const found = await repo.findOrder(deps.db.db, id);
  if (!found) throw noSuchOrder();
  await requireMemberAccess(deps, principal, found.order.memberId, needs).catch((error: unknown) => {
    throw needs === 'manage' && (error as { status?: number }).status === 403 ? error : noSuchOrder();
  });
  return found;
}

export async function getOrder(deps: AppDeps, ctx: ReadContext, id: string): Promise<OrderDetail> {
  const { order, request } = await accessibleOrder(deps, ctx.principal, id, 'view');
  const [list] = (await repo.listOrdersOfMembers(deps.db.sql, [order.memberId])).filter((r) => r.id === id);
  if (!list) throw noSuchOrder();
  const items = await repo.orderItemsOf(deps.db.sql, id);
  const events = await repo.eventsOf(deps.db.db, id);
  const latest = await repo.latestPaymentOf(deps.db.db, id);
  const method = request?.paymentMethodId
    ? await payments.findById(deps.db.db, request.paymentMethodId)
    : null;
  await auditRead(deps, ctx, { resourceType: 'order', resourceId: id, memberId: order.memberId });
  const payment = paymentView(latest, method);
  return {
    ...toOrderSummary(list),
    items: items.map(orderItemView),
    timeline: timelineOf(order.status, events),
    events: events.map(({ event }) => ({
      status: event.status,
      at: event.at.toISOString(),
      note: event.note,
    })),
    shippingAddress: decryptAddress(deps.config, order.shippingAddressEnc),
    shippingSpeed: request?.shippingSpeed ?? 'standard',
    payment,
    exceptionReason: order.exceptionReason,
    shippedAt: order.shippedAt?.toISOString() ?? null,
    deliveredAt: order.deliveredAt?.toISOString() ?? null,
    canCancel: memberMayCancel(order.status),
    needsNewPayment: order.status === 'exception' && payment.status === 'declined',
  };
}

export async function cancelOrder(deps: AppDeps, ctx: ReadContext, id: string): Promise<OrderDetail> {
  const { order } = await accessibleOrder(deps, ctx.principal, id, 'manage');
  if (!memberMayCancel(order.status)) {
    throw conflict(
      'This order has already been filled, so it can no longer be cancelled. Call member services for help.',
      'invalid-state',
    );
  }
  const now = deps.now();
  const moved = await deps.db.db.transaction((tx) =>
    repo.moveOrder(tx, {
      orderId: id,
      from: ['received', 'verified'],
      to: 'cancelled',
      now,
      actorUserId: ctx.principal.userId,
      note: 'Cancelled by the member',
    }),
  );
  if (!moved)
    throw conflict(
      'The order changed while you were cancelling it. Reload and try again.',
      'changed-concurrently',
    );
  await auditByCaller(
    deps,
    ctx,
    {
      action: 'cancelled',
      resourceType: 'order',
      resourceId: id,
      memberId: order.memberId,
      reason: 'member_request',
    },
    now,
  );
  return getOrder(deps, ctx, id);
}

/** After a declined payment: pay with another card, and the order goes back to the pharmacy to be filled. */
export async function changeOrderPayment(
  deps: AppDeps,
  ctx: ReadContext,
  id: string,
  paymentMethodId: string,
): Promise<OrderDetail> {
  const { order } = await accessibleOrder(deps, ctx.principal, id, 'manage');
  const latest = await repo.latestPaymentOf(deps.db.db, id);
  if (order.status !== 'exception' || latest?.payment.status !== 'declined') {
    throw conflict('This order does not need a new payment method.', 'invalid-state');
  }
  const payer = ctx.principal.memberId as string;
  await requireUsableMethod(deps, payer, paymentMethodId);
  await repo.setOrderPaymentMethod(deps.db.db, id, paymentMethodId);
  const now = deps.now();
  const resumeTo = (await repo.statusBeforeException(deps.db.db, id)) ?? 'verified';
  await deps.db.db.transaction((tx) =>
    repo.moveOrder(tx, {
      orderId: id,
      from: ['exception'],
      to: resumeTo,
      now,
      actorUserId: ctx.principal.userId,
      note: 'New card chosen by the member',
      set: { exceptionReason: null },
    }),
  );
  await auditByCaller(
    deps,
    ctx,
    {
      action: 'updated',
      resourceType: 'order_payment_method',
      resourceId: id,
      memberId: order.memberId,
      reason: 'member_request',
    },
    now,
  );
  return getOrder(deps, ctx, id);
}
