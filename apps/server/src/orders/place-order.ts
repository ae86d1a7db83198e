// Placing a home-delivery order for one member's refills: every refill rule checked with a clear message per
// prescription (no refills left, expired, too soon with its date, already in an order, not covered), priced by the
// benefits engine, paid with a card on file when the member owes anything, and created in one transaction that
// locks the prescriptions so two requests cannot order the same refill twice. Used by the member's checkout and
// by the automatic-refill job.
import { estimateDelivery, localDateInTimeZone } from '@openpbm/domain';
import type { OrderQuoteResponse, ShippingAddress, ShippingSpeedValue } from '@openpbm/shared/pharmacy';
import type { AppDeps } from '../app-deps';
import { requireUsableMethod } from '../payments/service';
import { badRequest, notFound, ProblemError } from '../platform/problem';
import { refillFacts } from '../prescriptions/refill-view';
import { type PrescriptionRow, selectPrescriptions } from '../prescriptions/repo';
import { recordAudit } from '../privacy/audit';
import { addressOnFile, encryptAddress } from './address';
import { ORDER_COST_DISCLAIMER, type OrderPricing, priceRefills } from './pricing';
import * as repo from './repo';

export interface RefillCheck {
  rows: PrescriptionRow[];
  pricing: OrderPricing;
  today: string;
  timeZone: string;
}

const notAllowed = (errors: Array<{ field: string; message: string }>) =>
  new ProblemError(
    422,
    'refill-not-allowed',
    'Some prescriptions cannot be refilled now',
    errors.length === 1 ? errors[0]?.message : 'See the message for each prescription.',
    errors,
  );

/** Checks every prescription against the refill rules and prices the order; throws 404/422 with field errors. */
export async function checkRefills(
  deps: AppDeps,
  memberId: string,
  prescriptionIds: string[],
): Promise<RefillCheck> {
  const found = await selectPrescriptions(deps.db.sql, prescriptionIds);
  const rows = prescriptionIds.map((id) => found.find((r) => r.id === id));
  if (rows.some((r) => !r || r.member_id !== memberId)) {
    throw notFound('One of these prescriptions is not available to you, or they belong to different people.');
  }
  const present = rows as PrescriptionRow[];
  const timeZone = present[0]?.time_zone ?? 'America/New_York';
  const today = localDateInTimeZone(deps.now(), timeZone);
  const errors: Array<{ field: string; message: string }> = [];
  present.forEach((row, i) => {
    const facts = refillFacts(row, today);
    if (facts.state !== 'eligible')
      errors.push({ field: `prescriptionIds.${i}`, message: `Rx ${row.rx_number}: ${facts.message}` });
  });
  if (errors.length === 0 && new Set(present.map((r) => r.pharmacy_id)).size > 1) {
    errors.push({ field: 'prescriptionIds', message: 'These prescriptions are at different pharmacies.' });
  }
  if (errors.length) throw notAllowed(errors);

  const pricing = await priceRefills(
    deps,
    memberId,
    present.map((r) => ({
      prescriptionId: r.id,
      ndc: r.ndc,
      drugGroupId: r.drug_group_id,
      quantityMilli: r.quantity_milli,
      daysSupply: r.days_supply,
    })),
  );
  if (pricing.coverageProblem)
    throw notAllowed([{ field: 'prescriptionIds', message: pricing.coverageProblem }]);
  pricing.items.forEach((item, i) => {
    for (const message of item.blocking) {
      errors.push({ field: `prescriptionIds.${i}`, message: `Rx ${present[i]?.rx_number}: ${message}` });
    }
  });
  if (errors.length) throw notAllowed(errors);
  return { rows: present, pricing, today, timeZone };
}

export async function quoteOrder(
  deps: AppDeps,
  memberId: string,
  prescriptionIds: string[],
): Promise<OrderQuoteResponse> {
  const check = await checkRefills(deps, memberId, prescriptionIds);
  const member = await repo.memberOf(deps.db.db, memberId);
  if (!member) throw notFound();
  return {
    memberId,
    memberName: `${member.firstName} ${member.lastName}`,
    items: check.rows.map((row, i) => ({
      prescriptionId: row.id,
      rxNumber: row.rx_number,
      drugName: row.drug_name,
      quantity: row.quantity_milli / 1000,
      daysSupply: row.days_supply,
      memberCostCents: check.pricing.items[i]?.memberCostCents ?? 0,
      messages: check.pricing.items[i]?.messages ?? [],
    })),
    totalMemberCostCents: check.pricing.totalMemberCostCents,
    costBasis: check.pricing.costBasis,
    addressOnFile: addressOnFile(deps.config, member),
    estimatedDelivery: {
      standard: estimateDelivery(check.today, 'standard', false),
      expedited: estimateDelivery(check.today, 'expedited', false),
    },
    disclaimer: ORDER_COST_DISCLAIMER,
  };
}

export interface PlaceOrderInput {
  /** The patient. */
  memberId: string;
  /** Whose cards pay (the signed-in member, or the enrollee of an automatic refill). */
  payerMemberId: string;
  prescriptionIds: string[];
  shippingSpeed: ShippingSpeedValue;
  shippingAddress: ShippingAddress | null;
  paymentMethodId: string | null;
  source: 'member' | 'auto_refill';
  actor: { userId: string | null; role: string | null; ip: string | null };
  idempotencyKey: string | null;
}

export interface PlacedOrder {
  orderId: string;
  orderNumber: string;
  /** False when an earlier request with the same idempotency key had already created it. */
  created: boolean;
}

export async function placeOrder(deps: AppDeps, input: PlaceOrderInput): Promise<PlacedOrder> {
  const db = deps.db.db;
  if (input.idempotencyKey) {
    const existing = await repo.findOrderByIdempotencyKey(db, input.memberId, input.idempotencyKey);
    if (existing) return { orderId: existing.id, orderNumber: existing.orderNumber, created: false };
  }
  const check = await checkRefills(deps, input.memberId, input.prescriptionIds);
  const total = check.pricing.totalMemberCostCents;
  let paymentMethodId: string | null = null;
  if (input.paymentMethodId) {
    paymentMethodId = (await requireUsableMethod(deps, input.payerMemberId, input.paymentMethodId)).id;
  } else if (total > 0) {
    throw badRequest('Choose how to pay.', [
      { field: 'paymentMethodId', message: 'Choose a card on file to pay for this order' },
    ]);
  }
  const member = await repo.memberOf(db, input.memberId);
  if (!member) throw notFound();
  const address = input.shippingAddress ?? addressOnFile(deps.config, member);
  const pharmacyId = check.rows[0]?.pharmacy_id as string;
  const now = deps.now();

  const order = await db.transaction(async (tx) => {
    const open = await repo.lockPrescriptionsAndFindOpen(tx, input.prescriptionIds);
    if (open.size > 0) {
      throw notAllowed(
        check.rows
          .map((row, i) => ({ row, i }))
          .filter(({ row }) => open.has(row.id))
          .map(({ row, i }) => ({
            field: `prescriptionIds.${i}`,
            message: `Rx ${row.rx_number} is already in an open order.`,
          })),
      );
    }
    return repo.insertOrder(tx, {
      orderNumber: await repo.nextOrderNumber(tx),
      memberId: input.memberId,
      pharmacyId,
      shippingAddressEnc: encryptAddress(deps.config, address),
      shippingZip: address.zip,
      totalMemberCostCents: total,
      idempotencyKey: input.idempotencyKey,
      items: check.rows.map((row, i) => ({
        prescriptionId: row.id,
        quantityMilli: row.quantity_milli,
        daysSupply: row.days_supply,
        memberCostCents: check.pricing.items[i]?.memberCostCents ?? 0,
      })),
      request: {
        source: input.source,
        requestedByUserId: input.actor.userId,
        shippingSpeed: input.shippingSpeed,
        paymentMethodId,
        costBasis: check.pricing.costBasis,
        estimatedDeliveryDate: estimateDelivery(check.today, input.shippingSpeed, false),
      },
      now,
    });
  });
  await recordAudit(
    db,
    {
      actorUserId: input.actor.userId,
      actorRole: input.actor.role ?? 'system',
      action: 'created',
      resourceType: 'order',
      resourceId: order.id,
      memberId: input.memberId,
      reason: input.source === 'auto_refill' ? 'automatic_refill' : 'member_request',
      ip: input.actor.ip,
      detail: { items: check.rows.length, source: input.source },
    },
    now,
  );
  return { orderId: order.id, orderNumber: order.orderNumber, created: true };
}
