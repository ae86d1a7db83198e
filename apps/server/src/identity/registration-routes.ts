// Activation, registration, e-mail verification, and the catalogues their forms need (SiteKey images, questions).
import { activationBody } from '@openpbm/shared/identity';
import { text } from '@openpbm/shared/input';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps';
import { createActivationService } from './activation-service';
import { CHALLENGE_QUESTIONS } from './challenge-questions';
import { publicRoute } from './public-route';
import { createRegistrationService } from './registration-service';
import { clientInfo } from './request-context';
import { challengeAnswersInput, emailInput, newPasswordInput, newUsername, siteKeyInput } from './schemas';
import { publicBaseUrl } from './security-mail';
import { SITE_KEY_IMAGES, siteKeyView } from './site-keys';

const tags = ['identity'];
const strictLimit = { max: 10, timeWindow: '1 minute' };

export function registerRegistrationRoutes(root: FastifyInstance, deps: AppDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const activation = createActivationService(deps);
  const registration = createRegistrationService(deps);

  app.get(
    '/identity/site-key-images',
    {
      config: publicRoute,
      schema: {
        tags,
        summary: 'The bundled SiteKey pictures to choose from',
        response: {
          200: z.object({
            images: z.array(z.object({ imageId: z.string(), imageUrl: z.string(), imageAlt: z.string() })),
          }),
        },
      },
    },
    async () => ({
      images: SITE_KEY_IMAGES.map(([id]) => {
        const { imageId, imageUrl, imageAlt } = siteKeyView(id, '');
        return { imageId, imageUrl, imageAlt };
      }),
    }),
  );

  app.get(
    '/identity/challenge-questions',
    {
      config: publicRoute,
      schema: {
        tags,
        summary: 'The security questions to choose from',
        response: { 200: z.object({ questions: z.array(z.object({ id: z.string(), text: z.string() })) }) },
      },
    },
    async () => ({ questions: CHALLENGE_QUESTIONS.map((q) => ({ id: q.id, text: q.text })) }),
  );

  app.post(
    '/identity/activation',
    {
      config: { ...publicRoute, rateLimit: strictLimit },
      schema: {
        tags,
        summary: 'Verify a member from eligibility before registration',
        body: activationBody,
        response: {
          200: z.object({
            registrationToken: z.string(),
            firstName: z.string(),
            expiresInMinutes: z.number(),
          }),
        },
      },
    },
    async (request) => {
      const result = await activation.activate(request.body, clientInfo(request));
      return { ...result, expiresInMinutes: 30 };
    },
  );

  app.post(
    '/identity/registration',
    {
      config: { ...publicRoute, rateLimit: strictLimit },
      schema: {
        tags,
        summary:
          'Create the account: username, password, SiteKey, challenge questions; sends an e-mail verification link',
        body: z.object({
          registrationToken: text(100).min(1),
          username: newUsername,
          email: emailInput,
          password: newPasswordInput,
          siteKey: siteKeyInput,
          challengeAnswers: challengeAnswersInput,
        }),
        response: { 201: z.object({ username: z.string(), emailVerificationSent: z.literal(true) }) },
      },
    },
    async (request, reply) => {
      const { username } = await registration.register(
        request.body,
        clientInfo(request),
        publicBaseUrl(deps),
      );
      return reply.code(201).send({ username, emailVerificationSent: true as const });
    },
  );

  app.post(
    '/identity/email/verify',
    {
      config: { ...publicRoute, rateLimit: strictLimit },
      schema: {
        tags,
        summary: 'Use an e-mail verification link',
        body: z.object({ token: text(100).min(1) }),
        response: { 200: z.object({ verified: z.literal(true), username: z.string() }) },
      },
    },
    async (request) => {
      const { username } = await registration.verifyEmail(request.body.token, clientInfo(request));
      return { verified: true as const, username };
    },
  );
}
