// The hub's webinar and download use cases: registering for an upcoming webinar (once per user), its calendar
// file, a publication as a PDF, and a marketing flyer as a PDF with the name of a client the caller acts for.
import type { AppDeps } from '../app-deps';
import { createClientAccess } from '../clients/client-access';
import type { Principal } from '../identity/principal';
import { type PdfBlock, renderPdf } from '../platform/pdf/pdf';
import { conflict, notFound } from '../platform/problem';
import { icsFile } from './ics';
import { markdownBlocks } from './pdf-blocks';
import * as repo from './repo';
import { canReadRegistered } from './service';
import * as webinars from './webinar-repo';

/** Webinars have a start time only; calendars get this length. */
export const WEBINAR_MINUTES = 60;

const noSuch = (what: string) => notFound(`No ${what} has this address.`);

export function createContentDownloads(deps: AppDeps) {
  const sql = deps.db.sql;
  const access = createClientAccess(deps);

  async function live(slug: string, type: string, what: string) {
    const row = await repo.findLiveBySlug(sql, slug, deps.now());
    if (!row || row.type !== type) throw noSuch(what);
    return row;
  }

  /** A registered-only item's document needs a registered reader (the same rule as its body). */
  function readable(principal: Principal | null, row: repo.ContentRow, what: string) {
    if (row.visibility === 'registered' && !canReadRegistered(principal)) throw noSuch(what);
  }

  const documentPdf = (title: string, subtitle: string, blocks: PdfBlock[]) =>
    renderPdf({ title, subtitle, generatedAt: deps.now(), blocks });

  return {
    async register(principal: Principal, slug: string): Promise<void> {
      const row = await live(slug, 'webinar', 'webinar');
      readable(principal, row, 'webinar');
      if (!row.event_starts_at || new Date(row.event_starts_at) <= deps.now())
        throw conflict('This webinar has already taken place: its recording is on the page.');
      await webinars.register(sql, row.id, principal.userId, deps.now());
    },

    async calendar(slug: string): Promise<{ fileName: string; body: string }> {
      const row = await live(slug, 'webinar', 'webinar');
      if (!row.event_starts_at) throw noSuch('webinar');
      const url = `${deps.config.publicUrl}/clients/hub/${row.slug}`;
      return {
        fileName: `${row.slug}.ics`,
        body: icsFile({
          uid: `webinar-${row.id}@openpbm`,
          title: row.title,
          description: `${row.summary}\n\n${url}`,
          url,
          startsAt: new Date(row.event_starts_at),
          minutes: WEBINAR_MINUTES,
          stampedAt: deps.now(),
        }),
      };
    },

    async publicationPdf(principal: Principal | null, slug: string) {
      const row = await live(slug, 'publication', 'publication');
      readable(principal, row, 'publication');
      const pdf = await documentPdf(row.title, row.summary, markdownBlocks(row.body));
      return { fileName: `${row.slug}.pdf`, pdf };
    },

    async flyerPdf(principal: Principal, slug: string, clientId: string) {
      const row = await live(slug, 'marketing_tool', 'marketing tool');
      const client = (await access.clientsActingFor(principal.userId)).find((c) => c.id === clientId);
      // A client the caller does not act for answers like one that does not exist.
      if (!client) throw notFound('No client you act for has this id.');
      const pdf = await documentPdf(row.title, `For the members of ${client.name}`, [
        { kind: 'heading', text: `${client.name} and OpenPBM, your pharmacy benefit` },
        ...markdownBlocks(row.body),
        {
          kind: 'paragraph',
          text: `Questions about your pharmacy benefit? Use the number on your member ID card, or sign in to the member portal. Provided by ${client.name}.`,
        },
      ]);
      return { fileName: `${row.slug}-${client.code}.pdf`, pdf };
    },

    clientsFor: (principal: Principal) => access.clientsActingFor(principal.userId),
  };
}
