// Small helpers the prior-auth route files share.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../app-deps';
import { principalOf } from '../identity/authorize';
import { publicBaseUrl } from '../identity/security-mail';
import type { Actor } from './case-audit';
import type { NoticeContext } from './notices';

export const actorOf = (request: FastifyRequest): Actor => ({
  principal: principalOf(request),
  ip: request.ip ?? null,
});

/** Health data: never cached by the browser or a proxy. */
export const noStore = (reply: FastifyReply): FastifyReply => reply.header('cache-control', 'no-store');

export const perMinute = (max: number) => ({ rateLimit: { max, timeWindow: '1 minute' } });

/** Where pick-up links point and where failed e-mails are logged (message only, never content). */
export function noticeContext(deps: AppDeps, request: FastifyRequest): NoticeContext {
  return {
    deps,
    baseUrl: publicBaseUrl(deps),
    log: { warn: (obj, msg) => request.log.warn(obj, msg) },
  };
}

/** Submissions (request, exception, appeal) take an Idempotency-Key, like claims and orders. */
export const RETRY_SAFE =
  'Optional Idempotency-Key header: a retry with the same key and body gets the first response again ' +
  '(Idempotent-Replayed: true); the same key with a different body is a 422 problem.';
