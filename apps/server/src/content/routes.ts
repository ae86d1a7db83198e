// The content hub API. Reading is public (a registered-only item's body needs a portal session, see service.ts);
// the editor routes are the account team's. The Atom feed carries public items only.
import {
  contentDetailView,
  contentEditorItemView,
  contentEditorListView,
  contentItemInput,
  contentListQuery,
  contentListView,
  contentPreviewInput,
  contentPreviewView,
  contentPublishInput,
} from '@openpbm/shared/content-hub';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps';
import { principalOf, requireRole } from '../identity/authorize';
import { publicRoute } from '../identity/public-route';
import { noStore } from '../prior-auth/route-helpers';
import { createContentService } from './service';

const tags = ['content hub'];
const slugParams = z.object({ slug: z.string().regex(/^[a-z0-9-]{1,80}$/, 'Unknown address.') });
const idParams = z.object({ id: z.uuid() });
const readLimit = { ...publicRoute, rateLimit: { max: 120, timeWindow: '1 minute' } };

export function registerContentRoutes(root: FastifyInstance, deps: AppDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const content = createContentService(deps);
  const editors = requireRole('account_team');

  app.get(
    '/content',
    {
      config: readLimit,
      schema: {
        tags,
        summary: 'Live hub items (titles and teasers), by type, topic, words or webinar time',
        querystring: contentListQuery,
        response: { 200: contentListView },
      },
    },
    async (request) => ({ items: await content.list(request.query) }),
  );

  app.get(
    '/content/feed.atom',
    { config: readLimit, schema: { tags, summary: 'Atom feed of the public items' } },
    async (_request, reply) =>
      reply
        .type('application/atom+xml; charset=utf-8')
        .header('cache-control', 'public, max-age=300')
        .send(await content.feed()),
  );

  app.get(
    '/content/items/:slug',
    {
      config: readLimit,
      schema: {
        tags,
        summary: 'One item: a registered-only body only for a signed-in portal user',
        params: slugParams,
        response: { 200: contentDetailView },
      },
    },
    async (request, reply) => {
      // The answer depends on the session: no shared cache may keep a registered reader's copy.
      noStore(reply);
      return content.detail(request.principal ?? null, request.params.slug);
    },
  );

  app.get(
    '/content/editor/items',
    {
      preHandler: editors,
      schema: {
        tags,
        summary: 'Every item, drafts and scheduled included',
        response: { 200: contentEditorListView },
      },
    },
    async (_request, reply) => {
      noStore(reply);
      return { items: await content.editorList() };
    },
  );

  app.get(
    '/content/editor/items/:id',
    {
      preHandler: editors,
      schema: {
        tags,
        summary: 'One item to edit',
        params: idParams,
        response: { 200: contentEditorItemView },
      },
    },
    async (request, reply) => {
      noStore(reply);
      return content.editorItem(request.params.id);
    },
  );

  app.post(
    '/content/editor/items',
    {
      preHandler: editors,
      schema: {
        tags,
        summary: 'Write a new item (a draft)',
        body: contentItemInput,
        response: { 201: contentEditorItemView },
      },
    },
    async (request, reply) => reply.code(201).send(await content.create(principalOf(request), request.body)),
  );

  app.put(
    '/content/editor/items/:id',
    {
      preHandler: editors,
      schema: {
        tags,
        summary: 'Change an item',
        params: idParams,
        body: contentItemInput,
        response: { 200: contentEditorItemView },
      },
    },
    async (request) => content.update(principalOf(request), request.params.id, request.body),
  );

  app.post(
    '/content/editor/items/:id/publish',
    {
      preHandler: editors,
      schema: {
        tags,
        summary: 'Publish now, or schedule for a later time',
        params: idParams,
        body: contentPublishInput,
        response: { 200: contentEditorItemView },
      },
    },
    async (request) =>
      content.publish(principalOf(request), request.params.id, request.body.publishAt ?? null),
  );

  app.post(
    '/content/editor/items/:id/unpublish',
    {
      preHandler: editors,
      schema: {
        tags,
        summary: 'Take an item back to draft',
        params: idParams,
        response: { 200: contentEditorItemView },
      },
    },
    async (request) => content.unpublish(principalOf(request), request.params.id),
  );

  app.post(
    '/content/editor/preview',
    {
      preHandler: editors,
      schema: {
        tags,
        summary: 'Render Markdown as readers will see it',
        body: contentPreviewInput,
        response: { 200: contentPreviewView },
      },
    },
    async (request) => ({ html: content.preview(request.body.body) }),
  );
}
