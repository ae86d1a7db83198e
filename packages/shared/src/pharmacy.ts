// API contracts of the member pharmacy pages (prescriptions, refills, home-delivery orders and tracking) and the
// home-delivery pharmacy staff console. Dates are 'YYYY-MM-DD' in the member's time zone; instants are ISO UTC;
// money is integer cents.
import { z } from 'zod';
import { accessibleMember } from './family';
import { calendarDate, text } from './input';

const uuid = z.uuid();
const localDate = calendarDate();
const cents = z.number().int().min(0);

// ---------- prescriptions ----------

/** What can happen next with a prescription, as the member sees it today. */
export const refillState = z.enum([
  'eligible',
  'too_soon',
  'no_refills_left',
  'expired',
  'in_progress',
  'retail',
  'on_hold',
  'closed',
]);
export type RefillStateValue = z.infer<typeof refillState>;

export const prescriptionSummary = z.object({
  id: uuid,
  rxNumber: z.string(),
  memberId: uuid,
  memberName: z.string(),
  drugName: z.string(),
  ndc: z.string(),
  maintenance: z.boolean(),
  directions: z.string(),
  quantity: z.number(),
  daysSupply: z.number().int(),
  prescriber: z.object({ id: uuid, name: z.string(), phone: z.string() }),
  pharmacy: z.object({ id: uuid, name: z.string(), phone: z.string(), homeDelivery: z.boolean() }),
  status: z.enum(['active', 'on_hold', 'expired', 'cancelled', 'transferred', 'completed']),
  /** Active and still fillable (not expired, not closed). */
  current: z.boolean(),
  refillsAuthorized: z.number().int(),
  refillsRemaining: z.number().int(),
  lastFillDate: localDate.nullable(),
  nextEligibleDate: localDate.nullable(),
  /** Last day it can be filled. */
  fillableThrough: localDate,
  refillState,
  refillMessage: z.string(),
  canRefill: z.boolean(),
  canTransferToHomeDelivery: z.boolean(),
  canAskDoctor: z.boolean(),
  openOrder: z.object({ id: uuid, orderNumber: z.string(), status: z.string() }).nullable(),
  autoRefill: z
    .object({ enrollmentId: uuid, status: z.enum(['active', 'paused']), nextRefillDate: localDate })
    .nullable(),
  autoRefillEligible: z.boolean(),
});
export type PrescriptionSummary = z.infer<typeof prescriptionSummary>;

export const prescriptionSearchRequest = z.object({
  /** One family member; all members the signed-in member may see when absent. */
  memberId: uuid.optional(),
  status: z.enum(['current', 'past', 'all']).default('current'),
  /** Drug name, Rx number or prescriber name. */
  query: text(80, { maxMessage: 'Enter at most 80 characters' }).optional(),
  /** Only prescriptions that can be refilled today. */
  refillableOnly: z.boolean().optional(),
});
export type PrescriptionSearchRequest = z.input<typeof prescriptionSearchRequest>;

export const prescriptionsResponse = z.object({
  members: z.array(accessibleMember),
  prescriptions: z.array(prescriptionSummary),
  notice: z.string().nullable(),
});
export type PrescriptionsResponse = z.infer<typeof prescriptionsResponse>;

export const prescriptionFill = z.object({
  date: localDate,
  source: z.enum(['claim', 'home_delivery']),
  pharmacyName: z.string(),
  quantity: z.number(),
  daysSupply: z.number().int(),
  memberPaidCents: cents.nullable(),
  orderId: uuid.nullable(),
});

export const prescriptionDetail = prescriptionSummary.extend({
  writtenDate: localDate,
  fills: z.array(prescriptionFill),
});
export type PrescriptionDetail = z.infer<typeof prescriptionDetail>;

// ---------- refills into home-delivery orders ----------

export const shippingAddress = z.object({
  line1: text(100).min(1, 'Enter the street address'),
  line2: text(100).optional(),
  city: text(60).min(1, 'Enter the city'),
  state: z
    .string()
    .trim()
    .regex(/^[A-Z]{2}$/, 'Use the 2-letter state code'),
  zip: z
    .string()
    .trim()
    .regex(/^\d{5}$/, 'Enter a 5-digit ZIP code'),
});
export type ShippingAddress = z.infer<typeof shippingAddress>;

export const shippingSpeed = z.enum(['standard', 'expedited']);
export type ShippingSpeedValue = z.infer<typeof shippingSpeed>;

const prescriptionIds = z
  .array(uuid)
  .min(1, 'Choose at least one prescription')
  .max(10, 'Choose at most 10 prescriptions')
  .refine((ids) => new Set(ids).size === ids.length, 'Each prescription can be chosen once');

export const orderQuoteRequest = z.object({ prescriptionIds });
export type OrderQuoteRequest = z.infer<typeof orderQuoteRequest>;

export const orderQuoteItem = z.object({
  prescriptionId: uuid,
  rxNumber: z.string(),
  drugName: z.string(),
  quantity: z.number(),
  daysSupply: z.number().int(),
  memberCostCents: cents,
  messages: z.array(z.string()),
});

export const orderQuoteResponse = z.object({
  memberId: uuid,
  memberName: z.string(),
  items: z.array(orderQuoteItem),
  totalMemberCostCents: cents,
  /** benefits_engine: priced by the plan's own rules on today's accumulators. */
  costBasis: z.enum(['benefits_engine', 'plan_estimate']),
  addressOnFile: shippingAddress,
  estimatedDelivery: z.object({ standard: localDate, expedited: localDate }),
  disclaimer: z.string(),
});
export type OrderQuoteResponse = z.infer<typeof orderQuoteResponse>;

export const createOrderRequest = z.object({
  prescriptionIds,
  shippingSpeed: shippingSpeed.default('standard'),
  /** Absent: the address on file. */
  shippingAddress: shippingAddress.optional(),
  /** Required when the member owes anything. */
  paymentMethodId: uuid.optional(),
});
export type CreateOrderRequest = z.input<typeof createOrderRequest>;

export const orderStatus = z.enum([
  'received',
  'verified',
  'filled',
  'shipped',
  'delivered',
  'exception',
  'cancelled',
]);
export type OrderStatusValue = z.infer<typeof orderStatus>;

export const ORDER_STATUS_LABELS: Record<OrderStatusValue, string> = {
  received: 'Order received',
  verified: 'Checked by a pharmacist',
  filled: 'Filled and packed',
  shipped: 'Shipped',
  delivered: 'Delivered',
  exception: 'Needs attention',
  cancelled: 'Cancelled',
};

export const orderSummary = z.object({
  id: uuid,
  orderNumber: z.string(),
  memberId: uuid,
  memberName: z.string(),
  status: orderStatus,
  source: z.enum(['member', 'auto_refill']),
  createdAt: z.string(),
  itemCount: z.number().int(),
  /** The checkout estimate until the order is filled, then what the pharmacy's claims charged. */
  totalMemberCostCents: cents,
  costIsFinal: z.boolean(),
  estimatedDeliveryDate: localDate.nullable(),
  carrier: z.string().nullable(),
  trackingNumber: z.string().nullable(),
  trackingUrl: z.string().nullable(),
});
export type OrderSummary = z.infer<typeof orderSummary>;

export const ordersResponse = z.object({ orders: z.array(orderSummary) });

export const orderItemView = z.object({
  prescriptionId: uuid,
  rxNumber: z.string(),
  drugName: z.string(),
  quantity: z.number(),
  daysSupply: z.number().int(),
  memberCostCents: cents,
});

export const orderTimelineStep = z.object({
  status: orderStatus,
  label: z.string(),
  /** When the order reached this step; null while it has not. */
  at: z.string().nullable(),
  done: z.boolean(),
  current: z.boolean(),
});

export const orderEventView = z.object({ status: orderStatus, at: z.string(), note: z.string().nullable() });

export const orderDetail = orderSummary.extend({
  items: z.array(orderItemView),
  timeline: z.array(orderTimelineStep),
  events: z.array(orderEventView),
  shippingAddress,
  shippingSpeed,
  payment: z.object({
    cardLabel: z.string().nullable(),
    status: z.enum(['pending', 'captured', 'declined', 'not_required']),
    declineReason: z.string().nullable(),
  }),
  exceptionReason: z.string().nullable(),
  shippedAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  canCancel: z.boolean(),
  /** The card was declined: choose another card to continue. */
  needsNewPayment: z.boolean(),
});
export type OrderDetail = z.infer<typeof orderDetail>;

export const changeOrderPaymentRequest = z.object({ paymentMethodId: uuid });

// ---------- home-delivery pharmacy staff console ----------

export const queueStatus = z.enum(['received', 'verified', 'filled', 'shipped', 'exception']);

export const queueItem = z.object({
  id: uuid,
  orderNumber: z.string(),
  status: orderStatus,
  memberName: z.string(),
  itemCount: z.number().int(),
  shippingSpeed,
  createdAt: z.string(),
  /** Last status change. */
  updatedAt: z.string(),
  /** Why an order in exception stopped (e.g. "Payment unconfirmed: …"); null otherwise. */
  exceptionReason: z.string().nullable(),
});
export const queueResponse = z.object({
  orders: z.array(queueItem),
  counts: z.record(z.string(), z.number().int()),
});
export type QueueResponse = z.infer<typeof queueResponse>;

export const durWarning = z.object({
  prescriptionId: uuid,
  reasonCode: z.string(),
  severity: z.string(),
  message: z.string(),
  conflictingDrug: z.string(),
  previousFillDate: localDate,
  /** Who raised it: "Starter list", "VA NDF-RT", "ONC high-priority" (interactions) or "Claims history". */
  source: z.string(),
});
export type DurWarningView = z.infer<typeof durWarning>;

export const staffOrderDetail = z.object({
  id: uuid,
  orderNumber: z.string(),
  status: orderStatus,
  source: z.enum(['member', 'auto_refill']),
  /** Name and date of birth identify the patient for the pharmacist; the internal member id is not needed. */
  member: z.object({ name: z.string(), dateOfBirth: localDate }),
  items: z.array(
    orderItemView.extend({
      directions: z.string(),
      prescriberName: z.string(),
      ndc: z.string(),
      refillsRemaining: z.number().int(),
    }),
  ),
  durWarnings: z.array(durWarning),
  /** Item amounts are the paid claims' patient pay (after the fill), else the checkout estimate. */
  costIsFinal: z.boolean(),
  events: z.array(orderEventView.extend({ actorName: z.string().nullable() })),
  shippingAddress,
  shippingSpeed,
  payment: z.object({
    /** charging: an attempt whose outcome the card service has not confirmed yet (never charged twice). */
    status: z.enum(['pending', 'charging', 'captured', 'declined', 'not_required']),
    cardLabel: z.string().nullable(),
  }),
  carrier: z.string().nullable(),
  trackingNumber: z.string().nullable(),
  exceptionReason: z.string().nullable(),
  createdAt: z.string(),
  /** What the staff member can do next. */
  actions: z.array(z.enum(['verify', 'fill', 'ship', 'deliver', 'exception', 'resume', 'cancel'])),
});
export type StaffOrderDetail = z.infer<typeof staffOrderDetail>;

export const verifyOrderRequest = z.object({
  /** Required when the order has DUR warnings: the pharmacist reviewed them. */
  durReviewed: z.boolean().optional(),
  note: text(500, { multiline: true }).optional(),
});
export const shipOrderRequest = z.object({
  carrier: z.enum(['UPS', 'USPS', 'FedEx']),
  trackingNumber: text(40).min(6),
});
export const exceptionRequest = z.object({
  reason: text(300).min(3, 'Say what the problem is'),
});
export const noteRequest = z.object({ note: text(500, { multiline: true }).optional() });
