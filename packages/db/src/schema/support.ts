// Customer service: help-center articles (full-text search), the clients each agent serves, restricted records
// and break-the-glass grants, cases (member messages, callbacks, notes, SLA), what an agent did for a member with
// their recorded consent, and secure threads between members and their prescriber's office.
// The code lists are the API's (packages/shared/src/support-codes.ts): one list for the columns' checks and the
// API's enums, so a code cannot be valid in one place and refused in the other.
import {
  ASSISTED_ACTIONS,
  CASE_CATEGORIES,
  CASE_CHANNELS,
  CASE_ENTRY_KINDS,
  CASE_STATUSES,
  ESCALATION_TARGETS,
  HELP_CATEGORIES,
  THREAD_SIDES,
} from '@openpbm/shared/support-codes';
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  customType,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { clients } from './clients';
import { createdAt, id, oneOf, requiredRef, timestamptz, updatedAt } from './columns';
import { members } from './members';
import { orders } from './orders';
import { prescribers } from './prescribers';
import { prescriptions } from './prescriptions';
import { bytea } from './prior-auth-workflow';
import { users } from './users';

export {
  ASSISTED_ACTIONS,
  CASE_CATEGORIES,
  CASE_CHANNELS,
  CASE_ENTRY_KINDS,
  CASE_STATUSES,
  ESCALATION_TARGETS,
  HELP_CATEGORIES,
  THREAD_SIDES,
};

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export type HelpCategory = (typeof HELP_CATEGORIES)[number];

export const helpArticles = pgTable(
  'help_articles',
  {
    id: id(),
    slug: text('slug').notNull(),
    category: text('category', { enum: HELP_CATEGORIES }).notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    /** The portal page that does the thing, e.g. "/members/pharmacy/refills". */
    portalPath: text('portal_path').notNull(),
    portalLabel: text('portal_label').notNull(),
    published: boolean('published').notNull().default(true),
    /** Title weighs more than the body; kept by PostgreSQL (English stemming). */
    searchVector: tsvector('search_vector').generatedAlwaysAs(
      sql`setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', body), 'B')`,
    ),
    updatedByUserId: uuid('updated_by_user_id').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('help_articles_slug_uq').on(t.slug),
    index('help_articles_search_idx').using('gin', t.searchVector),
    check('help_articles_category_ck', oneOf(t.category, HELP_CATEGORIES)),
    check('help_articles_portal_path_ck', sql`${t.portalPath} ~ '^/[A-Za-z0-9/_-]*$'`),
  ],
);

/** The clients a customer-service agent serves: they see only those clients' members. */
export const staffClientAssignments = pgTable(
  'staff_client_assignments',
  {
    userId: requiredRef('user_id', () => users.id),
    clientId: requiredRef('client_id', () => clients.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.clientId], name: 'staff_client_assignments_pk' })],
);

/** Records only break-the-glass opens (e.g. the PBM's own employees' records). */
export const restrictedMembers = pgTable('restricted_members', {
  memberId: uuid('member_id')
    .primaryKey()
    .references(() => members.id),
  reason: text('reason').notNull(),
  createdAt: createdAt(),
});

export const breakGlassGrants = pgTable(
  'break_glass_grants',
  {
    id: id(),
    userId: requiredRef('user_id', () => users.id),
    memberId: requiredRef('member_id', () => members.id),
    reason: text('reason').notNull(),
    createdAt: createdAt(),
    expiresAt: timestamptz('expires_at').notNull(),
  },
  (t) => [index('break_glass_grants_user_member_idx').on(t.userId, t.memberId, t.expiresAt)],
);

export const supportCases = pgTable(
  'support_cases',
  {
    id: id(),
    /** Human-facing number, e.g. "CS-2026-000123". */
    caseNumber: text('case_number').notNull(),
    memberId: requiredRef('member_id', () => members.id),
    openedByUserId: requiredRef('opened_by_user_id', () => users.id),
    channel: text('channel', { enum: CASE_CHANNELS }).notNull(),
    category: text('category', { enum: CASE_CATEGORIES }).notNull(),
    status: text('status', { enum: CASE_STATUSES }).notNull().default('open'),
    subject: text('subject').notNull(),
    assigneeUserId: uuid('assignee_user_id').references(() => users.id),
    escalatedTo: text('escalated_to', { enum: ESCALATION_TARGETS }),
    prescriptionId: uuid('prescription_id').references(() => prescriptions.id),
    orderId: uuid('order_id').references(() => orders.id),
    callbackPhone: text('callback_phone'),
    callbackFrom: timestamptz('callback_from'),
    callbackTo: timestamptz('callback_to'),
    /** SLA: when the case must be answered or closed. */
    dueAt: timestamptz('due_at').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    closedAt: timestamptz('closed_at'),
  },
  (t) => [
    uniqueIndex('support_cases_number_uq').on(t.caseNumber),
    index('support_cases_queue_idx').on(t.dueAt).where(sql`${t.status} <> 'closed'`),
    index('support_cases_member_idx').on(t.memberId, t.createdAt),
    check('support_cases_category_ck', oneOf(t.category, CASE_CATEGORIES)),
    check('support_cases_status_ck', oneOf(t.status, CASE_STATUSES)),
    check('support_cases_channel_ck', oneOf(t.channel, CASE_CHANNELS)),
    check(
      'support_cases_callback_ck',
      sql`(${t.channel} = 'callback') = (${t.callbackFrom} is not null and ${t.callbackTo} is not null)`,
    ),
  ],
);

export const supportCaseEntries = pgTable(
  'support_case_entries',
  {
    id: id(),
    caseId: requiredRef('case_id', () => supportCases.id),
    kind: text('kind', { enum: CASE_ENTRY_KINDS }).notNull(),
    authorUserId: uuid('author_user_id').references(() => users.id),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('support_case_entries_case_idx').on(t.caseId, t.createdAt),
    check('support_case_entries_kind_ck', oneOf(t.kind, CASE_ENTRY_KINDS)),
  ],
);

export type AssistedAction = (typeof ASSISTED_ACTIONS)[number];

/** What customer service did for a member, after the member's verbal consent (shown to the member). */
export const assistedActions = pgTable(
  'assisted_actions',
  {
    id: id(),
    memberId: requiredRef('member_id', () => members.id),
    staffUserId: requiredRef('staff_user_id', () => users.id),
    action: text('action', { enum: ASSISTED_ACTIONS }).notNull(),
    /** The words the agent read back and the member agreed to. */
    consentStatement: text('consent_statement').notNull(),
    consentAt: timestamptz('consent_at').notNull(),
    /** The order, enrollment or transfer it created or changed. */
    resourceId: uuid('resource_id'),
    createdAt: createdAt(),
  },
  (t) => [
    index('assisted_actions_member_idx').on(t.memberId, t.createdAt),
    check('assisted_actions_action_ck', oneOf(t.action, ASSISTED_ACTIONS)),
  ],
);

export const prescriberThreads = pgTable(
  'prescriber_threads',
  {
    id: id(),
    memberId: requiredRef('member_id', () => members.id),
    prescriberId: requiredRef('prescriber_id', () => prescribers.id),
    prescriptionId: requiredRef('prescription_id', () => prescriptions.id),
    subject: text('subject').notNull(),
    createdByUserId: requiredRef('created_by_user_id', () => users.id),
    createdAt: createdAt(),
    lastMessageAt: timestamptz('last_message_at').notNull(),
  },
  (t) => [
    index('prescriber_threads_prescriber_idx').on(t.prescriberId, t.lastMessageAt),
    index('prescriber_threads_member_idx').on(t.memberId, t.lastMessageAt),
  ],
);

export const prescriberThreadMessages = pgTable(
  'prescriber_thread_messages',
  {
    id: id(),
    threadId: requiredRef('thread_id', () => prescriberThreads.id),
    side: text('side', { enum: THREAD_SIDES }).notNull(),
    authorUserId: requiredRef('author_user_id', () => users.id),
    body: text('body').notNull(),
    createdAt: createdAt(),
    /** When the other side first opened it. */
    readAt: timestamptz('read_at'),
  },
  (t) => [
    index('prescriber_thread_messages_thread_idx').on(t.threadId, t.createdAt),
    check('prescriber_thread_messages_side_ck', oneOf(t.side, THREAD_SIDES)),
  ],
);

export const prescriberThreadAttachments = pgTable(
  'prescriber_thread_attachments',
  {
    id: id(),
    messageId: requiredRef('message_id', () => prescriberThreadMessages.id),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    /** AES-256-GCM with the field key (see prior-auth/attachments.ts). */
    content: bytea('content').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('prescriber_thread_attachments_message_idx').on(t.messageId)],
);

export type HelpArticle = typeof helpArticles.$inferSelect;
export type SupportCase = typeof supportCases.$inferSelect;
