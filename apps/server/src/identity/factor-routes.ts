// Managing my second factors (after re-authentication): authenticator app, recovery codes, passkeys.
import { totpCodeBody } from '@openpbm/shared/identity';
import { text } from '@openpbm/shared/input';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps';
import { currentSession, signedInUser } from './account-routes';
import { createFactorService } from './factor-service';
import { createPasskeyService } from './passkey-service';
import { clientInfo } from './request-context';
import { relyingParty } from './security-mail';

const tags = ['identity'];
const recoveryCodesOut = z.object({ recoveryCodes: z.array(z.string()).nullable() });
const webauthnResponse = z.looseObject({ id: text(1024).min(1), type: z.literal('public-key') });

export function registerFactorRoutes(root: FastifyInstance, deps: AppDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const factorService = createFactorService(deps);
  const passkeys = createPasskeyService(deps);
  const pre = { preHandler: signedInUser };

  app.post(
    '/identity/account/totp/setup',
    {
      ...pre,
      schema: {
        tags,
        summary: 'Start setting up an authenticator app: a new secret to scan or type',
        response: { 200: z.object({ secret: z.string(), otpauthUri: z.string() }) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const { user, session } = currentSession(request);
      return factorService.startTotp(user, session);
    },
  );

  app.post(
    '/identity/account/totp/confirm',
    {
      ...pre,
      schema: {
        tags,
        summary:
          'Finish setting up the authenticator app with its first code; returns recovery codes the first time',
        body: totpCodeBody,
        response: { 200: recoveryCodesOut },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const { user, session } = currentSession(request);
      return factorService.confirmTotp(user, session, request.body.code, clientInfo(request), request.log);
    },
  );

  app.delete(
    '/identity/account/totp',
    { ...pre, schema: { tags, summary: 'Remove the authenticator app', response: { 204: z.null() } } },
    async (request, reply) => {
      const { user, session } = currentSession(request);
      await factorService.removeTotp(user, session, clientInfo(request), request.log);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/identity/account/recovery-codes',
    {
      ...pre,
      schema: {
        tags,
        summary: 'Replace my recovery codes with 10 new ones (shown once)',
        response: { 200: z.object({ recoveryCodes: z.array(z.string()) }) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const { user, session } = currentSession(request);
      return {
        recoveryCodes: await factorService.regenerateRecoveryCodes(
          user,
          session,
          clientInfo(request),
          request.log,
        ),
      };
    },
  );

  app.get(
    '/identity/account/passkeys',
    {
      ...pre,
      schema: {
        tags,
        summary: 'My passkeys',
        response: {
          200: z.object({
            passkeys: z.array(
              z.object({
                id: z.string(),
                name: z.string(),
                createdAt: z.string(),
                lastUsedAt: z.string().nullable(),
                backedUp: z.boolean(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => ({ passkeys: await passkeys.list(currentSession(request).user.id) }),
  );

  app.post(
    '/identity/account/passkeys/options',
    {
      ...pre,
      schema: {
        tags,
        summary: 'WebAuthn options to create a passkey',
        response: { 200: z.object({ challengeId: z.string(), options: z.record(z.string(), z.unknown()) }) },
      },
    },
    async (request) => {
      const { user, session } = currentSession(request);
      return passkeys.registrationOptions(user, session, relyingParty(deps, request));
    },
  );

  app.post(
    '/identity/account/passkeys',
    {
      ...pre,
      schema: {
        tags,
        summary: 'Save a new passkey; returns recovery codes when it is the first second factor',
        body: z.object({
          challengeId: z.uuid(),
          name: text(60).min(1),
          response: webauthnResponse,
        }),
        response: { 201: recoveryCodesOut },
      },
    },
    async (request, reply) => {
      const { user, session } = currentSession(request);
      const result = await passkeys.register(
        user,
        session,
        {
          challengeId: request.body.challengeId,
          name: request.body.name,
          response: request.body.response as never,
        },
        relyingParty(deps, request),
        clientInfo(request),
        request.log,
      );
      return reply.code(201).header('cache-control', 'no-store').send(result);
    },
  );

  app.delete(
    '/identity/account/passkeys/:passkeyId',
    {
      ...pre,
      schema: {
        tags,
        summary: 'Remove a passkey',
        params: z.object({ passkeyId: z.uuid() }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const { user, session } = currentSession(request);
      await passkeys.remove(user, session, request.params.passkeyId, clientInfo(request), request.log);
      return reply.code(204).send(null);
    },
  );
}
