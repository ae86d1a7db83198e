// Prescriber portal API (role prescriber with a verified NPI). Member and drug searches are POSTs so member IDs,
// dates of birth and drug names never land in URLs or access logs.
import {
  appealRequest,
  attachmentMeta,
  attachmentUpload,
  drugSearchRequest,
  drugSearchResponse,
  informationResponse,
  memberLookupRequest,
  memberLookupResponse,
  prescriberCase,
  prescriberCaseList,
  prescriberStatusResponse,
  questionnaireRequest,
  questionnaireResponse,
  submitCaseRequest,
} from '@openpbm/shared/prior-auth';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps';
import { requireRole } from '../identity/authorize';
import { idempotent } from '../platform/idempotency';
import { addAttachment } from './attachment-service';
import { prescriberStatus } from './npi-service';
import {
  appealAsPrescriber,
  getPrescriberCase,
  listPrescriberCases,
  provideInformation,
  withdrawCase,
} from './prescriber-case-service';
import { getQuestionnaire, lookupMember, searchDrugs, submitCase } from './prescriber-service';
import { actorOf, noStore, noticeContext, perMinute, RETRY_SAFE } from './route-helpers';

const tags = ['prior authorization: prescribers'];
const prescriberOnly = requireRole('prescriber');
const caseParams = z.object({ id: z.uuid() });

export function registerPrescriberRoutes(root: FastifyInstance, deps: AppDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const base = '/prior-auth/prescriber';

  app.get(
    `${base}/me`,
    {
      preHandler: prescriberOnly,
      schema: {
        tags,
        summary: 'The signed-in prescriber and whether their NPI is verified',
        response: { 200: prescriberStatusResponse },
      },
    },
    async (request, reply) => {
      noStore(reply);
      return prescriberStatus(deps, actorOf(request).principal);
    },
  );

  app.post(
    `${base}/members/lookup`,
    {
      preHandler: prescriberOnly,
      config: perMinute(20),
      schema: {
        tags,
        summary: 'Find the patient by member ID and date of birth (both must match)',
        body: memberLookupRequest,
        response: { 200: memberLookupResponse },
      },
    },
    async (request, reply) => {
      noStore(reply);
      return lookupMember(deps, actorOf(request), request.body);
    },
  );

  app.post(
    `${base}/drugs/search`,
    {
      preHandler: prescriberOnly,
      config: perMinute(60),
      schema: {
        tags,
        summary: 'Find a drug by name',
        body: drugSearchRequest,
        response: { 200: drugSearchResponse },
      },
    },
    async (request, reply) => {
      noStore(reply);
      return searchDrugs(deps, actorOf(request), request.body.query);
    },
  );

  app.post(
    `${base}/questionnaire`,
    {
      preHandler: prescriberOnly,
      config: perMinute(60),
      schema: {
        tags,
        summary: "The drug's coverage on the patient's plan and the criteria questionnaire to fill in",
        body: questionnaireRequest,
        response: { 200: questionnaireResponse },
      },
    },
    async (request, reply) => {
      noStore(reply);
      return getQuestionnaire(deps, actorOf(request), request.body);
    },
  );

  app.post(
    `${base}/cases`,
    {
      preHandler: prescriberOnly,
      config: perMinute(30),
      schema: {
        tags,
        summary:
          'Submit a prior authorization or formulary exception (approved at once when the criteria are met)',
        description: RETRY_SAFE,
        body: submitCaseRequest,
        response: { 201: prescriberCase },
      },
    },
    async (request, reply) => {
      noStore(reply);
      return idempotent(deps, request, reply, async () => {
        const created = await submitCase(deps, actorOf(request), request.body, noticeContext(deps, request));
        reply.code(201);
        return created;
      });
    },
  );

  app.get(
    `${base}/cases`,
    {
      preHandler: prescriberOnly,
      schema: { tags, summary: 'My requests, newest first', response: { 200: prescriberCaseList } },
    },
    async (request, reply) => {
      noStore(reply);
      return listPrescriberCases(deps, actorOf(request));
    },
  );

  app.get(
    `${base}/cases/:id`,
    {
      preHandler: prescriberOnly,
      schema: {
        tags,
        summary: 'One of my requests with its timeline',
        params: caseParams,
        response: { 200: prescriberCase },
      },
    },
    async (request, reply) => {
      noStore(reply);
      return getPrescriberCase(deps, actorOf(request), request.params.id);
    },
  );

  app.post(
    `${base}/cases/:id/attachments`,
    {
      preHandler: prescriberOnly,
      bodyLimit: 8 * 1024 * 1024,
      config: perMinute(30),
      schema: {
        tags,
        summary: 'Attach a document (PDF, PNG or JPEG, at most 5 MB; the type is read from the file itself)',
        params: caseParams,
        body: attachmentUpload,
        response: { 201: attachmentMeta },
      },
    },
    async (request, reply) => {
      const meta = await addAttachment(deps, actorOf(request), request.params.id, request.body);
      return reply.code(201).send(meta);
    },
  );

  app.post(
    `${base}/cases/:id/information`,
    {
      preHandler: prescriberOnly,
      schema: {
        tags,
        summary: 'Answer the reviewer’s request for information (the decision clock restarts)',
        params: caseParams,
        body: informationResponse,
        response: { 200: prescriberCase },
      },
    },
    async (request, reply) => {
      noStore(reply);
      return provideInformation(deps, actorOf(request), request.params.id, request.body);
    },
  );

  app.post(
    `${base}/cases/:id/withdraw`,
    {
      preHandler: prescriberOnly,
      schema: {
        tags,
        summary: 'Withdraw an open request',
        params: caseParams,
        response: { 200: prescriberCase },
      },
    },
    async (request, reply) => {
      noStore(reply);
      return withdrawCase(deps, actorOf(request), request.params.id);
    },
  );

  app.post(
    `${base}/cases/:id/appeal`,
    {
      preHandler: prescriberOnly,
      config: perMinute(10),
      schema: {
        tags,
        summary: 'Appeal a denial with new information (a different reviewer decides)',
        description: RETRY_SAFE,
        params: caseParams,
        body: appealRequest,
        response: { 201: prescriberCase },
      },
    },
    async (request, reply) => {
      noStore(reply);
      return idempotent(deps, request, reply, async () => {
        const appeal = await appealAsPrescriber(
          deps,
          actorOf(request),
          request.params.id,
          request.body,
          noticeContext(deps, request),
        );
        reply.code(201);
        return appeal;
      });
    },
  );
}
