// The help center: public search and articles, and the editors' (admin) management of them.
import type { HelpArticle } from '@openpbm/db/schema/support';
import type { HelpArticleInput } from '@openpbm/shared/support';
import type { AppDeps } from '../app-deps';
import type { Principal } from '../identity/principal';
import { notFound, ProblemError } from '../platform/problem';
import { recordAudit } from '../privacy/audit';
import * as repo from './help-repo';

const toSummary = (r: repo.SearchHit) => ({
  slug: r.slug,
  category: r.category as HelpArticleInput['category'],
  title: r.title,
  snippet: r.snippet,
  portalPath: r.portal_path,
  portalLabel: r.portal_label,
  rank: r.rank,
});

export async function searchHelp(deps: AppDeps, q: string | undefined, category: string | undefined) {
  const query = q?.trim() ?? '';
  const rows = query
    ? await repo.searchArticles(deps.db.sql, query, category ?? null, 20)
    : await repo.listPublished(deps.db.sql, category ?? null);
  return { articles: rows.map(toSummary) };
}

export const articleView = (a: HelpArticle) => ({
  slug: a.slug,
  category: a.category,
  title: a.title,
  body: a.body,
  portalPath: a.portalPath,
  portalLabel: a.portalLabel,
  published: a.published,
  updatedAt: a.updatedAt.toISOString(),
});

export async function getArticle(deps: AppDeps, slug: string) {
  const row = await repo.findBySlug(deps.db.db, slug);
  if (!row?.published) throw notFound('No help article with this name.');
  return articleView(row);
}

export async function listForEditors(deps: AppDeps) {
  return (await repo.listAll(deps.db.db)).map(articleView);
}

function auditEdit(deps: AppDeps, principal: Principal, action: string, slug: string) {
  return recordAudit(
    deps.db.db,
    {
      actorUserId: principal.userId,
      actorRole: principal.role,
      action,
      resourceType: 'help_article',
      resourceId: slug,
    },
    deps.now(),
  );
}

/** 409 with the field to change, so the editor's form shows it on the address name. */
const slugTaken = () =>
  new ProblemError(409, 'conflict', 'Conflict', 'An article with this address name already exists.', [
    { field: 'slug', message: 'Another article already uses this address name; choose another' },
  ]);

export async function createArticle(deps: AppDeps, principal: Principal, input: HelpArticleInput) {
  const row = await repo.insertArticle(deps.db.db, input, principal.userId, deps.now());
  if (!row) throw slugTaken();
  await auditEdit(deps, principal, 'created', input.slug);
  return articleView(row);
}

export async function updateArticle(
  deps: AppDeps,
  principal: Principal,
  slug: string,
  input: HelpArticleInput,
) {
  if (input.slug !== slug && (await repo.findBySlug(deps.db.db, input.slug))) throw slugTaken();
  const row = await repo.updateArticle(deps.db.db, slug, input, principal.userId, deps.now());
  if (!row) throw notFound('No help article with this name.');
  await auditEdit(deps, principal, 'updated', input.slug);
  return articleView(row);
}
