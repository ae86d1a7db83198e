// Notification preferences and web push subscriptions of the signed-in member.
import { text } from '@openpbm/shared/input';
import {
  notificationPreferencesResponse,
  pushSubscriptionRequest,
  savePreferencesRequest,
} from '@openpbm/shared/notifications';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps';
import { principalOf, requireRole } from '../identity/authorize';
import { getPreferences, savePreferences, subscribePush, unsubscribePush } from './preferences';

const tags = ['notifications'];
const memberOnly = requireRole('member');

export function registerNotificationRoutes(root: FastifyInstance, deps: AppDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/notification-preferences',
    {
      preHandler: memberOnly,
      schema: {
        tags,
        summary: 'How I want to be told, per kind of notice',
        response: { 200: notificationPreferencesResponse },
      },
    },
    async (request) => getPreferences(deps, principalOf(request)),
  );

  app.put(
    '/notification-preferences',
    {
      preHandler: memberOnly,
      schema: {
        tags,
        summary: 'Change e-mail and push per kind of notice',
        body: savePreferencesRequest,
        response: { 200: notificationPreferencesResponse },
      },
    },
    async (request) =>
      savePreferences(deps, principalOf(request), request.ip ?? null, request.body.preferences),
  );

  app.post(
    '/push-subscriptions',
    {
      preHandler: memberOnly,
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Register this browser for web push',
        body: pushSubscriptionRequest,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await subscribePush(deps, principalOf(request), request.body);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/push-subscriptions/remove',
    {
      preHandler: memberOnly,
      schema: {
        tags,
        summary: 'Stop web push for this browser',
        body: z.object({ endpoint: text(1000) }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await unsubscribePush(deps, principalOf(request), request.body.endpoint);
      return reply.code(204).send(null);
    },
  );
}
