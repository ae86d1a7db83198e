// Who is calling /fhir with a bearer token: the access token is looked up in oidc-provider's store (opaque tokens,
// so a revoked or expired one stops at once), must be issued for this FHIR base, and its grant must still be one
// the member has not revoked. The token is bound to one patient (chosen on the consent page).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../app-deps';
import { findLiveAuthorization, touchLastUsed } from './app-authorization-repo';
import type { SmartAuthServer } from './oidc-provider';
import { FhirError } from './operation-outcome';

export interface SmartAccess {
  userId: string;
  clientId: string;
  grantId: string;
  /** The member id the token is bound to. */
  patientId: string;
  scopes: ReadonlySet<string>;
}

const invalidToken = (reply: FastifyReply, why: string) => {
  reply.header('www-authenticate', `Bearer error="invalid_token", error_description="${why}"`);
  return new FhirError(401, 'login', why);
};

/** "Last used" on the connected-apps page, to the minute: skip the write when the stored stamp is fresh. */
async function recordUse(deps: AppDeps, grantId: string, lastUsedAt: Date | null) {
  const now = deps.now();
  if (lastUsedAt && now.getTime() - lastUsedAt.getTime() < 60_000) return;
  await touchLastUsed(deps.db.db, grantId, now);
}

export async function authenticate(
  deps: AppDeps,
  server: SmartAuthServer,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<SmartAccess> {
  const header = request.headers.authorization ?? '';
  const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(header);
  if (!match?.[1]) {
    reply.header('www-authenticate', 'Bearer realm="fhir"');
    throw new FhirError(401, 'login', 'An access token is required (Authorization: Bearer …).');
  }
  const token = await server.provider.AccessToken.find(match[1]).catch(() => undefined);
  if (!token || token.isExpired)
    throw invalidToken(reply, 'The access token is expired, revoked or unknown.');
  const audience = Array.isArray(token.aud) ? token.aud : [token.aud];
  if (!audience.includes(server.fhirBase))
    throw invalidToken(reply, 'The access token is not for this server.');
  const grantId = token.grantId;
  const authorization = grantId ? await findLiveAuthorization(deps.db.db, grantId) : null;
  if (!authorization || !token.accountId || authorization.userId !== token.accountId) {
    throw invalidToken(reply, 'The member removed this app’s access.');
  }
  await recordUse(deps, authorization.grantId, authorization.lastUsedAt);
  return {
    userId: authorization.userId,
    clientId: authorization.clientId,
    grantId: authorization.grantId,
    patientId: authorization.patientMemberId,
    scopes: new Set(
      String(token.scope ?? '')
        .split(' ')
        .filter(Boolean),
    ),
  };
}
