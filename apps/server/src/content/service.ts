// The content hub's use cases. Who reads what: a live public item, everyone, in full; a live registered-only item,
// everyone sees its title and teaser, and a signed-in portal user (client user, advisor) or the account team reads
// the body. Drafts and scheduled items exist only for the account team's editor.
import type { Role } from '@openpbm/db/schema/users';
import type {
  ContentDetailView,
  ContentEditorItemView,
  ContentItemInput,
  ContentSummaryView,
} from '@openpbm/shared/content-hub';
import type { AppDeps } from '../app-deps';
import type { Principal } from '../identity/principal';
import { badRequest, conflict, notFound } from '../platform/problem';
import { atomFeed } from './atom';
import { renderMarkdown } from './markdown';
import type { ContentRow } from './repo';
import * as repo from './repo';
import * as webinars from './webinar-repo';

/** Who reads registered-only content: the portal's registrants and the PBM staff who write for them. */
export const REGISTERED_READERS: ReadonlySet<Role> = new Set<Role>([
  'client_user',
  'advisor',
  'account_team',
  'admin',
]);

export const canReadRegistered = (principal: Principal | null | undefined): boolean =>
  Boolean(principal && REGISTERED_READERS.has(principal.role));

const iso = (v: Date | string | null): string | null => (v ? new Date(v).toISOString() : null);

function summaryOf(r: ContentRow): ContentSummaryView {
  return {
    slug: r.slug,
    type: r.type as ContentSummaryView['type'],
    title: r.title,
    summary: r.summary,
    visibility: r.visibility,
    topics: r.topics,
    publishedAt: iso(r.publish_at) ?? '',
    eventStartsAt: iso(r.event_starts_at),
  };
}

function editorViewOf(r: ContentRow): ContentEditorItemView {
  return {
    id: r.id,
    slug: r.slug,
    type: r.type as ContentEditorItemView['type'],
    title: r.title,
    summary: r.summary,
    body: r.body,
    visibility: r.visibility,
    topics: r.topics,
    status: r.status,
    publishAt: iso(r.publish_at),
    eventStartsAt: iso(r.event_starts_at),
    recordingUrl: r.recording_url,
    updatedAt: iso(r.updated_at) ?? '',
  };
}

const noSuchItem = () => notFound('No content item has this address.');

export function createContentService(deps: AppDeps) {
  const sql = deps.db.sql;

  async function assertSlugFree(slug: string, exceptId: string | null) {
    if (await repo.slugTaken(sql, slug, exceptId))
      throw badRequest('Another item already uses this address.', [
        { field: 'slug', message: 'Choose another address; this one is taken.' },
      ]);
  }

  return {
    async list(filter: Omit<repo.LiveFilter, 'publicOnly' | 'limit'>): Promise<ContentSummaryView[]> {
      return (await repo.listLive(sql, deps.now(), filter)).map(summaryOf);
    },

    async detail(principal: Principal | null, slug: string): Promise<ContentDetailView> {
      const now = deps.now();
      const row = await repo.findLiveBySlug(sql, slug, now);
      if (!row) throw noSuchItem();
      const locked = row.visibility === 'registered' && !canReadRegistered(principal);
      const started = row.event_starts_at ? new Date(row.event_starts_at) <= now : true;
      const registered =
        row.type === 'webinar' && principal
          ? await webinars.isRegistered(sql, row.id, principal.userId)
          : false;
      return {
        ...summaryOf(row),
        registered,
        locked,
        bodyHtml: locked ? null : renderMarkdown(row.body),
        recordingUrl: locked || !started ? null : row.recording_url,
      };
    },

    async feed(): Promise<string> {
      const now = deps.now();
      const rows = await repo.listLive(sql, now, { publicOnly: true, limit: 50 });
      return atomFeed(deps.config.publicUrl, rows, now);
    },

    async editorList(): Promise<ContentEditorItemView[]> {
      return (await repo.listAll(sql)).map(editorViewOf);
    },

    async editorItem(id: string): Promise<ContentEditorItemView> {
      const row = await repo.findById(sql, id);
      if (!row) throw noSuchItem();
      return editorViewOf(row);
    },

    async create(principal: Principal, input: ContentItemInput): Promise<ContentEditorItemView> {
      await assertSlugFree(input.slug, null);
      const id = await repo.insertItem(sql, input, principal.userId, deps.now());
      return this.editorItem(id);
    },

    async update(principal: Principal, id: string, input: ContentItemInput): Promise<ContentEditorItemView> {
      const row = await repo.findById(sql, id);
      if (!row) throw noSuchItem();
      if (row.status === 'published' && row.slug !== input.slug)
        throw conflict('A published item keeps its address; unpublish it first to change it.');
      await assertSlugFree(input.slug, id);
      await repo.updateItem(sql, id, input, principal.userId, deps.now());
      return this.editorItem(id);
    },

    async publish(
      principal: Principal,
      id: string,
      publishAt: string | null,
    ): Promise<ContentEditorItemView> {
      const row = await repo.findById(sql, id);
      if (!row) throw noSuchItem();
      const now = deps.now();
      await repo.setStatus(
        sql,
        id,
        'published',
        publishAt ? new Date(publishAt) : now,
        principal.userId,
        now,
      );
      return this.editorItem(id);
    },

    async unpublish(principal: Principal, id: string): Promise<ContentEditorItemView> {
      const row = await repo.findById(sql, id);
      if (!row) throw noSuchItem();
      await repo.setStatus(sql, id, 'draft', null, principal.userId, deps.now());
      return this.editorItem(id);
    },

    preview: (body: string) => renderMarkdown(body),
  };
}
