// The privacy office: notice versions and their acknowledgements, members' choices (marketing, research,
// de-identified data), legal and compelled disclosures, the accounting of disclosures and right-of-access exports.
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { clients } from './clients';
import { createdAt, id, localDate, oneOf, requiredRef, timestamptz } from './columns';
import { members } from './members';
import { users } from './users';

/** notice: the notice of privacy practices; business_transfer: a merger or sale (banner while active). */
export const NOTICE_KINDS = ['notice', 'business_transfer'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export const privacyNotices = pgTable(
  'privacy_notices',
  {
    id: id(),
    kind: text('kind', { enum: NOTICE_KINDS }).notNull(),
    /** 1, 2, 3, … per kind, in publication order. */
    version: integer('version').notNull(),
    title: text('title').notNull(),
    bodyMarkdown: text('body_markdown').notNull(),
    summaryOfChanges: text('summary_of_changes').notNull(),
    effectiveDate: localDate('effective_date').notNull(),
    publishedByUserId: requiredRef('published_by_user_id', () => users.id),
    publishedAt: timestamptz('published_at').notNull(),
    /** business_transfer only: when the privacy officer took the banner down (null while it shows). */
    bannerEndedAt: timestamptz('banner_ended_at'),
    /** Publication e-mails sent so far, in user-id order up to the cursor; done when all are out. */
    emailsSent: integer('emails_sent').notNull().default(0),
    emailCursorUserId: uuid('email_cursor_user_id'),
    /** One sender at a time: the sender holding the lease until this time. */
    emailLeaseUntil: timestamptz('email_lease_until'),
    emailsDoneAt: timestamptz('emails_done_at'),
  },
  (t) => [
    uniqueIndex('privacy_notices_kind_version_uq').on(t.kind, t.version),
    check('privacy_notices_kind_ck', oneOf(t.kind, NOTICE_KINDS)),
  ],
);

export const noticeAcknowledgements = pgTable(
  'notice_acknowledgements',
  {
    noticeId: requiredRef('notice_id', () => privacyNotices.id),
    userId: requiredRef('user_id', () => users.id),
    acknowledgedAt: timestamptz('acknowledged_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.noticeId, t.userId] })],
);

/** One row per member who has made a choice; no row = no opt-out. */
export const privacyChoices = pgTable('privacy_choices', {
  memberId: uuid('member_id')
    .primaryKey()
    .references(() => members.id),
  marketingOptOut: boolean('marketing_opt_out').notNull().default(false),
  researchOptOut: boolean('research_opt_out').notNull().default(false),
  deidentifiedOptOut: boolean('deidentified_opt_out').notNull().default(false),
  updatedByUserId: uuid('updated_by_user_id').references(() => users.id),
  updatedAt: timestamptz('updated_at').notNull(),
});

export const LEGAL_REQUEST_KINDS = ['subpoena', 'court_order', 'regulator_request'] as const;

/** A subpoena, court order or regulator request the privacy officer logged. */
export const legalRequests = pgTable(
  'legal_requests',
  {
    id: id(),
    kind: text('kind', { enum: LEGAL_REQUEST_KINDS }).notNull(),
    requester: text('requester').notNull(),
    legalBasis: text('legal_basis').notNull(),
    dueDate: localDate('due_date').notNull(),
    /** What was disclosed, in words (e.g. "claims 2025–2026"). */
    recordsInScope: text('records_in_scope').notNull(),
    /** Which parts of each member's record go into the disclosure package (profile, claims, …). */
    sectionsInScope: text('sections_in_scope').array().notNull().default(sql`'{}'::text[]`),
    notificationProhibited: boolean('notification_prohibited').notNull().default(false),
    prohibitionBasis: text('prohibition_basis'),
    prohibitedUntil: localDate('prohibited_until'),
    /** When the affected clients were told (null: not yet, or held by a prohibition). */
    clientsNotifiedAt: timestamptz('clients_notified_at'),
    createdByUserId: requiredRef('created_by_user_id', () => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    check('legal_requests_kind_ck', oneOf(t.kind, LEGAL_REQUEST_KINDS)),
    check(
      'legal_requests_prohibition_ck',
      sql`not ${t.notificationProhibited} or (${t.prohibitionBasis} is not null and ${t.prohibitedUntil} is not null)`,
    ),
  ],
);

/**
 * The accounting of disclosures (HIPAA 164.528): one row per member per disclosure outside treatment, payment
 * and operations. `hiddenUntil` keeps a disclosure under a notification prohibition out of the member's view.
 */
export const disclosures = pgTable(
  'disclosures',
  {
    id: id(),
    memberId: requiredRef('member_id', () => members.id),
    clientId: requiredRef('client_id', () => clients.id),
    disclosedOn: localDate('disclosed_on').notNull(),
    recipient: text('recipient').notNull(),
    purpose: text('purpose').notNull(),
    whatDisclosed: text('what_disclosed').notNull(),
    legalRequestId: uuid('legal_request_id').references(() => legalRequests.id),
    hiddenUntil: localDate('hidden_until'),
    createdAt: createdAt(),
  },
  (t) => [
    index('disclosures_member_idx').on(t.memberId, t.disclosedOn),
    index('disclosures_request_idx').on(t.legalRequestId),
  ],
);

export const EXPORT_STATUSES = ['queued', 'running', 'ready', 'failed'] as const;

/** A right-of-access download: built by a job, picked up through an e-mailed link by the requester. */
export const recordExports = pgTable(
  'record_exports',
  {
    id: id(),
    memberId: requiredRef('member_id', () => members.id),
    requestedByUserId: requiredRef('requested_by_user_id', () => users.id),
    status: text('status', { enum: EXPORT_STATUSES }).notNull(),
    /** 0–100. */
    progress: integer('progress').notNull().default(0),
    /** The FHIR R4 Bundle, encrypted (encryptField) because it is the whole record. */
    bundleEnc: text('bundle_enc'),
    createdAt: createdAt(),
    finishedAt: timestamptz('finished_at'),
  },
  (t) => [
    index('record_exports_member_idx').on(t.memberId, t.createdAt),
    // One running export per member and requester: a second request returns the running one.
    uniqueIndex('record_exports_one_running_uq')
      .on(t.memberId, t.requestedByUserId)
      .where(sql`${t.status} in ('queued', 'running')`),
    check('record_exports_status_ck', oneOf(t.status, EXPORT_STATUSES)),
  ],
);

/**
 * The client portal's inbox: notices to a client's users, e.g. that a legal disclosure involved members of their
 * plan. One message per client and legal request; no member names or records, only counts and kinds.
 */
export const clientMessages = pgTable(
  'client_messages',
  {
    id: id(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    legalRequestId: uuid('legal_request_id').references(() => legalRequests.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('client_messages_client_idx').on(t.clientId, t.createdAt),
    uniqueIndex('client_messages_request_uq').on(t.clientId, t.legalRequestId),
  ],
);

/** queued: waiting for the job to choose the audience; sending: recipients chosen, e-mails going out. */
export const MAILING_STATUSES = ['queued', 'sending', 'complete'] as const;

/**
 * One marketing mailing (the home-delivery invitation), sent by the `marketing-mailings` job in batches. The
 * audience is chosen once, by the job, and kept in `marketing_mailing_recipients`.
 */
export const marketingMailings = pgTable(
  'marketing_mailings',
  {
    id: id(),
    /** null: every client. */
    clientId: uuid('client_id').references(() => clients.id),
    requestedByUserId: requiredRef('requested_by_user_id', () => users.id),
    status: text('status', { enum: MAILING_STATUSES }).notNull().default('queued'),
    recipients: integer('recipients').notNull().default(0),
    sent: integer('sent').notNull().default(0),
    leftOutOptedOut: integer('left_out_opted_out').notNull().default(0),
    leftOutMinors: integer('left_out_minors').notNull().default(0),
    createdAt: createdAt(),
    finishedAt: timestamptz('finished_at'),
  },
  (t) => [
    index('marketing_mailings_open_idx').on(t.status, t.createdAt),
    check('marketing_mailings_status_ck', oneOf(t.status, MAILING_STATUSES)),
  ],
);

/**
 * Per-recipient progress of a mailing. `sending` is set before the e-mail goes out and `sent` after, so a crash
 * between the two never sends twice: a resumed run leaves such a row as it is (at most once). No address is kept
 * here; the job reads it from the member when it sends.
 */
export const MAILING_RECIPIENT_STATUSES = ['pending', 'sending', 'sent', 'skipped'] as const;

export const marketingMailingRecipients = pgTable(
  'marketing_mailing_recipients',
  {
    mailingId: requiredRef('mailing_id', () => marketingMailings.id),
    memberId: requiredRef('member_id', () => members.id),
    status: text('status', { enum: MAILING_RECIPIENT_STATUSES }).notNull().default('pending'),
    sentAt: timestamptz('sent_at'),
  },
  (t) => [
    primaryKey({ columns: [t.mailingId, t.memberId] }),
    check('marketing_mailing_recipients_status_ck', oneOf(t.status, MAILING_RECIPIENT_STATUSES)),
  ],
);
