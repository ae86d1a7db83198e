// Home-delivery (mail-order) orders: items, status history, shipping.
import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { claims } from './claims';
import { cents, createdAt, id, oneOf, requiredRef, timestamptz, updatedAt } from './columns';
import { members } from './members';
import { pharmacies } from './pharmacies';
import { prescriptions } from './prescriptions';
import { users } from './users';

/** received → verified (pharmacist) → filled → shipped → delivered; exception and cancelled on the side. */
export const ORDER_STATUSES = [
  'received',
  'verified',
  'filled',
  'shipped',
  'delivered',
  'exception',
  'cancelled',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const orders = pgTable(
  'orders',
  {
    id: id(),
    /** Human-facing order number, e.g. "HD00123456". */
    orderNumber: text('order_number').notNull(),
    memberId: requiredRef('member_id', () => members.id),
    /** The home-delivery pharmacy filling the order. */
    pharmacyId: requiredRef('pharmacy_id', () => pharmacies.id),
    status: text('status', { enum: ORDER_STATUSES }).notNull().default('received'),
    /** encryptField(JSON {line1, line2, city, state, zip}); the ZIP is repeated in plain text for routing. */
    shippingAddressEnc: text('shipping_address_enc').notNull(),
    shippingZip: text('shipping_zip').notNull(),
    /** The estimate at checkout (benefits-engine quote). */
    totalMemberCostCents: cents('total_member_cost_cents').notNull().default(0),
    /** What the member was charged at fill: the sum of the paid claims' patient pay (null until filled). */
    finalMemberCostCents: cents('final_member_cost_cents'),
    /** Set while a fill is billing claims and charging the card, so a second fill at once is refused. */
    fillStartedAt: timestamptz('fill_started_at'),
    carrier: text('carrier'),
    trackingNumber: text('tracking_number'),
    /** Idempotency-Key of the POST that created the order: a retried request returns the same order. */
    idempotencyKey: text('idempotency_key'),
    exceptionReason: text('exception_reason'),
    shippedAt: timestamptz('shipped_at'),
    deliveredAt: timestamptz('delivered_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('orders_order_number_uq').on(t.orderNumber),
    uniqueIndex('orders_member_idempotency_uq')
      .on(t.memberId, t.idempotencyKey)
      .where(sql`${t.idempotencyKey} is not null`),
    index('orders_member_idx').on(t.memberId, t.createdAt),
    // Pharmacy work queues list open orders by status, oldest first.
    index('orders_queue_idx').on(t.pharmacyId, t.status, t.createdAt),
    check('orders_status_ck', oneOf(t.status, ORDER_STATUSES)),
    check('orders_cost_ck', sql`${t.totalMemberCostCents} >= 0`),
    check('orders_final_cost_ck', sql`${t.finalMemberCostCents} >= 0`),
  ],
);

export const orderItems = pgTable(
  'order_items',
  {
    id: id(),
    orderId: requiredRef('order_id', () => orders.id, { onDelete: 'cascade' }),
    prescriptionId: requiredRef('prescription_id', () => prescriptions.id),
    quantityMilli: integer('quantity_milli').notNull(),
    daysSupply: integer('days_supply').notNull(),
    /** The estimate at checkout. */
    memberCostCents: cents('member_cost_cents').notNull().default(0),
    /** The paid claim of this fill, once adjudicated. */
    claimId: uuid('claim_id').references(() => claims.id),
    /** The claim's patient pay, set when the fill completes (null until then). */
    finalMemberCostCents: cents('final_member_cost_cents'),
    createdAt: createdAt(),
  },
  (t) => [
    index('order_items_order_idx').on(t.orderId),
    index('order_items_prescription_idx').on(t.prescriptionId),
    check('order_items_quantity_ck', sql`${t.quantityMilli} > 0 and ${t.daysSupply} > 0`),
    check('order_items_cost_ck', sql`${t.memberCostCents} >= 0`),
    check('order_items_final_cost_ck', sql`${t.finalMemberCostCents} >= 0`),
  ],
);

export const orderStatusEvents = pgTable(
  'order_status_events',
  {
    id: id(),
    orderId: requiredRef('order_id', () => orders.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ORDER_STATUSES }).notNull(),
    at: timestamptz('at').notNull().defaultNow(),
    /** Staff user who moved the order (null for the system or the carrier feed). */
    actorUserId: uuid('actor_user_id').references(() => users.id),
    note: text('note'),
  },
  (t) => [
    index('order_status_events_order_idx').on(t.orderId, t.at),
    check('order_status_events_status_ck', oneOf(t.status, ORDER_STATUSES)),
  ],
);

export type Order = typeof orders.$inferSelect;
export type OrderItem = typeof orderItems.$inferSelect;
export type OrderStatusEvent = typeof orderStatusEvents.$inferSelect;
