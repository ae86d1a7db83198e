// The home-delivery pharmacy's member-facing side beyond the order itself: how an order was requested (shipping
// speed, payment card, estimated delivery), auto-refill enrollments, prescription transfers in from retail
// pharmacies, requests to contact a prescriber, and where each new prescription came from.
import { sql } from 'drizzle-orm';
import { check, index, pgSequence, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { claims } from './claims';
import { createdAt, id, localDate, oneOf, requiredRef, timestamptz, updatedAt } from './columns';
import { members } from './members';
import { orders } from './orders';
import { paymentMethods } from './payments';
import { pharmacies } from './pharmacies';
import { prescribers } from './prescribers';
import { prescriptions } from './prescriptions';
import { users } from './users';

/** Order numbers "HD" + 8 digits and new Rx numbers; started high so seeded numbers never collide. */
export const orderNumberSeq = pgSequence('order_number_seq', { startWith: 60_000_001 });
export const rxNumberSeq = pgSequence('rx_number_seq', { startWith: 80_000_001 });

export const ORDER_SOURCES = ['member', 'auto_refill'] as const;
export const SHIPPING_SPEEDS = ['standard', 'expedited'] as const;
export type ShippingSpeed = (typeof SHIPPING_SPEEDS)[number];
/** benefits_engine: priced by the claims engine; plan_estimate: plan cost share on the reference price. */
export const COST_BASES = ['benefits_engine', 'plan_estimate'] as const;

/** One row per order: what the orders table does not say about how it was asked for. */
export const orderRequests = pgTable(
  'order_requests',
  {
    orderId: uuid('order_id')
      .primaryKey()
      .references(() => orders.id, { onDelete: 'cascade' }),
    source: text('source', { enum: ORDER_SOURCES }).notNull(),
    requestedByUserId: uuid('requested_by_user_id').references(() => users.id),
    shippingSpeed: text('shipping_speed', { enum: SHIPPING_SPEEDS }).notNull(),
    paymentMethodId: uuid('payment_method_id').references(() => paymentMethods.id),
    costBasis: text('cost_basis', { enum: COST_BASES }).notNull(),
    /** Member's local date; recomputed when the order ships. */
    estimatedDeliveryDate: localDate('estimated_delivery_date'),
    createdAt: createdAt(),
  },
  (t) => [
    check('order_requests_source_ck', oneOf(t.source, ORDER_SOURCES)),
    check('order_requests_speed_ck', oneOf(t.shippingSpeed, SHIPPING_SPEEDS)),
    check('order_requests_cost_basis_ck', oneOf(t.costBasis, COST_BASES)),
  ],
);

export const AUTO_REFILL_STATUSES = ['active', 'paused', 'cancelled'] as const;
export type AutoRefillStatus = (typeof AUTO_REFILL_STATUSES)[number];

export const autoRefillEnrollments = pgTable(
  'auto_refill_enrollments',
  {
    id: id(),
    prescriptionId: requiredRef('prescription_id', () => prescriptions.id),
    /** The patient. */
    memberId: requiredRef('member_id', () => members.id),
    enrolledByUserId: requiredRef('enrolled_by_user_id', () => users.id),
    paymentMethodId: requiredRef('payment_method_id', () => paymentMethods.id),
    status: text('status', { enum: AUTO_REFILL_STATUSES }).notNull().default('active'),
    /** Member's local date on which the job places the next order. */
    nextRefillDate: localDate('next_refill_date').notNull(),
    lastOrderId: uuid('last_order_id').references(() => orders.id),
    /** Why the last run could not place an order (e.g. "no_refills_left"); null after a success. */
    lastProblem: text('last_problem'),
    lastRunAt: timestamptz('last_run_at'),
    pausedAt: timestamptz('paused_at'),
    cancelledAt: timestamptz('cancelled_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('auto_refill_enrollments_live_uq')
      .on(t.prescriptionId)
      .where(sql`${t.status} <> 'cancelled'`),
    index('auto_refill_enrollments_due_idx').on(t.nextRefillDate).where(sql`${t.status} = 'active'`),
    index('auto_refill_enrollments_member_idx').on(t.memberId),
    check('auto_refill_enrollments_status_ck', oneOf(t.status, AUTO_REFILL_STATUSES)),
  ],
);

/** requested → in_progress (staff called the pharmacy) → completed (new Rx on file) or rejected; cancelled by the member. */
export const TRANSFER_STATUSES = ['requested', 'in_progress', 'completed', 'rejected', 'cancelled'] as const;
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];

export const prescriptionTransfers = pgTable(
  'prescription_transfers',
  {
    id: id(),
    memberId: requiredRef('member_id', () => members.id),
    requestedByUserId: requiredRef('requested_by_user_id', () => users.id),
    /** The retail pharmacy the prescription is at (picked from the directory or typed in). */
    fromPharmacyId: uuid('from_pharmacy_id').references(() => pharmacies.id),
    fromPharmacyName: text('from_pharmacy_name').notNull(),
    fromPharmacyPhone: text('from_pharmacy_phone'),
    fromRxNumber: text('from_rx_number').notNull(),
    /** What the member typed to describe the medicine (claims-history transfers use the claim instead). */
    drugDescription: text('drug_description'),
    claimId: uuid('claim_id').references(() => claims.id),
    sourcePrescriptionId: uuid('source_prescription_id').references(() => prescriptions.id),
    /** The home-delivery pharmacy receiving it. */
    toPharmacyId: requiredRef('to_pharmacy_id', () => pharmacies.id),
    status: text('status', { enum: TRANSFER_STATUSES }).notNull().default('requested'),
    staffUserId: uuid('staff_user_id').references(() => users.id),
    /** Shown to the member when rejected (e.g. "no refills left at the other pharmacy"). */
    resolutionNote: text('resolution_note'),
    newPrescriptionId: uuid('new_prescription_id').references(() => prescriptions.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    resolvedAt: timestamptz('resolved_at'),
  },
  (t) => [
    index('prescription_transfers_member_idx').on(t.memberId, t.createdAt),
    index('prescription_transfers_queue_idx').on(t.toPharmacyId, t.status, t.createdAt),
    check('prescription_transfers_status_ck', oneOf(t.status, TRANSFER_STATUSES)),
  ],
);

/** open → completed (the prescriber sent a new prescription) or declined; cancelled by the member. */
export const CONTACT_REQUEST_STATUSES = ['open', 'completed', 'declined', 'cancelled'] as const;
export type ContactRequestStatus = (typeof CONTACT_REQUEST_STATUSES)[number];

/** "Ask my doctor for a new prescription": home delivery contacts the prescriber on the member's behalf. */
export const prescriberContactRequests = pgTable(
  'prescriber_contact_requests',
  {
    id: id(),
    memberId: requiredRef('member_id', () => members.id),
    requestedByUserId: requiredRef('requested_by_user_id', () => users.id),
    /** The prescription that ran out or expired, when the request starts from one. */
    prescriptionId: uuid('prescription_id').references(() => prescriptions.id),
    prescriberId: uuid('prescriber_id').references(() => prescribers.id),
    /** Free text when the prescriber is not in the directory. */
    prescriberName: text('prescriber_name'),
    prescriberPhone: text('prescriber_phone'),
    drugDescription: text('drug_description'),
    status: text('status', { enum: CONTACT_REQUEST_STATUSES }).notNull().default('open'),
    responseNote: text('response_note'),
    newPrescriptionId: uuid('new_prescription_id').references(() => prescriptions.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    resolvedAt: timestamptz('resolved_at'),
  },
  (t) => [
    index('prescriber_contact_requests_member_idx').on(t.memberId, t.createdAt),
    index('prescriber_contact_requests_prescriber_idx').on(t.prescriberId, t.status),
    check('prescriber_contact_requests_status_ck', oneOf(t.status, CONTACT_REQUEST_STATUSES)),
    check(
      'prescriber_contact_requests_who_ck',
      sql`${t.prescriberId} is not null or ${t.prescriberName} is not null`,
    ),
  ],
);

/** eprescribed: sent by a prescriber through the API; transfer: moved in from another pharmacy. */
export const PRESCRIPTION_ORIGINS = ['eprescribed', 'transfer'] as const;

export const prescriptionOrigins = pgTable(
  'prescription_origins',
  {
    prescriptionId: uuid('prescription_id')
      .primaryKey()
      .references(() => prescriptions.id),
    origin: text('origin', { enum: PRESCRIPTION_ORIGINS }).notNull(),
    createdByUserId: requiredRef('created_by_user_id', () => users.id),
    transferId: uuid('transfer_id').references(() => prescriptionTransfers.id),
    contactRequestId: uuid('contact_request_id').references(() => prescriberContactRequests.id),
    createdAt: createdAt(),
  },
  (t) => [check('prescription_origins_origin_ck', oneOf(t.origin, PRESCRIPTION_ORIGINS))],
);

export type OrderRequest = typeof orderRequests.$inferSelect;
export type AutoRefillEnrollment = typeof autoRefillEnrollments.$inferSelect;
export type PrescriptionTransfer = typeof prescriptionTransfers.$inferSelect;
export type PrescriberContactRequest = typeof prescriberContactRequests.$inferSelect;
