// The digital member ID card (members only; family members by the family access rule).
import { idCardsResponse } from '@openpbm/shared/id-card';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps';
import { requireRole } from '../identity/authorize';
import { readContext } from '../prescriptions/routes';
import { idCards } from './service';

export function registerIdCardRoutes(root: FastifyInstance, deps: AppDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/id-card',
    {
      preHandler: requireRole('member'),
      schema: {
        tags: ['members'],
        summary: 'Digital member ID cards (mine and family members I may see)',
        querystring: z.object({ memberId: z.uuid().optional() }),
        response: { 200: idCardsResponse },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return { cards: await idCards(deps, readContext(request), request.query.memberId) };
    },
  );
}
