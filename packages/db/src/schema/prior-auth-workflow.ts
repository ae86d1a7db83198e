// The prior authorization workflow around a case (prior-auth.ts): its timeline of events, the documents the
// prescriber attaches, and the verification of prescribers' NPIs (only verified prescribers may ask).
import { sql } from 'drizzle-orm';
import { check, customType, index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, oneOf, requiredRef, timestamptz } from './columns';
import { prescribers } from './prescribers';
import { priorAuthorizations } from './prior-auth';
import { users } from './users';

/** Raw bytes (PGlite hands back Uint8Array, node-postgres a Buffer: both arrive as Buffer). */
export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value),
});

/** What happened to a case, in order; the reviewer's and prescriber's timeline. */
export const PA_EVENT_KINDS = [
  'submitted',
  'auto_approved',
  'queued',
  'review_started',
  'info_requested',
  'info_provided',
  'info_window_expired',
  'attachment_added',
  'approved',
  'denied',
  'escalated',
  'appealed',
  'withdrawn',
] as const;
export type PriorAuthEventKind = (typeof PA_EVENT_KINDS)[number];

export const priorAuthEvents = pgTable(
  'prior_auth_events',
  {
    id: id(),
    caseId: requiredRef('case_id', () => priorAuthorizations.id),
    kind: text('kind', { enum: PA_EVENT_KINDS }).notNull(),
    at: timestamptz('at').notNull(),
    /** Null for the engine and the worker. */
    actorUserId: uuid('actor_user_id').references(() => users.id),
    actorRole: text('actor_role'),
    /** Free text between reviewer and prescriber (the information asked for, the answer). */
    note: text('note'),
    detail: jsonb('detail').$type<Record<string, unknown>>(),
  },
  (t) => [
    index('prior_auth_events_case_idx').on(t.caseId, t.at),
    check('prior_auth_events_kind_ck', oneOf(t.kind, PA_EVENT_KINDS)),
  ],
);

export const ATTACHMENT_CONTENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export type AttachmentContentType = (typeof ATTACHMENT_CONTENT_TYPES)[number];

/**
 * Documents attached to a case (chart notes, lab reports). The content is AES-256-GCM encrypted with the
 * field key (iv || ciphertext || tag, the attachment id as additional data); `content_key_id` names the key.
 */
export const priorAuthAttachments = pgTable(
  'prior_auth_attachments',
  {
    id: id(),
    caseId: requiredRef('case_id', () => priorAuthorizations.id),
    uploadedByUserId: requiredRef('uploaded_by_user_id', () => users.id),
    fileName: text('file_name').notNull(),
    /** Decided from the file's magic bytes, never from what the browser claimed. */
    contentType: text('content_type', { enum: ATTACHMENT_CONTENT_TYPES }).notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    /** SHA-256 (hex) of the plaintext. */
    sha256: text('sha256').notNull(),
    contentKeyId: text('content_key_id').notNull(),
    content: bytea('content').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('prior_auth_attachments_case_idx').on(t.caseId),
    check('prior_auth_attachments_type_ck', oneOf(t.contentType, ATTACHMENT_CONTENT_TYPES)),
    check('prior_auth_attachments_size_ck', sql`${t.sizeBytes} > 0`),
  ],
);

export const NPI_VERIFICATION_METHODS = ['registry_match', 'staff_review'] as const;

/** A prescriber whose NPI the PBM checked (NPPES registry match or staff review); revoked ones may not ask. */
export const prescriberNpiVerifications = pgTable(
  'prescriber_npi_verifications',
  {
    prescriberId: uuid('prescriber_id')
      .primaryKey()
      .references(() => prescribers.id),
    /** The NPI that was verified: a later change of the prescriber's NPI needs a new verification. */
    npi: text('npi').notNull(),
    method: text('method', { enum: NPI_VERIFICATION_METHODS }).notNull(),
    verifiedAt: timestamptz('verified_at').notNull(),
    verifiedByUserId: uuid('verified_by_user_id').references(() => users.id),
    revokedAt: timestamptz('revoked_at'),
  },
  (t) => [check('prescriber_npi_verifications_method_ck', oneOf(t.method, NPI_VERIFICATION_METHODS))],
);

export type PriorAuthEvent = typeof priorAuthEvents.$inferSelect;
export type PriorAuthAttachment = typeof priorAuthAttachments.$inferSelect;
export type PrescriberNpiVerification = typeof prescriberNpiVerifications.$inferSelect;
