// The client and advisor portal API: registration (public), my access and requests, the primary administrator's
// grants, the account team's review queue, and the de-identified plan report. Client-scoped routes check the
// grant before validation (scope.ts): 404 for a client the caller holds nothing for, 403 for a tool they lack.
import {
  accessDecisionInput,
  accessRequestInput,
  accessRequestView,
  clientUserView,
  grantInput,
  myAccessView,
  planReportView,
  reviewView,
} from '@openpbm/shared/client-portal';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps';
import { principalOf, requireRole } from '../identity/authorize';
import { noStore } from '../prior-auth/route-helpers';
import * as repo from './access-repo';
import { createAccessRequestService, requestView } from './access-request-service';
import { createClientAdminService } from './admin-service';
import { runTracked } from './eligibility-progress';
import { createEligibilityService } from './eligibility-service';
import { registerClientRegistrationRoutes } from './registration-routes';
import { planReportCsv } from './report-csv';
import { registerPlanReportPdfRoute } from './report-pdf';
import { createPlanReportService } from './report-service';
import { clientScope } from './scope';
import { registerClientToolRoutes } from './tool-routes';

const tags = ['client portal'];
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Enter a month as YYYY-MM.');
const clientParams = z.object({ clientId: z.uuid() });
const reportQuery = z.object({ from: month, to: month });
/** `refresh=true`: compute the figures now rather than serve the snapshot (under a day old). */
const planReportQuery = reportQuery.extend({ refresh: z.enum(['true', 'false']).optional() });
/** Eligibility files travel as text in JSON; larger bodies get 413 before they are read. */
export const ELIGIBILITY_FILE_MAX_BYTES = 20 * 1024 * 1024;
const eligibilityBody = z.object({
  content: z.string().min(1, 'The file is empty.'),
  /** Names this upload so the page can poll its progress (eligibility-progress.ts). */
  uploadId: z.uuid().optional(),
});
const fileError = z.object({ at: z.string(), field: z.string(), reason: z.string() });
const eligibilityPreview = z.object({
  format: z.enum(['834', 'csv']),
  records: z.number().int(),
  adds: z.number().int(),
  changes: z.number().int(),
  terminations: z.number().int(),
  alreadyApplied: z.boolean(),
  errors: z.array(fileError),
});

export function registerClientRoutes(root: FastifyInstance, deps: AppDeps): void {
  registerClientRegistrationRoutes(root, deps);
  registerPlanReportPdfRoute(root, deps);
  registerClientToolRoutes(root, deps);
  const app = root.withTypeProvider<ZodTypeProvider>();
  const requests = createAccessRequestService(deps);
  const admin = createClientAdminService(deps);
  const planReports = createPlanReportService(deps);
  const eligibility = createEligibilityService(deps);
  const portalUser = requireRole('client_user', 'advisor');
  const accountTeam = requireRole('account_team');

  app.get(
    '/clients/me/access',
    {
      preHandler: portalUser,
      schema: {
        tags,
        summary: 'My tools per client, my access requests with their clock, the clients I administer',
        response: { 200: myAccessView },
      },
    },
    async (request, reply) => {
      noStore(reply);
      const me = principalOf(request);
      const db = deps.db.db;
      const now = deps.now();
      const [grants, rows, administers] = await Promise.all([
        repo.liveGrantsOf(db, me.userId, now),
        repo.requestsOf(db, me.userId),
        repo.administeredClients(db, me.userId),
      ]);
      // An advisor's grant counts only while the client authorizes them: show what hasGrant would answer.
      const live = [];
      for (const g of grants)
        if ((await repo.liveTools(db, me.userId, g.clientId, now)).includes(g.tool)) live.push(g);
      return {
        role: me.role as 'client_user' | 'advisor',
        grants: live.map((g) => ({
          ...g,
          grantedAt: g.grantedAt.toISOString(),
          expiresAt: g.expiresAt.toISOString(),
        })),
        requests: rows.map((r) => requestView(r, now)),
        administers,
      };
    },
  );

  app.post(
    '/clients/access-requests',
    {
      preHandler: portalUser,
      schema: {
        tags,
        summary: 'Ask the account team for secure tools of one client',
        body: accessRequestInput,
        response: { 201: accessRequestView },
      },
    },
    async (request, reply) => reply.code(201).send(await requests.create(principalOf(request), request.body)),
  );

  app.get(
    '/clients/:clientId/reports/plan',
    {
      // A period without a snapshot, or a refresh, runs the report's aggregates (seconds at 100,000 members).
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
      preHandler: portalUser,
      preValidation: clientScope(deps, 'plan_reports'),
      schema: {
        tags,
        summary: 'De-identified plan report (cells under 11 members suppressed), as of `asOf`',
        params: clientParams,
        querystring: planReportQuery,
        response: { 200: planReportView },
      },
    },
    async (request, reply) => {
      noStore(reply);
      return planReports.planReport(
        principalOf(request),
        request.params.clientId,
        request.query.from,
        request.query.to,
        { refresh: request.query.refresh === 'true' },
      );
    },
  );

  app.get(
    '/clients/:clientId/reports/plan.csv',
    {
      preHandler: portalUser,
      preValidation: clientScope(deps, 'plan_reports'),
      schema: {
        tags,
        summary: 'The plan report as CSV (the same suppressed cells, left empty)',
        params: clientParams,
        querystring: reportQuery,
      },
    },
    async (request, reply) => {
      const report = await planReports.planReport(
        principalOf(request),
        request.params.clientId,
        request.query.from,
        request.query.to,
      );
      return noStore(reply)
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="plan-report-${report.client.code}-${report.period.from}-${report.period.to}.csv"`,
        )
        .send(planReportCsv(report));
    },
  );

  // Check and apply take the same file and answer with the same report; the page names the upload to poll it.
  const eligibilityRoute = (op: 'preview' | 'apply', summary: string, response: z.ZodType) =>
    app.post(
      `/clients/:clientId/eligibility-files/${op}`,
      {
        preHandler: portalUser,
        preValidation: clientScope(deps, 'eligibility_files'),
        bodyLimit: ELIGIBILITY_FILE_MAX_BYTES,
        schema: { tags, summary, params: clientParams, body: eligibilityBody, response: { 200: response } },
      },
      async (request, reply) => {
        noStore(reply);
        const me = principalOf(request);
        const { clientId } = request.params;
        return runTracked(
          deps,
          { uploadId: request.body.uploadId, userId: me.userId, clientId },
          (onProgress) => eligibility[op](me, clientId, request.body.content, onProgress),
        );
      },
    );
  eligibilityRoute(
    'preview',
    'Check an 834 or CSV eligibility file: adds, changes, terminations and an error report',
    eligibilityPreview,
  );
  eligibilityRoute(
    'apply',
    'Apply an eligibility file, all or nothing (422 with the error report); the same file again changes nothing',
    eligibilityPreview.extend({ applied: z.boolean() }),
  );

  app.get(
    '/clients/:clientId/admin/users',
    {
      preHandler: portalUser,
      preValidation: clientScope(deps, 'primary_admin'),
      schema: {
        tags,
        summary: 'Primary administrator: the client’s users and advisors with their tools',
        params: clientParams,
        response: { 200: z.object({ users: z.array(clientUserView) }) },
      },
    },
    async (request, reply) => {
      noStore(reply);
      return { users: await admin.people(principalOf(request), request.params.clientId) };
    },
  );

  app.post(
    '/clients/:clientId/admin/grants',
    {
      preHandler: portalUser,
      preValidation: clientScope(deps, 'primary_admin'),
      schema: {
        tags,
        summary: 'Primary administrator: grant a tool for 12 months',
        params: clientParams,
        body: grantInput,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await admin.grant(
        principalOf(request),
        request.params.clientId,
        request.body.userId,
        request.body.tool,
      );
      return reply.code(204).send(null);
    },
  );

  const grantParams = clientParams.extend({ grantId: z.uuid() });
  app.delete(
    '/clients/:clientId/admin/grants/:grantId',
    {
      preHandler: portalUser,
      preValidation: clientScope(deps, 'primary_admin'),
      schema: {
        tags,
        summary: 'Primary administrator: revoke a grant',
        params: grantParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await admin.revoke(principalOf(request), request.params.clientId, request.params.grantId);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/clients/:clientId/admin/grants/:grantId/recertify',
    {
      preHandler: portalUser,
      preValidation: clientScope(deps, 'primary_admin'),
      schema: {
        tags,
        summary: 'Primary administrator: annual access review, the grant runs 12 more months',
        params: grantParams,
        response: { 200: z.object({ expiresAt: z.string() }) },
      },
    },
    async (request) => admin.recertify(principalOf(request), request.params.clientId, request.params.grantId),
  );

  app.post(
    '/clients/:clientId/admin/users/:userId/status',
    {
      preHandler: portalUser,
      preValidation: clientScope(deps, 'primary_admin'),
      schema: {
        tags,
        summary: 'Primary administrator: deactivate or reactivate one of the client’s users',
        params: clientParams.extend({ userId: z.uuid() }),
        body: z.object({ active: z.boolean() }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await admin.setActive(
        principalOf(request),
        request.params.clientId,
        request.params.userId,
        request.body.active,
      );
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/clients/account-team/access-requests',
    {
      preHandler: accountTeam,
      schema: {
        tags,
        summary: 'Account team: access requests waiting (oldest first) or decided',
        querystring: z.object({ status: z.enum(['pending', 'decided']).default('pending') }),
        response: { 200: z.object({ requests: z.array(reviewView) }) },
      },
    },
    async (request, reply) => {
      noStore(reply);
      return { requests: await requests.queue(request.query.status) };
    },
  );

  app.get(
    '/clients/account-team/access-requests/:requestId',
    {
      preHandler: accountTeam,
      schema: {
        tags,
        summary: 'Account team: one access request to review',
        params: z.object({ requestId: z.uuid() }),
        response: { 200: reviewView },
      },
    },
    async (request, reply) => {
      noStore(reply);
      return requests.review(request.params.requestId);
    },
  );

  app.post(
    '/clients/account-team/access-requests/:requestId/decision',
    {
      preHandler: accountTeam,
      schema: {
        tags,
        summary: 'Account team: approve (grants the tools for 12 months) or deny, with a reason',
        params: z.object({ requestId: z.uuid() }),
        body: accessDecisionInput,
        response: { 200: reviewView },
      },
    },
    async (request) =>
      requests.decide(principalOf(request), request.params.requestId, request.body, request.ip ?? null),
  );
}
