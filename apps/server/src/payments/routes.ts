// Payment cards on file for the signed-in member. The card number arrives only in POST /payment-methods and goes
// straight to the vault (request bodies are never logged; see platform/logger.ts).
import {
  addedPaymentMethod,
  addPaymentMethodRequest,
  paymentMethodsResponse,
} from '@openpbm/shared/payments';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps';
import { principalOf, requireRole } from '../identity/authorize';
import { IDEMPOTENCY_HEADER, idempotent } from '../platform/idempotency';
import {
  addPaymentMethod,
  listPaymentMethods,
  removePaymentMethod,
  setDefaultPaymentMethod,
} from './service';

const tags = ['payments'];
const memberOnly = requireRole('member');
const idParams = z.object({ id: z.uuid() });

export function registerPaymentRoutes(root: FastifyInstance, deps: AppDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/payment-methods',
    {
      preHandler: memberOnly,
      schema: {
        tags,
        summary: 'Cards on file (brand, last 4, expiry)',
        response: { 200: paymentMethodsResponse },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return { paymentMethods: await listPaymentMethods(deps, principalOf(request)) };
    },
  );

  app.post(
    '/payment-methods',
    {
      preHandler: memberOnly,
      // Per account, not per address: a signed-in member trying card numbers is stopped wherever they are.
      config: {
        rateLimit: {
          max: 10,
          timeWindow: '1 minute',
          keyGenerator: (request: FastifyRequest) => request.principal?.userId ?? request.ip,
        },
      },
      schema: {
        tags,
        summary: 'Add a card: the number goes to the card vault, which returns a token',
        description:
          'Adding a card already on file (same number) adds nothing: 200 with that card and alreadyOnFile, its ' +
          'expiry updated to the one sent. A new card: 201. Optional Idempotency-Key header.',
        headers: z.object({ [IDEMPOTENCY_HEADER]: z.string().max(255).optional() }).passthrough(),
        body: addPaymentMethodRequest,
        response: { 200: addedPaymentMethod, 201: addedPaymentMethod },
      },
    },
    async (request, reply) =>
      idempotent(deps, request, reply, async () => {
        const added = await addPaymentMethod(deps, principalOf(request), request.body, request.ip ?? null);
        reply.code(added.alreadyOnFile ? 200 : 201);
        return added;
      }),
  );

  app.post(
    '/payment-methods/:id/default',
    {
      preHandler: memberOnly,
      schema: {
        tags,
        summary: 'Use this card by default',
        params: idParams,
        response: { 200: paymentMethodsResponse },
      },
    },
    async (request) => ({
      paymentMethods: await setDefaultPaymentMethod(deps, principalOf(request), request.params.id),
    }),
  );

  app.delete(
    '/payment-methods/:id',
    {
      preHandler: memberOnly,
      schema: {
        tags,
        summary: 'Remove a card (the vault forgets it)',
        params: idParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await removePaymentMethod(deps, principalOf(request), request.params.id, request.ip ?? null);
      return reply.code(204).send(null);
    },
  );
}
