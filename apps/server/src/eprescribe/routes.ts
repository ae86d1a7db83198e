// Prescribers send new prescriptions and answer members' renewal requests; members ask home delivery to contact
// their doctor; home-delivery staff see and close those requests.
import {
  contactRequestsResponse,
  contactRequestView,
  createContactRequest,
  declineRequest,
  newPrescriptionRequest,
  prescriberPrescriptionsResponse,
  prescriberPrescriptionView,
  prescriberRequestsResponse,
  staffContactRequestsResponse,
} from '@openpbm/shared/transfers';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps';
import { principalOf, type RoleGuard, requireRole } from '../identity/authorize';
import type { Principal } from '../identity/principal';
import { idempotent } from '../platform/idempotency';
import { readContext } from '../prescriptions/routes';
import {
  cancelContactRequest,
  closeByStaff,
  createContactRequest as createRequest,
  declineByPrescriber,
  listContactRequests,
  prescriberRequests,
  staffContactRequests,
} from './contact-service';
import { prescriberPrescriptions, sendPrescription } from './prescribe-service';

const idParams = z.object({ id: z.uuid() });
const prescriberOnly = requireRole('prescriber');
const memberOnly = requireRole('member');
const staffOnly = requireRole('pharmacy_staff');

export function registerEprescribeRoutes(root: FastifyInstance, deps: AppDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  /** Open requests (never cached) and closing one with a reason: the prescriber's queue and the pharmacy's. */
  const requestQueue = <R extends z.ZodType>(q: {
    preHandler: RoleGuard;
    tag: string;
    list: { url: string; summary: string };
    close: { url: string; summary: string };
    response: R;
    load: (principal: Principal, ip: string | null) => Promise<z.infer<R>>;
    closeWith: (principal: Principal, ip: string | null, id: string, reason: string) => Promise<void>;
  }) => {
    const tags = [q.tag];
    // The response schema is passed as a plain ZodType (a generic one defeats the type provider); `load` is
    // still checked against R, and the schema still serializes the answer.
    app.get(
      q.list.url,
      {
        preHandler: q.preHandler,
        schema: { tags, summary: q.list.summary, response: { 200: q.response as z.ZodType } },
      },
      async (request, reply): Promise<unknown> => {
        reply.header('cache-control', 'no-store');
        return q.load(principalOf(request), request.ip ?? null);
      },
    );
    app.post(
      q.close.url,
      {
        preHandler: q.preHandler,
        schema: {
          tags,
          summary: q.close.summary,
          params: idParams,
          body: declineRequest,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await q.closeWith(principalOf(request), request.ip ?? null, request.params.id, request.body.reason);
        return reply.code(204).send(null);
      },
    );
  };

  // ---------- prescribers ----------
  app.post(
    '/prescriber/prescriptions',
    {
      preHandler: prescriberOnly,
      config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags: ['prescribers'],
        summary: 'Send a new prescription electronically (send an Idempotency-Key header)',
        body: newPrescriptionRequest,
        response: { 201: prescriberPrescriptionView },
      },
    },
    async (request, reply) =>
      idempotent(deps, request, reply, async () => {
        const created = await sendPrescription(deps, principalOf(request), request.ip ?? null, request.body);
        reply.code(201);
        return created;
      }),
  );

  app.get(
    '/prescriber/prescriptions',
    {
      preHandler: prescriberOnly,
      schema: {
        tags: ['prescribers'],
        summary: 'Prescriptions I wrote recently',
        response: { 200: prescriberPrescriptionsResponse },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return { prescriptions: await prescriberPrescriptions(deps, principalOf(request), request.ip ?? null) };
    },
  );

  requestQueue({
    preHandler: prescriberOnly,
    tag: 'prescribers',
    list: { url: '/prescriber/requests', summary: 'Open renewal requests from my patients' },
    close: { url: '/prescriber/requests/:id/decline', summary: 'Decline a renewal request' },
    response: prescriberRequestsResponse,
    load: async (principal, ip) => ({ requests: await prescriberRequests(deps, principal, ip) }),
    closeWith: (principal, ip, id, reason) => declineByPrescriber(deps, principal, ip, id, reason),
  });

  // ---------- members ----------
  app.get(
    '/contact-requests',
    {
      preHandler: memberOnly,
      schema: {
        tags: ['prescriptions'],
        summary: 'My requests for a new prescription',
        response: { 200: contactRequestsResponse },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return { requests: await listContactRequests(deps, readContext(request)) };
    },
  );

  app.post(
    '/contact-requests',
    {
      preHandler: memberOnly,
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags: ['prescriptions'],
        summary: 'Ask home delivery to contact my doctor for a new prescription',
        body: createContactRequest,
        response: { 201: contactRequestView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createRequest(deps, readContext(request), request.body)),
  );

  app.post(
    '/contact-requests/:id/cancel',
    {
      preHandler: memberOnly,
      schema: {
        tags: ['prescriptions'],
        summary: 'Cancel my request',
        params: idParams,
        response: { 200: contactRequestView },
      },
    },
    async (request) => cancelContactRequest(deps, readContext(request), request.params.id),
  );

  // ---------- home-delivery staff ----------
  requestQueue({
    preHandler: staffOnly,
    tag: 'home-delivery pharmacy',
    list: { url: '/home-delivery/contact-requests', summary: 'Open requests to contact prescribers' },
    close: {
      url: '/home-delivery/contact-requests/:id/close',
      summary: 'Close a request with what the doctor’s office said',
    },
    response: staffContactRequestsResponse,
    load: async (principal, ip) => ({ requests: await staffContactRequests(deps, principal, ip) }),
    closeWith: (principal, ip, id, reason) => closeByStaff(deps, principal, ip, id, reason),
  });
}
