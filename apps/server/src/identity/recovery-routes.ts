// Public recovery routes: password reset (request, question, complete) and forgot username.
import { text } from '@openpbm/shared/input';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps';
import { publicRoute } from './public-route';
import { atLeast, createRecoveryService, REQUEST_MIN_MS } from './recovery-service';
import { clientInfo } from './request-context';
import { answerInput, forgotUsernameBody, newPasswordInput, passwordResetRequestBody } from './schemas';
import { publicBaseUrl } from './security-mail';

const tags = ['identity'];
const limit = { max: 10, timeWindow: '1 minute' };
const accepted = z.object({ message: z.string() });
const token = text(100).min(1);

export function registerRecoveryRoutes(root: FastifyInstance, deps: AppDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const recovery = createRecoveryService(deps);

  app.post(
    '/identity/password-reset/request',
    {
      config: { ...publicRoute, rateLimit: limit },
      schema: {
        tags,
        summary: 'E-mail a password reset link (same answer whether or not the account exists)',
        body: passwordResetRequestBody,
        response: { 202: accepted },
      },
    },
    async (request, reply) => {
      const base = publicBaseUrl(deps);
      await atLeast(REQUEST_MIN_MS, () =>
        recovery.requestReset(request.body.usernameOrEmail, clientInfo(request), base, request.log),
      );
      return reply.code(202).send({
        message:
          'If an account matches and has a confirmed e-mail address, we sent it a link to reset the password. The link works for 30 minutes.',
      });
    },
  );

  app.post(
    '/identity/password-reset/question',
    {
      config: { ...publicRoute, rateLimit: limit },
      schema: {
        tags,
        summary: 'The security question to answer for this reset link',
        body: z.object({ token }),
        response: { 200: z.object({ questionId: z.string(), question: z.string() }) },
      },
    },
    async (request) => recovery.resetQuestion(request.body.token),
  );

  app.post(
    '/identity/password-reset/complete',
    {
      config: { ...publicRoute, rateLimit: limit },
      schema: {
        tags,
        summary: 'Answer the question and set a new password (signs out everywhere; does not sign in)',
        body: z.object({
          token,
          answer: answerInput.min(1, 'Enter your answer.'),
          password: newPasswordInput,
        }),
        response: { 200: z.object({ username: z.string() }) },
      },
    },
    async (request) =>
      recovery.completeReset(
        request.body.token,
        request.body.answer,
        request.body.password,
        clientInfo(request),
        request.log,
      ),
  );

  app.post(
    '/identity/forgot-username',
    {
      config: { ...publicRoute, rateLimit: limit },
      schema: {
        tags,
        summary: 'E-mail my username to the address on file (same answer whether or not it exists)',
        body: forgotUsernameBody,
        response: { 202: accepted },
      },
    },
    async (request, reply) => {
      const base = publicBaseUrl(deps);
      await atLeast(REQUEST_MIN_MS, () =>
        recovery.forgotUsername(request.body.email, clientInfo(request), base, request.log),
      );
      return reply
        .code(202)
        .send({ message: 'If that address belongs to an account, we sent the username to it.' });
    },
  );
}
