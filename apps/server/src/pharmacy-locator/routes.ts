// Pharmacy locator for members (their plan's network decides "in network").
import { locatorSearchRequest, locatorSearchResponse } from '@openpbm/shared/locator';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../app-deps';
import { principalOf, requireRole } from '../identity/authorize';
import { searchPharmacies } from './service';

export function registerPharmacyLocatorRoutes(root: FastifyInstance, deps: AppDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.post(
    '/pharmacy-locator/search',
    {
      preHandler: requireRole('member'),
      config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags: ['pharmacy locator'],
        summary: 'Pharmacies near a ZIP code or location, nearest first (in-network by default)',
        body: locatorSearchRequest,
        response: { 200: locatorSearchResponse },
      },
    },
    async (request) => searchPharmacies(deps, principalOf(request), request.body),
  );
}
