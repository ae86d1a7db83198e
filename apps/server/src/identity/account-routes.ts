// The signed-in user's security settings (every role): overview, re-authentication, SiteKey, challenge questions.
import { ROLES } from '@openpbm/db/schema/users';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps';
import { unauthorized } from '../platform/problem';
import { createAccountService } from './account-service';
import { requireAccountOwner } from './authorize';
import { setSessionCookie } from './cookies';
import { clientInfo } from './request-context';
import { challengeAnswersInput, passwordInput, siteKeyInput, siteKeyView } from './schemas';

const tags = ['identity'];
/** Any signed-in user on their own account (also a staff user still enrolling a second factor). */
export const signedInUser = requireAccountOwner(...ROLES);

/** The full session behind request.principal (identity routes need the row, not just the principal). */
export function currentSession(request: FastifyRequest) {
  const current = request.identitySession;
  if (current?.session.stage !== 'full') throw unauthorized();
  return current;
}

export const accountOverview = z.object({
  username: z.string(),
  email: z.string(),
  emailVerified: z.boolean(),
  role: z.string(),
  siteKey: siteKeyView.nullable(),
  challengeQuestionIds: z.array(z.string()),
  totpEnabled: z.boolean(),
  passkeyCount: z.number().int(),
  recoveryCodesLeft: z.number().int(),
  passwordSet: z.boolean(),
  /** False for client users: their username and e-mail are changed by the account team. */
  selfServiceProfileChanges: z.boolean(),
  /** Staff without an authenticator app or passkey: they must set one up before anything else (ASVS 6.3.2). */
  secondFactorRequired: z.boolean(),
  /** A credential was entered in the last 5 minutes: sensitive changes are allowed without asking again. */
  recentlyAuthenticated: z.boolean(),
});

export function registerAccountRoutes(root: FastifyInstance, deps: AppDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const account = createAccountService(deps);
  const noContent = { 204: z.null() };

  app.get(
    '/identity/account',
    {
      preHandler: signedInUser,
      schema: { tags, summary: 'My account security settings', response: { 200: accountOverview } },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const { user, session } = currentSession(request);
      return account.overview(user, session);
    },
  );

  app.post(
    '/identity/account/reauthenticate',
    {
      preHandler: signedInUser,
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Enter the password again before a sensitive change (valid 5 minutes)',
        body: z.object({ password: passwordInput }),
        response: noContent,
      },
    },
    async (request, reply) => {
      const { user, session } = currentSession(request);
      const { token } = await account.reauthenticate(
        user,
        session,
        request.body.password,
        clientInfo(request),
      );
      setSessionCookie(reply, token);
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/identity/account/site-key',
    {
      preHandler: signedInUser,
      schema: { tags, summary: 'Choose or change my SiteKey', body: siteKeyInput, response: noContent },
    },
    async (request, reply) => {
      const { user, session } = currentSession(request);
      await account.setSiteKey(
        user,
        session,
        request.body.imageId,
        request.body.phrase,
        clientInfo(request),
        request.log,
      );
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/identity/account/challenge-answers',
    {
      preHandler: signedInUser,
      schema: {
        tags,
        summary: 'Choose or change my three security questions',
        body: z.object({ answers: challengeAnswersInput }),
        response: noContent,
      },
    },
    async (request, reply) => {
      const { user, session } = currentSession(request);
      await account.setChallengeAnswers(
        user,
        session,
        request.body.answers,
        clientInfo(request),
        request.log,
      );
      return reply.code(204).send(null);
    },
  );
}
