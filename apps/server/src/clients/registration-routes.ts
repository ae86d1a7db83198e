// Public routes of client/advisor self-registration (rate limited like identity's activation and registration).
import { portalRegistrationStart } from '@openpbm/shared/client-portal';
import { text } from '@openpbm/shared/input';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps';
import { publicRoute } from '../identity/public-route';
import { clientInfo } from '../identity/request-context';
import { challengeAnswersInput, newPasswordInput, newUsername, siteKeyInput } from '../identity/schemas';
import { publicBaseUrl } from '../identity/security-mail';
import { createPortalRegistrationService } from './registration-service';

const tags = ['client portal: registration'];
const strictLimit = { max: 10, timeWindow: '1 minute' };

export function registerClientRegistrationRoutes(root: FastifyInstance, deps: AppDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const registration = createPortalRegistrationService(deps);

  app.post(
    '/clients/registrations',
    {
      config: { ...publicRoute, rateLimit: strictLimit },
      schema: {
        tags,
        summary: 'Register as a client user or advisor: sends an e-mail verification link',
        body: portalRegistrationStart,
        response: { 202: z.object({ emailVerificationSent: z.literal(true) }) },
      },
    },
    async (request, reply) => {
      await registration.start(request.body, publicBaseUrl(deps));
      return reply.code(202).send({ emailVerificationSent: true as const });
    },
  );

  app.post(
    '/clients/registrations/confirm',
    {
      config: { ...publicRoute, rateLimit: strictLimit },
      schema: {
        tags,
        summary: 'Use the e-mailed link: returns a 30-minute ticket for choosing sign-in details',
        body: z.object({ token: text(100).min(1) }),
        response: {
          200: z.object({
            registrationToken: z.string(),
            firstName: z.string(),
            email: z.string(),
            expiresInMinutes: z.number(),
          }),
        },
      },
    },
    async (request) => ({ ...(await registration.confirmEmail(request.body.token)), expiresInMinutes: 30 }),
  );

  app.post(
    '/clients/registrations/account',
    {
      config: { ...publicRoute, rateLimit: strictLimit },
      schema: {
        tags,
        summary: 'Choose username, password, SiteKey and challenge questions (the same rules as for members)',
        body: z.object({
          registrationToken: text(100).min(1),
          username: newUsername,
          password: newPasswordInput,
          siteKey: siteKeyInput,
          challengeAnswers: challengeAnswersInput,
        }),
        response: { 201: z.object({ username: z.string() }) },
      },
    },
    async (request, reply) => {
      const result = await registration.createAccount(request.body, clientInfo(request));
      return reply.code(201).send(result);
    },
  );
}
