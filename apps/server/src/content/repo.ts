// SQL of the content hub. "Live" means published with its publish time come (a later time schedules it). Search is
// PostgreSQL full-text search on a stored, weighted tsvector (the same on PGlite), as in the help center.
import { newId, type SqlExecutor } from '@openpbm/db';
import type { ContentItemInput } from '@openpbm/shared/content-hub';

export interface ContentRow {
  id: string;
  slug: string;
  type: string;
  title: string;
  summary: string;
  body: string;
  visibility: 'public' | 'registered';
  topics: string[];
  status: 'draft' | 'published';
  publish_at: Date | string | null;
  event_starts_at: Date | string | null;
  recording_url: string | null;
  updated_at: Date | string;
}

export interface LiveFilter {
  type?: string;
  topic?: string;
  q?: string;
  when?: 'upcoming' | 'past';
  publicOnly?: boolean;
  limit?: number;
}

const COLUMNS = `id, slug, type, title, summary, body, visibility, topics, status, publish_at, event_starts_at,
  recording_url, updated_at`;

/** Live items, newest first (webinars to come: soonest first), filtered by type, topic, words and time. */
export async function listLive(sql: SqlExecutor, now: Date, f: LiveFilter): Promise<ContentRow[]> {
  const q = f.q?.trim() ? f.q.trim() : null;
  const { rows } = await sql.query<ContentRow>(
    `select ${COLUMNS}
       from content_items
      where status = 'published' and publish_at <= $1
        and ($2::text is null or type = $2)
        and ($3::text is null or $3 = any(topics))
        and ($4::text is null or search_vector @@ websearch_to_tsquery('english', $4))
        and ($5::text is null or ($5 = 'upcoming' and event_starts_at >= $1) or ($5 = 'past' and event_starts_at < $1))
        and (not $6::boolean or visibility = 'public')
      order by case when $5 = 'upcoming' then event_starts_at end asc nulls last,
               case when $4::text is not null then ts_rank(search_vector, websearch_to_tsquery('english', $4)) end desc nulls last,
               coalesce(event_starts_at, publish_at) desc, title
      limit $7`,
    [now, f.type ?? null, f.topic ?? null, q, f.when ?? null, f.publicOnly ?? false, f.limit ?? 200],
  );
  return rows;
}

export async function findLiveBySlug(sql: SqlExecutor, slug: string, now: Date): Promise<ContentRow | null> {
  const { rows } = await sql.query<ContentRow>(
    `select ${COLUMNS} from content_items where slug = $1 and status = 'published' and publish_at <= $2`,
    [slug, now],
  );
  return rows[0] ?? null;
}

export async function listAll(sql: SqlExecutor): Promise<ContentRow[]> {
  const { rows } = await sql.query<ContentRow>(
    `select ${COLUMNS} from content_items order by updated_at desc, title limit 500`,
  );
  return rows;
}

export async function findById(sql: SqlExecutor, id: string): Promise<ContentRow | null> {
  const { rows } = await sql.query<ContentRow>(`select ${COLUMNS} from content_items where id = $1`, [id]);
  return rows[0] ?? null;
}

export async function slugTaken(sql: SqlExecutor, slug: string, exceptId: string | null): Promise<boolean> {
  const { rows } = await sql.query<{ n: unknown }>(
    `select count(*) as n from content_items where slug = $1 and ($2::uuid is null or id <> $2)`,
    [slug, exceptId],
  );
  return Number(rows[0]?.n ?? 0) > 0;
}

/** A new draft; returns its id. */
export async function insertItem(
  sql: SqlExecutor,
  input: ContentItemInput,
  userId: string,
  now: Date,
): Promise<string> {
  const id = newId();
  await sql.query(
    `insert into content_items (id, slug, type, title, summary, body, visibility, topics, status, event_starts_at,
       recording_url, updated_by_user_id, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8::text[], 'draft', $9, $10, $11, $12, $12)`,
    itemParams(id, input, userId, now),
  );
  return id;
}

/** The positional parameters insertItem and updateItem share ($1–$12), in the same order. */
function itemParams(id: string, input: ContentItemInput, userId: string, now: Date) {
  const { slug, type, title, summary, body, visibility, topics } = input;
  const event = input.eventStartsAt ?? null;
  return [
    id,
    slug,
    type,
    title,
    summary,
    body,
    visibility,
    topics,
    event,
    input.recordingUrl ?? null,
    userId,
    now,
  ];
}

export async function updateItem(
  sql: SqlExecutor,
  id: string,
  input: ContentItemInput,
  userId: string,
  now: Date,
): Promise<void> {
  await sql.query(
    `update content_items set slug = $2, type = $3, title = $4, summary = $5, body = $6, visibility = $7,
       topics = $8::text[], event_starts_at = $9, recording_url = $10, updated_by_user_id = $11, updated_at = $12
     where id = $1`,
    itemParams(id, input, userId, now),
  );
}

export async function setStatus(
  sql: SqlExecutor,
  id: string,
  status: 'draft' | 'published',
  publishAt: Date | null,
  userId: string,
  now: Date,
): Promise<void> {
  await sql.query(
    `update content_items set status = $2, publish_at = $3, updated_by_user_id = $4, updated_at = $5 where id = $1`,
    [id, status, publishAt, userId, now],
  );
}
