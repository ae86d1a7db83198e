// Routes of the "claims and utilization" and "formulary documents" secure tools. Like every route under
// /clients/:clientId they check the grant before validation (scope.ts): 404 for a client the caller holds nothing
// for, 403 for a tool they lack.
import { formularyDocumentsView, utilizationReportView } from '@openpbm/shared/client-tools';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps';
import { principalOf, requireRole } from '../identity/authorize';
import { noStore } from '../prior-auth/route-helpers';
import { uploadProgress } from './eligibility-progress';
import { createFormularyDocumentsService } from './formulary-docs-service';
import { clientScope } from './scope';
import { createUtilizationReportService, utilizationCsv } from './utilization-service';

const tags = ['client portal'];
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Enter a month as YYYY-MM.');
const clientParams = z.object({ clientId: z.uuid() });
const reportQuery = z.object({ from: month, to: month });

export function registerClientToolRoutes(root: FastifyInstance, deps: AppDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const utilization = createUtilizationReportService(deps);
  const formularies = createFormularyDocumentsService(deps);
  const portalUser = requireRole('client_user', 'advisor');

  app.get(
    '/clients/:clientId/reports/utilization',
    {
      preHandler: portalUser,
      preValidation: clientScope(deps, 'claims_reports'),
      schema: {
        tags,
        summary:
          'De-identified claims and utilization by month, channel and tier (cells under 11 members suppressed)',
        params: clientParams,
        querystring: reportQuery,
        response: { 200: utilizationReportView },
      },
    },
    async (request, reply) => {
      noStore(reply);
      const { from, to } = request.query;
      return utilization.report(principalOf(request), request.params.clientId, from, to);
    },
  );

  app.get(
    '/clients/:clientId/reports/utilization.csv',
    {
      preHandler: portalUser,
      preValidation: clientScope(deps, 'claims_reports'),
      schema: {
        tags,
        summary: 'The claims and utilization report as CSV (suppressed cells left empty)',
        params: clientParams,
        querystring: reportQuery,
      },
    },
    async (request, reply) => {
      const { from, to } = request.query;
      const report = await utilization.report(principalOf(request), request.params.clientId, from, to);
      return noStore(reply)
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="utilization-${report.client.code}-${from}-${to}.csv"`,
        )
        .send(utilizationCsv(report));
    },
  );

  app.get(
    '/clients/:clientId/eligibility-files/progress/:uploadId',
    {
      preHandler: portalUser,
      preValidation: clientScope(deps, 'eligibility_files'),
      schema: {
        tags,
        summary:
          'How far the check or apply of a large eligibility file has got (records processed, errors so far)',
        params: clientParams.extend({ uploadId: z.uuid() }),
        response: {
          200: z.object({
            phase: z.enum(['checking', 'applying', 'done']),
            processed: z.number().int(),
            total: z.number().int(),
            errors: z.number().int(),
          }),
        },
      },
    },
    async (request, reply) => {
      noStore(reply);
      const state = await uploadProgress(
        deps,
        request.params.uploadId,
        principalOf(request).userId,
        request.params.clientId,
      );
      // The page starts polling before its upload has reached the server, so an id not (yet) known here, or
      // someone else's, reads as "not started" rather than 404: the same answer either way, so it reveals nothing.
      return state ?? { phase: 'checking' as const, processed: 0, total: 0, errors: 0 };
    },
  );

  app.get(
    '/clients/:clientId/formulary-documents',
    {
      preHandler: portalUser,
      preValidation: clientScope(deps, 'formulary_documents'),
      schema: {
        tags,
        summary: 'The formularies of the client’s plans',
        params: clientParams,
        response: { 200: formularyDocumentsView },
      },
    },
    async (request, reply) => {
      noStore(reply);
      return formularies.list(principalOf(request), request.params.clientId);
    },
  );

  app.get(
    '/clients/:clientId/formulary-documents/:formularyId/drugs.csv',
    {
      preHandler: portalUser,
      preValidation: clientScope(deps, 'formulary_documents'),
      schema: {
        tags,
        summary: 'One formulary’s drug list (tier and utilization-management flags) as CSV',
        params: clientParams.extend({ formularyId: z.uuid() }),
      },
    },
    async (request, reply) => {
      const { filename, csv } = await formularies.csv(
        principalOf(request),
        request.params.clientId,
        request.params.formularyId,
      );
      return noStore(reply)
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .send(csv);
    },
  );
}
