// The home-delivery pharmacy console: every step is a guarded status move with a time-stamped event naming the
// staff member, an audit row, and a notice to the member where it matters. Here: ship with carrier and tracking,
// delivered, exceptions, cancel; the queue and detail are in order-console.ts, verify and fill in fill-service.ts.
import {
  type Carrier,
  estimateDelivery,
  isValidTrackingNumber,
  normalizeTrackingNumber,
} from '@openpbm/domain';
import type { StaffOrderDetail } from '@openpbm/shared/pharmacy';
import type { AppDeps } from '../app-deps';
import { notifyOrderDelivered, notifyOrderException, notifyOrderShipped } from '../orders/notifications';
import * as orders from '../orders/repo';
import { badRequest, conflict } from '../platform/problem';
import { isClaimRejection } from './fill-claims';
import { buildDetail, getStaffOrder, move, type StaffContext } from './order-console';

export { fillOrder, verifyOrder } from './fill-service';
export { getQueue, getStaffOrder, type StaffContext } from './order-console';

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
  return stopOrder(deps, ctx, orderId, { to: 'exception', reason, notice: reason });
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
  const notice = `The pharmacy cancelled this order: ${reason}`;
  return stopOrder(deps, ctx, orderId, { to: 'cancelled', reason, notice });
}

/** Exception or cancel, from any status: the staff member's reason on the event, and a notice to the member. */
async function stopOrder(
  deps: AppDeps,
  ctx: StaffContext,
  orderId: string,
  stop: { to: 'exception' | 'cancelled'; reason: string; notice: string },
): Promise<StaffOrderDetail> {
  const { order } = await buildDetail(deps, ctx, orderId, false);
  await move(deps, ctx, {
    orderId,
    memberId: order.memberId,
    from: order.status,
    to: stop.to,
    note: stop.reason,
    ...(stop.to === 'exception' ? { set: { exceptionReason: stop.reason } } : {}),
  });
  await notifyOrderException(deps, orderId, stop.notice);
  return getStaffOrder(deps, ctx, orderId);
}
