// What the session hook attaches to a request besides `request.principal`: the raw session (also a partial one,
// which the second-factor step needs) and the client's address and browser for history and e-mails.
import type { FastifyRequest } from 'fastify';
import type { ClientInfo, ResolvedSession } from './session-service';

declare module 'fastify' {
  interface FastifyRequest {
    /** The live session for the cookie, full or partial; null without one. Identity routes only. */
    identitySession: ResolvedSession | null;
  }
}

export function clientInfo(request: FastifyRequest): ClientInfo {
  const ua = request.headers['user-agent'];
  return { ip: request.ip ?? null, userAgent: typeof ua === 'string' ? ua.slice(0, 400) : null };
}
