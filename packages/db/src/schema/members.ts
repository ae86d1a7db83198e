// Covered people (subscribers and dependents) and their eligibility spans.
import { sql } from 'drizzle-orm';
import { type AnyPgColumn, check, index, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { clients, groups } from './clients';
import { createdAt, id, localDate, oneOf, requiredRef, updatedAt } from './columns';
import { plans } from './plans';

/** NCPDP Patient Relationship Code (306-C6): 1 cardholder, 2 spouse, 3 child, 4 other. */
export const RELATIONSHIP_CODES = ['1', '2', '3', '4'] as const;
export type RelationshipCode = (typeof RELATIONSHIP_CODES)[number];

/** NCPDP Patient Gender Code (305-C5) letters: F, M, or U (unknown / not specified). */
export const GENDERS = ['F', 'M', 'U'] as const;

/**
 * Columns ending in `_enc` hold `encryptField` output (AES-256-GCM, see field-crypto.ts) and are never
 * queried directly; the `_bidx` columns are HMAC blind indexes that make equality lookups work without
 * decrypting. Names, city/state and ZIP stay in plain text: names are needed for search and display, and the
 * 5-digit ZIP for pharmacy distance and geo reporting.
 */
export const members = pgTable(
  'members',
  {
    id: id(),
    /** Family = subscriber: the subscriber's own row points at itself. */
    subscriberId: requiredRef('subscriber_id', (): AnyPgColumn => members.id),
    /** Denormalized from eligibility so client-scoped lists need no span join. */
    clientId: requiredRef('client_id', () => clients.id),
    relationshipCode: text('relationship_code', { enum: RELATIONSHIP_CODES }).notNull(),
    /** NCPDP Person Code (303-C3): "001" subscriber, "002" spouse, "003"+ other dependents. */
    personCode: text('person_code').notNull(),
    /** Member ID printed on the card (e.g. "OPB1234567890"), encrypted. */
    memberNumberEnc: text('member_number_enc').notNull(),
    /** blindIndex('member_number', memberNumber): the unique lookup key for the member ID. */
    memberNumberBidx: text('member_number_bidx').notNull(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    /** 'YYYY-MM-DD', encrypted. */
    dateOfBirthEnc: text('date_of_birth_enc').notNull(),
    gender: text('gender', { enum: GENDERS }).notNull(),
    addressLine1Enc: text('address_line1_enc').notNull(),
    addressLine2Enc: text('address_line2_enc'),
    city: text('city').notNull(),
    state: text('state').notNull(),
    zip: text('zip').notNull(),
    /** blindIndex('member_activation', lastName, dateOfBirth, zip): finds the member during account activation. */
    activationBidx: text('activation_bidx').notNull(),
    /** IANA zone; plan years and refill windows are computed in it. */
    timeZone: text('time_zone').notNull(),
    email: text('email'),
    phone: text('phone'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('members_member_number_bidx_uq').on(t.memberNumberBidx),
    index('members_activation_bidx_idx').on(t.activationBidx),
    index('members_subscriber_idx').on(t.subscriberId),
    index('members_client_name_idx').on(t.clientId, t.lastName, t.firstName),
    uniqueIndex('members_family_person_uq').on(t.subscriberId, t.personCode),
    check('members_relationship_ck', oneOf(t.relationshipCode, RELATIONSHIP_CODES)),
    check('members_gender_ck', oneOf(t.gender, GENDERS)),
    check('members_person_code_ck', sql`${t.personCode} ~ '^[0-9]{3}$'`),
    check('members_zip_ck', sql`${t.zip} ~ '^[0-9]{5}$'`),
    check('members_subscriber_ck', sql`(${t.relationshipCode} = '1') = (${t.subscriberId} = ${t.id})`),
  ],
);

/** active: in force (or future); expired: ended by the nightly job after end_date; terminated: ended early. */
export const ELIGIBILITY_STATUSES = ['active', 'expired', 'terminated'] as const;
export const COVERAGE_LEVELS = ['individual', 'family'] as const;

export const eligibilitySpans = pgTable(
  'eligibility_spans',
  {
    id: id(),
    memberId: requiredRef('member_id', () => members.id),
    groupId: requiredRef('group_id', () => groups.id),
    planId: requiredRef('plan_id', () => plans.id),
    startDate: localDate('start_date').notNull(),
    /** Last covered day (inclusive); null while open-ended. */
    endDate: localDate('end_date'),
    status: text('status', { enum: ELIGIBILITY_STATUSES }).notNull().default('active'),
    /** Family coverage applies the family deductible/OOP limits as well as the individual ones. */
    coverageLevel: text('coverage_level', { enum: COVERAGE_LEVELS }).notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('eligibility_spans_member_idx').on(t.memberId, t.startDate),
    index('eligibility_spans_group_idx').on(t.groupId),
    // The nightly expiry job scans active spans by end date.
    index('eligibility_spans_expiry_idx')
      .on(t.endDate)
      .where(sql`${t.status} = 'active' and ${t.endDate} is not null`),
    check('eligibility_spans_dates_ck', sql`${t.endDate} is null or ${t.endDate} >= ${t.startDate}`),
    check('eligibility_spans_status_ck', oneOf(t.status, ELIGIBILITY_STATUSES)),
    check('eligibility_spans_coverage_ck', oneOf(t.coverageLevel, COVERAGE_LEVELS)),
  ],
);

export type Member = typeof members.$inferSelect;
export type EligibilitySpan = typeof eligibilitySpans.$inferSelect;
