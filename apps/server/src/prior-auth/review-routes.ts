// Clinical review console API (role clinical_reviewer): the queue by deadline, one case, and the decisions.
import {
  approveDecision,
  denyDecision,
  queueResponse,
  requestInformation as requestInformationBody,
  reviewCase,
} from '@openpbm/shared/prior-auth';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps';
import { requireRole } from '../identity/authorize';
import {
  approveCase,
  denyCase,
  getQueue,
  getReviewCase,
  requestInformation,
  startReview,
} from './review-service';
import { actorOf, noStore, noticeContext } from './route-helpers';

const tags = ['prior authorization: clinical review'];
const reviewerOnly = requireRole('clinical_reviewer');
const caseParams = z.object({ id: z.uuid() });

export function registerReviewRoutes(root: FastifyInstance, deps: AppDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const base = '/prior-auth/review';

  app.get(
    `${base}/queue`,
    {
      preHandler: reviewerOnly,
      schema: {
        tags,
        summary:
          'Open requests, exceptions and appeals, soonest deadline first (overdue and escalated flagged)',
        response: { 200: queueResponse },
      },
    },
    async (request, reply) => {
      noStore(reply);
      return getQueue(deps, actorOf(request));
    },
  );

  app.get(
    `${base}/cases/:id`,
    {
      preHandler: reviewerOnly,
      schema: {
        tags,
        summary: 'One case: only the member data the decision needs',
        params: caseParams,
        response: { 200: reviewCase },
      },
    },
    async (request, reply) => {
      noStore(reply);
      return getReviewCase(deps, actorOf(request), request.params.id);
    },
  );

  app.post(
    `${base}/cases/:id/start`,
    {
      preHandler: reviewerOnly,
      schema: {
        tags,
        summary: 'Take the case (assigns it to me)',
        params: caseParams,
        response: { 200: reviewCase },
      },
    },
    async (request, reply) => {
      noStore(reply);
      return startReview(deps, actorOf(request), request.params.id);
    },
  );

  app.post(
    `${base}/cases/:id/request-info`,
    {
      preHandler: reviewerOnly,
      schema: {
        tags,
        summary:
          'Ask the prescriber for more information (stops the decision clock; the prescriber is notified)',
        params: caseParams,
        body: requestInformationBody,
        response: { 200: reviewCase },
      },
    },
    async (request, reply) => {
      noStore(reply);
      return requestInformation(
        deps,
        actorOf(request),
        request.params.id,
        request.body.question,
        noticeContext(deps, request),
      );
    },
  );

  app.post(
    `${base}/cases/:id/approve`,
    {
      preHandler: reviewerOnly,
      schema: {
        tags,
        summary: 'Approve with an effective period and a quantity per fill',
        params: caseParams,
        body: approveDecision,
        response: { 200: reviewCase },
      },
    },
    async (request, reply) => {
      noStore(reply);
      return approveCase(
        deps,
        actorOf(request),
        request.params.id,
        request.body,
        noticeContext(deps, request),
      );
    },
  );

  app.post(
    `${base}/cases/:id/deny`,
    {
      preHandler: reviewerOnly,
      schema: {
        tags,
        summary: 'Deny with a plain-language reason and the criteria not met',
        params: caseParams,
        body: denyDecision,
        response: { 200: reviewCase },
      },
    },
    async (request, reply) => {
      noStore(reply);
      return denyCase(deps, actorOf(request), request.params.id, request.body, noticeContext(deps, request));
    },
  );
}
