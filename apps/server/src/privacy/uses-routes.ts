// Marketing and research selections: each leaves out the members who opted out of that use.
import { deidentifiedExtract } from '@openpbm/shared/privacy';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps';
import { requireRole } from '../identity/authorize';
import { actorOf, noStore } from '../prior-auth/route-helpers';
import { claimsExtract } from './deidentified-data';
import { sendHomeDeliveryInvitations } from './marketing-service';

const tags = ['privacy office'];
const mailingResult = z.object({
  sent: z.number().int(),
  leftOutOptedOut: z.number().int(),
  leftOutMinors: z.number().int(),
});
const extractQuery = z.object({
  year: z.coerce.number().int().min(2000, 'Enter a year from 2000').max(2100, 'Enter a year up to 2100'),
  clientId: z.uuid().optional(),
});

export function registerUsesRoutes(root: FastifyInstance, deps: AppDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/privacy/marketing/home-delivery-invitations',
    {
      preHandler: requireRole('account_team'),
      schema: {
        tags,
        summary:
          'E-mail covered adult members (of one client, or all) an invitation to home delivery; members who opted out of marketing are left out',
        body: z.object({ clientId: z.uuid().optional() }),
        response: { 200: mailingResult },
      },
    },
    async (request) => sendHomeDeliveryInvitations(deps, actorOf(request), request.body.clientId ?? null),
  );

  app.get(
    '/privacy/research/claims-extract',
    {
      preHandler: requireRole('privacy_officer'),
      schema: {
        tags,
        summary:
          'De-identified paid claims of a year for research: leaves out members who opted out of research or of de-identified data',
        querystring: extractQuery,
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
