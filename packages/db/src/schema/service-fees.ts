// Professional service fee schedule per plan: what an NCPDP S1 (service billing) pays for a service such as a
// vaccine administration or a medication therapy management session. The service is named like the claim
// names it: 436-E1 Product/Service ID Qualifier (07 = CPT-4) and 407-D7 Product/Service ID (the CPT code).
import { sql } from 'drizzle-orm';
import { check, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { cents, localDate, requiredRef } from './columns';
import { plans } from './plans';

export const planServiceFees = pgTable(
  'plan_service_fees',
  {
    planId: requiredRef('plan_id', () => plans.id, { onDelete: 'cascade' }),
    /** 436-E1: 07 CPT-4, 09 HCPCS. */
    serviceIdQualifier: text('service_id_qualifier').notNull(),
    /** 407-D7, e.g. "90471" (immunization administration) or "99605" (MTM, new patient, 15 minutes). */
    serviceId: text('service_id').notNull(),
    name: text('name').notNull(),
    /** Paid per unit (442-E7 whole units; one unit when none are given). */
    feeCents: cents('fee_cents').notNull(),
    effectiveFrom: localDate('effective_from').notNull(),
    /** Inclusive; null = open-ended. */
    effectiveTo: localDate('effective_to'),
  },
  (t) => [
    primaryKey({
      columns: [t.planId, t.serviceIdQualifier, t.serviceId, t.effectiveFrom],
      name: 'plan_service_fees_pk',
    }),
    check('plan_service_fees_fee_ck', sql`${t.feeCents} >= 0`),
    check('plan_service_fees_qualifier_ck', sql`${t.serviceIdQualifier} ~ '^[0-9]{2}$'`),
    check(
      'plan_service_fees_window_ck',
      sql`${t.effectiveTo} is null or ${t.effectiveTo} >= ${t.effectiveFrom}`,
    ),
  ],
);

/** The seeded schedule (synthetic amounts, not any payer's contract rates). */
export const STANDARD_SERVICE_FEES = [
  {
    serviceIdQualifier: '07',
    serviceId: '90471',
    name: 'Immunization administration, first vaccine',
    feeCents: 2_000,
  },
  {
    serviceIdQualifier: '07',
    serviceId: '90472',
    name: 'Immunization administration, each additional vaccine',
    feeCents: 1_500,
  },
  {
    serviceIdQualifier: '07',
    serviceId: '99605',
    name: 'Medication therapy management, new patient, first 15 minutes',
    feeCents: 3_500,
  },
  {
    serviceIdQualifier: '07',
    serviceId: '99606',
    name: 'Medication therapy management, established patient, first 15 minutes',
    feeCents: 2_500,
  },
  {
    serviceIdQualifier: '07',
    serviceId: '99607',
    name: 'Medication therapy management, each additional 15 minutes',
    feeCents: 1_500,
  },
] as const;
