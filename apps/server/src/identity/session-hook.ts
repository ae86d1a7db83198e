// Resolves `request.principal` from the session cookie on every /api request, then enforces CSRF on
// state-changing requests. Registered directly on the /api context (not in a child plugin), so every domain's
// routes get both.
//
// CSRF (double-submit, @fastify/csrf-protection): a client calls GET /api/identity/csrf, which sets the HttpOnly
// `__Host-openpbm_csrf` secret cookie and returns `{ token }`; it then sends that token in the `x-csrf-token`
// header on every POST/PUT/PATCH/DELETE. The check applies when the request carries a session cookie (a browser
// acting for a signed-in user) and always on /api/identity/* (so sign-in itself cannot be forged: login CSRF).
// Cookie-less machine clients (e.g. pharmacy claim switches with their own credentials) are not affected.
import csrfProtection from '@fastify/csrf-protection';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../app-deps';
import { ProblemError } from '../platform/problem';
import { guardRoles, roleGuardOf } from './authorize';
import { baseCookieOptions, CSRF_COOKIE, SESSION_COOKIE } from './cookies';
import './public-route';
import './request-context';
import { memberIdPartsOf, recordApiRoute } from './route-registry';
import { createSessionService, principalFor } from './session-service';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export async function registerSessionHook(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const sessions = createSessionService(deps);
  await app.register(csrfProtection, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: CSRF_COOKIE,
    cookieOpts: baseCookieOptions,
  });
  app.decorateRequest('identitySession', null);

  // Every route added after this point (all domains): remember it for the route matrix, and run a preHandler
  // role guard already at onRequest (before body validation), so signed-out callers get 401, not schema details.
  app.addHook('onRoute', (route) => {
    const early =
      guardRoles(route.onRequest) ?? guardRoles(route.preParsing) ?? guardRoles(route.preValidation);
    const late = roleGuardOf(route.preHandler);
    const roles = early ?? late?.roles ?? null;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const memberIdIn = memberIdPartsOf(route.schema as Record<string, unknown> | undefined);
    for (const method of methods) {
      if (method === 'HEAD') continue;
      recordApiRoute(deps, {
        method,
        url: route.url,
        public: route.config?.public === true,
        roles,
        memberIdIn,
      });
    }
    if (!early && late) {
      const existing = route.onRequest
        ? Array.isArray(route.onRequest)
          ? route.onRequest
          : [route.onRequest]
        : [];
      route.onRequest = [...existing, late];
    }
  });

  // CSRF first: a forged request is refused before it touches the session.
  app.addHook('onRequest', (request: FastifyRequest, _reply: FastifyReply, done: (err?: Error) => void) => {
    if (!STATE_CHANGING.has(request.method)) return done();
    const path = request.url.split('?')[0] ?? '';
    const needsCsrf = request.cookies[SESSION_COOKIE] !== undefined || path.startsWith('/api/identity/');
    if (!needsCsrf) return done();
    // The plugin answers a failure with reply.send(error); turn that into our problem+json instead.
    const onFailure = { send: () => done(csrfProblem()) } as unknown as FastifyReply;
    app.csrfProtection(request, onFailure, () => done());
  });

  app.addHook('onRequest', async (request: FastifyRequest) => {
    const resolved = await sessions.resolve(request.cookies[SESSION_COOKIE]);
    request.identitySession = resolved;
    request.principal =
      resolved?.session.stage === 'full' ? principalFor(resolved.session, resolved.user) : null;
  });
}

const csrfProblem = () =>
  new ProblemError(
    403,
    'csrf',
    'Missing or invalid CSRF token',
    'Get a token from GET /api/identity/csrf and send it in the x-csrf-token header.',
  );
