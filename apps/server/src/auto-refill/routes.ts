// Automatic refills: list, enroll, pause, resume, change card, cancel (members with manage access).
import {
  autoRefillsResponse,
  changeAutoRefillCard,
  enrollAutoRefillRequest,
} from '@openpbm/shared/auto-refill';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps';
import { requireRole } from '../identity/authorize';
import { readContext } from '../prescriptions/routes';
import { changeAutoRefill, enrollAutoRefill, listAutoRefills } from './service';

const tags = ['auto-refill'];
const memberOnly = requireRole('member');
const idParams = z.object({ id: z.uuid() });

export function registerAutoRefillRoutes(root: FastifyInstance, deps: AppDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const list = async (request: Parameters<typeof readContext>[0]) => ({
    enrollments: await listAutoRefills(deps, readContext(request)),
  });

  app.get(
    '/auto-refill',
    {
      preHandler: memberOnly,
      schema: { tags, summary: 'Automatic refills I manage', response: { 200: autoRefillsResponse } },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return list(request);
    },
  );

  app.post(
    '/auto-refill',
    {
      preHandler: memberOnly,
      schema: {
        tags,
        summary: 'Turn on automatic refills for a prescription',
        body: enrollAutoRefillRequest,
        response: { 201: autoRefillsResponse },
      },
    },
    async (request, reply) => {
      await enrollAutoRefill(deps, readContext(request), request.body);
      return reply.code(201).send(await list(request));
    },
  );

  for (const action of ['pause', 'resume', 'cancel'] as const) {
    app.post(
      `/auto-refill/:id/${action}`,
      {
        preHandler: memberOnly,
        schema: {
          tags,
          summary: `${action[0]?.toUpperCase()}${action.slice(1)} an automatic refill`,
          params: idParams,
          response: { 200: autoRefillsResponse },
        },
      },
      async (request) => {
        await changeAutoRefill(deps, readContext(request), request.params.id, { action });
        return list(request);
      },
    );
  }

  app.post(
    '/auto-refill/:id/payment-method',
    {
      preHandler: memberOnly,
      schema: {
        tags,
        summary: 'Pay automatic refills with another card',
        params: idParams,
        body: changeAutoRefillCard,
        response: { 200: autoRefillsResponse },
      },
    },
    async (request) => {
      await changeAutoRefill(deps, readContext(request), request.params.id, {
        action: 'card',
        paymentMethodId: request.body.paymentMethodId,
      });
      return list(request);
    },
  );
}
