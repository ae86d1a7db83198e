// SQL for home-delivery orders: numbering, creation (with row locks on the prescriptions being ordered), member
// and staff reads, status changes with their time-stamped events, and fills. Policy lives in the services.
import { type Database, type SqlExecutor, schema } from '@openpbm/db';
import type { OrderStatus } from '@openpbm/db/schema/orders';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { InvariantBroken } from '../platform/internal-errors';

const {
  orders,
  orderItems,
  orderStatusEvents,
  orderRequests,
  members,
  prescriptions,
  orderPayments,
  paymentMethods,
  users,
} = schema;

type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

export async function nextOrderNumber(tx: Pick<Database, 'execute'>): Promise<string> {
  const result = (await tx.execute(sql`select nextval('order_number_seq')::text as n`)) as unknown as
    | { rows: Array<{ n: string }> }
    | Array<{ n: string }>;
  const rows = Array.isArray(result) ? result : result.rows;
  return `HD${rows[0]?.n}`;
}

/** Locks the prescriptions (FOR UPDATE) and tells which are already in an open order. */
export async function lockPrescriptionsAndFindOpen(tx: Tx, prescriptionIds: string[]): Promise<Set<string>> {
  await tx
    .select({ id: prescriptions.id })
    .from(prescriptions)
    .where(inArray(prescriptions.id, prescriptionIds))
    .for('update');
  const open = await tx
    .select({ id: orderItems.prescriptionId })
    .from(orderItems)
    .innerJoin(orders, eq(orders.id, orderItems.orderId))
    .where(
      and(
        inArray(orderItems.prescriptionId, prescriptionIds),
        sql`${orders.status} not in ('delivered', 'cancelled')`,
      ),
    );
  return new Set(open.map((r) => r.id));
}

export interface NewOrder {
  orderNumber: string;
  memberId: string;
  pharmacyId: string;
  shippingAddressEnc: string;
  shippingZip: string;
  totalMemberCostCents: number;
  idempotencyKey: string | null;
  items: Array<{
    prescriptionId: string;
    quantityMilli: number;
    daysSupply: number;
    memberCostCents: number;
  }>;
  request: {
    source: 'member' | 'auto_refill';
    requestedByUserId: string | null;
    shippingSpeed: 'standard' | 'expedited';
    paymentMethodId: string | null;
    costBasis: 'benefits_engine' | 'plan_estimate';
    estimatedDeliveryDate: string;
  };
  now: Date;
}

export async function insertOrder(tx: Tx, o: NewOrder) {
  const [order] = await tx
    .insert(orders)
    .values({
      orderNumber: o.orderNumber,
      memberId: o.memberId,
      pharmacyId: o.pharmacyId,
      shippingAddressEnc: o.shippingAddressEnc,
      shippingZip: o.shippingZip,
      totalMemberCostCents: o.totalMemberCostCents,
      idempotencyKey: o.idempotencyKey,
      createdAt: o.now,
      updatedAt: o.now,
    })
    .returning();
  if (!order) throw new InvariantBroken('order insert returned nothing');
  await tx
    .insert(orderItems)
    .values(o.items.map((item) => ({ ...item, orderId: order.id, createdAt: o.now })));
  await tx.insert(orderStatusEvents).values({
    orderId: order.id,
    status: 'received',
    at: o.now,
    actorUserId: o.request.requestedByUserId,
    note: o.request.source === 'auto_refill' ? 'Placed by automatic refill' : null,
  });
  await tx.insert(orderRequests).values({ orderId: order.id, ...o.request, createdAt: o.now });
  return order;
}

export async function findOrderByIdempotencyKey(db: Database, memberId: string, key: string) {
  const [row] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.memberId, memberId), eq(orders.idempotencyKey, key)));
  return row ?? null;
}

export async function findOrder(db: Database, id: string) {
  const [row] = await db
    .select({ order: orders, request: orderRequests })
    .from(orders)
    .leftJoin(orderRequests, eq(orderRequests.orderId, orders.id))
    .where(eq(orders.id, id));
  return row ?? null;
}

export interface OrderListRow {
  id: string;
  order_number: string;
  member_id: string;
  first_name: string;
  last_name: string;
  status: OrderStatus;
  source: 'member' | 'auto_refill' | null;
  shipping_speed: 'standard' | 'expedited' | null;
  created_at: string;
  updated_at: string;
  item_count: number;
  /** The final amount once filled, else the checkout estimate. */
  total_member_cost_cents: number;
  /** Set once the fill was billed. */
  final_member_cost_cents: number | null;
  estimated_delivery_date: string | null;
  carrier: string | null;
  tracking_number: string | null;
  exception_reason: string | null;
}

const LIST_SELECT = `
select o.id, o.order_number, o.member_id, m.first_name, m.last_name, o.status, r.source, r.shipping_speed,
       to_char(o.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as created_at,
       to_char(o.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as updated_at,
       (select count(*)::int from order_items oi where oi.order_id = o.id) as item_count,
       coalesce(o.final_member_cost_cents, o.total_member_cost_cents) as total_member_cost_cents,
       o.final_member_cost_cents,
       r.estimated_delivery_date::text as estimated_delivery_date, o.carrier, o.tracking_number,
       o.exception_reason
  from orders o
  join members m on m.id = o.member_id
  left join order_requests r on r.order_id = o.id`;

export async function listOrdersOfMembers(q: SqlExecutor, memberIds: string[]): Promise<OrderListRow[]> {
  if (memberIds.length === 0) return [];
  const { rows } = await q.query<OrderListRow>(
    `${LIST_SELECT} where o.member_id = any($1::uuid[]) order by o.created_at desc`,
    [memberIds],
  );
  return rows;
}

export async function listQueue(
  q: SqlExecutor,
  pharmacyId: string,
  statuses: string[],
): Promise<OrderListRow[]> {
  const { rows } = await q.query<OrderListRow>(
    `${LIST_SELECT} where o.pharmacy_id = $1 and o.status = any($2::text[])
      order by (r.shipping_speed = 'expedited') desc, o.created_at asc limit 200`,
    [pharmacyId, statuses],
  );
  return rows;
}

export async function countQueue(q: SqlExecutor, pharmacyId: string): Promise<Record<string, number>> {
  const { rows } = await q.query<{ status: string; n: number }>(
    `select status, count(*)::int as n from orders where pharmacy_id = $1 and status not in ('delivered', 'cancelled') group by status`,
    [pharmacyId],
  );
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

export interface OrderItemRow {
  prescription_id: string;
  rx_number: string;
  drug_name: string;
  ndc: string;
  drug_group_id: string;
  therapeutic_class_id: string;
  ingredients: string[];
  directions: string;
  quantity_milli: number;
  days_supply: number;
  /** The final amount (the claim's patient pay) once filled, else the checkout estimate. */
  member_cost_cents: number;
  claim_id: string | null;
  prescriber_id: string;
  prescriber_name: string;
  refills_remaining: number;
  fill_count: number;
}

export async function orderItemsOf(q: SqlExecutor, orderId: string): Promise<OrderItemRow[]> {
  const { rows } = await q.query<OrderItemRow>(
    `select oi.prescription_id, p.rx_number, coalesce(dp.name, dg.name) as drug_name, p.ndc, dg.id as drug_group_id,
            dg.therapeutic_class_id, dg.ingredients, p.directions, oi.quantity_milli, oi.days_supply,
            coalesce(oi.final_member_cost_cents, oi.member_cost_cents) as member_cost_cents, oi.claim_id,
            pr.id as prescriber_id, pr.first_name || ' ' || pr.last_name || ', ' || pr.credential as prescriber_name,
            p.refills_remaining, p.fill_count
       from order_items oi
       join prescriptions p on p.id = oi.prescription_id
       join drug_groups dg on dg.id = p.drug_group_id
       left join drug_products dp on dp.ndc = p.ndc
       join prescribers pr on pr.id = p.prescriber_id
      where oi.order_id = $1
      order by oi.created_at, p.rx_number`,
    [orderId],
  );
  return rows;
}

export async function eventsOf(db: Database, orderId: string) {
  return db
    .select({ event: orderStatusEvents, actorName: users.displayName })
    .from(orderStatusEvents)
    .leftJoin(users, eq(users.id, orderStatusEvents.actorUserId))
    .where(eq(orderStatusEvents.orderId, orderId))
    .orderBy(asc(orderStatusEvents.at), asc(orderStatusEvents.id));
}

export async function latestPaymentOf(db: Database, orderId: string) {
  const [row] = await db
    .select({ payment: orderPayments, method: paymentMethods })
    .from(orderPayments)
    .leftJoin(paymentMethods, eq(paymentMethods.id, orderPayments.paymentMethodId))
    .where(eq(orderPayments.orderId, orderId))
    .orderBy(desc(orderPayments.createdAt), desc(orderPayments.id))
    .limit(1);
  return row ?? null;
}

export async function memberOf(db: Database, memberId: string) {
  const [row] = await db.select().from(members).where(eq(members.id, memberId));
  return row ?? null;
}

/** Moves an order from one of `from` to `to` (guarded: a concurrent move makes this return null). */
export async function moveOrder(
  tx: Tx,
  args: {
    orderId: string;
    from: OrderStatus[];
    to: OrderStatus;
    now: Date;
    actorUserId: string | null;
    note: string | null;
    set?: Partial<typeof orders.$inferInsert>;
  },
) {
  const [updated] = await tx
    .update(orders)
    .set({ status: args.to, updatedAt: args.now, ...args.set })
    .where(and(eq(orders.id, args.orderId), inArray(orders.status, args.from)))
    .returning();
  if (!updated) return null;
  await tx.insert(orderStatusEvents).values({
    orderId: args.orderId,
    status: args.to,
    at: args.now,
    actorUserId: args.actorUserId,
    note: args.note,
  });
  return updated;
}

export async function setEstimatedDelivery(tx: Tx, orderId: string, date: string): Promise<void> {
  await tx
    .update(orderRequests)
    .set({ estimatedDeliveryDate: date })
    .where(eq(orderRequests.orderId, orderId));
}

export async function setOrderPaymentMethod(
  db: Database,
  orderId: string,
  paymentMethodId: string,
): Promise<void> {
  await db.update(orderRequests).set({ paymentMethodId }).where(eq(orderRequests.orderId, orderId));
}

/** Records a fill on the prescription: one more fill, one refill fewer (the original fill uses none). */
export async function recordFill(tx: Tx, prescriptionId: string, fillDate: string): Promise<void> {
  await tx
    .update(prescriptions)
    .set({
      fillCount: sql`${prescriptions.fillCount} + 1`,
      refillsRemaining: sql`case when ${prescriptions.fillCount} > 0 then greatest(${prescriptions.refillsRemaining} - 1, 0) else ${prescriptions.refillsRemaining} end`,
      lastFillDate: fillDate,
      updatedAt: new Date(),
    })
    .where(eq(prescriptions.id, prescriptionId));
}

/** The status the order was in before its latest exception (where to resume). */
export async function statusBeforeException(db: Database, orderId: string): Promise<OrderStatus | null> {
  const events = await db
    .select({ status: orderStatusEvents.status })
    .from(orderStatusEvents)
    .where(eq(orderStatusEvents.orderId, orderId))
    .orderBy(desc(orderStatusEvents.at), desc(orderStatusEvents.id));
  const lastNonException = events.find((e) => e.status !== 'exception');
  return lastNonException?.status ?? null;
}

/** Keeps an item's paid claim and its patient pay (the final amount) once the fill completes. */
export async function recordItemClaim(
  tx: Tx,
  orderId: string,
  claim: { prescriptionId: string; claimId: string; patientPayCents: number },
): Promise<void> {
  await tx
    .update(orderItems)
    .set({ claimId: claim.claimId, finalMemberCostCents: claim.patientPayCents })
    .where(and(eq(orderItems.orderId, orderId), eq(orderItems.prescriptionId, claim.prescriptionId)));
}
