// Help center: public search and articles; help-center editors (content_editor, a staff role of its own so that
// writing answers grants no account administration and no health data) list, create and change articles.
import { helpArticle, helpArticleInput, helpSearchQuery, helpSearchResponse } from '@openpbm/shared/support';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps';
import { principalOf, requireRole } from '../identity/authorize';
import { publicRoute } from '../identity/public-route';
import { createArticle, getArticle, listForEditors, searchHelp, updateArticle } from './help-service';

const tags = ['help center'];
const editors = requireRole('content_editor');
const slugParams = z.object({ slug: z.string().regex(/^[a-z0-9-]{1,80}$/) });

export function registerHelpRoutes(root: FastifyInstance, deps: AppDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/help/articles',
    {
      config: { ...publicRoute, rateLimit: { max: 120, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Search the help center (full-text, ranked, with highlighted snippets), or list it',
        querystring: helpSearchQuery,
        response: { 200: helpSearchResponse },
      },
    },
    async (request) => searchHelp(deps, request.query.q, request.query.category),
  );

  app.get(
    '/help/articles/:slug',
    {
      config: publicRoute,
      schema: { tags, summary: 'One help article', params: slugParams, response: { 200: helpArticle } },
    },
    async (request) => getArticle(deps, request.params.slug),
  );

  app.get(
    '/help/editor/articles',
    {
      preHandler: editors,
      schema: {
        tags,
        summary: 'Every article, published or not (editors)',
        response: { 200: z.object({ articles: z.array(helpArticle) }) },
      },
    },
    async () => ({ articles: await listForEditors(deps) }),
  );

  app.post(
    '/help/editor/articles',
    {
      preHandler: editors,
      schema: {
        tags,
        summary: 'Write a new article',
        body: helpArticleInput,
        response: { 201: helpArticle },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createArticle(deps, principalOf(request), request.body)),
  );

  app.put(
    '/help/editor/articles/:slug',
    {
      preHandler: editors,
      schema: {
        tags,
        summary: 'Change an article',
        params: slugParams,
        body: helpArticleInput,
        response: { 200: helpArticle },
      },
    },
    async (request) => updateArticle(deps, principalOf(request), request.params.slug, request.body),
  );
}
