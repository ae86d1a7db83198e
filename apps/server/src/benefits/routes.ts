// Member benefits API: whose benefits I can see, drug coverage search, price check, claims history and receipts.
// HTTP only: validate, authorize (members only; which member is decided in member-access.ts), call a service.
// Drug searches and price checks are POSTs so drug names never land in URLs or access logs. (The session hook runs
// the preHandler role guard already at onRequest, so a signed-out caller gets 401 before any input check.)
import {
  claimReceiptResponse,
  claimsHistoryResponse,
  claimsQuery,
  formularySearchRequest,
  formularySearchResponse,
  memberPharmaciesResponse,
  priceCheckRequest,
  priceCheckResponse,
  viewableMembersResponse,
} from '@openpbm/shared/benefits';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps';
import { principalOf, requireRole } from '../identity/authorize';
import type { ReadContext } from './audit-reads';
import { getClaimReceipt, getClaimsHistory } from './claims-history-service';
import { searchFormulary } from './formulary-service';
import { checkPrice, listRecentPharmacies } from './price-check-service';
import { listViewableMembers } from './viewable-members';

const tags = ['benefits'];
const memberOnly = requireRole('member');
const perMinute = (max: number) => ({ rateLimit: { max, timeWindow: '1 minute' } });

function readContext(request: FastifyRequest): ReadContext {
  return { principal: principalOf(request), ip: request.ip ?? null };
}

/** Health data: never cached by the browser or a proxy. */
const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store');

export function registerBenefitsRoutes(root: FastifyInstance, deps: AppDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/benefits/members',
    {
      preHandler: memberOnly,
      schema: {
        tags,
        summary: 'The signed-in member and the dependents under 18 whose benefits they may see',
        response: { 200: viewableMembersResponse },
      },
    },
    async (request, reply) => {
      noStore(reply);
      return listViewableMembers(deps, principalOf(request));
    },
  );

  app.post(
    '/benefits/formulary/search',
    {
      preHandler: memberOnly,
      config: perMinute(60),
      schema: {
        tags,
        summary:
          "Search the member's plan formulary by drug name: tier, PA/ST/QL, excluded drugs' alternatives",
        body: formularySearchRequest,
        response: { 200: formularySearchResponse },
      },
    },
    async (request, reply) => {
      noStore(reply);
      return searchFormulary(deps, principalOf(request), request.body);
    },
  );

  app.post(
    '/benefits/price-check',
    {
      preHandler: memberOnly,
      config: perMinute(30),
      schema: {
        tags,
        summary:
          'What a fill would cost the member and the plan at retail 30, retail 90 and home delivery, with cheaper alternatives',
        body: priceCheckRequest,
        response: { 200: priceCheckResponse },
      },
    },
    async (request, reply) => {
      noStore(reply);
      return checkPrice(deps, readContext(request), request.body);
    },
  );

  const memberParams = z.object({ memberId: z.uuid() });

  app.get(
    '/benefits/members/:memberId/claims',
    {
      preHandler: memberOnly,
      schema: {
        tags,
        summary:
          'Pharmacy claims of one plan year (paid, accepted, rejected with plain reasons, reversed), with deductible and OOP progress',
        params: memberParams,
        querystring: claimsQuery,
        response: { 200: claimsHistoryResponse },
      },
    },
    async (request, reply) => {
      noStore(reply);
      return getClaimsHistory(deps, readContext(request), request.params.memberId, request.query.planYear);
    },
  );

  app.get(
    '/benefits/members/:memberId/pharmacies',
    {
      preHandler: memberOnly,
      schema: {
        tags,
        summary: 'Pharmacies the member filled at recently, to pick one for the price check',
        params: memberParams,
        response: { 200: memberPharmaciesResponse },
      },
    },
    async (request, reply) => {
      noStore(reply);
      return listRecentPharmacies(deps, readContext(request), request.params.memberId);
    },
  );

  app.get(
    '/benefits/members/:memberId/claims/:claimId',
    {
      preHandler: memberOnly,
      schema: {
        tags,
        summary: 'Receipt / explanation of benefits for one claim',
        params: memberParams.extend({ claimId: z.uuid() }),
        response: { 200: claimReceiptResponse },
      },
    },
    async (request, reply) => {
      noStore(reply);
      return getClaimReceipt(deps, readContext(request), request.params.memberId, request.params.claimId);
    },
  );
}
