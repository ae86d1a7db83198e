// Prior authorizations, formulary exceptions and appeals: one case table, appeals point at the case they appeal.
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, localDate, oneOf, requiredRef, timestamptz, updatedAt } from './columns';
import { drugGroups } from './drugs';
import { members } from './members';
import type { Tier } from './plans';
import { prescribers } from './prescribers';
import { users } from './users';

export const PA_TYPES = ['prior_auth', 'formulary_exception', 'appeal'] as const;

/** pending → in_review → approved | denied; pending_info waits for the prescriber; withdrawn by the requester. */
export const PA_STATUSES = [
  'pending',
  'in_review',
  'pending_info',
  'approved',
  'denied',
  'withdrawn',
  'revoked',
] as const;
export type PriorAuthStatus = (typeof PA_STATUSES)[number];

export const priorAuthorizations = pgTable(
  'prior_authorizations',
  {
    id: id(),
    /** Human-facing case number, e.g. "PA00012345". */
    caseNumber: text('case_number').notNull(),
    type: text('type', { enum: PA_TYPES }).notNull(),
    memberId: requiredRef('member_id', () => members.id),
    prescriberId: requiredRef('prescriber_id', () => prescribers.id),
    drugGroupId: requiredRef('drug_group_id', () => drugGroups.id),
    ndc: text('ndc'),
    status: text('status', { enum: PA_STATUSES }).notNull().default('pending'),
    /** Expedited: decision due in 72 hours instead of 7 calendar days. */
    expedited: boolean('expedited').notNull().default(false),
    expeditedReason: text('expedited_reason'),
    /** Formulary exception: the tier asked for. */
    requestedTier: integer('requested_tier').$type<Tier>(),
    /** Prescriber's answers and clinical notes (diagnosis codes, tried drugs, ...). */
    request: jsonb('request').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    submittedAt: timestamptz('submitted_at').notNull(),
    dueAt: timestamptz('due_at').notNull(),
    decidedAt: timestamptz('decided_at'),
    /** Coverage window of an approval (inclusive dates). */
    effectiveFrom: localDate('effective_from'),
    effectiveTo: localDate('effective_to'),
    approvedQuantityMilli: integer('approved_quantity_milli'),
    approvedDaysSupply: integer('approved_days_supply'),
    decisionReason: text('decision_reason'),
    criteriaNotMet: text('criteria_not_met').array().notNull().default(sql`'{}'::text[]`),
    /** On an appeal: the denied case it appeals. */
    parentId: uuid('parent_id').references((): AnyPgColumn => priorAuthorizations.id),
    reviewerUserId: uuid('reviewer_user_id').references(() => users.id),
    /** The person who filed it (prescriber user, or the member for an appeal); null for seeded cases. */
    requestedByUserId: uuid('requested_by_user_id').references(() => users.id),
    /** Decided by the criteria engine without a clinician. */
    autoApproved: boolean('auto_approved').notNull().default(false),
    /** The criteria set decided against and the engine's findings per criterion (see packages/domain). */
    criteriaSetId: text('criteria_set_id'),
    evaluation: jsonb('evaluation').$type<Record<string, unknown>>(),
    /** Decision clock stopped for a request for information: when, the time left, and the answer deadline. */
    clockPausedAt: timestamptz('clock_paused_at'),
    clockRemainingSeconds: integer('clock_remaining_seconds'),
    infoDueAt: timestamptz('info_due_at'),
    /** Set once by the escalation job when the clock ran out undecided. */
    escalatedAt: timestamptz('escalated_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('prior_authorizations_case_uq').on(t.caseNumber),
    index('prior_authorizations_member_idx').on(t.memberId, t.drugGroupId),
    index('prior_authorizations_prescriber_idx').on(t.prescriberId, t.submittedAt),
    // Review queue: open cases by due time.
    index('prior_authorizations_queue_idx')
      .on(t.dueAt)
      .where(sql`${t.status} in ('pending', 'in_review', 'pending_info')`),
    index('prior_authorizations_parent_idx').on(t.parentId),
    check('prior_authorizations_type_ck', oneOf(t.type, PA_TYPES)),
    check('prior_authorizations_status_ck', oneOf(t.status, PA_STATUSES)),
    check('prior_authorizations_appeal_ck', sql`(${t.type} = 'appeal') = (${t.parentId} is not null)`),
    check(
      'prior_authorizations_window_ck',
      sql`${t.effectiveFrom} is null or ${t.effectiveTo} is null or ${t.effectiveTo} >= ${t.effectiveFrom}`,
    ),
    check(
      'prior_authorizations_tier_ck',
      sql`${t.requestedTier} is null or ${t.requestedTier} between 1 and 4`,
    ),
    check('prior_authorizations_due_ck', sql`${t.dueAt} >= ${t.submittedAt}`),
    check(
      'prior_authorizations_clock_ck',
      sql`(${t.clockPausedAt} is null) = (${t.clockRemainingSeconds} is null) and ${t.clockRemainingSeconds} >= 0`,
    ),
  ],
);

export type PriorAuthorization = typeof priorAuthorizations.$inferSelect;
