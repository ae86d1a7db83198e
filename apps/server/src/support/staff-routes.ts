// The customer-service console: member search with a reason, the 360° view, revealing a masked field,
// break-the-glass, acting for the member with recorded consent, and the case queue. Every member the agent
// does not serve answers 404.
import {
  assistedActivationRequest,
  assistedAddressRequest,
  assistedAutoRefillRequest,
  assistedRefillRequest,
  assistedTransferRequest,
  breakGlassRequest,
  caseNoteRequest,
  caseUpdateRequest,
  closeCaseRequest,
  escalateRequest,
  memberSearchRequest,
  memberSearchResponse,
  revealRequest,
  staffReplyRequest,
} from '@openpbm/shared/support';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps';
import { principalOf, requireRole } from '../identity/authorize';
import { IDEMPOTENCY_HEADER, idempotent } from '../platform/idempotency';
import {
  assistedAddressChange,
  assistedAutoRefill,
  assistedRefill,
  assistedTransfer,
  resendActivationEmail,
} from './assist-service';
import { memberOverview, revealField, searchMembers } from './console-service';
import { breakTheGlass, type StaffContext } from './scope';
import {
  addNote,
  caseQueue,
  closeCase,
  escalateCase,
  escalations,
  replyAsStaff,
  staffCase,
  updateStaffCase,
} from './staff-case-service';

const tags = ['customer service console'];
const agents = requireRole('customer_service');
const memberParams = z.object({ memberId: z.uuid() });
const idParams = z.object({ id: z.uuid() });
const done = z.object({ action: z.string(), resourceId: z.string().nullable(), at: z.string() });

const staffContext = (request: FastifyRequest): StaffContext => ({
  principal: principalOf(request),
  ip: request.ip ?? null,
});

export function registerStaffSupportRoutes(root: FastifyInstance, deps: AppDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/support/staff/')) reply.header('cache-control', 'no-store');
  });

  app.post(
    '/support/staff/member-search',
    {
      preHandler: agents,
      config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary:
          'Find a member by member ID, or last name + date of birth (a reason is required and audited)',
        body: memberSearchRequest,
        response: { 200: memberSearchResponse },
      },
    },
    async (request) => searchMembers(deps, staffContext(request), request.body),
  );

  app.get(
    '/support/staff/members/:memberId',
    {
      preHandler: agents,
      schema: { tags, summary: '360° view of a member (identifying fields masked)', params: memberParams },
    },
    async (request) => memberOverview(deps, staffContext(request), request.params.memberId),
  );

  app.post(
    '/support/staff/members/:memberId/reveal',
    {
      preHandler: agents,
      schema: {
        tags,
        summary: 'Show one masked field, for a reason (audited)',
        params: memberParams,
        body: revealRequest,
      },
    },
    async (request) =>
      revealField(
        deps,
        staffContext(request),
        request.params.memberId,
        request.body.field,
        request.body.reason,
      ),
  );

  app.post(
    '/support/staff/members/:memberId/break-the-glass',
    {
      preHandler: agents,
      schema: {
        tags,
        summary: 'Open a restricted record for 30 minutes, for a reason (the privacy officer is told)',
        params: memberParams,
        body: breakGlassRequest,
      },
    },
    async (request) =>
      breakTheGlass(deps, staffContext(request), request.params.memberId, request.body.reason),
  );

  app.post(
    '/support/staff/members/:memberId/refills',
    {
      preHandler: agents,
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Place a refill for the member after their consent (send an Idempotency-Key header)',
        params: memberParams,
        headers: z.object({ [IDEMPOTENCY_HEADER]: z.string().max(255).optional() }).passthrough(),
        body: assistedRefillRequest,
        response: { 201: done },
      },
    },
    async (request, reply) => {
      const key = request.headers[IDEMPOTENCY_HEADER];
      return idempotent(deps, request, reply, async () => {
        const result = await assistedRefill(
          deps,
          staffContext(request),
          request.params.memberId,
          request.body,
          typeof key === 'string' && key ? key : null,
        );
        reply.code(201);
        return result;
      });
    },
  );

  app.post(
    '/support/staff/members/:memberId/address',
    {
      preHandler: agents,
      schema: {
        tags,
        summary: 'Change the address on file after consent',
        params: memberParams,
        body: assistedAddressRequest,
        response: { 200: done },
      },
    },
    async (request) =>
      assistedAddressChange(deps, staffContext(request), request.params.memberId, request.body),
  );

  app.post(
    '/support/staff/members/:memberId/auto-refill',
    {
      preHandler: agents,
      schema: {
        tags,
        summary: 'Turn automatic refills on or off after consent',
        params: memberParams,
        body: assistedAutoRefillRequest,
        response: { 200: done },
      },
    },
    async (request) => assistedAutoRefill(deps, staffContext(request), request.params.memberId, request.body),
  );

  app.post(
    '/support/staff/members/:memberId/transfers',
    {
      preHandler: agents,
      schema: {
        tags,
        summary: 'Start a transfer to home delivery after consent',
        params: memberParams,
        body: assistedTransferRequest,
        response: { 201: done },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await assistedTransfer(deps, staffContext(request), request.params.memberId, request.body)),
  );

  app.post(
    '/support/staff/members/:memberId/activation-email',
    {
      preHandler: agents,
      schema: {
        tags,
        summary: 'Send the e-mail confirmation link again after consent',
        params: memberParams,
        body: assistedActivationRequest,
        response: { 200: done },
      },
    },
    async (request) =>
      resendActivationEmail(deps, staffContext(request), request.params.memberId, request.body),
  );

  app.get(
    '/support/staff/queue',
    { preHandler: agents, schema: { tags, summary: 'Open cases, the most urgent first' } },
    async (request) => ({
      cases: await caseQueue(deps, staffContext(request)),
    }),
  );

  app.get(
    '/support/staff/cases/:id',
    { preHandler: agents, schema: { tags, summary: 'One case with notes', params: idParams } },
    async (request) => staffCase(deps, staffContext(request), request.params.id),
  );

  app.post(
    '/support/staff/cases/:id/replies',
    {
      preHandler: agents,
      schema: {
        tags,
        summary: 'Answer the member (they get a pick-up e-mail)',
        params: idParams,
        body: staffReplyRequest,
      },
    },
    async (request) => replyAsStaff(deps, staffContext(request), request.params.id, request.body.body),
  );

  app.post(
    '/support/staff/cases/:id/notes',
    {
      preHandler: agents,
      schema: { tags, summary: 'Add an internal note', params: idParams, body: caseNoteRequest },
    },
    async (request) => addNote(deps, staffContext(request), request.params.id, request.body.body),
  );

  app.patch(
    '/support/staff/cases/:id',
    {
      preHandler: agents,
      schema: {
        tags,
        summary: 'Take the case, or change its status',
        params: idParams,
        body: caseUpdateRequest,
      },
    },
    async (request) => updateStaffCase(deps, staffContext(request), request.params.id, request.body),
  );

  app.post(
    '/support/staff/cases/:id/escalate',
    {
      preHandler: agents,
      schema: {
        tags,
        summary: 'Escalate to a pharmacist or a clinical reviewer',
        params: idParams,
        body: escalateRequest,
      },
    },
    async (request) =>
      escalateCase(deps, staffContext(request), request.params.id, request.body.to, request.body.reason),
  );

  app.post(
    '/support/staff/cases/:id/close',
    {
      preHandler: agents,
      schema: {
        tags,
        summary: 'Close the case (the member gets a pick-up e-mail)',
        params: idParams,
        body: closeCaseRequest,
      },
    },
    async (request) => closeCase(deps, staffContext(request), request.params.id, request.body.resolution),
  );

  app.get(
    '/support/escalations',
    {
      preHandler: requireRole('pharmacy_staff', 'clinical_reviewer'),
      schema: { tags, summary: 'Customer-service cases escalated to me' },
    },
    async (request) => ({
      cases: await escalations(deps, principalOf(request).role as 'pharmacy_staff' | 'clinical_reviewer'),
    }),
  );
}
