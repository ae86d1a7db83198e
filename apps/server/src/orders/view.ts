// Order views shared by the member pages and the staff console: summaries, the received → delivered timeline,
// tracking links and the payment state in plain words.
import { type Carrier, ORDER_TIMELINE, trackingUrl } from '@openpbm/domain';
import { cardLabel } from '@openpbm/shared/payments';
import { ORDER_STATUS_LABELS, type OrderStatusValue, type OrderSummary } from '@openpbm/shared/pharmacy';
import type * as repo from './repo';
import type { OrderListRow } from './repo';

/**
 * The amount shown is final once the fill was billed (its claims' patient pay is stored), or once filled at all
 * (orders filled before fills were billed keep their checkout amount); before that it is the checkout estimate.
 */
export function isCostFinal(status: string, finalMemberCostCents: number | null): boolean {
  return finalMemberCostCents !== null || ['filled', 'shipped', 'delivered'].includes(status);
}

/** What every list of orders shows of one (the member's orders, the pharmacy's work queue). */
export function orderHeadline(row: OrderListRow) {
  return {
    id: row.id,
    orderNumber: row.order_number,
    status: row.status,
    memberName: `${row.first_name} ${row.last_name}`,
    itemCount: row.item_count,
    createdAt: row.created_at,
  };
}

/** One line of an order, as the member and the pharmacy both see it. */
export function orderItemView(item: repo.OrderItemRow) {
  return {
    prescriptionId: item.prescription_id,
    rxNumber: item.rx_number,
    drugName: item.drug_name,
    quantity: item.quantity_milli / 1000,
    daysSupply: item.days_supply,
    memberCostCents: item.member_cost_cents,
  };
}

export function toOrderSummary(row: OrderListRow): OrderSummary {
  return {
    ...orderHeadline(row),
    memberId: row.member_id,
    source: row.source ?? 'member',
    totalMemberCostCents: row.total_member_cost_cents,
    costIsFinal: isCostFinal(row.status, row.final_member_cost_cents),
    estimatedDeliveryDate: row.estimated_delivery_date,
    carrier: row.carrier,
    trackingNumber: row.tracking_number,
    trackingUrl:
      row.carrier && row.tracking_number ? trackingUrl(row.carrier as Carrier, row.tracking_number) : null,
  };
}

type EventRow = Awaited<ReturnType<typeof repo.eventsOf>>[number];

/** The five normal steps with the time each was reached; an exception or cancellation marks where it stopped. */
export function timelineOf(status: OrderStatusValue, events: EventRow[]) {
  const reachedAt = new Map<string, Date>();
  for (const { event } of events) reachedAt.set(event.status, event.at);
  let progress: OrderStatusValue = status;
  if (status === 'exception' || status === 'cancelled') {
    const lastNormal = [...events].reverse().find(({ event }) => ORDER_TIMELINE.includes(event.status));
    progress = (lastNormal?.event.status as OrderStatusValue | undefined) ?? 'received';
  }
  const reachedIndex = ORDER_TIMELINE.indexOf(progress);
  return ORDER_TIMELINE.map((step, index) => ({
    status: step,
    label: ORDER_STATUS_LABELS[step],
    at: index <= reachedIndex ? (reachedAt.get(step)?.toISOString() ?? null) : null,
    done: index <= reachedIndex,
    current: step === status,
  }));
}

const DECLINE_REASONS: Record<string, string> = {
  card_declined: 'Your card was declined.',
  insufficient_funds: 'Your card was declined for insufficient funds.',
  expired_card: 'Your card has expired.',
  invalid_number: 'The card on file could not be charged.',
  no_card_on_file: 'There is no card on file for this order.',
};

export const declineReason = (code: string | null): string | null =>
  code ? (DECLINE_REASONS[code] ?? 'Your card could not be charged.') : null;

type PaymentRow = Awaited<ReturnType<typeof repo.latestPaymentOf>>;

export function paymentView(
  latest: PaymentRow,
  method: { brand: string; last4: string; expMonth: number; expYear: number } | null,
) {
  // An attempt in flight is still pending to the member; staff see it as charging.
  const recorded = latest?.payment.status ?? 'pending';
  const status = recorded === 'charging' ? 'pending' : recorded;
  return {
    cardLabel: method ? cardLabel(method as Parameters<typeof cardLabel>[0]) : null,
    status,
    declineReason: status === 'declined' ? declineReason(latest?.payment.declineCode ?? null) : null,
  } as const;
}
