// The privacy officer's audit viewer: search the audit log a page at a time, and check the whole hash chain.
import { auditChainStatus, auditSearchQuery, auditSearchResponse } from '@openpbm/shared/privacy';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../app-deps';
import { requireRole } from '../identity/authorize';
import { actorOf, noStore } from '../prior-auth/route-helpers';
import * as viewer from './audit-viewer-service';

const tags = ['privacy office'];
const officerOnly = requireRole('privacy_officer');

export function registerAuditViewerRoutes(root: FastifyInstance, deps: AppDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/privacy/audit-events',
    {
      preHandler: officerOnly,
      schema: {
        tags,
        summary:
          'Search the audit log by member ID, actor (staff ID or user id), action and UTC dates; each row checked against the hash chain',
        querystring: auditSearchQuery,
        response: { 200: auditSearchResponse },
      },
    },
    async (request, reply) => {
      noStore(reply);
      return viewer.searchAudit(deps, actorOf(request), request.query);
    },
  );

  app.post(
    '/privacy/audit-events/verification',
    {
      preHandler: officerOnly,
      schema: {
        tags,
        summary: 'Recompute the whole audit hash chain and name the first broken row',
        response: { 200: auditChainStatus },
      },
    },
    async (request, reply) => {
      noStore(reply);
      return viewer.checkWholeChain(deps, actorOf(request));
    },
  );
}
