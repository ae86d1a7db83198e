// Sign-in steps after the password (TOTP, recovery code, passkey) and passwordless passkey sign-in.

import type { User } from '@openpbm/db/schema/users';
import { recoveryCodeBody, totpCodeBody } from '@openpbm/shared/identity';
import { text } from '@openpbm/shared/input';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps';
import { ProblemError } from '../platform/problem';
import { auditAuth } from './audit-events';
import { createFactorService } from './factor-service';
import { createPasskeyService } from './passkey-service';
import { publicRoute } from './public-route';
import { clientInfo } from './request-context';
import { signInResult } from './schemas';
import { relyingParty } from './security-mail';
import { deviceTokenOf, pendingSignIn, signedIn, throttled } from './sign-in-routes';
import { createSignInService } from './sign-in-service';
import { ACCOUNT_POLICY, IP_POLICY, recordFailure, retryAfterSeconds } from './throttle';

const tags = ['identity'];
const limit = { max: 20, timeWindow: '1 minute' };

const secondFactorFailed = () =>
  new ProblemError(400, 'code-rejected', 'That code did not work', 'Check the code and try again.', [
    { field: 'code', message: 'That code did not work. Check it and try again.' },
  ]);

/** WebAuthn JSON from @simplewebauthn/browser; checked in depth by @simplewebauthn/server. */
const webauthnResponse = z.looseObject({ id: text(1024).min(1), type: z.literal('public-key') });

export function registerSecondFactorRoutes(root: FastifyInstance, deps: AppDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const db = deps.db.db;
  const signIn = createSignInService(deps);
  const factorService = createFactorService(deps);
  const passkeys = createPasskeyService(deps);

  /** Shared by TOTP and recovery codes: throttle, check, then finish or count the failure. */
  async function secondFactor(
    request: FastifyRequest,
    reply: Parameters<typeof throttled>[0],
    method: 'totp' | 'recovery_code',
    check: (userId: string) => Promise<boolean>,
  ) {
    const { user, session } = pendingSignIn(request);
    const client = clientInfo(request);
    const key = `2fa:${user.id}`;
    const wait = await retryAfterSeconds(db, [key], deps.now());
    if (wait > 0) throw throttled(reply, wait);
    if (!(await check(user.id))) {
      await recordFailure(db, key, ACCOUNT_POLICY, deps.now());
      const budget = await signIn.budgetFor(user, user.usernameNormalized, deviceTokenOf(request));
      await signIn.accountFailure(user, method, 'bad_second_factor', client, budget, request.log);
      throw secondFactorFailed();
    }
    const done = await signIn.complete(
      user,
      ['password', method],
      client,
      session.id,
      deviceTokenOf(request),
      request.log,
    );
    return signedIn(reply, done);
  }

  app.post(
    '/identity/sign-in/totp',
    {
      config: { ...publicRoute, rateLimit: limit },
      schema: {
        tags,
        summary: 'Step 3: the 6-digit code from the authenticator app',
        body: totpCodeBody,
        response: { 200: signInResult },
      },
    },
    async (request, reply) =>
      secondFactor(request, reply, 'totp', (userId) =>
        factorService.verifyTotpForSignIn(userId, request.body.code),
      ),
  );

  app.post(
    '/identity/sign-in/recovery-code',
    {
      config: { ...publicRoute, rateLimit: limit },
      schema: {
        tags,
        summary: 'Step 3: one of the recovery codes (each works once)',
        body: recoveryCodeBody,
        response: { 200: signInResult },
      },
    },
    async (request, reply) => {
      let left = 0;
      const result = await secondFactor(request, reply, 'recovery_code', async (userId) => {
        const used = await factorService.useRecoveryCode(userId, request.body.code);
        left = used.left;
        return used.ok;
      });
      const { user } = request.identitySession ?? {};
      if (user)
        await auditAuth(deps, clientInfo(request), { action: 'recovery_code_used', user, detail: { left } });
      return result;
    },
  );

  app.post(
    '/identity/sign-in/passkey/options',
    {
      config: { ...publicRoute, rateLimit: limit },
      schema: {
        tags,
        summary: 'WebAuthn options: for the second step after a password, or for passwordless sign-in',
        response: { 200: z.object({ challengeId: z.string(), options: z.record(z.string(), z.unknown()) }) },
      },
    },
    async (request) => {
      const pending =
        request.identitySession?.session.stage === 'partial' ? request.identitySession.user.id : null;
      return passkeys.authenticationOptions(pending, relyingParty(deps, request));
    },
  );

  app.post(
    '/identity/sign-in/passkey',
    {
      config: { ...publicRoute, rateLimit: limit },
      schema: {
        tags,
        summary: 'Sign in with a passkey (user verification required)',
        body: z.object({ challengeId: z.uuid(), response: webauthnResponse }),
        response: { 200: signInResult },
      },
    },
    async (request, reply) => {
      const client = clientInfo(request);
      const partial = request.identitySession?.session.stage === 'partial' ? request.identitySession : null;
      const ipKey = `ip:${client.ip ?? 'unknown'}`;
      const wait = await retryAfterSeconds(db, [ipKey], deps.now());
      if (wait > 0) throw throttled(reply, wait);
      const user = await passkeys.authenticate(
        { challengeId: request.body.challengeId, response: request.body.response as never },
        partial?.user.id ?? null,
        relyingParty(deps, request),
      );
      const budgetOf = (u: User) => signIn.budgetFor(u, u.usernameNormalized, deviceTokenOf(request));
      if (user?.status !== 'active' || (await signIn.lockedOut(user, await budgetOf(user)))) {
        await recordFailure(db, ipKey, IP_POLICY, deps.now());
        if (partial)
          await signIn.accountFailure(
            partial.user,
            'passkey',
            'bad_second_factor',
            client,
            await budgetOf(partial.user),
            request.log,
          );
        else await auditAuth(deps, client, { action: 'sign_in_failed', detail: { method: 'passkey' } });
        throw new ProblemError(
          401,
          'sign-in-failed',
          'Sign-in failed',
          'The passkey could not be used. Try again or sign in another way.',
        );
      }
      const methods = partial ? ['password', 'passkey'] : ['passkey'];
      const done = await signIn.complete(
        user,
        methods,
        client,
        request.identitySession?.session.id ?? null,
        deviceTokenOf(request),
        request.log,
      );
      return signedIn(reply, done);
    },
  );
}
