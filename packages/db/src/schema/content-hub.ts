// The client portal's content hub: news, webinars, publications, trend strategies and marketing tools, written in
// Markdown by the account team. Each item is public (anyone reads it) or registered-only (anyone sees the title and
// teaser; a signed-in portal user reads the body). An item is live once published and its publish time has come,
// which is how scheduling works.
import { sql } from 'drizzle-orm';
import { check, customType, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, oneOf, requiredRef, timestamptz, updatedAt } from './columns';
import { users } from './users';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const CONTENT_TYPES = ['news', 'webinar', 'publication', 'trend_strategy', 'marketing_tool'] as const;
export type ContentType = (typeof CONTENT_TYPES)[number];
export const CONTENT_VISIBILITIES = ['public', 'registered'] as const;
export type ContentVisibility = (typeof CONTENT_VISIBILITIES)[number];
export const CONTENT_STATUSES = ['draft', 'published'] as const;

export const contentItems = pgTable(
  'content_items',
  {
    id: id(),
    slug: text('slug').notNull(),
    type: text('type', { enum: CONTENT_TYPES }).notNull(),
    title: text('title').notNull(),
    /** The teaser everyone sees, registered-only items included. Plain text. */
    summary: text('summary').notNull(),
    /** Markdown; rendered with raw HTML disabled. */
    body: text('body').notNull(),
    visibility: text('visibility', { enum: CONTENT_VISIBILITIES }).notNull(),
    topics: text('topics').array().notNull().default(sql`'{}'::text[]`),
    status: text('status', { enum: CONTENT_STATUSES }).notNull().default('draft'),
    /** When a published item goes live (a future time schedules it). */
    publishAt: timestamptz('publish_at'),
    /** Webinars: when it starts; afterwards the recording link is shown. */
    eventStartsAt: timestamptz('event_starts_at'),
    recordingUrl: text('recording_url'),
    searchVector: tsvector('search_vector').generatedAlwaysAs(
      sql`setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', summary), 'B') || setweight(to_tsvector('english', body), 'C')`,
    ),
    updatedByUserId: uuid('updated_by_user_id').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('content_items_slug_uq').on(t.slug),
    index('content_items_live_idx').on(t.status, t.publishAt),
    index('content_items_search_idx').using('gin', t.searchVector),
    check('content_items_type_ck', oneOf(t.type, CONTENT_TYPES)),
    check('content_items_visibility_ck', oneOf(t.visibility, CONTENT_VISIBILITIES)),
    check('content_items_status_ck', oneOf(t.status, CONTENT_STATUSES)),
    check('content_items_slug_ck', sql`${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`),
    check('content_items_recording_ck', sql`${t.recordingUrl} is null or ${t.recordingUrl} ~ '^https://'`),
  ],
);

export type ContentItem = typeof contentItems.$inferSelect;

/** A signed-in portal user's place at a webinar: one per user and webinar (registering again changes nothing). */
export const webinarRegistrations = pgTable(
  'webinar_registrations',
  {
    id: id(),
    contentItemId: requiredRef('content_item_id', () => contentItems.id),
    userId: requiredRef('user_id', () => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('webinar_registrations_item_user_uq').on(t.contentItemId, t.userId),
    index('webinar_registrations_user_idx').on(t.userId),
  ],
);
