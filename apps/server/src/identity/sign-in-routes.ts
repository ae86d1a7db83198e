// Username-first sign-in over HTTP: SiteKey step, password step, second-factor steps.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps';
import { ProblemError, unauthorized } from '../platform/problem';
import { DEVICE_COOKIE, setDeviceCookie, setSessionCookie } from './cookies';
import { publicRoute } from './public-route';
import { createRegistrationService } from './registration-service';
import { clientInfo } from './request-context';
import { passwordInput, type SignInResult, signInResult, siteKeyView, usernameInput } from './schemas';
import { publicBaseUrl } from './security-mail';
import { createSignInService, type SetupItem } from './sign-in-service';
import { ONE_A_MINUTE, recordFailure, retryAfterSeconds } from './throttle';

const tags = ['identity'];

export const signInFailed = () =>
  new ProblemError(401, 'sign-in-failed', 'Sign-in failed', 'The username or password is incorrect.');

export function throttled(reply: FastifyReply, seconds: number): ProblemError {
  reply.header('retry-after', String(seconds));
  return new ProblemError(
    429,
    'rate-limited',
    'Too many attempts',
    `Please wait ${seconds} seconds and try again.`,
  );
}

/** Sets the cookies of a completed sign-in and shapes the answer. */
export function signedIn(
  reply: FastifyReply,
  done: { issued: { token: string }; setupRequired: SetupItem[]; deviceToken: string | null },
): SignInResult {
  setSessionCookie(reply, done.issued.token);
  setDeviceCookie(reply, done.deviceToken);
  return { status: 'signed_in', setupRequired: done.setupRequired };
}

export const deviceTokenOf = (request: FastifyRequest): string | undefined => request.cookies[DEVICE_COOKIE];

export function registerSignInRoutes(root: FastifyInstance, deps: AppDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const signIn = createSignInService(deps);
  const registration = createRegistrationService(deps);

  app.post(
    '/identity/sign-in/site-key',
    {
      config: { ...publicRoute, rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Step 1: the SiteKey for a username (a stable decoy when the username is unknown)',
        body: z.object({ username: usernameInput }),
        response: { 200: z.object({ siteKey: siteKeyView }) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return { siteKey: await signIn.siteKeyFor(request.body.username) };
    },
  );

  app.post(
    '/identity/sign-in/password',
    {
      config: { ...publicRoute, rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Step 2: the password; signs in, or asks for a second factor',
        body: z.object({ username: usernameInput, password: passwordInput }),
        response: { 200: signInResult },
      },
    },
    async (request, reply) => {
      const result = await signIn.passwordStep(
        request.body.username,
        request.body.password,
        clientInfo(request),
        request.identitySession?.session.id ?? null,
        deviceTokenOf(request),
        request.log,
      );
      switch (result.kind) {
        case 'throttled':
          throw throttled(reply, result.retryAfterSeconds);
        case 'failed':
          throw signInFailed();
        case 'email_unverified': {
          // The password was right: send a fresh link (the first may have expired or gone missing), at most 1 a minute.
          const key = `verify-mail:${result.user.id}`;
          if ((await retryAfterSeconds(deps.db.db, [key], deps.now())) === 0) {
            await recordFailure(deps.db.db, key, ONE_A_MINUTE, deps.now());
            await registration
              .sendEmailVerification(result.user.id, result.user.email, publicBaseUrl(deps))
              .catch((err: unknown) =>
                request.log.warn({ err: (err as Error).message }, 'verification e-mail not sent'),
              );
          }
          throw new ProblemError(
            403,
            'email-unverified',
            'Confirm your e-mail address first',
            'We e-mailed you a link to confirm your address. Open it, then sign in.',
          );
        }
        case 'second_factor':
          setSessionCookie(reply, result.issued.token);
          return { status: 'second_factor_required' as const, methods: result.methods };
        case 'signed_in':
          return signedIn(reply, result);
      }
    },
  );
}

/** The partial session of a sign-in waiting for its second factor, or 401. */
export function pendingSignIn(request: FastifyRequest) {
  const current = request.identitySession;
  if (current?.session.stage !== 'partial') throw unauthorized('Start again by entering your username.');
  return current;
}
