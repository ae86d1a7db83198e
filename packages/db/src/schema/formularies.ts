// Formularies: which drugs a plan covers, at what tier, and under which utilization-management rules.
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  smallint,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, localDate, oneOf, requiredRef, updatedAt } from './columns';
import { drugGroups } from './drugs';
import type { Tier } from './plans';

export const FORMULARY_STATUSES = ['active', 'retired'] as const;

export const formularies = pgTable(
  'formularies',
  {
    id: id(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    status: text('status', { enum: FORMULARY_STATUSES }).notNull().default('active'),
    effectiveDate: localDate('effective_date').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('formularies_code_uq').on(t.code),
    check('formularies_status_ck', oneOf(t.status, FORMULARY_STATUSES)),
  ],
);

/**
 * One covered (or excluded) drug. An entry names a drug group (all equivalent NDCs) or a single NDC; an NDC entry
 * wins over its group's entry. Drugs with no entry are non-formulary (NCPDP reject 70).
 */
export const formularyEntries = pgTable(
  'formulary_entries',
  {
    id: id(),
    formularyId: requiredRef('formulary_id', () => formularies.id, { onDelete: 'cascade' }),
    drugGroupId: uuid('drug_group_id').references(() => drugGroups.id),
    ndc: text('ndc'),
    tier: smallint('tier').notNull().$type<Tier>(),
    requiresPriorAuth: boolean('requires_prior_auth').notNull().default(false),
    requiresStepTherapy: boolean('requires_step_therapy').notNull().default(false),
    /** Step therapy: a paid fill of any of these groups within the lookback satisfies the step. */
    stepTherapyGroupIds: uuid('step_therapy_group_ids').array().notNull().default(sql`'{}'::uuid[]`),
    stepTherapyLookbackDays: integer('step_therapy_lookback_days'),
    /** Quantity limit: at most quantity_limit_milli units per quantity_limit_days days. */
    hasQuantityLimit: boolean('has_quantity_limit').notNull().default(false),
    quantityLimitMilli: integer('quantity_limit_milli'),
    quantityLimitDays: integer('quantity_limit_days'),
    /** Excluded drugs are rejected (70) with the preferred alternatives named in the response. */
    excluded: boolean('excluded').notNull().default(false),
    preferredAlternativeGroupIds: uuid('preferred_alternative_group_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('formulary_entries_group_uq')
      .on(t.formularyId, t.drugGroupId)
      .where(sql`${t.drugGroupId} is not null`),
    uniqueIndex('formulary_entries_ndc_uq').on(t.formularyId, t.ndc).where(sql`${t.ndc} is not null`),
    index('formulary_entries_group_idx').on(t.drugGroupId),
    check('formulary_entries_target_ck', sql`(${t.drugGroupId} is null) <> (${t.ndc} is null)`),
    check('formulary_entries_tier_ck', sql`${t.tier} between 1 and 4`),
    check(
      'formulary_entries_ql_ck',
      sql`not ${t.hasQuantityLimit} or (${t.quantityLimitMilli} > 0 and ${t.quantityLimitDays} > 0)`,
    ),
    check(
      'formulary_entries_st_ck',
      sql`not ${t.requiresStepTherapy} or (cardinality(${t.stepTherapyGroupIds}) > 0 and ${t.stepTherapyLookbackDays} > 0)`,
    ),
  ],
);

export type Formulary = typeof formularies.$inferSelect;
export type FormularyEntry = typeof formularyEntries.$inferSelect;
