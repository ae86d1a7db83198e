// API contracts for customer service: the help center, contact (secure message, callback), the staff console
// (member search, 360° view, reveal, break-the-glass, acting for the member, cases) and secure threads with the
// prescriber's office. Used by the server routes and the web forms alike.
import { z } from 'zod';
import { calendarDate, text } from './input';
import {
  CASE_CATEGORIES,
  CASE_CHANNELS,
  CASE_ENTRY_KINDS,
  CASE_STATUSES,
  ESCALATION_TARGETS,
  HELP_CATEGORIES,
} from './support-codes';

export * from './support-codes';

export const HELP_CATEGORY_VALUES = HELP_CATEGORIES;
export const helpCategory = z.enum(HELP_CATEGORY_VALUES);

export const helpSearchQuery = z.object({
  q: text(200).optional(),
  category: helpCategory.optional(),
});

export const helpArticleSummary = z.object({
  slug: z.string(),
  category: helpCategory,
  title: z.string(),
  /** Plain text with the matched words between [[ and ]] (the page turns them into <mark>). */
  snippet: z.string(),
  portalPath: z.string(),
  portalLabel: z.string(),
  rank: z.number().nullable(),
});
export const helpSearchResponse = z.object({ articles: z.array(helpArticleSummary) });

export const helpArticle = z.object({
  slug: z.string(),
  category: helpCategory,
  title: z.string(),
  body: z.string(),
  portalPath: z.string(),
  portalLabel: z.string(),
  published: z.boolean(),
  updatedAt: z.string(),
});

export const helpArticleInput = z.object({
  slug: text(80).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Use lower-case words joined by dashes'),
  category: helpCategory,
  title: text(160).min(5, 'Write a title of at least 5 characters'),
  body: text(8000, { multiline: true }).min(20, 'Write an answer of at least 20 characters'),
  portalPath: text(200).regex(/^\/[A-Za-z0-9/_-]*$/, 'A portal path such as /members/pharmacy'),
  portalLabel: text(80).min(2, 'Name the page the answer links to'),
  published: z.boolean().default(true),
});
export type HelpArticleInput = z.infer<typeof helpArticleInput>;

export const CASE_CATEGORY_VALUES = CASE_CATEGORIES;
export const caseCategory = z.enum(CASE_CATEGORY_VALUES);

export const contactMessageRequest = z.object({
  category: caseCategory,
  subject: text(120).min(3, 'Write a subject of at least 3 characters'),
  body: text(4000, { multiline: true }).min(10, 'Write a message of at least 10 characters'),
  prescriptionId: z.uuid().optional(),
  orderId: z.uuid().optional(),
});
export type ContactMessageRequest = z.infer<typeof contactMessageRequest>;

const phone = text(20).regex(/^\+?[0-9 ()-]{10,20}$/, 'Enter a phone number with area code');

export const callbackRequest = z
  .object({
    category: caseCategory,
    phone,
    /** The window the member prefers, ISO 8601 instants (UTC). */
    from: z.iso.datetime({ offset: true, message: 'Choose when we may call' }),
    to: z.iso.datetime({ offset: true, message: 'Choose until when we may call' }),
    note: text(500, { multiline: true }).optional(),
  })
  .refine((v) => new Date(v.to).getTime() - new Date(v.from).getTime() >= 30 * 60_000, {
    path: ['to'],
    message: 'Give us a window of at least 30 minutes',
  });
export type CallbackRequest = z.infer<typeof callbackRequest>;

export const memberReplyRequest = z.object({
  body: text(4000, { multiline: true }).min(2, 'Write a reply'),
});

export const caseEntry = z.object({
  kind: z.enum(CASE_ENTRY_KINDS),
  body: z.string(),
  author: z.string(),
  at: z.string(),
});

export const memberCaseView = z.object({
  id: z.uuid(),
  caseNumber: z.string(),
  channel: z.enum(CASE_CHANNELS),
  category: caseCategory,
  subject: z.string(),
  status: z.enum(CASE_STATUSES),
  createdAt: z.string(),
  entries: z.array(caseEntry),
});

export const reason = text(300).min(5, 'Say why (at least 5 characters)');

export const memberSearchRequest = z
  .object({
    memberNumber: text(20).optional(),
    lastName: text(60).optional(),
    firstName: text(60).optional(),
    dateOfBirth: calendarDate().optional(),
    reason: reason.optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'Say why you look this member up' });
    if (!v.memberNumber && !(v.lastName && v.dateOfBirth))
      ctx.addIssue({
        code: 'custom',
        path: ['memberNumber'],
        message: 'Enter a member ID, or a last name and a date of birth',
      });
  });
export type MemberSearchRequest = z.infer<typeof memberSearchRequest>;

export const memberSearchResponse = z.object({
  members: z.array(
    z.object({
      memberId: z.uuid(),
      name: z.string(),
      memberNumberMasked: z.string(),
      city: z.string(),
      state: z.string(),
      restricted: z.boolean(),
    }),
  ),
});

export const REVEALABLE_FIELDS = ['memberNumber', 'dateOfBirth', 'address', 'email', 'phone'] as const;
export const revealRequest = z.object({ field: z.enum(REVEALABLE_FIELDS), reason });
export const breakGlassRequest = z.object({ reason });

export const consent = z.object({
  /** What the agent read to the member; the member said yes. */
  consentStatement: text(500).min(10, 'Record what the member agreed to'),
  memberConsented: z.literal(true, { message: 'The member must agree first' }),
});

export const assistedRefillRequest = consent.extend({ prescriptionIds: z.array(z.uuid()).min(1).max(10) });
export const assistedAddressRequest = consent.extend({
  line1: text(100).min(3, 'Enter the street address'),
  line2: text(100).optional(),
  city: text(60).min(2, 'Enter the city'),
  state: text(2).regex(/^[A-Z]{2}$/, 'Two capital letters, e.g. IL'),
  zip: text(5).regex(/^\d{5}$/, 'Five digits'),
});
export const assistedAutoRefillRequest = consent.extend({ prescriptionId: z.uuid(), on: z.boolean() });
export const assistedTransferRequest = consent.extend({
  pharmacyName: text(100).min(2, 'Enter the pharmacy name'),
  pharmacyPhone: z
    .string()
    .trim()
    .regex(/^[0-9()+ .-]{7,20}$/, 'Enter a phone number'),
  rxNumber: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{3,20}$/, 'Enter the Rx number from the label'),
  drugDescription: text(100).min(2, 'Enter the medicine name'),
});
export const assistedActivationRequest = consent;

export const staffReplyRequest = z.object({
  body: text(4000, { multiline: true }).min(2, 'Write a reply'),
});
export const caseNoteRequest = z.object({ body: text(4000, { multiline: true }).min(2, 'Write a note') });
export const caseUpdateRequest = z.object({
  assignToMe: z.boolean().optional(),
  status: z.enum(['open', 'waiting_on_member']).optional(),
});
export const escalateRequest = z.object({
  to: z.enum(ESCALATION_TARGETS),
  reason: reason,
});
export const closeCaseRequest = z.object({
  resolution: text(2000, { multiline: true }).min(5, 'Say how it was resolved'),
});

export const prescriberThreadRequest = z.object({
  prescriptionId: z.uuid(),
  subject: text(120).min(3, 'Write a subject'),
  body: text(4000, { multiline: true }).min(2, 'Write a message'),
  attachment: z
    .object({
      fileName: text(120).min(1, 'Name the file'),
      contentBase64: z.string().max(8_000_000, 'Attach files of at most 5 MB'),
    })
    .optional(),
});
export const threadReplyRequest = prescriberThreadRequest.pick({ body: true, attachment: true });
