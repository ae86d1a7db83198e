// NCPDP claims (E1 eligibility, B1 billing, B2 reversal) and the plan-year accumulators paid claims feed.
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { clients } from './clients';
import { cents, createdAt, id, localDate, oneOf, requiredRef, timestamptz, updatedAt } from './columns';
import { drugGroups } from './drugs';
import { members } from './members';
import { pharmacies } from './pharmacies';
import { CHANNELS, type Channel, plans, planYears, type Tier } from './plans';
import { prescribers } from './prescribers';
import { prescriptions } from './prescriptions';

/**
 * C1-C3: controlled substance reports (accepted, stored as 'captured', acknowledged; never paid). N1/N2:
 * information reports of fills paid outside the plan and their reversals (an N3 is stored as N2 + N1). S1/S2:
 * professional service billing and reversal (an S3 is stored as S2 + S1). P1-P4 bill as B1 and reverse as B2.
 */
export const TRANSACTION_CODES = ['E1', 'B1', 'B2', 'C1', 'C2', 'C3', 'N1', 'N2', 'S1', 'S2'] as const;
/** Codes whose row reverses another (reversal_of_claim_id set). */
export const REVERSAL_CODES = ['B2', 'C2', 'N2', 'S2'] as const;

/**
 * paid: accepted B1 (or E1) that counts toward accumulators; rejected: with reject_codes; captured: accepted
 * and stored without payment (e.g. a home-delivery fill pending shipment). A reversed B1 gets status
 * 'reversed', and the accepted B2 that reversed it is stored with status 'reversed' and reversal_of_claim_id.
 * Accumulators = sum over B1 rows with status 'paid'.
 */
/** 343-HD Dispensing Status: P partial fill, C completion of a partial fill. */
export const DISPENSING_STATUSES = ['P', 'C'] as const;

export const CLAIM_STATUSES = ['paid', 'rejected', 'reversed', 'captured'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export interface DurResponseEntry {
  reasonForServiceCode: string;
  clinicalSignificanceCode: string;
  otherPharmacyIndicator: string;
  previousDateOfFill?: string | null;
  quantityOfPreviousFillMilli?: number | null;
  freeText: string;
  additionalText?: string | null;
  conflictingNdc?: string | null;
  disposition: 'reject' | 'warning' | 'overridden';
  /** Who raised it (Starter list, VA NDF-RT, ONC high-priority, Claims history); absent on older rows. */
  source?: string | null;
}

export const claims = pgTable(
  'claims',
  {
    id: id(),
    transactionCode: text('transaction_code', { enum: TRANSACTION_CODES }).notNull(),
    bin: text('bin').notNull(),
    pcn: text('pcn').notNull(),
    rxGroup: text('rx_group').notNull(),
    /** Service Provider ID as submitted (201-B1; NPI with qualifier 01). */
    serviceProviderId: text('service_provider_id').notNull(),
    pharmacyId: uuid('pharmacy_id').references(() => pharmacies.id),
    /** Null when the cardholder could not be identified (reject 52/65). */
    memberId: uuid('member_id').references(() => members.id),
    clientId: uuid('client_id').references(() => clients.id),
    planId: uuid('plan_id').references(() => plans.id),
    planYearId: uuid('plan_year_id').references(() => planYears.id),
    prescriptionId: uuid('prescription_id').references(() => prescriptions.id),
    prescriberId: uuid('prescriber_id').references(() => prescribers.id),
    rxNumber: text('rx_number'),
    /** 403-D3: 0 = original fill, 1..99 refills. */
    fillNumber: smallint('fill_number'),
    ndc: text('ndc'),
    drugGroupId: uuid('drug_group_id').references(() => drugGroups.id),
    /** Thousandths of a unit (442-E7 has three implied decimals). */
    quantityMilli: integer('quantity_milli'),
    daysSupply: integer('days_supply'),
    dateOfService: localDate('date_of_service').notNull(),
    status: text('status', { enum: CLAIM_STATUSES }).notNull(),
    rejectCodes: text('reject_codes').array().notNull().default(sql`'{}'::text[]`),
    tier: smallint('tier').$type<Tier>(),
    channel: text('channel', { enum: CHANNELS }).$type<Channel>(),
    ingredientCostCents: cents('ingredient_cost_cents').notNull().default(0),
    dispensingFeeCents: cents('dispensing_fee_cents').notNull().default(0),
    patientPayCents: cents('patient_pay_cents').notNull().default(0),
    planPayCents: cents('plan_pay_cents').notNull().default(0),
    /** 426-DQ as the pharmacy submitted it (its cash price for this quantity); the price check reads it. */
    usualAndCustomaryCents: cents('usual_and_customary_cents'),
    appliedToDeductibleCents: cents('applied_to_deductible_cents').notNull().default(0),
    appliedToOopCents: cents('applied_to_oop_cents').notNull().default(0),
    /** Authorization number returned on paid claims (503-F3). */
    authorizationNumber: text('authorization_number'),
    /** NCPDP D.0 request/response; encryptField output (they carry the cardholder ID and date of birth). */
    rawRequestEnc: text('raw_request_enc'),
    rawResponseEnc: text('raw_response_enc'),
    durResponse: jsonb('dur_response').$type<DurResponseEntry[]>(),
    /** On a B2: the B1 it reverses. */
    reversalOfClaimId: uuid('reversal_of_claim_id').references((): AnyPgColumn => claims.id),
    /** On a B1: when it was reversed. */
    reversedAt: timestamptz('reversed_at'),
    /** 343-HD on a B1: 'P' partial fill, 'C' completion of a partial fill; null for a whole fill. */
    dispensingStatus: text('dispensing_status', { enum: DISPENSING_STATUSES }),
    /** 344-HF / 345-HG on a partial or completion: the whole fill the prescription intends. */
    intendedQuantityMilli: integer('intended_quantity_milli'),
    intendedDaysSupply: integer('intended_days_supply'),
    /** On a completion (343-HD 'C'): the paid partial fill it completes. */
    partialOfClaimId: uuid('partial_of_claim_id').references((): AnyPgColumn => claims.id),
    receivedAt: timestamptz('received_at').notNull().defaultNow(),
    createdAt: createdAt(),
  },
  (t) => [
    // NCPDP duplicate check: the same pharmacy, Rx, fill, date of service and dispensing status is paid once
    // until reversed (a partial fill and its completion on the same day are two dispensings).
    uniqueIndex('claims_paid_b1_dedupe_uq')
      .on(
        t.serviceProviderId,
        t.rxNumber,
        t.fillNumber,
        t.dateOfService,
        t.transactionCode,
        sql`coalesce(${t.dispensingStatus}, '')`,
      )
      .where(sql`${t.transactionCode} = 'B1' and ${t.status} = 'paid'`),
    // A paid professional service (S1) is billed once per pharmacy, service reference, fill and date too.
    uniqueIndex('claims_paid_s1_dedupe_uq')
      .on(t.serviceProviderId, t.rxNumber, t.fillNumber, t.dateOfService)
      .where(sql`${t.transactionCode} = 'S1' and ${t.status} = 'paid'`),
    uniqueIndex('claims_reversal_uq')
      .on(t.reversalOfClaimId)
      .where(sql`${t.transactionCode} in ('B2', 'N2', 'S2') and ${t.status} = 'reversed'`),
    index('claims_member_dos_idx').on(t.memberId, t.dateOfService),
    index('claims_plan_year_member_idx').on(t.planYearId, t.memberId),
    index('claims_pharmacy_dos_idx').on(t.pharmacyId, t.dateOfService),
    index('claims_client_dos_idx').on(t.clientId, t.dateOfService),
    // The client plan report's paid claims, narrow enough for an index-only scan (a claim row is ~700 bytes
    // with its encrypted wire text; this entry ~100): issue 10's report at 100,000 members.
    index('claims_paid_report_idx')
      .on(
        t.clientId,
        t.dateOfService,
        t.memberId,
        t.planPayCents,
        t.patientPayCents,
        t.channel,
        t.ndc,
        t.drugGroupId,
      )
      .where(sql`${t.transactionCode} = 'B1' and ${t.status} = 'paid' and ${t.reversedAt} is null`),
    index('claims_prescription_idx').on(t.prescriptionId),
    index('claims_rx_lookup_idx').on(t.serviceProviderId, t.rxNumber, t.fillNumber),
    check('claims_transaction_ck', oneOf(t.transactionCode, TRANSACTION_CODES)),
    check('claims_status_ck', oneOf(t.status, CLAIM_STATUSES)),
    check(
      'claims_dispensing_status_ck',
      sql`${t.dispensingStatus} is null or ${oneOf(t.dispensingStatus, DISPENSING_STATUSES)}`,
    ),
    // Only a completion points at a partial fill; a paid completion is the one completion of its partial.
    check('claims_partial_of_ck', sql`${t.partialOfClaimId} is null or ${t.dispensingStatus} = 'C'`),
    uniqueIndex('claims_paid_completion_uq')
      .on(t.partialOfClaimId)
      .where(sql`${t.transactionCode} = 'B1' and ${t.status} = 'paid' and ${t.partialOfClaimId} is not null`),
    check('claims_channel_ck', sql`${t.channel} is null or ${oneOf(t.channel, CHANNELS)}`),
    check('claims_tier_ck', sql`${t.tier} is null or ${t.tier} between 1 and 4`),
    check('claims_ndc_ck', sql`${t.ndc} is null or ${t.ndc} ~ '^[0-9]{11}$'`),
    check(
      'claims_money_ck',
      sql`${t.ingredientCostCents} >= 0 and ${t.dispensingFeeCents} >= 0 and ${t.patientPayCents} >= 0
        and ${t.planPayCents} >= 0 and ${t.appliedToDeductibleCents} >= 0 and ${t.appliedToOopCents} >= 0`,
    ),
    check(
      'claims_reversal_ck',
      sql`(${t.transactionCode} in ('B2', 'C2', 'N2', 'S2')) = (${t.reversalOfClaimId} is not null)`,
    ),
  ],
);

export const ACCUMULATOR_SCOPES = ['individual', 'family'] as const;

/**
 * Plan-year totals applied to the deductible and out-of-pocket maximum. An 'individual' row is keyed by the
 * member, a 'family' row by the subscriber (the whole family's total). Rows are created on a family's first
 * paid claim of the plan year; `version` increments on every change (optimistic checks and audit).
 */
export const accumulators = pgTable(
  'accumulators',
  {
    id: id(),
    planYearId: requiredRef('plan_year_id', () => planYears.id),
    scope: text('scope', { enum: ACCUMULATOR_SCOPES }).notNull(),
    memberId: requiredRef('member_id', () => members.id),
    deductibleCents: cents('deductible_cents').notNull().default(0),
    oopCents: cents('oop_cents').notNull().default(0),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('accumulators_key_uq').on(t.planYearId, t.scope, t.memberId),
    index('accumulators_member_idx').on(t.memberId),
    check('accumulators_scope_ck', oneOf(t.scope, ACCUMULATOR_SCOPES)),
    check('accumulators_non_negative_ck', sql`${t.deductibleCents} >= 0 and ${t.oopCents} >= 0`),
    check('accumulators_version_ck', sql`${t.version} >= 1`),
  ],
);

export type Claim = typeof claims.$inferSelect;

/** The money columns of a claim that pays nothing: a reject, a reversal (B2) row, a captured report. */
export const NO_CLAIM_AMOUNTS = {
  ingredientCostCents: 0,
  dispensingFeeCents: 0,
  patientPayCents: 0,
  planPayCents: 0,
  appliedToDeductibleCents: 0,
  appliedToOopCents: 0,
} as const satisfies Partial<typeof claims.$inferInsert>;
export type Accumulator = typeof accumulators.$inferSelect;
