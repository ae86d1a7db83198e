// Secure messages of the signed-in user (any role): the inbox, one message, and opening a pick-up link.
// The pick-up token travels in a POST body (it arrives in the browser as a URL fragment), never in a URL.
import { text } from '@openpbm/shared/input';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps';
import { principalOf, requireRole } from '../identity/authorize';
import { getMessage, listMessages, pickUpMessage } from './secure-message-service';

const tags = ['messages'];
const anyone = requireRole(
  'member',
  'prescriber',
  'clinical_reviewer',
  'client_user',
  'advisor',
  'pharmacy_staff',
  'customer_service',
  'account_team',
  'privacy_officer',
  'content_editor',
  'admin',
);

const message = z.object({
  id: z.uuid(),
  kind: z.string(),
  subject: z.string(),
  body: z.string(),
  portalPath: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

export function registerSecureMessageRoutes(root: FastifyInstance, deps: AppDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/messages',
    {
      preHandler: anyone,
      schema: {
        tags,
        summary: 'Secure messages of the signed-in user (subjects only)',
        response: {
          200: z.object({
            messages: z.array(
              z.object({
                id: z.uuid(),
                kind: z.string(),
                subject: z.string(),
                portalPath: z.string().nullable(),
                createdAt: z.string(),
                read: z.boolean(),
              }),
            ),
          }),
        },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return { messages: await listMessages(deps, principalOf(request)) };
    },
  );

  app.get(
    '/messages/:id',
    {
      preHandler: anyone,
      schema: {
        tags,
        summary: 'One secure message (marked read)',
        params: z.object({ id: z.uuid() }),
        response: { 200: message },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return getMessage(deps, principalOf(request), request.ip ?? null, request.params.id);
    },
  );

  app.post(
    '/messages/pickup',
    {
      preHandler: anyone,
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Open the message behind an e-mailed pick-up link (recipient only)',
        body: z.object({ token: text(100).min(20) }),
        response: { 200: message },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return pickUpMessage(deps, principalOf(request), request.ip ?? null, request.body.token);
    },
  );
}
