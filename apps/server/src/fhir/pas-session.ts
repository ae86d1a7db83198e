// Who calls the Da Vinci PAS operations: a prescriber system with a client-credentials bearer token acting as its
// prescriber account (backend-bearer.ts), or a prescriber signed in with their OpenPBM account (the session
// cookie of the prescriber portal, with its CSRF token in x-csrf-token, exactly as the /api session hook checks
// it). /fhir is outside the /api context, so the same two checks are registered here for the PAS routes.
import csrfProtection from '@fastify/csrf-protection';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../app-deps';
import { baseCookieOptions, CSRF_COOKIE, SESSION_COOKIE } from '../identity/cookies';
import type { Principal } from '../identity/principal';
import { createSessionService, principalFor } from '../identity/session-service';
import type { Actor } from '../prior-auth/case-audit';
import { backendActor } from './backend-bearer';
import type { SmartAuthServer } from './oidc-provider';
import { FhirError } from './operation-outcome';

export type PrescriberOf = (
  request: FastifyRequest,
  reply: FastifyReply,
  neededScopes: readonly string[],
) => Promise<Actor>;

export async function prescriberSessions(
  fhir: FastifyInstance,
  deps: AppDeps,
  server: SmartAuthServer,
): Promise<PrescriberOf> {
  await fhir.register(csrfProtection, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: CSRF_COOKIE,
    cookieOpts: baseCookieOptions,
  });
  const sessions = createSessionService(deps);
  const checkCsrf = (request: FastifyRequest) =>
    new Promise<void>((resolve, reject) => {
      const onFailure = {
        send: () =>
          reject(
            new FhirError(
              403,
              'security',
              'Get a token from GET /api/identity/csrf and send it in the x-csrf-token header.',
            ),
          ),
      } as unknown as FastifyReply;
      fhir.csrfProtection(request, onFailure, () => resolve());
    });
  return async (request, reply, neededScopes) => {
    const bearer = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(request.headers.authorization ?? '')?.[1];
    if (bearer) return backendActor(deps, server, bearer, neededScopes, request, reply);
    if (request.headers.authorization) {
      reply.header('www-authenticate', 'Bearer realm="fhir"');
      throw new FhirError(401, 'login', 'The Authorization header must be "Bearer <access token>".');
    }
    const cookie = request.cookies[SESSION_COOKIE];
    if (!cookie) throw new FhirError(401, 'login', 'Sign in with your OpenPBM prescriber account.');
    await checkCsrf(request);
    const resolved = await sessions.resolve(cookie);
    const principal: Principal | null =
      resolved?.session.stage === 'full' ? principalFor(resolved.session, resolved.user) : null;
    if (!principal) throw new FhirError(401, 'login', 'Your session has ended. Sign in again.');
    if (principal.role !== 'prescriber')
      throw new FhirError(403, 'forbidden', 'Prior authorization requests come from prescribers.');
    return { principal, ip: request.ip ?? null };
  };
}
