// Prescriptions on file at a pharmacy, with refills and auto-refill enrollment.
import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, localDate, oneOf, requiredRef, timestamptz, updatedAt } from './columns';
import { drugGroups } from './drugs';
import { members } from './members';
import { pharmacies } from './pharmacies';
import { prescribers } from './prescribers';

/** active: can be filled; on_hold: kept but not filled; expired/cancelled/transferred/completed: closed. */
export const PRESCRIPTION_STATUSES = [
  'active',
  'on_hold',
  'expired',
  'cancelled',
  'transferred',
  'completed',
] as const;

export const prescriptions = pgTable(
  'prescriptions',
  {
    id: id(),
    /** Human-facing Rx number (NCPDP 402-D2: numeric). */
    rxNumber: text('rx_number').notNull(),
    memberId: requiredRef('member_id', () => members.id),
    prescriberId: requiredRef('prescriber_id', () => prescribers.id),
    pharmacyId: requiredRef('pharmacy_id', () => pharmacies.id),
    /** Prescribed package; a generic equivalent of the same group may be dispensed. */
    ndc: text('ndc').notNull(),
    drugGroupId: requiredRef('drug_group_id', () => drugGroups.id),
    /** Quantity per fill in thousandths of a unit (30 tablets = 30000). */
    quantityMilli: integer('quantity_milli').notNull(),
    daysSupply: integer('days_supply').notNull(),
    /** Directions for use ("sig"). */
    directions: text('directions').notNull(),
    refillsAuthorized: integer('refills_authorized').notNull(),
    refillsRemaining: integer('refills_remaining').notNull(),
    writtenDate: localDate('written_date').notNull(),
    /** Last day the prescription may be filled (typically written + 1 year, 6 months for C-III-V). */
    expiryDate: localDate('expiry_date').notNull(),
    status: text('status', { enum: PRESCRIPTION_STATUSES }).notNull().default('active'),
    lastFillDate: localDate('last_fill_date'),
    /** Fills so far (0 = never filled; NCPDP fill number of the next fill). */
    fillCount: integer('fill_count').notNull().default(0),
    autoRefillEnabled: boolean('auto_refill_enabled').notNull().default(false),
    autoRefillEnrolledAt: timestamptz('auto_refill_enrolled_at'),
    /** Date the auto-refill job should next place the refill (member's local date). */
    autoRefillNextDate: localDate('auto_refill_next_date'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('prescriptions_rx_number_uq').on(t.rxNumber),
    index('prescriptions_member_idx').on(t.memberId, t.status),
    index('prescriptions_prescriber_idx').on(t.prescriberId),
    index('prescriptions_pharmacy_idx').on(t.pharmacyId),
    index('prescriptions_auto_refill_idx')
      .on(t.autoRefillNextDate)
      .where(sql`${t.autoRefillEnabled} and ${t.status} = 'active'`),
    check('prescriptions_status_ck', oneOf(t.status, PRESCRIPTION_STATUSES)),
    check('prescriptions_ndc_ck', sql`${t.ndc} ~ '^[0-9]{11}$'`),
    check('prescriptions_quantity_ck', sql`${t.quantityMilli} > 0 and ${t.daysSupply} > 0`),
    check(
      'prescriptions_refills_ck',
      sql`${t.refillsRemaining} >= 0 and ${t.refillsRemaining} <= ${t.refillsAuthorized} and ${t.fillCount} >= 0`,
    ),
    check('prescriptions_dates_ck', sql`${t.expiryDate} >= ${t.writtenDate}`),
  ],
);

export type Prescription = typeof prescriptions.$inferSelect;
