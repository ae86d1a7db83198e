// Prior authorization, formulary exceptions and appeals: prescriber portal, clinical review, the member's status
// page, documents (prescriber of the case or reviewer) and NPI verification (admin).
import {
  memberAppealRequest,
  memberCase,
  memberCasesQuery,
  memberCasesResponse,
  npiRevocationRequest,
  npiVerificationRequest,
  npiVerificationResponse,
} from '@openpbm/shared/prior-auth';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps';
import { requireRole } from '../identity/authorize';
import { idempotent } from '../platform/idempotency';
import { readAttachment } from './attachment-service';
import { dispositionName } from './attachments';
import { appealAsMember, listMemberCases } from './member-service';
import { revokePrescriberNpi, verifyPrescriberNpi } from './npi-service';
import { registerPrescriberRoutes } from './prescriber-routes';
import { registerReviewRoutes } from './review-routes';
import { actorOf, noStore, noticeContext, perMinute, RETRY_SAFE } from './route-helpers';

export function registerPriorAuthRoutes(root: FastifyInstance, deps: AppDeps): void {
  registerPrescriberRoutes(root, deps);
  registerReviewRoutes(root, deps);
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/prior-auth/member/cases',
    {
      preHandler: requireRole('member'),
      schema: {
        tags: ['prior authorization: members'],
        summary: 'Status of every request, exception and appeal for me or a dependent I may see',
        querystring: memberCasesQuery,
        response: { 200: memberCasesResponse },
      },
    },
    async (request, reply) => {
      noStore(reply);
      return listMemberCases(deps, actorOf(request), request.query.memberId);
    },
  );

  app.post(
    '/prior-auth/member/cases/:id/appeal',
    {
      preHandler: requireRole('member'),
      config: perMinute(10),
      schema: {
        tags: ['prior authorization: members'],
        summary: 'Appeal a denial (a different reviewer decides)',
        description: RETRY_SAFE,
        params: z.object({ id: z.uuid() }),
        body: memberAppealRequest,
        response: { 201: memberCase },
      },
    },
    async (request, reply) => {
      noStore(reply);
      return idempotent(deps, request, reply, async () => {
        const appeal = await appealAsMember(
          deps,
          actorOf(request),
          request.params.id,
          request.body.note,
          noticeContext(deps, request),
        );
        reply.code(201);
        return appeal;
      });
    },
  );

  app.get(
    '/prior-auth/cases/:id/attachments/:attachmentId',
    {
      preHandler: requireRole('prescriber', 'clinical_reviewer'),
      schema: {
        tags: ['prior authorization: documents'],
        summary: 'Download a document of a case (its prescriber or a clinical reviewer)',
        params: z.object({ id: z.uuid(), attachmentId: z.uuid() }),
      },
    },
    async (request, reply) => {
      const file = await readAttachment(
        deps,
        actorOf(request),
        request.params.id,
        request.params.attachmentId,
      );
      return reply
        .header('cache-control', 'no-store')
        .header('content-type', file.contentType)
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', `attachment; filename="${dispositionName(file.fileName)}"`)
        .send(file.content);
    },
  );

  app.post(
    '/prior-auth/admin/npi-verifications',
    {
      preHandler: requireRole('admin'),
      schema: {
        tags: ['prior authorization: administration'],
        summary: "Record that a prescriber's NPI was verified (NPPES match or staff review)",
        body: npiVerificationRequest,
        response: { 200: npiVerificationResponse },
      },
    },
    async (request) =>
      verifyPrescriberNpi(
        deps,
        actorOf(request).principal,
        request.ip ?? null,
        request.body.npi,
        request.body.method,
      ),
  );

  app.post(
    '/prior-auth/admin/npi-verifications/revoke',
    {
      preHandler: requireRole('admin'),
      schema: {
        tags: ['prior authorization: administration'],
        summary: "Revoke a prescriber's NPI verification (they can no longer submit or see requests)",
        body: npiRevocationRequest,
        response: { 200: npiVerificationResponse },
      },
    },
    async (request) =>
      revokePrescriberNpi(deps, actorOf(request).principal, request.ip ?? null, request.body.npi),
  );
}
