// Drug reference data: packages by NDC, generic-equivalence groups, therapeutic classes, unit prices and
// drug-drug interactions. Loaded by the reference loader (src/reference), never edited by hand in the app.
import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, localDate, oneOf, requiredRef, updatedAt } from './columns';

export const therapeuticClasses = pgTable(
  'therapeutic_classes',
  {
    id: id(),
    /** Stable slug, e.g. "statins". */
    code: text('code').notNull(),
    name: text('name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('therapeutic_classes_code_uq').on(t.code)],
);

/**
 * Generic-equivalence group: same ingredient(s), strength, dosage form and route. Brand and generic packages of
 * one group are interchangeable; refill-too-soon, step therapy and prior authorization match on the group.
 */
export const drugGroups = pgTable(
  'drug_groups',
  {
    id: id(),
    /** Stable key "ingredient|strength|form|route", normalized to lower case. */
    code: text('code').notNull(),
    /** Display name, e.g. "atorvastatin 20 mg oral tablet". */
    name: text('name').notNull(),
    /** Lower-case active ingredient names; interaction pairs refer to these. */
    ingredients: text('ingredients').array().notNull(),
    strength: text('strength').notNull(),
    dosageForm: text('dosage_form').notNull(),
    route: text('route').notNull(),
    therapeuticClassId: requiredRef('therapeutic_class_id', () => therapeuticClasses.id),
    /** Taken long-term (eligible for 90-day and home-delivery fills, auto-refill). */
    maintenance: boolean('maintenance').notNull().default(false),
    /** Dispensed by specialty pharmacies (high cost, special handling). */
    specialty: boolean('specialty').notNull().default(false),
    /** DEA schedule ("2".."5") for controlled substances. */
    deaSchedule: text('dea_schedule'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('drug_groups_code_uq').on(t.code),
    index('drug_groups_class_idx').on(t.therapeuticClassId),
    index('drug_groups_name_idx').on(t.name),
  ],
);

export const PRODUCT_SOURCES = ['brand', 'generic'] as const;
/** NCPDP unit of measure (600-28): each, milliliter, gram. */
export const UNITS = ['EA', 'ML', 'GM'] as const;

export const drugProducts = pgTable(
  'drug_products',
  {
    id: id(),
    /** 11-digit NDC (5-4-2, no dashes). */
    ndc: text('ndc').notNull().unique('drug_products_ndc_uq'),
    /** Package label name, e.g. "Lipitor 20 mg tablet" or "Atorvastatin Calcium 20 mg tablet". */
    name: text('name').notNull(),
    brandName: text('brand_name'),
    source: text('source', { enum: PRODUCT_SOURCES }).notNull(),
    labeler: text('labeler').notNull(),
    drugGroupId: requiredRef('drug_group_id', () => drugGroups.id),
    /** Units in the package in thousandths (30 tablets = 30000, 3 mL pen = 3000). */
    packageSizeMilli: integer('package_size_milli').notNull(),
    unit: text('unit', { enum: UNITS }).notNull(),
    /** Last day the package may be dispensed (withdrawn products). */
    obsoleteDate: localDate('obsolete_date'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('drug_products_group_idx').on(t.drugGroupId),
    index('drug_products_name_idx').on(t.name),
    check('drug_products_ndc_ck', sql`${t.ndc} ~ '^[0-9]{11}$'`),
    check('drug_products_source_ck', oneOf(t.source, PRODUCT_SOURCES)),
    check('drug_products_unit_ck', oneOf(t.unit, UNITS)),
    check('drug_products_package_ck', sql`${t.packageSizeMilli} > 0`),
  ],
);

/** Published benchmark kinds: NADAC (acquisition cost), AWP, WAC, and the PBM's own MAC list. */
export const PRICE_TYPES = ['nadac', 'awp', 'wac', 'mac'] as const;
export type PriceType = (typeof PRICE_TYPES)[number];

/** Per-unit price history; the price in force on a date is the latest row with effective_date <= that date. */
export const drugPrices = pgTable(
  'drug_prices',
  {
    id: id(),
    ndc: text('ndc')
      .notNull()
      .references(() => drugProducts.ndc),
    priceType: text('price_type', { enum: PRICE_TYPES }).notNull(),
    /** Millionths of a dollar per unit (NADAC publishes 5 decimals). */
    unitPriceMicros: bigint('unit_price_micros', { mode: 'number' }).notNull(),
    effectiveDate: localDate('effective_date').notNull(),
    /** Where the number came from, e.g. "starter list" or "CMS NADAC 2026-01-07". */
    source: text('source').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('drug_prices_ndc_type_date_uq').on(t.ndc, t.priceType, t.effectiveDate),
    check('drug_prices_type_ck', oneOf(t.priceType, PRICE_TYPES)),
    check('drug_prices_price_ck', sql`${t.unitPriceMicros} >= 0`),
  ],
);

export const INTERACTION_SEVERITIES = ['major', 'moderate', 'minor'] as const;

/** Drug-drug interaction by ingredient, stored once per pair with ingredient_a < ingredient_b
 * (byte order, i.e. collation "C", which is what a JavaScript string comparison gives). */
export const drugInteractions = pgTable(
  'drug_interactions',
  {
    id: id(),
    ingredientA: text('ingredient_a').notNull(),
    ingredientB: text('ingredient_b').notNull(),
    severity: text('severity', { enum: INTERACTION_SEVERITIES }).notNull(),
    /** Short clinical message shown to the pharmacist (DUR free text is cut to 30 characters). */
    message: text('message').notNull(),
    source: text('source').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('drug_interactions_pair_uq').on(t.ingredientA, t.ingredientB),
    index('drug_interactions_b_idx').on(t.ingredientB),
    check('drug_interactions_order_ck', sql`${t.ingredientA} < ${t.ingredientB} collate "C"`),
    check('drug_interactions_severity_ck', oneOf(t.severity, INTERACTION_SEVERITIES)),
  ],
);

export type TherapeuticClass = typeof therapeuticClasses.$inferSelect;
export type DrugGroup = typeof drugGroups.$inferSelect;
export type DrugProduct = typeof drugProducts.$inferSelect;
export type DrugPrice = typeof drugPrices.$inferSelect;
export type DrugInteraction = typeof drugInteractions.$inferSelect;
