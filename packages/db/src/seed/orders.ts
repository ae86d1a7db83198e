// Home-delivery orders: every paid mail fill was an order that went received → verified → filled → shipped →
// delivered, and a few refills due now sit in the pharmacy's work queue.
import { addDays, type LocalDate } from '@openpbm/domain';
import { encryptField, FIELD_CONTEXTS, type FieldKey } from '../field-crypto';
import type { OrderStatus, orderItems, orderRequests, orderStatusEvents, orders } from '../schema/index';
import { at, businessInstant } from './dates';
import type { SeedFamily } from './families';
import type { IdentifierFactory } from './identifiers';
import type { Prng, SeedIds } from './prng';

export type OrderRow = typeof orders.$inferInsert;
export type OrderItemRow = typeof orderItems.$inferInsert;
export type OrderEventRow = typeof orderStatusEvents.$inferInsert;
export type OrderRequestRow = typeof orderRequests.$inferInsert;

export interface OrderRows {
  orders: OrderRow[];
  items: OrderItemRow[];
  events: OrderEventRow[];
  /** Only open orders have one: they were asked for after requests were recorded. */
  requests: OrderRequestRow[];
}

export interface OrderLine {
  prescriptionId: string;
  quantityMilli: number;
  daysSupply: number;
  memberCostCents: number;
  claimId: string | null;
}

export interface OrderContext {
  ids: SeedIds;
  numbers: IdentifierFactory;
  fieldKey: FieldKey;
  pharmacyId: string;
  asOf: LocalDate;
}

const encryptedAddresses = new WeakMap<SeedFamily, string>();

/** The family's address, encrypted once: every order of the family ships to it (saves a cipher per order). */
function shippingAddress(ctx: OrderContext, family: SeedFamily): string {
  const cached = encryptedAddresses.get(family);
  if (cached) return cached;
  const address = {
    line1: family.addressLine1,
    ...(family.addressLine2 ? { line2: family.addressLine2 } : {}),
    city: family.zip.city,
    state: family.zip.state,
    zip: family.zip.zip,
  };
  const encrypted = encryptField(ctx.fieldKey, JSON.stringify(address), FIELD_CONTEXTS.orderShippingAddress);
  encryptedAddresses.set(family, encrypted);
  return encrypted;
}

function tracking(prng: Prng): { carrier: string; trackingNumber: string } {
  const carrier = prng.weighted([
    ['USPS', 5],
    ['UPS', 3],
    ['FedEx', 2],
  ] as const);
  if (carrier === 'USPS') return { carrier, trackingNumber: `9400${prng.digits(18)}` };
  if (carrier === 'UPS')
    return { carrier, trackingNumber: `1Z${prng.digits(3)}E${prng.digits(2)}03${prng.digits(8)}` };
  return { carrier, trackingNumber: prng.digits(12) };
}

function event(ctx: OrderContext, orderId: string, status: OrderStatus, when: Date): OrderEventRow {
  return { id: ctx.ids.next(), orderId, status, at: when };
}

/** A filled mail order for one member's fills on one date of service. */
export function completedOrder(
  ctx: OrderContext,
  prng: Prng,
  family: SeedFamily,
  memberId: string,
  dateOfService: LocalDate,
  lines: readonly OrderLine[],
  out: OrderRows,
): void {
  const id = ctx.ids.next();
  const receivedAt = businessInstant(prng, addDays(dateOfService, -1));
  const shippedAt = at(dateOfService, '21:30');
  const deliveredDate = addDays(dateOfService, prng.int(2, 3));
  const delivered = deliveredDate < ctx.asOf;
  const deliveredAt = delivered ? at(deliveredDate, '18:00') : null;
  out.orders.push({
    id,
    orderNumber: ctx.numbers.orderNumber(),
    memberId,
    pharmacyId: ctx.pharmacyId,
    status: delivered ? 'delivered' : 'shipped',
    shippingAddressEnc: shippingAddress(ctx, family),
    shippingZip: family.zip.zip,
    totalMemberCostCents: lines.reduce((sum, line) => sum + line.memberCostCents, 0),
    ...tracking(prng),
    shippedAt,
    deliveredAt,
    createdAt: receivedAt,
  });
  for (const line of lines)
    out.items.push({ id: ctx.ids.next(), orderId: id, ...line, createdAt: receivedAt });
  out.events.push(
    event(ctx, id, 'received', receivedAt),
    event(ctx, id, 'verified', at(dateOfService, '14:00')),
    event(ctx, id, 'filled', at(dateOfService, '17:00')),
    event(ctx, id, 'shipped', shippedAt),
  );
  if (deliveredAt) out.events.push(event(ctx, id, 'delivered', deliveredAt));
}

/**
 * A refill the member asked for yesterday, not yet filled (no claim until the pharmacy adjudicates it). Like an
 * order placed in the portal it has a request (how it was asked for) and an estimate: the plan cost share of the
 * last mail fill (`estimateCents`). No card is on file (the seed has no card vault), so a fill that leaves the
 * member something to pay stops until they choose one; the request is where their card then goes.
 */
export function openOrder(
  ctx: OrderContext,
  prng: Prng,
  family: SeedFamily,
  memberId: string,
  line: Omit<OrderLine, 'claimId'>,
  out: OrderRows,
): void {
  const id = ctx.ids.next();
  const receivedAt = businessInstant(prng, addDays(ctx.asOf, -1));
  const verified = prng.chance(0.4);
  out.orders.push({
    id,
    orderNumber: ctx.numbers.orderNumber(),
    memberId,
    pharmacyId: ctx.pharmacyId,
    status: verified ? 'verified' : 'received',
    shippingAddressEnc: shippingAddress(ctx, family),
    shippingZip: family.zip.zip,
    totalMemberCostCents: line.memberCostCents,
    createdAt: receivedAt,
  });
  out.items.push({ id: ctx.ids.next(), orderId: id, ...line, claimId: null, createdAt: receivedAt });
  out.requests.push({
    orderId: id,
    source: 'member',
    shippingSpeed: 'standard',
    paymentMethodId: null,
    costBasis: 'plan_estimate',
    createdAt: receivedAt,
  });
  out.events.push(event(ctx, id, 'received', receivedAt));
  if (verified) out.events.push(event(ctx, id, 'verified', new Date(receivedAt.getTime() + 2 * 3_600_000)));
}
