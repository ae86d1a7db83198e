// Payment cards on file and the charges made for home-delivery orders. The card number itself lives only in the
// card vault (apps/vault, its own process and database); this database keeps the vault's token and what a member
// needs to recognise the card: brand, last four digits and expiry.
import { sql } from 'drizzle-orm';
import { boolean, check, index, pgTable, smallint, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { cents, createdAt, id, oneOf, requiredRef, timestamptz } from './columns';
import { members } from './members';
import { orders } from './orders';
import { users } from './users';

export const CARD_BRANDS = ['visa', 'mastercard', 'amex', 'discover', 'other'] as const;
export type CardBrand = (typeof CARD_BRANDS)[number];

export const PAYMENT_METHOD_STATUSES = ['active', 'removed'] as const;

export const paymentMethods = pgTable(
  'payment_methods',
  {
    id: id(),
    /** The account holder's member record (the person who pays, not necessarily the patient). */
    memberId: requiredRef('member_id', () => members.id),
    /** Opaque vault token ("tok_…"); only the vault can turn it back into a card number. */
    vaultToken: text('vault_token').notNull(),
    /** The vault's keyed fingerprint of the card number ("fp_…"): one active row per card and member. */
    vaultFingerprint: text('vault_fingerprint'),
    brand: text('brand', { enum: CARD_BRANDS }).notNull(),
    last4: text('last4').notNull(),
    expMonth: smallint('exp_month').notNull(),
    expYear: smallint('exp_year').notNull(),
    isDefault: boolean('is_default').notNull().default(false),
    status: text('status', { enum: PAYMENT_METHOD_STATUSES }).notNull().default('active'),
    createdByUserId: uuid('created_by_user_id').references(() => users.id),
    createdAt: createdAt(),
    removedAt: timestamptz('removed_at'),
  },
  (t) => [
    uniqueIndex('payment_methods_vault_token_uq').on(t.vaultToken),
    uniqueIndex('payment_methods_member_fingerprint_uq')
      .on(t.memberId, t.vaultFingerprint)
      .where(sql`${t.status} = 'active'`),
    index('payment_methods_member_idx').on(t.memberId, t.status),
    check('payment_methods_brand_ck', oneOf(t.brand, CARD_BRANDS)),
    check('payment_methods_status_ck', oneOf(t.status, PAYMENT_METHOD_STATUSES)),
    check('payment_methods_last4_ck', sql`${t.last4} ~ '^[0-9]{4}$'`),
    check(
      'payment_methods_exp_ck',
      sql`${t.expMonth} between 1 and 12 and ${t.expYear} between 2000 and 2199`,
    ),
  ],
);

/**
 * not_required: nothing to charge ($0 copay); declined: the processor refused (member is told to update the card);
 * charging: recorded before the vault is asked to charge, its outcome settled with the vault by the key.
 */
export const ORDER_PAYMENT_STATUSES = ['charging', 'captured', 'declined', 'not_required'] as const;
export type OrderPaymentStatus = (typeof ORDER_PAYMENT_STATUSES)[number];

export const orderPayments = pgTable(
  'order_payments',
  {
    id: id(),
    orderId: requiredRef('order_id', () => orders.id, { onDelete: 'cascade' }),
    paymentMethodId: uuid('payment_method_id').references(() => paymentMethods.id),
    amountCents: cents('amount_cents').notNull(),
    status: text('status', { enum: ORDER_PAYMENT_STATUSES }).notNull(),
    /** Processor reference of a capture; the decline reason code of a refusal. */
    processorReference: text('processor_reference'),
    declineCode: text('decline_code'),
    /** The vault charge's idempotency key (one per attempt); null for rows with nothing to charge. */
    idempotencyKey: text('idempotency_key'),
    createdAt: createdAt(),
  },
  (t) => [
    index('order_payments_order_idx').on(t.orderId, t.createdAt),
    uniqueIndex('order_payments_idempotency_key_uq').on(t.idempotencyKey),
    // One attempt in flight per order: a concurrent fill finds it instead of starting a second charge.
    uniqueIndex('order_payments_one_charging_uq').on(t.orderId).where(sql`${t.status} = 'charging'`),
    check('order_payments_status_ck', oneOf(t.status, ORDER_PAYMENT_STATUSES)),
    check('order_payments_amount_ck', sql`${t.amountCents} >= 0`),
  ],
);

export type PaymentMethod = typeof paymentMethods.$inferSelect;
export type OrderPayment = typeof orderPayments.$inferSelect;
