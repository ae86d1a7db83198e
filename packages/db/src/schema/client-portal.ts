// The client and advisor portal: self-registration, requests for secure tools (verified by the account team),
// grants per client and tool (the client's primary administrator manages them), and the clients' known e-mail
// domains the account team checks a requester against.
import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { clients } from './clients';
import { createdAt, id, oneOf, requiredRef, timestamptz } from './columns';
import { users } from './users';

/** The secure tools a client user or advisor can be granted, each per client. */
export const CLIENT_TOOLS = [
  'eligibility_files',
  'plan_reports',
  'claims_reports',
  'formulary_documents',
] as const;
export type ClientTool = (typeof CLIENT_TOOLS)[number];

export const REGISTRANT_KINDS = ['client', 'advisor'] as const;
export type RegistrantKind = (typeof REGISTRANT_KINDS)[number];

/** Domains a client's own staff write from ("acme.example"); a requester's e-mail is matched against them. */
export const clientEmailDomains = pgTable(
  'client_email_domains',
  {
    clientId: requiredRef('client_id', () => clients.id),
    /** Lower case, no "@". */
    domain: text('domain').notNull(),
  },
  (t) => [primaryKey({ columns: [t.clientId, t.domain], name: 'client_email_domains_pk' })],
);

/**
 * A public registration: the e-mail link proves the address, then the registrant chooses username, password,
 * SiteKey and challenge questions (the identity flows members use) and `userId` is set. One live token at a time
 * (`tokenHash`, SHA-256 of a 256-bit value): first the e-mailed link, then the account-creation ticket.
 */
export const portalRegistrations = pgTable(
  'portal_registrations',
  {
    id: id(),
    kind: text('kind', { enum: REGISTRANT_KINDS }).notNull(),
    fullName: text('full_name').notNull(),
    email: text('email').notNull(),
    organization: text('organization').notNull(),
    /** The client the registrant named (matched by client number or name). */
    clientId: requiredRef('client_id', () => clients.id),
    tokenHash: text('token_hash'),
    tokenExpiresAt: timestamptz('token_expires_at'),
    emailVerifiedAt: timestamptz('email_verified_at'),
    userId: uuid('user_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('portal_registrations_token_uq').on(t.tokenHash),
    check('portal_registrations_kind_ck', oneOf(t.kind, REGISTRANT_KINDS)),
  ],
);

/** The client's primary administrator: grants and revokes its users' tools and re-certifies them yearly. */
export const clientPrimaryAdmins = pgTable('client_primary_admins', {
  clientId: uuid('client_id')
    .primaryKey()
    .references(() => clients.id),
  userId: requiredRef('user_id', () => users.id),
  assignedAt: timestamptz('assigned_at').notNull(),
});

export const ACCESS_REQUEST_STATUSES = ['pending', 'approved', 'denied'] as const;
export type AccessRequestStatus = (typeof ACCESS_REQUEST_STATUSES)[number];

/** The account team's call-back checklist, ticked on the review page. */
export interface CallBackChecklist {
  calledClientContact: boolean;
  confirmedEmployment: boolean;
  confirmedToolsNeeded: boolean;
}

/** A registered user asks for secure tools of one client; the account team decides within 10 days. */
export const clientAccessRequests = pgTable(
  'client_access_requests',
  {
    id: id(),
    userId: requiredRef('user_id', () => users.id),
    clientId: requiredRef('client_id', () => clients.id),
    tools: text('tools').array().notNull(),
    note: text('note'),
    status: text('status', { enum: ACCESS_REQUEST_STATUSES }).notNull().default('pending'),
    /** created + 10 days: the expected date shown to the requester. */
    dueAt: timestamptz('due_at').notNull(),
    /** Day 7: the account team was reminded (once). */
    remindedAt: timestamptz('reminded_at'),
    /** Day 10: escalated (once). */
    escalatedAt: timestamptz('escalated_at'),
    checklist: jsonb('checklist').$type<CallBackChecklist>(),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamptz('decided_at'),
    decisionReason: text('decision_reason'),
    createdAt: createdAt(),
  },
  (t) => [
    index('client_access_requests_status_idx').on(t.status, t.createdAt),
    index('client_access_requests_user_idx').on(t.userId),
    check('client_access_requests_status_ck', oneOf(t.status, ACCESS_REQUEST_STATUSES)),
    check('client_access_requests_tools_ck', sql`cardinality(${t.tools}) > 0`),
  ],
);

/** One tool of one client for one user; live while not revoked and not past `expiresAt` (12 months). */
export const clientAccessGrants = pgTable(
  'client_access_grants',
  {
    id: id(),
    userId: requiredRef('user_id', () => users.id),
    clientId: requiredRef('client_id', () => clients.id),
    tool: text('tool', { enum: CLIENT_TOOLS }).notNull(),
    /** The account-team decision it came from, when it came from one. */
    requestId: uuid('request_id').references(() => clientAccessRequests.id),
    grantedBy: uuid('granted_by').references(() => users.id),
    grantedAt: timestamptz('granted_at').notNull(),
    /** Annual access review: the primary administrator re-certifies to move it 12 months on. */
    expiresAt: timestamptz('expires_at').notNull(),
    recertifiedAt: timestamptz('recertified_at'),
    revokedAt: timestamptz('revoked_at'),
    revokedBy: uuid('revoked_by').references(() => users.id),
  },
  (t) => [
    uniqueIndex('client_access_grants_live_uq')
      .on(t.userId, t.clientId, t.tool)
      .where(sql`${t.revokedAt} is null`),
    index('client_access_grants_client_idx').on(t.clientId),
    check('client_access_grants_tool_ck', oneOf(t.tool, CLIENT_TOOLS)),
  ],
);

export type ClientAccessGrant = typeof clientAccessGrants.$inferSelect;
export type ClientAccessRequest = typeof clientAccessRequests.$inferSelect;
export type PortalRegistration = typeof portalRegistrations.$inferSelect;

export const ELIGIBILITY_FILE_FORMATS = ['834', 'csv'] as const;

/**
 * An applied eligibility file: applying the same file again (same hash, or an 834 with the same interchange
 * control number for the client) changes nothing. Holds counts only, never the records.
 */
export const eligibilityImports = pgTable(
  'eligibility_imports',
  {
    id: id(),
    clientId: requiredRef('client_id', () => clients.id),
    format: text('format', { enum: ELIGIBILITY_FILE_FORMATS }).notNull(),
    /** SHA-256 (hex) of the file's bytes. */
    fileHash: text('file_hash').notNull(),
    interchangeControlNumber: text('interchange_control_number'),
    added: integer('added').notNull(),
    changed: integer('changed').notNull(),
    terminated: integer('terminated').notNull(),
    /** The portal user who applied it; null when the operator's command line did (`appliedByOperator`). */
    appliedBy: uuid('applied_by').references(() => users.id),
    appliedByOperator: text('applied_by_operator'),
    appliedAt: timestamptz('applied_at').notNull(),
  },
  (t) => [
    uniqueIndex('eligibility_imports_hash_uq').on(t.clientId, t.fileHash),
    uniqueIndex('eligibility_imports_icn_uq')
      .on(t.clientId, t.interchangeControlNumber)
      .where(sql`${t.interchangeControlNumber} is not null`),
    check('eligibility_imports_format_ck', oneOf(t.format, ELIGIBILITY_FILE_FORMATS)),
    check(
      'eligibility_imports_applier_ck',
      sql`(${t.appliedBy} is null) <> (${t.appliedByOperator} is null)`,
    ),
  ],
);

export const UPLOAD_PHASES = ['checking', 'applying', 'done'] as const;

/**
 * How far the check or apply of one eligibility upload has got, so that any app node can answer the page's poll
 * (the upload may run on another node). A few numbers per upload, never a record; rows older than a few minutes
 * are swept when the next upload starts.
 */
export const eligibilityUploadProgress = pgTable(
  'eligibility_upload_progress',
  {
    uploadId: uuid('upload_id').primaryKey(),
    userId: requiredRef('user_id', () => users.id),
    clientId: requiredRef('client_id', () => clients.id),
    phase: text('phase', { enum: UPLOAD_PHASES }).notNull(),
    processed: integer('processed').notNull(),
    total: integer('total').notNull(),
    errors: integer('errors').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
  },
  (t) => [
    index('eligibility_upload_progress_updated_idx').on(t.updatedAt),
    check('eligibility_upload_progress_phase_ck', oneOf(t.phase, UPLOAD_PHASES)),
  ],
);

/**
 * The plan report of one client for one period, as last computed (suppression applied: it holds no small cell).
 * Served while under a day old and while its client's generation is the one it was computed at (see
 * planReportGenerations); refreshed nightly and on request (apps/server/src/clients/report-service.ts).
 */
export const planReportSnapshots = pgTable(
  'plan_report_snapshots',
  {
    clientId: requiredRef('client_id', () => clients.id),
    fromMonth: text('from_month').notNull(),
    toMonth: text('to_month').notNull(),
    computedAt: timestamptz('computed_at').notNull(),
    /** The client's generation read before computing. */
    generation: bigint('generation', { mode: 'number' }).notNull(),
    report: jsonb('report').notNull(),
  },
  (t) => [primaryKey({ columns: [t.clientId, t.fromMonth, t.toMonth] })],
);

/**
 * Per client, a counter that triggers (migration 0031) move on every change to a member's opt-out or eligibility,
 * or a member moved between clients: a snapshot computed at an older generation is never served, even one whose
 * computation was still running when the change committed. No row: generation 0.
 */
export const planReportGenerations = pgTable('plan_report_generations', {
  clientId: uuid('client_id')
    .primaryKey()
    .references(() => clients.id),
  generation: bigint('generation', { mode: 'number' }).notNull(),
});
