// The member's customer-service routes: a secure message to customer service, a callback request, their cases
// and replies, what customer service did for them, and secure threads with their prescriber's office.
import {
  callbackRequest,
  contactMessageRequest,
  memberCaseView,
  memberReplyRequest,
  prescriberThreadRequest,
} from '@openpbm/shared/support';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps';
import { signedInMember } from '../family/access';
import { requireRole } from '../identity/authorize';
import { readContext } from '../prescriptions/routes';
import { doneForMe } from './assist-service';
import { getMyCase, listMyCases, replyToMyCase, requestCallback, sendContactMessage } from './case-service';
import { registerThreadRoutes, THREAD_BODY_LIMIT } from './thread-routes';
import { startThread } from './thread-service';

const tags = ['customer service'];
const memberOnly = requireRole('member');
const idParams = z.object({ id: z.uuid() });
const created = z.object({ id: z.uuid(), caseNumber: z.string(), dueAt: z.string() });
const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store');

export function registerMemberSupportRoutes(root: FastifyInstance, deps: AppDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/support/messages',
    {
      preHandler: memberOnly,
      config: { rateLimit: { max: 20, timeWindow: '1 hour' } },
      schema: {
        tags,
        summary: 'Write to customer service (a case is opened)',
        body: contactMessageRequest,
        response: { 201: created },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await sendContactMessage(deps, readContext(request), request.body)),
  );

  app.post(
    '/support/callbacks',
    {
      preHandler: memberOnly,
      config: { rateLimit: { max: 10, timeWindow: '1 hour' } },
      schema: {
        tags,
        summary: 'Ask customer service to call back in a time window',
        body: callbackRequest,
        response: { 201: created },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await requestCallback(deps, readContext(request), request.body)),
  );

  app.get(
    '/support/cases',
    { preHandler: memberOnly, schema: { tags, summary: 'My customer-service cases' } },
    async (request, reply) => {
      noStore(reply);
      return { cases: await listMyCases(deps, readContext(request)) };
    },
  );

  app.get(
    '/support/cases/:id',
    {
      preHandler: memberOnly,
      schema: {
        tags,
        summary: 'One of my cases with the answers',
        params: idParams,
        response: { 200: memberCaseView },
      },
    },
    async (request, reply) => {
      noStore(reply);
      return getMyCase(deps, readContext(request), request.params.id);
    },
  );

  app.post(
    '/support/cases/:id/replies',
    {
      preHandler: memberOnly,
      schema: {
        tags,
        summary: 'Answer customer service',
        params: idParams,
        body: memberReplyRequest,
        response: { 200: memberCaseView },
      },
    },
    async (request) => replyToMyCase(deps, readContext(request), request.params.id, request.body.body),
  );

  app.get(
    '/support/done-for-me',
    {
      preHandler: memberOnly,
      schema: { tags, summary: 'What customer service did for me, with my consent, and when' },
    },
    async (request, reply) => {
      noStore(reply);
      return { actions: await doneForMe(deps, signedInMember(readContext(request).principal)) };
    },
  );

  app.post(
    '/support/prescriber-threads',
    {
      preHandler: memberOnly,
      bodyLimit: THREAD_BODY_LIMIT,
      config: { rateLimit: { max: 20, timeWindow: '1 hour' } },
      schema: {
        tags,
        summary: 'Write to the prescriber’s office about a prescription',
        body: prescriberThreadRequest,
      },
    },
    async (request, reply) =>
      reply.code(201).send(await startThread(deps, readContext(request), request.body)),
  );

  registerThreadRoutes(root, deps, {
    side: 'member',
    prefix: '/support/prescriber-threads',
    guard: memberOnly,
    tags: [...tags],
    listSummary: 'My conversations with prescribers’ offices',
    replySummary: 'Reply in a conversation',
  });
}
