// Family access: whose pharmacy data the signed-in member sees, and proxy access adults share with each other.
import { createProxyGrantRequest, familyResponse } from '@openpbm/shared/family';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps';
import { principalOf, requireRole } from '../identity/authorize';
import { endAccess, getFamily, shareAccess } from './service';

const tags = ['family'];
const memberOnly = requireRole('member');

export function registerFamilyRoutes(root: FastifyInstance, deps: AppDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/family',
    {
      preHandler: memberOnly,
      schema: {
        tags,
        summary: 'Family members whose prescriptions I can see, and shared (proxy) access',
        response: { 200: familyResponse },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return getFamily(deps, principalOf(request));
    },
  );

  app.post(
    '/family/proxy-grants',
    {
      preHandler: memberOnly,
      schema: {
        tags,
        summary: 'Share my prescriptions with an adult family member',
        body: createProxyGrantRequest,
        response: { 201: familyResponse },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await shareAccess(deps, principalOf(request), request.body, request.ip ?? null)),
  );

  app.delete(
    '/family/proxy-grants/:id',
    {
      preHandler: memberOnly,
      schema: {
        tags,
        summary: 'Stop shared access (grantor or grantee)',
        params: z.object({ id: z.uuid() }),
        response: { 200: familyResponse },
      },
    },
    async (request) => endAccess(deps, principalOf(request), request.params.id, request.ip ?? null),
  );
}
