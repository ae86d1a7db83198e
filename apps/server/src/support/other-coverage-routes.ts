// The console's other-coverage (coordination of benefits) routes: list and add, for members the agent serves.
import { otherCoverageEntry, otherCoverageList, otherCoverageRequest } from '@openpbm/shared/other-coverage';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps';
import { principalOf, requireRole } from '../identity/authorize';
import { addOtherCoverage, listOtherCoverage } from './other-coverage-service';
import type { StaffContext } from './scope';

const tags = ['customer service console'];
const agents = requireRole('customer_service');
const memberParams = z.object({ memberId: z.uuid() });
const staffContext = (request: FastifyRequest): StaffContext => ({
  principal: principalOf(request),
  ip: request.ip ?? null,
});

export function registerOtherCoverageRoutes(root: FastifyInstance, deps: AppDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/support/staff/members/:memberId/other-coverage',
    {
      preHandler: agents,
      schema: {
        tags,
        summary: "The member's other prescription coverage (coordination of benefits; audited)",
        params: memberParams,
        response: { 200: otherCoverageList },
      },
    },
    async (request) => listOtherCoverage(deps, staffContext(request), request.params.memberId),
  );

  app.post(
    '/support/staff/members/:memberId/other-coverage',
    {
      preHandler: agents,
      schema: {
        tags,
        summary: 'Record other prescription coverage for the member, with a reason (audited)',
        params: memberParams,
        body: otherCoverageRequest,
        response: { 201: otherCoverageEntry },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await addOtherCoverage(deps, staffContext(request), request.params.memberId, request.body)),
  );
}
