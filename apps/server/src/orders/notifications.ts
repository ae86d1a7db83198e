// What the member is told at each order step. The text goes into a secure message inside the portal (it may name
// the medicines); e-mail and push only say that a message is waiting (see messages/notify.ts).
import type { AppDeps } from '../app-deps';
import { notifyMember } from '../messages/notify';
import { longDate } from '../prescriptions/refill-view';
import * as repo from './repo';
import { declineReason } from './view';

async function orderFacts(deps: AppDeps, orderId: string) {
  const found = await repo.findOrder(deps.db.db, orderId);
  if (!found) return null;
  const items = await repo.orderItemsOf(deps.db.sql, orderId);
  const list = items.map((i) => `- ${i.drug_name} (Rx ${i.rx_number})`).join('\n');
  return { ...found, items, list, path: `/members/orders/${orderId}` };
}

export async function notifyOrderPlaced(deps: AppDeps, orderId: string): Promise<void> {
  const f = await orderFacts(deps, orderId);
  if (!f) return;
  const eta = f.request?.estimatedDeliveryDate;
  await notifyMember(deps, {
    kind: 'order_placed',
    memberId: f.order.memberId,
    subject: `We received your order ${f.order.orderNumber}`,
    body: [
      `We received home-delivery order ${f.order.orderNumber}${f.request?.source === 'auto_refill' ? ', placed by automatic refill' : ''}:`,
      f.list,
      '',
      eta
        ? `Estimated delivery: ${longDate(eta)}. We will tell you when it ships.`
        : 'We will tell you when it ships.',
    ].join('\n'),
    portalPath: f.path,
    dedupeKey: `order_placed:${orderId}`,
  });
}

export async function notifyOrderShipped(deps: AppDeps, orderId: string): Promise<void> {
  const f = await orderFacts(deps, orderId);
  if (!f) return;
  const eta = f.request?.estimatedDeliveryDate;
  await notifyMember(deps, {
    kind: 'order_shipped',
    memberId: f.order.memberId,
    subject: `Your order ${f.order.orderNumber} has shipped`,
    body: [
      `Order ${f.order.orderNumber} is on its way with ${f.order.carrier}, tracking number ${f.order.trackingNumber}.`,
      eta ? `Estimated delivery: ${longDate(eta)}.` : '',
      '',
      f.list,
    ].join('\n'),
    portalPath: f.path,
    dedupeKey: `order_shipped:${orderId}`,
  });
}

export async function notifyOrderDelivered(deps: AppDeps, orderId: string): Promise<void> {
  const f = await orderFacts(deps, orderId);
  if (!f) return;
  await notifyMember(deps, {
    kind: 'order_delivered',
    memberId: f.order.memberId,
    subject: `Your order ${f.order.orderNumber} was delivered`,
    body: `Order ${f.order.orderNumber} was delivered. If anything is missing or damaged, call member services.\n\n${f.list}`,
    portalPath: f.path,
    dedupeKey: `order_delivered:${orderId}`,
  });
}

export async function notifyOrderException(deps: AppDeps, orderId: string, reason: string): Promise<void> {
  const f = await orderFacts(deps, orderId);
  if (!f) return;
  await notifyMember(deps, {
    kind: 'order_exception',
    memberId: f.order.memberId,
    subject: `Your order ${f.order.orderNumber} needs attention`,
    body: `There is a problem with order ${f.order.orderNumber}: ${reason}\n\nWe are working on it and will contact you if we need anything.`,
    portalPath: f.path,
  });
}

export async function notifyPaymentProblem(
  deps: AppDeps,
  orderId: string,
  declineCode: string,
): Promise<void> {
  const f = await orderFacts(deps, orderId);
  if (!f) return;
  await notifyMember(deps, {
    kind: 'payment_problem',
    memberId: f.order.memberId,
    subject: `We could not charge your card for order ${f.order.orderNumber}`,
    body: `${declineReason(declineCode)} Order ${f.order.orderNumber} is on hold until you choose another card. Open the order to choose one.`,
    portalPath: f.path,
  });
}
