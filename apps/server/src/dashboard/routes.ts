// GET /api/dashboard/<role group>: what needs the signed-in person now. One route per role group, each guarded
// by its role; customer service, the account team, the privacy officer and admins have no queue here yet.

import type { Role } from '@openpbm/db/schema/users';
import {
  memberDashboard,
  pharmacyDashboard,
  prescriberDashboard,
  reviewerDashboard,
} from '@openpbm/shared/dashboard';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { AppDeps } from '../app-deps';
import { requireRole } from '../identity/authorize';
import type { Actor } from '../prior-auth/case-audit';
import { actorOf, noStore } from '../prior-auth/route-helpers';
import * as service from './service';

const tags = ['dashboard'];

export function registerDashboardRoutes(root: FastifyInstance, deps: AppDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  // The response schema documents and checks each answer; the loader is the role group's service function.
  const dashboard = (
    path: string,
    role: Role,
    summary: string,
    response: z.ZodType,
    load: (deps: AppDeps, actor: Actor) => Promise<unknown>,
  ) =>
    app.get(
      `/dashboard/${path}`,
      { preHandler: requireRole(role), schema: { tags, summary, response: { 200: response } } },
      async (request, reply) => {
        noStore(reply);
        return load(deps, actorOf(request));
      },
    );

  dashboard(
    'member',
    'member',
    'Refills due, orders on the way, coverage decisions, unread messages and deductible progress, for me and the family members I may see',
    memberDashboard,
    service.memberDashboard,
  );
  dashboard(
    'prescriber',
    'prescriber',
    'My open coverage requests and requests for information with due times',
    prescriberDashboard,
    service.prescriberDashboard,
  );
  dashboard(
    'pharmacy',
    'pharmacy_staff',
    'Home-delivery queue counts by step',
    pharmacyDashboard,
    service.pharmacyDashboard,
  );
  dashboard(
    'clinical-review',
    'clinical_reviewer',
    'Open coverage cases by deadline',
    reviewerDashboard,
    service.reviewerDashboard,
  );
}
