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
import { principalOf, requireRole } from '../identity/authorize';
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

  app.get(
    '/prescriber/requests',
    {
      preHandler: prescriberOnly,
      schema: {
        tags: ['prescribers'],
        summary: 'Open renewal requests from my patients',
        response: { 200: prescriberRequestsResponse },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return { requests: await prescriberRequests(deps, principalOf(request), request.ip ?? null) };
    },
  );

  app.post(
    '/prescriber/requests/:id/decline',
    {
      preHandler: prescriberOnly,
      schema: {
        tags: ['prescribers'],
        summary: 'Decline a renewal request',
        params: idParams,
        body: declineRequest,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await declineByPrescriber(
        deps,
        principalOf(request),
        request.ip ?? null,
        request.params.id,
        request.body.reason,
      );
      return reply.code(204).send(null);
    },
  );

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
  app.get(
    '/home-delivery/contact-requests',
    {
      preHandler: staffOnly,
      schema: {
        tags: ['home-delivery pharmacy'],
        summary: 'Open requests to contact prescribers',
        response: { 200: staffContactRequestsResponse },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return { requests: await staffContactRequests(deps, principalOf(request), request.ip ?? null) };
    },
  );

  app.post(
    '/home-delivery/contact-requests/:id/close',
    {
      preHandler: staffOnly,
      schema: {
        tags: ['home-delivery pharmacy'],
        summary: 'Close a request with what the doctor’s office said',
        params: idParams,
        body: declineRequest,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await closeByStaff(
        deps,
        principalOf(request),
        request.ip ?? null,
        request.params.id,
        request.body.reason,
      );
      return reply.code(204).send(null);
    },
  );
}
