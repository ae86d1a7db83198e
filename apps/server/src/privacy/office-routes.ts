// The privacy officer's routes: publish notices (and merger or sale banners), log legal and compelled
// disclosures. De-identified reports and extracts also serve the account team.
import {
  deidentifiedExtract,
  deidentifiedReport,
  legalRequestView,
  logLegalRequest,
  noticeView,
  publishNoticeRequest,
} from '@openpbm/shared/privacy';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps';
import { requireRole } from '../identity/authorize';
import { pdfHeaders } from '../platform/pdf/pdf';
import { actorOf, noStore } from '../prior-auth/route-helpers';
import { registerAuditViewerRoutes } from './audit-routes';
import { inBackground } from './background';
import { claimsExtract, claimsReport } from './deidentified-data';
import * as packages from './disclosure-package-service';
import * as disclosures from './disclosures-service';
import * as notices from './notices-service';
import { registerUsesRoutes } from './uses-routes';

const tags = ['privacy office'];
const officerOnly = requireRole('privacy_officer');
const deidentifiedReaders = requireRole('privacy_officer', 'account_team');
const byId = z.object({ id: z.uuid() });
const extractQuery = z.object({
  year: z.coerce.number().int().min(2000, 'Enter a year from 2000').max(2100, 'Enter a year up to 2100'),
  clientId: z.uuid().optional(),
});

export function registerPrivacyOfficeRoutes(root: FastifyInstance, deps: AppDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  registerAuditViewerRoutes(app, deps);
  registerUsesRoutes(app, deps);

  app.post(
    '/privacy/notices',
    {
      preHandler: officerOnly,
      schema: {
        tags,
        summary:
          'Publish a new privacy notice version (or a merger or sale notice, which shows a banner) and e-mail every member and client user',
        body: publishNoticeRequest,
        response: { 201: noticeView },
      },
    },
    async (request, reply) => {
      const notice = await notices.publishNotice(deps, actorOf(request), request.body);
      inBackground(request.log, 'notice e-mails', notices.deliverNoticeEmails(deps, notice.id, request.log));
      return reply.code(201).send(notice);
    },
  );

  app.post(
    '/privacy/notices/:id/end-banner',
    {
      preHandler: officerOnly,
      schema: {
        tags,
        summary: 'Take down a merger or sale banner',
        params: byId,
        response: { 200: noticeView },
      },
    },
    async (request) => notices.endBanner(deps, actorOf(request), request.params.id),
  );

  app.get(
    '/privacy/legal-requests',
    {
      preHandler: officerOnly,
      schema: {
        tags,
        summary: 'Logged subpoenas, court orders and regulator requests',
        response: { 200: z.array(legalRequestView) },
      },
    },
    async (_request, reply) => {
      noStore(reply);
      return disclosures.listLegalRequests(deps);
    },
  );

  app.post(
    '/privacy/legal-requests',
    {
      preHandler: officerOnly,
      schema: {
        tags,
        summary:
          'Log a legal or compelled disclosure; the affected clients are told unless notification is prohibited',
        body: logLegalRequest,
        response: { 201: legalRequestView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await disclosures.logLegalRequest(deps, actorOf(request), request.body)),
  );

  app.get(
    '/privacy/legal-requests/:id/package',
    {
      preHandler: officerOnly,
      schema: {
        tags,
        summary: 'The disclosure package: the records in scope of the members in scope, as a FHIR R4 Bundle',
        params: byId,
      },
    },
    async (request, reply) => {
      const bundle = await packages.disclosurePackageBundle(deps, actorOf(request), request.params.id);
      return noStore(reply)
        .header('content-type', 'application/fhir+json; charset=utf-8')
        .header('content-disposition', 'attachment; filename="disclosure-package.json"')
        .send(bundle);
    },
  );

  app.get(
    '/privacy/legal-requests/:id/package.pdf',
    {
      preHandler: officerOnly,
      schema: { tags, summary: 'The disclosure package as a PDF', params: byId },
    },
    async (request, reply) => {
      const pdf = await packages.disclosurePackagePdf(deps, actorOf(request), request.params.id);
      return reply.headers(pdfHeaders('disclosure-package.pdf')).send(pdf);
    },
  );

  app.get(
    '/privacy/deidentified/claims-extract',
    {
      preHandler: deidentifiedReaders,
      schema: {
        tags,
        summary: 'De-identified paid claims of a year (Safe Harbor; opted-out members left out)',
        querystring: extractQuery,
        response: { 200: deidentifiedExtract },
      },
    },
    async (request, reply) => {
      noStore(reply);
      return claimsExtract(deps, actorOf(request), {
        year: request.query.year,
        clientId: request.query.clientId ?? null,
      });
    },
  );

  app.get(
    '/privacy/deidentified/claims-report',
    {
      preHandler: deidentifiedReaders,
      schema: {
        tags,
        summary: 'Paid claims of a year by ZIP3 and tier, small cells suppressed',
        querystring: extractQuery,
        response: { 200: deidentifiedReport },
      },
    },
    async (request, reply) => {
      noStore(reply);
      return claimsReport(deps, actorOf(request), {
        year: request.query.year,
        clientId: request.query.clientId ?? null,
      });
    },
  );
}
