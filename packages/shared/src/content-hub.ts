// API contracts of the client portal's content hub (apps/server/src/content), shared with the web pages.
import { z } from 'zod';
import { text } from './input';

export const CONTENT_TYPES = ['news', 'webinar', 'publication', 'trend_strategy', 'marketing_tool'] as const;
export const contentType = z.enum(CONTENT_TYPES);
export type ContentType = z.infer<typeof contentType>;
export const CONTENT_TYPE_LABELS: Record<ContentType, string> = {
  news: 'News',
  webinar: 'Webinars',
  publication: 'Publications',
  trend_strategy: 'Trend strategies',
  marketing_tool: 'Marketing tools',
};

/** The topics editors tag items with (a closed list keeps the filter useful). */
export const CONTENT_TOPICS = [
  'specialty',
  'generics',
  'cost-trend',
  'formulary',
  'compliance',
  'member-engagement',
  'home-delivery',
] as const;
export const contentTopic = z.enum(CONTENT_TOPICS, 'Choose a topic from the list.');
export const CONTENT_TOPIC_LABELS: Record<(typeof CONTENT_TOPICS)[number], string> = {
  specialty: 'Specialty drugs',
  generics: 'Generics and biosimilars',
  'cost-trend': 'Cost trend',
  formulary: 'Formulary',
  compliance: 'Compliance',
  'member-engagement': 'Member engagement',
  'home-delivery': 'Home delivery',
};

export const contentVisibility = z.enum(['public', 'registered'], 'Choose who may read it.');

/** A list entry: what anyone may see of a live item (registered-only bodies are never in a list). */
export const contentSummaryView = z.object({
  slug: z.string(),
  type: contentType,
  title: z.string(),
  summary: z.string(),
  visibility: contentVisibility,
  topics: z.array(z.string()),
  publishedAt: z.string(),
  eventStartsAt: z.string().nullable(),
});
export type ContentSummaryView = z.infer<typeof contentSummaryView>;

export const contentListView = z.object({ items: z.array(contentSummaryView) });

export const contentListQuery = z.object({
  type: contentType.optional(),
  topic: contentTopic.optional(),
  q: text(200).optional(),
  /** Webinars: upcoming or past (by start time). */
  when: z.enum(['upcoming', 'past']).optional(),
});

/** One item; `bodyHtml` is null and `locked` true when a registered-only item is read by someone signed out. */
export const contentDetailView = contentSummaryView.extend({
  locked: z.boolean(),
  bodyHtml: z.string().nullable(),
  recordingUrl: z.string().nullable(),
  /** Webinars: whether the signed-in reader has registered (false when signed out or not a webinar). */
  registered: z.boolean(),
});

/** A webinar registration (registering again answers the same). */
export const webinarRegistrationView = z.object({ registered: z.literal(true) });

/** The clients a portal user acts for: whose name a marketing flyer can carry. */
export const flyerClientsView = z.object({
  clients: z.array(z.object({ id: z.string(), code: z.string(), name: z.string() })),
});
export type FlyerClientsView = z.infer<typeof flyerClientsView>;
export const flyerQuery = z.object({ clientId: z.uuid('Choose a client.') });
export type ContentDetailView = z.infer<typeof contentDetailView>;

const slug = text(80).regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Use lower-case letters, digits and single hyphens.');

/** What the account team writes. Dates are ISO date-times (UTC). */
export const contentItemInput = z.object({
  slug,
  type: contentType,
  title: text(200).min(3, 'Enter a title.'),
  summary: text(500).min(10, 'Enter a teaser of at least 10 characters.'),
  body: text(50_000, { multiline: true }).min(1, 'Write the body in Markdown.'),
  visibility: contentVisibility,
  topics: z.array(contentTopic).max(5, 'Choose at most 5 topics.'),
  eventStartsAt: z.iso.datetime({ offset: true, message: 'Enter a date and time.' }).nullable().optional(),
  recordingUrl: text(500)
    .regex(/^https:\/\/\S+$/, 'Use an https:// link.')
    .nullable()
    .optional(),
});
export type ContentItemInput = z.infer<typeof contentItemInput>;

export const contentPublishInput = z.object({
  /** Omit to publish now; a future time schedules it. */
  publishAt: z.iso.datetime({ offset: true, message: 'Enter a date and time.' }).nullable().optional(),
});

export const contentEditorItemView = z.object({
  id: z.string(),
  slug: z.string(),
  type: contentType,
  title: z.string(),
  summary: z.string(),
  body: z.string(),
  visibility: contentVisibility,
  topics: z.array(z.string()),
  status: z.enum(['draft', 'published']),
  publishAt: z.string().nullable(),
  eventStartsAt: z.string().nullable(),
  recordingUrl: z.string().nullable(),
  updatedAt: z.string(),
});
export type ContentEditorItemView = z.infer<typeof contentEditorItemView>;
export const contentEditorListView = z.object({ items: z.array(contentEditorItemView) });
export const contentPreviewInput = z.object({ body: text(50_000, { multiline: true }) });
export const contentPreviewView = z.object({ html: z.string() });
