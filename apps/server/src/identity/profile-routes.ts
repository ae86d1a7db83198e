// Username and e-mail changes: self-service (not for client users) and by the account team for client users.
import { text } from '@openpbm/shared/input';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps';
import { badRequest } from '../platform/problem';
import { currentSession, signedInUser } from './account-routes';
import { principalOf, requireRole } from './authorize';
import { createProfileService } from './profile-service';
import { clientInfo } from './request-context';
import { changeEmailBody, changeUsernameBody, emailInput, newUsername } from './schemas';
import { publicBaseUrl } from './security-mail';

const tags = ['identity'];

export function registerProfileRoutes(root: FastifyInstance, deps: AppDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const profile = createProfileService(deps);

  app.post(
    '/identity/account/username',
    {
      preHandler: signedInUser,
      schema: {
        tags,
        summary: 'Change my username (not for client users)',
        body: changeUsernameBody,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const { user, session } = currentSession(request);
      await profile.changeOwnUsername(user, session, request.body.username, clientInfo(request), request.log);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/identity/account/email',
    {
      preHandler: signedInUser,
      schema: {
        tags,
        summary:
          'Change my e-mail address: a link goes to the new address; it replaces the old one when used',
        body: changeEmailBody,
        response: { 202: z.object({ message: z.string() }) },
      },
    },
    async (request, reply) => {
      const { user, session } = currentSession(request);
      await profile.changeOwnEmail(
        user,
        session,
        request.body.email,
        clientInfo(request),
        publicBaseUrl(deps),
      );
      return reply
        .code(202)
        .send({ message: `We sent a link to ${request.body.email}. Your address changes when you open it.` });
    },
  );

  app.post(
    '/identity/client-users/lookup',
    {
      preHandler: requireRole('account_team'),
      schema: {
        tags,
        summary: 'Account team: find a client user by username',
        body: z.object({ username: text(64).min(1) }),
        response: {
          200: z.object({
            id: z.string(),
            username: z.string(),
            email: z.string(),
            displayName: z.string(),
            clientId: z.string().nullable(),
          }),
        },
      },
    },
    async (request) => profile.findClientUser(request.body.username),
  );

  app.post(
    '/identity/client-users/:userId/profile',
    {
      preHandler: requireRole('account_team'),
      schema: {
        tags,
        summary: "Account team: change a client user's username and/or e-mail address",
        params: z.object({ userId: z.uuid() }),
        body: z.object({ username: newUsername.optional(), email: emailInput.optional() }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      if (!request.body.username && !request.body.email)
        throw badRequest('Give a new username or e-mail address.');
      const staff = principalOf(request);
      await profile.changeClientUser(
        { userId: staff.userId, role: staff.role },
        request.params.userId,
        request.body,
        clientInfo(request),
        publicBaseUrl(deps),
        request.log,
      );
      return reply.code(204).send(null);
    },
  );
}
