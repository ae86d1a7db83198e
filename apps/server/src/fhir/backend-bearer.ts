// A prescriber system calling Da Vinci PAS with a client-credentials access token (SMART Backend Services). The
// opaque token is looked up in oidc-provider's store (so it is refused once expired), must be issued for this
// FHIR base with the operation's scope, and its client must still be registered; the caller is the prescriber
// account the client is bound to, which must still be an active prescriber.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../app-deps';
import { findUserById } from '../identity/identity-repo';
import type { Actor } from '../prior-auth/case-audit';
import { PRESCRIBER_USER_METADATA, type SmartAuthServer } from './oidc-provider';
import { FhirError } from './operation-outcome';

const invalidToken = (reply: FastifyReply, why: string) => {
  reply.header('www-authenticate', `Bearer error="invalid_token", error_description="${why}"`);
  return new FhirError(401, 'login', why);
};

export async function backendActor(
  deps: AppDeps,
  server: SmartAuthServer,
  token: string,
  neededScopes: readonly string[],
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<Actor> {
  const found = await server.provider.ClientCredentials.find(token).catch(() => undefined);
  if (!found || found.isExpired) throw invalidToken(reply, 'The access token is expired or unknown.');
  const audience = Array.isArray(found.aud) ? found.aud : [found.aud];
  if (!audience.includes(server.fhirBase))
    throw invalidToken(reply, 'The access token is not for this server.');
  const client = found.clientId ? await server.provider.Client.find(found.clientId) : undefined;
  const userId = client?.metadata()[PRESCRIBER_USER_METADATA];
  if (typeof userId !== 'string') throw invalidToken(reply, 'This system is no longer registered.');
  const granted = new Set(String(found.scope ?? '').split(' '));
  if (!neededScopes.some((scope) => granted.has(scope))) {
    reply.header('www-authenticate', `Bearer error="insufficient_scope", scope="${neededScopes.join(' ')}"`);
    throw new FhirError(403, 'forbidden', `This needs the scope ${neededScopes.join(' or ')}.`);
  }
  const user = await findUserById(deps.db.db, userId);
  if (user?.role !== 'prescriber' || user.status !== 'active') {
    throw new FhirError(403, 'forbidden', 'The prescriber account of this system is not active.');
  }
  return {
    principal: {
      userId: user.id,
      sessionId: `client:${found.clientId}`,
      role: user.role,
      displayName: user.displayName,
      memberId: null,
      clientId: null,
      advisorId: null,
      prescriberId: user.prescriberId,
      pharmacyId: null,
      secondFactorPending: false,
    },
    ip: request.ip ?? null,
  };
}
