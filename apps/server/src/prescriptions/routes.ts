// Member prescriptions. Searches are POSTs so drug names never land in URLs or access logs.
import {
  prescriptionDetail,
  prescriptionSearchRequest,
  prescriptionsResponse,
} from '@openpbm/shared/pharmacy';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps';
import { principalOf, requireRole } from '../identity/authorize';
import { getPrescription, type ReadContext, searchPrescriptions } from './service';

const tags = ['prescriptions'];
const memberOnly = requireRole('member');

export const readContext = (request: FastifyRequest): ReadContext => ({
  principal: principalOf(request),
  ip: request.ip ?? null,
});

export function registerPrescriptionRoutes(root: FastifyInstance, deps: AppDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/prescriptions/search',
    {
      preHandler: memberOnly,
      config: { rateLimit: { max: 120, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'My prescriptions and those of family members I may see, filtered and searched',
        body: prescriptionSearchRequest,
        response: { 200: prescriptionsResponse },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return searchPrescriptions(deps, readContext(request), request.body);
    },
  );

  app.get(
    '/prescriptions/:id',
    {
      preHandler: memberOnly,
      schema: {
        tags,
        summary: 'One prescription with its fills',
        params: z.object({ id: z.uuid() }),
        response: { 200: prescriptionDetail },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return getPrescription(deps, readContext(request), request.params.id);
    },
  );
}
