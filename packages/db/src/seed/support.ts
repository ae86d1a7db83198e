// Customer service in the demo: demo.support serves the demo family's employer, and the help center gets its
// first articles (written with plain SQL: the bulk loader cannot write the generated search column).
import type { SqlExecutor } from '../client';
import type { UserRow } from './demo-users';
import { HELP_ARTICLES } from './help-articles';
import type { SeedIds } from './prng';

export function demoSupportAssignments(users: UserRow[], clientId: string, createdAt: Date) {
  return users
    .filter((u) => u.role === 'customer_service' && u.id)
    .map((u) => ({ userId: u.id as string, clientId, createdAt }));
}

export async function insertHelpArticles(conn: SqlExecutor, ids: SeedIds, at: Date): Promise<number> {
  for (const a of HELP_ARTICLES) {
    await conn.query(
      `insert into help_articles (id, slug, category, title, body, portal_path, portal_label, published, created_at, updated_at)
       values ($1, $2, $3, $4, $5, $6, $7, true, $8, $8) on conflict (slug) do nothing`,
      [ids.next(), a.slug, a.category, a.title, a.body, a.portalPath, a.portalLabel, at.toISOString()],
    );
  }
  return HELP_ARTICLES.length;
}
