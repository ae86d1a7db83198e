// Pharmacies (retail, home delivery, specialty), the networks they contract with, and the contracted rates.
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { cents, createdAt, id, localDate, oneOf, requiredRef, updatedAt } from './columns';
import type { Channel } from './plans';

/** Opening hours per weekday (0 = Sunday), local time "HH:MM"; a missing day means closed. */
export type WeeklyHours = Partial<
  Record<'0' | '1' | '2' | '3' | '4' | '5' | '6', { open: string; close: string }[]>
>;

export const PHARMACY_STATUSES = ['active', 'inactive'] as const;

export const pharmacies = pgTable(
  'pharmacies',
  {
    id: id(),
    /** 10-digit NPI; the last digit is a Luhn check digit computed with the 80840 prefix. */
    npi: text('npi').notNull(),
    /** 7-digit NCPDP provider ID. */
    ncpdpId: text('ncpdp_id').notNull(),
    name: text('name').notNull(),
    /** Chains share a code (DUR "same chain" indicator). */
    chainCode: text('chain_code'),
    addressLine1: text('address_line1').notNull(),
    addressLine2: text('address_line2'),
    city: text('city').notNull(),
    state: text('state').notNull(),
    zip: text('zip').notNull(),
    latitude: doublePrecision('latitude').notNull(),
    longitude: doublePrecision('longitude').notNull(),
    phone: text('phone').notNull(),
    timeZone: text('time_zone').notNull(),
    hours: jsonb('hours').$type<WeeklyHours>().notNull(),
    open24Hours: boolean('open_24_hours').notNull().default(false),
    /** The PBM's mail-order pharmacy. */
    homeDelivery: boolean('home_delivery').notNull().default(false),
    specialty: boolean('specialty').notNull().default(false),
    status: text('status', { enum: PHARMACY_STATUSES }).notNull().default('active'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('pharmacies_npi_uq').on(t.npi),
    uniqueIndex('pharmacies_ncpdp_uq').on(t.ncpdpId),
    index('pharmacies_zip_idx').on(t.zip),
    // Pharmacy finder: bounding box on latitude first, then longitude.
    index('pharmacies_geo_idx').on(t.latitude, t.longitude),
    check('pharmacies_npi_ck', sql`${t.npi} ~ '^[0-9]{10}$'`),
    check('pharmacies_ncpdp_ck', sql`${t.ncpdpId} ~ '^[0-9]{7}$'`),
    check('pharmacies_zip_ck', sql`${t.zip} ~ '^[0-9]{5}$'`),
    check('pharmacies_status_ck', oneOf(t.status, PHARMACY_STATUSES)),
  ],
);

export const PRICE_BENCHMARKS = ['nadac', 'awp', 'wac'] as const;

/** Default reimbursement terms of a network per channel (discount off the benchmark + dispensing fee). */
export interface ChannelTerms {
  discountBps: number;
  genericDiscountBps: number;
  dispensingFeeCents: number;
}

export const pharmacyNetworks = pgTable(
  'pharmacy_networks',
  {
    id: id(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    benchmark: text('benchmark', { enum: PRICE_BENCHMARKS }).notNull(),
    /** Channels the network offers and their default terms; a missing channel is not offered. */
    terms: jsonb('terms').$type<Partial<Record<Channel, ChannelTerms>>>().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('pharmacy_networks_code_uq').on(t.code),
    check('pharmacy_networks_benchmark_ck', oneOf(t.benchmark, PRICE_BENCHMARKS)),
  ],
);

/** A pharmacy's contract in a network: its own discount and dispensing fee override the network defaults. */
export const networkPharmacies = pgTable(
  'network_pharmacies',
  {
    networkId: requiredRef('network_id', () => pharmacyNetworks.id),
    pharmacyId: requiredRef('pharmacy_id', () => pharmacies.id),
    /** Discount off the benchmark for brand drugs; 1800 = benchmark − 18%. */
    discountBps: integer('discount_bps').notNull(),
    genericDiscountBps: integer('generic_discount_bps').notNull(),
    dispensingFeeCents: cents('dispensing_fee_cents').notNull(),
    effectiveDate: localDate('effective_date').notNull(),
    terminationDate: localDate('termination_date'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.networkId, t.pharmacyId], name: 'network_pharmacies_pk' }),
    index('network_pharmacies_pharmacy_idx').on(t.pharmacyId),
    check(
      'network_pharmacies_terms_ck',
      sql`${t.discountBps} between 0 and 10000 and ${t.genericDiscountBps} between 0 and 10000 and ${t.dispensingFeeCents} >= 0`,
    ),
  ],
);

export type Pharmacy = typeof pharmacies.$inferSelect;
export type PharmacyNetwork = typeof pharmacyNetworks.$inferSelect;
export type NetworkPharmacy = typeof networkPharmacies.$inferSelect;
