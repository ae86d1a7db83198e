// Signed-in security activity: change password, active sessions (sign out one or all others), sign-in history.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps';
import { notFound } from '../platform/problem';
import { currentSession, signedInUser } from './account-routes';
import { auditAuth } from './audit-events';
import { principalOf, requireRole } from './authorize';
import { setSessionCookie } from './cookies';
import * as repo from './identity-repo';
import { createRecoveryService } from './recovery-service';
import { clientInfo } from './request-context';
import { changePasswordBody } from './schemas';
import { createSessionService } from './session-service';

const tags = ['identity'];

const sessionRow = z.object({
  id: z.string(),
  current: z.boolean(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  methods: z.array(z.string()),
});

const historyRow = z.object({
  at: z.string(),
  result: z.string(),
  method: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
});

export function registerSecurityRoutes(root: FastifyInstance, deps: AppDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const recovery = createRecoveryService(deps);
  const sessions = createSessionService(deps);
  const pre = { preHandler: signedInUser };

  app.post(
    '/identity/account/password',
    {
      ...pre,
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Change my password (signs out my other sessions)',
        body: changePasswordBody,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const { user, session } = currentSession(request);
      const { token } = await recovery.changePassword(
        user,
        session,
        request.body.currentPassword,
        request.body.newPassword,
        clientInfo(request),
        request.log,
      );
      setSessionCookie(reply, token);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/identity/account/sessions',
    {
      ...pre,
      schema: {
        tags,
        summary: 'Where I am signed in',
        response: { 200: z.object({ sessions: z.array(sessionRow) }) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const { user, session } = currentSession(request);
      const rows = await sessions.listActive(user.id);
      return {
        sessions: rows.map((s) => ({
          id: s.id,
          current: s.id === session.id,
          createdAt: s.createdAt.toISOString(),
          lastSeenAt: s.lastSeenAt.toISOString(),
          expiresAt: s.expiresAt.toISOString(),
          ip: s.ip,
          userAgent: s.userAgent,
          methods: s.authMethods,
        })),
      };
    },
  );

  app.delete(
    '/identity/account/sessions/:sessionId',
    {
      ...pre,
      schema: {
        tags,
        summary: 'Sign out one of my sessions',
        params: z.object({ sessionId: z.uuid() }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const { user } = currentSession(request);
      const mine = (await sessions.listActive(user.id)).some((s) => s.id === request.params.sessionId);
      if (!mine) throw notFound('No such session.');
      await sessions.revoke(request.params.sessionId, 'signed_out_remotely');
      await auditAuth(deps, clientInfo(request), {
        action: 'session_revoked',
        user,
        resourceType: 'session',
        resourceId: request.params.sessionId,
      });
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/identity/account/sessions/sign-out-others',
    {
      ...pre,
      schema: {
        tags,
        summary: 'Sign out everywhere except here',
        response: { 200: z.object({ signedOut: z.number().int() }) },
      },
    },
    async (request) => {
      const { user, session } = currentSession(request);
      const signedOut = await sessions.revokeAllForUser(user.id, 'signed_out_remotely', session.id);
      await auditAuth(deps, clientInfo(request), {
        action: 'other_sessions_revoked',
        user,
        detail: { count: signedOut },
      });
      return { signedOut };
    },
  );

  app.post(
    '/identity/users/:userId/sign-out-everywhere',
    {
      preHandler: requireRole('admin'),
      schema: {
        tags,
        summary: "Admin: end every session of a user (e.g. a lost device or a leaver's account)",
        params: z.object({ userId: z.uuid() }),
        response: { 200: z.object({ signedOut: z.number().int() }) },
      },
    },
    async (request) => {
      const admin = principalOf(request);
      const target = await repo.findUserById(deps.db.db, request.params.userId);
      if (!target) throw notFound('No such user.');
      const signedOut = await sessions.revokeAllForUser(target.id, 'revoked_by_admin');
      await auditAuth(deps, clientInfo(request), {
        action: 'sessions_revoked_by_admin',
        user: target,
        actor: { userId: admin.userId, role: admin.role },
        detail: { count: signedOut },
      });
      return { signedOut };
    },
  );

  app.get(
    '/identity/account/login-history',
    {
      ...pre,
      schema: {
        tags,
        summary: 'My last 50 sign-in attempts (time, IP address, browser, result)',
        response: { 200: z.object({ history: z.array(historyRow) }) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const rows = await repo.listLoginHistory(deps.db.db, currentSession(request).user.id, 50);
      return {
        history: rows.map((h) => ({
          at: h.at.toISOString(),
          result: h.result,
          method: h.method,
          ip: h.ip,
          userAgent: h.userAgent,
        })),
      };
    },
  );
}
