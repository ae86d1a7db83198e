// API contracts of the privacy office: notices, choices, who has seen my record, disclosures, record exports.
import { z } from 'zod';
import { calendarDate, text } from './input';

export const noticeKind = z.enum(['notice', 'business_transfer']);

export const publishNoticeRequest = z.object({
  kind: noticeKind.default('notice'),
  title: text(200).min(1, 'Enter a title'),
  bodyMarkdown: text(50_000, { multiline: true }).min(1, 'Enter the text of the notice'),
  summaryOfChanges: text(2000, { multiline: true }).min(1, 'Enter a summary of what changed'),
  effectiveDate: calendarDate('Enter the effective date as YYYY-MM-DD'),
});
export type PublishNoticeRequest = z.infer<typeof publishNoticeRequest>;

export const noticeView = z.object({
  id: z.uuid(),
  kind: noticeKind,
  version: z.number().int(),
  title: z.string(),
  bodyMarkdown: z.string(),
  summaryOfChanges: z.string(),
  effectiveDate: z.string(),
  publishedAt: z.string(),
  bannerActive: z.boolean(),
});
export type NoticeView = z.infer<typeof noticeView>;

export const noticeListResponse = z.object({
  current: noticeView.nullable(),
  older: z.array(noticeView),
  /** An active merger or sale notice: shown as a banner on every page. */
  banner: noticeView.nullable(),
});
export type NoticeListResponse = z.infer<typeof noticeListResponse>;

export const myNoticeStatus = z.object({
  current: noticeView.nullable(),
  acknowledgedAt: z.string().nullable(),
});
export type MyNoticeStatus = z.infer<typeof myNoticeStatus>;

export const privacyChoices = z.object({
  marketingOptOut: z.boolean(),
  researchOptOut: z.boolean(),
  deidentifiedOptOut: z.boolean(),
});
export type PrivacyChoices = z.infer<typeof privacyChoices>;

export const choicesResponse = privacyChoices.extend({
  memberId: z.uuid(),
  updatedAt: z.string().nullable(),
});
export type ChoicesResponse = z.infer<typeof choicesResponse>;

export const recordAccess = z.object({
  id: z.uuid(),
  at: z.string(),
  /** "You", "Family member", or the role in words. */
  role: z.string(),
  /** Staff appear by a staff ID, never by name; null for the member and their family. */
  staffId: z.string().nullable(),
  organization: z.string(),
  purpose: z.string(),
  action: z.string(),
  what: z.string(),
});
export const recordAccessResponse = z.object({
  memberId: z.uuid(),
  accesses: z.array(recordAccess),
});
export type RecordAccessResponse = z.infer<typeof recordAccessResponse>;

export const disclosureView = z.object({
  id: z.uuid(),
  disclosedOn: z.string(),
  recipient: z.string(),
  purpose: z.string(),
  whatDisclosed: z.string(),
});
export const accountingResponse = z.object({
  memberId: z.uuid(),
  since: z.string(),
  disclosures: z.array(disclosureView),
});
export type AccountingResponse = z.infer<typeof accountingResponse>;

export const legalRequestKind = z.enum(['subpoena', 'court_order', 'regulator_request']);

/** The parts of a member's record, in the order an export or a disclosure package lists them. */
export const RECORD_SECTIONS = [
  'profile',
  'coverage',
  'prescriptions',
  'claims',
  'orders',
  'priorAuth',
  'messages',
  'consents',
  'audit',
] as const;
export const recordSection = z.enum(RECORD_SECTIONS);
export type RecordSection = z.infer<typeof recordSection>;
export const RECORD_SECTION_LABELS: Record<RecordSection, string> = {
  profile: 'Profile',
  coverage: 'Coverage',
  prescriptions: 'Prescriptions',
  claims: 'Pharmacy claims',
  orders: 'Home-delivery orders',
  priorAuth: 'Prior authorizations',
  messages: 'Secure messages',
  consents: 'Privacy choices',
  audit: 'Audit of the record',
};
export const legalRequestFields = z.object({
  kind: legalRequestKind,
  requester: text(300).min(1, 'Enter who asked'),
  legalBasis: text(2000, { multiline: true }).min(1, 'Enter the legal basis'),
  dueDate: calendarDate(),
  memberNumbers: z.array(text(20).min(1)).min(1, 'Name at least one member').max(500),
  recordsInScope: text(1000).min(1, 'Say which records are in scope'),
  /** What goes into the disclosure package: only these parts of each member's record. */
  sectionsInScope: z
    .array(recordSection)
    .min(1, 'Choose at least one part of the record')
    .max(RECORD_SECTIONS.length),
  notificationProhibited: z.boolean().default(false),
  prohibitionBasis: text(2000, { multiline: true }).optional(),
  prohibitedUntil: calendarDate().optional(),
});

/** A prohibited notification needs its legal basis and an end date (shared by the API and the web form). */
export function checkProhibition(
  v: { notificationProhibited?: boolean; prohibitionBasis?: string; prohibitedUntil?: string },
  ctx: z.RefinementCtx,
): void {
  if (!v.notificationProhibited) return;
  if (!v.prohibitionBasis)
    ctx.addIssue({
      code: 'custom',
      path: ['prohibitionBasis'],
      message: 'Enter the legal basis for prohibiting notification',
    });
  if (!v.prohibitedUntil)
    ctx.addIssue({
      code: 'custom',
      path: ['prohibitedUntil'],
      message: 'Enter the date the prohibition ends',
    });
}

export const logLegalRequest = legalRequestFields.superRefine(checkProhibition);
export type LogLegalRequest = z.infer<typeof logLegalRequest>;

export const legalRequestView = z.object({
  id: z.uuid(),
  kind: legalRequestKind,
  requester: z.string(),
  legalBasis: z.string(),
  dueDate: z.string(),
  recordsInScope: z.string(),
  sectionsInScope: z.array(recordSection),
  members: z.number().int(),
  notificationProhibited: z.boolean(),
  prohibitedUntil: z.string().nullable(),
  clientsNotifiedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type LegalRequestView = z.infer<typeof legalRequestView>;

export const recordExportView = z.object({
  id: z.uuid(),
  memberId: z.uuid(),
  status: z.enum(['queued', 'running', 'ready', 'failed']),
  progress: z.number().int(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type RecordExportView = z.infer<typeof recordExportView>;

export const deidentifiedExtract = z.object({
  kind: z.literal('claims'),
  year: z.number().int(),
  columns: z.array(z.string()),
  rows: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))),
  optedOutMembersLeftOut: z.number().int(),
});
export type DeidentifiedExtract = z.infer<typeof deidentifiedExtract>;

export const deidentifiedReport = z.object({
  year: z.number().int(),
  cells: z.array(
    z.object({
      zip3: z.string(),
      tier: z.number().int().nullable(),
      claims: z.number().int().nullable(),
      suppressed: z.boolean(),
    }),
  ),
});
export type DeidentifiedReport = z.infer<typeof deidentifiedReport>;

/** A message in the client portal's inbox (e.g. a legal disclosure involved members of the plan). */
export const clientMessageView = z.object({
  id: z.uuid(),
  subject: z.string(),
  body: z.string(),
  createdAt: z.string(),
});
export type ClientMessageView = z.infer<typeof clientMessageView>;

/** A marketing mailing (home-delivery invitation): sent by a job in batches; the page polls its progress. */
export const marketingMailing = z.object({
  id: z.uuid(),
  clientId: z.uuid().nullable(),
  status: z.enum(['queued', 'sending', 'complete']),
  recipients: z.number().int(),
  sent: z.number().int(),
  leftOutOptedOut: z.number().int(),
  leftOutMinors: z.number().int(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type MarketingMailing = z.infer<typeof marketingMailing>;
export const startMailingRequest = z.object({ clientId: z.uuid('Choose a client').optional() });
export type StartMailingRequest = z.infer<typeof startMailingRequest>;

/** The research extract's form: a year of paid claims, one client or all. */
export const researchExtractQuery = z.object({
  year: z.coerce
    .number()
    .int('Enter a year')
    .min(2000, 'Enter a year from 2000')
    .max(2100, 'Enter a year up to 2100'),
  clientId: z.uuid().optional(),
});
export type ResearchExtractQuery = z.infer<typeof researchExtractQuery>;

/** The privacy officer's audit viewer: filters and a page. Dates are UTC calendar days, both ends included. */
export const auditSearchQuery = z.object({
  memberNumber: text(20).optional(),
  /** A staff ID as members see it (S-xxxxxxxx) or a user id. */
  actor: text(40).optional(),
  action: text(60).optional(),
  from: calendarDate('Enter the first day as YYYY-MM-DD').optional(),
  to: calendarDate('Enter the last day as YYYY-MM-DD').optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});
export type AuditSearchQuery = z.infer<typeof auditSearchQuery>;

export const auditRowView = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorRole: z.string().nullable(),
  staffId: z.string().nullable(),
  action: z.string(),
  resourceType: z.string(),
  resourceId: z.string().nullable(),
  memberNumber: z.string().nullable(),
  reason: z.string().nullable(),
  /** This row's hash recomputes and links to the row before it. */
  chainOk: z.boolean(),
});
export const auditSearchResponse = z.object({
  rows: z.array(auditRowView),
  page: z.number().int(),
  pageSize: z.number().int(),
  hasMore: z.boolean(),
  /** Every row on this page verified against the chain. */
  pageChainOk: z.boolean(),
});
export type AuditSearchResponse = z.infer<typeof auditSearchResponse>;

export const auditChainStatus = z.object({
  ok: z.boolean(),
  rowsChecked: z.number().int(),
  firstBrokenSeq: z.number().int().nullable(),
  checkedAt: z.string(),
});
export type AuditChainStatus = z.infer<typeof auditChainStatus>;
