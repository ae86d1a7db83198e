// Webinar registration and the hub's downloads: a webinar's calendar file (public, like its title and time), a
// publication as PDF (a registered-only one for portal users), and a marketing flyer as PDF with the name of a
// client the portal user acts for.
import { flyerClientsView, flyerQuery, webinarRegistrationView } from '@openpbm/shared/content-hub';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps';
import { principalOf, requireRole } from '../identity/authorize';
import { publicRoute } from '../identity/public-route';
import { pdfHeaders } from '../platform/pdf/pdf';
import { noStore } from '../prior-auth/route-helpers';
import { createContentDownloads } from './downloads';

const tags = ['content hub'];
const slugParams = z.object({ slug: z.string().regex(/^[a-z0-9-]{1,80}$/, 'Unknown address.') });
const downloadLimit = { ...publicRoute, rateLimit: { max: 30, timeWindow: '1 minute' } };

export function registerContentDownloadRoutes(root: FastifyInstance, deps: AppDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const downloads = createContentDownloads(deps);
  const portalUser = requireRole('client_user', 'advisor');

  app.post(
    '/content/webinars/:slug/registration',
    {
      preHandler: portalUser,
      schema: {
        tags,
        summary: 'Register for an upcoming webinar (registering again changes nothing)',
        params: slugParams,
        response: { 200: webinarRegistrationView },
      },
    },
    async (request) => {
      await downloads.register(principalOf(request), request.params.slug);
      return { registered: true as const };
    },
  );

  app.get(
    '/content/webinars/:slug/calendar.ics',
    {
      config: downloadLimit,
      schema: { tags, summary: 'The webinar as an iCalendar (RFC 5545) file', params: slugParams },
    },
    async (request, reply) => {
      const { fileName, body } = await downloads.calendar(request.params.slug);
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .header('cache-control', 'no-store')
        .send(body);
    },
  );

  app.get(
    '/content/publications/:slug/document.pdf',
    {
      config: downloadLimit,
      schema: { tags, summary: 'A publication as a PDF document', params: slugParams },
    },
    async (request, reply) => {
      const { fileName, pdf } = await downloads.publicationPdf(
        request.principal ?? null,
        request.params.slug,
      );
      return reply.headers(pdfHeaders(fileName)).send(pdf);
    },
  );

  app.get(
    '/content/flyer-clients',
    {
      preHandler: portalUser,
      schema: {
        tags,
        summary: 'The clients whose name my marketing flyers can carry',
        response: { 200: flyerClientsView },
      },
    },
    async (request, reply) => {
      noStore(reply);
      return { clients: await downloads.clientsFor(principalOf(request)) };
    },
  );

  app.get(
    '/content/marketing/:slug/flyer.pdf',
    {
      preHandler: portalUser,
      schema: {
        tags,
        summary: 'A marketing flyer as a PDF with the client’s name merged in',
        params: slugParams,
        querystring: flyerQuery,
      },
    },
    async (request, reply) => {
      const { fileName, pdf } = await downloads.flyerPdf(
        principalOf(request),
        request.params.slug,
        request.query.clientId,
      );
      return reply.headers(pdfHeaders(fileName)).send(pdf);
    },
  );
}
