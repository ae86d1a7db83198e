// Session basics every client needs: a CSRF token, "who am I", and sign-out.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps';
import { recordAudit } from '../privacy/audit';
import { baseCookieOptions, SESSION_COOKIE } from './cookies';
import { publicRoute } from './public-route';
import { clientInfo } from './request-context';
import { setupItem } from './schemas';
import { createSessionService } from './session-service';
import { createSignInService } from './sign-in-service';

const tags = ['identity'];

export const sessionInfoSchema = z.object({
  signedIn: z.boolean(),
  /** partial: a second factor is still owed. */
  stage: z.enum(['partial', 'full']).nullable(),
  user: z
    .object({
      id: z.string(),
      username: z.string(),
      displayName: z.string(),
      role: z.string(),
    })
    .nullable(),
  /** Settings a signed-in user still has to choose (accounts created before SiteKey, e.g. seeded demo users). */
  setupRequired: z.array(setupItem),
  idleTimeoutSeconds: z.number().int(),
  expiresAt: z.string().nullable(),
});

export function registerSessionRoutes(root: FastifyInstance, deps: AppDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const sessions = createSessionService(deps);
  const signIn = createSignInService(deps);

  app.get(
    '/identity/csrf',
    {
      config: publicRoute,
      schema: {
        tags,
        summary: 'CSRF token for state-changing requests (send it in x-csrf-token)',
        response: { 200: z.object({ token: z.string() }) },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'no-store');
      return { token: reply.generateCsrf() };
    },
  );

  app.get(
    '/identity/session',
    {
      config: publicRoute,
      schema: { tags, summary: 'The current session, if any', response: { 200: sessionInfoSchema } },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const current = request.identitySession;
      return {
        signedIn: current?.session.stage === 'full',
        stage: current?.session.stage ?? null,
        user: current
          ? {
              id: current.user.id,
              username: current.user.username,
              displayName: current.user.displayName,
              role: current.user.role,
            }
          : null,
        setupRequired: current?.session.stage === 'full' ? await signIn.setupRequired(current.user) : [],
        idleTimeoutSeconds: deps.config.SESSION_IDLE_MINUTES * 60,
        expiresAt: current?.session.expiresAt.toISOString() ?? null,
      };
    },
  );

  app.post(
    '/identity/sign-out',
    { config: publicRoute, schema: { tags, summary: 'End this session', response: { 204: z.null() } } },
    async (request, reply) => {
      const current = request.identitySession;
      if (current) {
        await sessions.revoke(current.session.id, 'signed_out');
        await recordAudit(
          deps.db.db,
          {
            actorUserId: current.user.id,
            actorRole: current.user.role,
            action: 'signed_out',
            resourceType: 'session',
            resourceId: current.session.id,
            ip: clientInfo(request).ip,
          },
          deps.now(),
        );
      }
      reply.clearCookie(SESSION_COOKIE, baseCookieOptions);
      return reply.code(204).send(null);
    },
  );
}
