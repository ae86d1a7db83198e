// Benefit designs: limits, cost share per formulary tier and channel, claim routing, and their plan years.
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { cents, createdAt, id, localDate, nonNegative, oneOf, requiredRef, updatedAt } from './columns';
import { formularies } from './formularies';
import { pharmacyNetworks } from './pharmacies';

/** Formulary tier: 1 generic, 2 preferred brand, 3 non-preferred brand, 4 specialty. */
export const TIERS = [1, 2, 3, 4] as const;
export type Tier = (typeof TIERS)[number];

/** Where and for how long a fill is dispensed; cost share is set per channel. */
export const CHANNELS = ['retail_30', 'retail_90', 'home_delivery_90', 'specialty'] as const;
export type Channel = (typeof CHANNELS)[number];

export const COST_SHARE_KINDS = ['copay', 'coinsurance'] as const;
export const PLAN_STATUSES = ['active', 'retired'] as const;

export const plans = pgTable(
  'plans',
  {
    id: id(),
    /** Human-facing plan code, e.g. "OPB-GOLD". */
    code: text('code').notNull(),
    name: text('name').notNull(),
    status: text('status', { enum: PLAN_STATUSES }).notNull().default('active'),
    /** Plan years start on this month/day every year; accumulators reset then. */
    planYearStartMonth: smallint('plan_year_start_month').notNull().default(1),
    planYearStartDay: smallint('plan_year_start_day').notNull().default(1),
    deductibleIndividualCents: cents('deductible_individual_cents').notNull(),
    deductibleFamilyCents: cents('deductible_family_cents').notNull(),
    oopMaxIndividualCents: cents('oop_max_individual_cents').notNull(),
    oopMaxFamilyCents: cents('oop_max_family_cents').notNull(),
    /** Longest days supply per fill by channel, e.g. { retail_30: 34, retail_90: 90, ... }. */
    maxDaysSupply: jsonb('max_days_supply').$type<Record<Channel, number>>().notNull(),
    /** Share of the previous fill's days supply that must elapse before a refill; 7500 = 75%. */
    refillThresholdBps: integer('refill_threshold_bps').notNull().default(7500),
    formularyId: requiredRef('formulary_id', () => formularies.id),
    pharmacyNetworkId: requiredRef('pharmacy_network_id', () => pharmacyNetworks.id),
    /** Claim routing printed on the ID card (NCPDP 101-A1 BIN, 104-A4 PCN, 301-C1 group). */
    bin: text('bin').notNull(),
    pcn: text('pcn').notNull(),
    rxGroup: text('rx_group').notNull(),
    customerServicePhone: text('customer_service_phone').notNull(),
    /**
     * NCPDP N1-N3 information reports (fills paid outside the plan, e.g. cash) count toward the deductible and
     * out-of-pocket maximum only when true.
     */
    informationReportsCount: boolean('information_reports_count').notNull().default(false),
    /** Added to the dispensing fee of a paid compound (406-D6 = 2): the pharmacist's compounding time. */
    compoundFeeCents: integer('compound_fee_cents').notNull().default(0),
    /** Days-supply and quantity (thousandths) caps per DEA schedule, e.g. { "2": { "maxDaysSupply": 30 } }. */
    controlledSubstanceLimits: jsonb('controlled_substance_limits')
      .$type<Partial<Record<'2' | '3' | '4' | '5', { maxDaysSupply?: number; maxQuantityMilli?: number }>>>()
      .notNull()
      .default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('plans_code_uq').on(t.code),
    uniqueIndex('plans_routing_uq').on(t.bin, t.pcn, t.rxGroup),
    check('plans_status_ck', oneOf(t.status, PLAN_STATUSES)),
    check(
      'plans_year_start_ck',
      sql`${t.planYearStartMonth} between 1 and 12 and ${t.planYearStartDay} between 1 and 31`,
    ),
    check(
      'plans_limits_ck',
      sql`${t.deductibleIndividualCents} >= 0 and ${t.deductibleFamilyCents} >= ${t.deductibleIndividualCents}
        and ${t.oopMaxIndividualCents} >= ${t.deductibleIndividualCents} and ${t.oopMaxFamilyCents} >= ${t.oopMaxIndividualCents}`,
    ),
    check('plans_bin_ck', sql`${t.bin} ~ '^[0-9]{6}$'`),
    check('plans_refill_threshold_ck', sql`${t.refillThresholdBps} between 0 and 10000`),
  ],
);

/** Member cost share for one tier through one channel; no row = that tier is not covered through that channel. */
export const planCostShares = pgTable(
  'plan_cost_shares',
  {
    planId: requiredRef('plan_id', () => plans.id, { onDelete: 'cascade' }),
    tier: smallint('tier').notNull().$type<Tier>(),
    channel: text('channel', { enum: CHANNELS }).notNull(),
    kind: text('kind', { enum: COST_SHARE_KINDS }).notNull(),
    copayCents: cents('copay_cents'),
    /** 2000 = 20%. */
    coinsuranceBps: integer('coinsurance_bps'),
    minCopayCents: cents('min_copay_cents'),
    maxCopayCents: cents('max_copay_cents'),
    /** True when the member pays the full price until the deductible is met. */
    deductibleApplies: boolean('deductible_applies').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.planId, t.tier, t.channel], name: 'plan_cost_shares_pk' }),
    check('plan_cost_shares_tier_ck', sql`${t.tier} between 1 and 4`),
    check('plan_cost_shares_channel_ck', oneOf(t.channel, CHANNELS)),
    check(
      'plan_cost_shares_kind_ck',
      sql`(${t.kind} = 'copay' and ${t.copayCents} is not null and ${t.copayCents} >= 0 and ${t.coinsuranceBps} is null)
        or (${t.kind} = 'coinsurance' and ${t.coinsuranceBps} between 0 and 10000 and ${t.copayCents} is null)`,
    ),
    check(
      'plan_cost_shares_clamp_ck',
      sql`coalesce(${t.minCopayCents}, 0) >= 0 and coalesce(${t.maxCopayCents}, 0) >= 0
        and (${t.minCopayCents} is null or ${t.maxCopayCents} is null or ${t.minCopayCents} <= ${t.maxCopayCents})`,
    ),
  ],
);

export const planYears = pgTable(
  'plan_years',
  {
    id: id(),
    planId: requiredRef('plan_id', () => plans.id),
    /** Calendar year in which the plan year starts. */
    year: integer('year').notNull(),
    startDate: localDate('start_date').notNull(),
    /** Last day of the plan year, inclusive. */
    endDate: localDate('end_date').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('plan_years_plan_year_uq').on(t.planId, t.year),
    index('plan_years_plan_dates_idx').on(t.planId, t.startDate, t.endDate),
    check('plan_years_dates_ck', sql`${t.endDate} >= ${t.startDate}`),
    check('plan_years_year_ck', nonNegative(t.year)),
  ],
);

export type Plan = typeof plans.$inferSelect;
export type PlanCostShare = typeof planCostShares.$inferSelect;
export type PlanYearRow = typeof planYears.$inferSelect;
