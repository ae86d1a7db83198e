// SQL for the help center. Search is PostgreSQL full-text search (the same on PGlite): a stored, weighted
// tsvector with a GIN index, websearch_to_tsquery for what people type ("refill -auto", "prior authorization"),
// ts_rank to order and ts_headline for the snippet, with the matches between [[ and ]].
import { type Database, type SqlExecutor, schema } from '@openpbm/db';
import type { HelpArticleInput } from '@openpbm/shared/support';
import { asc, eq } from 'drizzle-orm';

export interface SearchHit {
  slug: string;
  category: string;
  title: string;
  portal_path: string;
  portal_label: string;
  rank: number | null;
  snippet: string;
}

const HEADLINE = 'StartSel=[[, StopSel=]], MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "';

export async function searchArticles(
  sql: SqlExecutor,
  query: string,
  category: string | null,
  limit: number,
) {
  const { rows } = await sql.query<SearchHit>(
    `with q as (select websearch_to_tsquery('english', $1) as query)
     select a.slug, a.category, a.title, a.portal_path, a.portal_label,
            ts_rank(a.search_vector, q.query) as rank,
            ts_headline('english', a.body, q.query, '${HEADLINE}') as snippet
       from help_articles a, q
      where a.published and a.search_vector @@ q.query and ($2::text is null or a.category = $2)
      order by rank desc, a.title
      limit $3`,
    [query, category, limit],
  );
  return rows.map((r) => ({ ...r, rank: r.rank === null ? null : Number(r.rank) }));
}

export async function listPublished(sql: SqlExecutor, category: string | null) {
  const { rows } = await sql.query<SearchHit>(
    `select slug, category, title, portal_path, portal_label, null as rank, left(body, 220) as snippet
       from help_articles where published and ($1::text is null or category = $1)
      order by category, title limit 200`,
    [category],
  );
  return rows;
}

export async function findBySlug(db: Database, slug: string) {
  const [row] = await db
    .select()
    .from(schema.helpArticles)
    .where(eq(schema.helpArticles.slug, slug))
    .limit(1);
  return row ?? null;
}

export function listAll(db: Database) {
  return db
    .select()
    .from(schema.helpArticles)
    .orderBy(asc(schema.helpArticles.category), asc(schema.helpArticles.title));
}

export async function insertArticle(db: Database, input: HelpArticleInput, userId: string, now: Date) {
  const [row] = await db
    .insert(schema.helpArticles)
    .values({ ...input, updatedByUserId: userId, createdAt: now, updatedAt: now })
    .onConflictDoNothing()
    .returning();
  return row ?? null;
}

export async function updateArticle(
  db: Database,
  slug: string,
  input: HelpArticleInput,
  userId: string,
  now: Date,
) {
  const [row] = await db
    .update(schema.helpArticles)
    .set({ ...input, updatedByUserId: userId, updatedAt: now })
    .where(eq(schema.helpArticles.slug, slug))
    .returning();
  return row ?? null;
}
