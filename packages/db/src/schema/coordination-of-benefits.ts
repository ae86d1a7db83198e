// Coordination of benefits: a member's other prescription coverage (set by customer service or the eligibility
// file), what other payers paid on a secondary claim (the claim's COB/Other Payments segment, AM05), and the
// Submission Clarification Code overrides (420-DK) a paid claim used, which their yearly limits count.
import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { claims } from './claims';
import { cents, createdAt, id, localDate, nonNegative, oneOf, requiredRef } from './columns';
import { drugGroups } from './drugs';
import { members } from './members';
import { users } from './users';

/** 338-5C Other Payer Coverage Type: 01 primary, 02 secondary, 03 tertiary (the other payer's place). */
export const OTHER_COVERAGE_TYPES = ['01', '02', '03'] as const;
export const OTHER_COVERAGE_SOURCES = ['customer_service', 'eligibility_file'] as const;

export const memberOtherCoverage = pgTable(
  'member_other_coverage',
  {
    id: id(),
    memberId: requiredRef('member_id', () => members.id, { onDelete: 'cascade' }),
    /** Where the other payer stands against this plan: 01 = it pays first (this plan is secondary). */
    coverageType: text('coverage_type', { enum: OTHER_COVERAGE_TYPES }).notNull(),
    payerName: text('payer_name').notNull(),
    /** 6-digit BIN (340-7C with 339-6C 03), PCN (991-MH) and group (992-MJ) of the other payer. */
    bin: text('bin').notNull(),
    pcn: text('pcn'),
    groupId: text('group_id'),
    /** 356-NU: the member's ID at the other payer, encrypted like our own member numbers. */
    cardholderIdEnc: text('cardholder_id_enc').notNull(),
    personCode: text('person_code'),
    helpDeskPhone: text('help_desk_phone'),
    effectiveDate: localDate('effective_date').notNull(),
    /** Inclusive; null = open-ended. */
    terminationDate: localDate('termination_date'),
    source: text('source', { enum: OTHER_COVERAGE_SOURCES }).notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('member_other_coverage_member_idx').on(t.memberId),
    check('member_other_coverage_type_ck', oneOf(t.coverageType, OTHER_COVERAGE_TYPES)),
    check('member_other_coverage_source_ck', oneOf(t.source, OTHER_COVERAGE_SOURCES)),
    check('member_other_coverage_bin_ck', sql`${t.bin} ~ '^[0-9]{6}$'`),
    check(
      'member_other_coverage_window_ck',
      sql`${t.terminationDate} is null or ${t.terminationDate} >= ${t.effectiveDate}`,
    ),
  ],
);

/** One other payer's payment reported on a secondary claim (AM05 occurrence). */
export const claimOtherPayments = pgTable(
  'claim_other_payments',
  {
    id: id(),
    claimId: requiredRef('claim_id', () => claims.id, { onDelete: 'cascade' }),
    /** 338-5C of the occurrence. */
    coverageType: text('coverage_type').notNull(),
    /** 340-7C (with 339-6C): the other payer. */
    payerIdQualifier: text('payer_id_qualifier'),
    payerId: text('payer_id'),
    /** 443-E8. */
    payerDate: localDate('payer_date'),
    /** Sum of 431-DV Other Payer Amount Paid. */
    amountPaidCents: cents('amount_paid_cents').notNull(),
    /** Sum of 352-NQ Other Payer-Patient Responsibility Amount; null when none was sent. */
    patientResponsibilityCents: cents('patient_responsibility_cents'),
    /** 472-6E codes when the other payer rejected the claim. */
    rejectCodes: text('reject_codes').array().notNull().default(sql`'{}'::text[]`),
  },
  (t) => [
    index('claim_other_payments_claim_idx').on(t.claimId),
    check('claim_other_payments_paid_ck', nonNegative(t.amountPaidCents)),
    check(
      'claim_other_payments_responsibility_ck',
      sql`${t.patientResponsibilityCents} is null or ${t.patientResponsibilityCents} >= 0`,
    ),
  ],
);

/** 420-DK values that lift refill-too-soon: 3 vacation supply, 5 therapy change, 7 medically necessary. */
export const CLARIFICATION_OVERRIDE_CODES = ['3', '5', '7'] as const;

/** An override a paid claim used: counted against its yearly limit, and the audit of who overrode what. */
export const claimOverrides = pgTable(
  'claim_overrides',
  {
    id: id(),
    claimId: requiredRef('claim_id', () => claims.id, { onDelete: 'cascade' }),
    memberId: requiredRef('member_id', () => members.id, { onDelete: 'cascade' }),
    drugGroupId: requiredRef('drug_group_id', () => drugGroups.id),
    pharmacyId: uuid('pharmacy_id'),
    clarificationCode: text('clarification_code', { enum: CLARIFICATION_OVERRIDE_CODES }).notNull(),
    /** The reject the override lifted (79 refill too soon). */
    overriddenRejectCode: text('overridden_reject_code').notNull(),
    dateOfService: localDate('date_of_service').notNull(),
    /** Earlier uses in the limit's window when this one was allowed (the limit's evidence). */
    priorUses: integer('prior_uses').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('claim_overrides_member_drug_idx').on(t.memberId, t.drugGroupId, t.dateOfService),
    check('claim_overrides_code_ck', oneOf(t.clarificationCode, CLARIFICATION_OVERRIDE_CODES)),
  ],
);
