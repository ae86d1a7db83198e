// Marketing and research selections: each leaves out the members who opted out of that use.
import {
  deidentifiedExtract,
  marketingMailing,
  researchExtractQuery,
  startMailingRequest,
} from '@openpbm/shared/privacy';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps';
import { requireRole } from '../identity/authorize';
import { actorOf, noStore } from '../prior-auth/route-helpers';
import { claimsExtract } from './deidentified-data';
import { mailingProgress, recentMailings, requestHomeDeliveryMailing } from './marketing-mailing-service';

const tags = ['privacy office'];

export function registerUsesRoutes(root: FastifyInstance, deps: AppDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/privacy/marketing/home-delivery-invitations',
    {
      preHandler: requireRole('account_team'),
      schema: {
        tags,
        summary:
          'Start a mailing inviting covered adult members (of one client, or all) to home delivery; the marketing-mailings job sends it in batches and leaves out members who opted out of marketing',
        body: startMailingRequest,
        response: { 202: marketingMailing },
      },
    },
    async (request, reply) => {
      const mailing = await requestHomeDeliveryMailing(deps, actorOf(request), request.body.clientId ?? null);
      return reply
        .code(202)
        .header('location', `/api/privacy/marketing/mailings/${mailing.id}`)
        .send(mailing);
    },
  );

  app.get(
    '/privacy/marketing/mailings',
    {
      preHandler: requireRole('account_team'),
      schema: {
        tags,
        summary: 'The last 20 marketing mailings, newest first',
        response: { 200: z.array(marketingMailing) },
      },
    },
    async () => recentMailings(deps),
  );

  app.get(
    '/privacy/marketing/mailings/:id',
    {
      preHandler: requireRole('account_team'),
      schema: {
        tags,
        summary: 'Progress of one marketing mailing',
        params: z.object({ id: z.uuid() }),
        response: { 200: marketingMailing },
      },
    },
    async (request) => mailingProgress(deps, request.params.id),
  );

  app.get(
    '/privacy/research/claims-extract',
    {
      preHandler: requireRole('privacy_officer'),
      schema: {
        tags,
        summary:
          'De-identified paid claims of a year for research: leaves out members who opted out of research or of de-identified data',
        querystring: researchExtractQuery,
        response: { 200: deidentifiedExtract },
      },
    },
    async (request, reply) => {
      noStore(reply);
      return claimsExtract(deps, actorOf(request), {
        year: request.query.year,
        clientId: request.query.clientId ?? null,
        purpose: 'research',
      });
    },
  );
}
