// Transfers to home delivery: members request and follow them; home-delivery staff work the queue.
import { text } from '@openpbm/shared/input';
import {
  completeTransferRequest,
  createTransferRequest,
  staffTransfersResponse,
  staffTransferView,
  transferCandidatesResponse,
  transfersResponse,
  transferView,
} from '@openpbm/shared/transfers';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps';
import { principalOf, requireRole } from '../identity/authorize';
import { readContext } from '../prescriptions/routes';
import { cancelTransfer, listTransfers, requestTransfer, transferCandidates } from './service';
import { completeTransfer, rejectTransfer, staffTransfers, startTransfer } from './staff-service';

const memberTags = ['transfers'];
const staffTags = ['home-delivery pharmacy'];
const memberOnly = requireRole('member');
const staffOnly = requireRole('pharmacy_staff');
const idParams = z.object({ id: z.uuid() });

export function registerTransferRoutes(root: FastifyInstance, deps: AppDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/transfers',
    {
      preHandler: memberOnly,
      schema: {
        tags: memberTags,
        summary: 'My transfer requests and their status',
        response: { 200: transfersResponse },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return { transfers: await listTransfers(deps, readContext(request)) };
    },
  );

  app.get(
    '/transfers/candidates',
    {
      preHandler: memberOnly,
      schema: {
        tags: memberTags,
        summary: 'Retail fills from my claims history that can be transferred',
        response: { 200: transferCandidatesResponse },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return { candidates: await transferCandidates(deps, readContext(request)) };
    },
  );

  app.post(
    '/transfers',
    {
      preHandler: memberOnly,
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags: memberTags,
        summary: 'Ask to move a prescription to home delivery',
        body: createTransferRequest,
        response: { 201: transferView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await requestTransfer(deps, readContext(request), request.body)),
  );

  app.post(
    '/transfers/:id/cancel',
    {
      preHandler: memberOnly,
      schema: {
        tags: memberTags,
        summary: 'Cancel a transfer not yet started',
        params: idParams,
        response: { 200: transferView },
      },
    },
    async (request) => cancelTransfer(deps, readContext(request), request.params.id),
  );

  app.get(
    '/home-delivery/transfers',
    {
      preHandler: staffOnly,
      schema: {
        tags: staffTags,
        summary: 'Transfer work queue of my pharmacy',
        querystring: z.object({
          status: z.enum(['requested', 'in_progress', 'completed', 'rejected']).default('requested'),
        }),
        response: { 200: staffTransfersResponse },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return {
        transfers: await staffTransfers(deps, principalOf(request), request.ip ?? null, request.query.status),
      };
    },
  );

  app.post(
    '/home-delivery/transfers/:id/start',
    {
      preHandler: staffOnly,
      schema: {
        tags: staffTags,
        summary: 'Start working on a transfer',
        params: idParams,
        response: { 200: staffTransferView },
      },
    },
    async (request) => startTransfer(deps, principalOf(request), request.ip ?? null, request.params.id),
  );

  app.post(
    '/home-delivery/transfers/:id/complete',
    {
      preHandler: staffOnly,
      schema: {
        tags: staffTags,
        summary: 'Complete: put the prescription on file at home delivery',
        params: idParams,
        body: completeTransferRequest,
        response: { 200: staffTransferView },
      },
    },
    async (request) =>
      completeTransfer(deps, principalOf(request), request.ip ?? null, request.params.id, request.body),
  );

  app.post(
    '/home-delivery/transfers/:id/reject',
    {
      preHandler: staffOnly,
      schema: {
        tags: staffTags,
        summary: 'Reject with a reason the member will see',
        params: idParams,
        body: z.object({ reason: text(300).min(3) }),
        response: { 200: staffTransferView },
      },
    },
    async (request) =>
      rejectTransfer(deps, principalOf(request), request.ip ?? null, request.params.id, request.body.reason),
  );
}
