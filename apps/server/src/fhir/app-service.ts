// Member side of SMART on FHIR: the consent step of an authorization (which app, which scopes, whose record),
// the connected-apps list with revoke, and app registration by an administrator.
import { randomBytes } from 'node:crypto';
import type { AppDeps } from '../app-deps';
import { listAccessibleMembers } from '../family/access';
import type { Principal } from '../identity/principal';
import { badRequest, notFound } from '../platform/problem';
import { recordAudit } from '../privacy/audit';
import * as repo from './app-authorization-repo';
import { storeLoadableClient } from './client-store';
import type { SmartAuthServer } from './oidc-provider';
import { describeScope, FHIR_SCOPES, OIDC_SCOPES } from './smart-scopes';

const epochSeconds = () => Math.floor(Date.now() / 1000);

async function loadInteraction(server: SmartAuthServer, uid: string) {
  const interaction = await server.provider.Interaction.find(uid);
  if (!interaction) throw notFound('This app request has expired. Go back to the app and start again.');
  const clientId = String(interaction.params.client_id ?? '');
  const client = await server.provider.Client.find(clientId);
  if (!client) throw notFound('This app is not registered.');
  return { interaction, client, clientId };
}

/** The scopes requested that this server grants, in the order asked. */
const supportedScopes = (scope: unknown) =>
  [...new Set(String(scope ?? '').split(' '))].filter(
    (s) => (OIDC_SCOPES as readonly string[]).includes(s) || FHIR_SCOPES.includes(s),
  );

/** Whose records a member may connect an app to: their own, and their children under 18. */
async function connectablePatients(deps: AppDeps, principal: Principal) {
  const members = await listAccessibleMembers(deps, principal);
  return members.filter((m) => m.relationship === 'self' || m.relationship === 'dependent');
}

export async function describeConsent(
  deps: AppDeps,
  server: SmartAuthServer,
  principal: Principal,
  uid: string,
) {
  const { interaction, client, clientId } = await loadInteraction(server, uid);
  const scopes = supportedScopes(interaction.params.scope);
  const patients = await connectablePatients(deps, principal);
  return {
    clientId,
    clientName: String(client.clientName ?? clientId),
    scopes: scopes.map((scope) => ({ scope, description: describeScope(scope) ?? scope })),
    patients: patients.map((p) => ({
      memberId: p.memberId,
      name: `${p.firstName} ${p.lastName}`,
      relationship: p.relationship as 'self' | 'dependent',
    })),
  };
}

export async function decideConsent(
  deps: AppDeps,
  server: SmartAuthServer,
  principal: Principal,
  uid: string,
  decision: { approve: true; patientId: string } | { approve: false },
  ip: string | null,
): Promise<{ redirectTo: string }> {
  const { interaction, clientId } = await loadInteraction(server, uid);
  const ttl = Math.max(interaction.exp - epochSeconds(), 1);
  if (!decision.approve) {
    interaction.result = { error: 'access_denied', error_description: 'The member did not allow access.' };
    await interaction.save(ttl);
    return { redirectTo: interaction.returnTo };
  }
  const patients = await connectablePatients(deps, principal);
  if (!patients.some((p) => p.memberId === decision.patientId)) {
    throw badRequest('Choose whose record to share.', [
      { field: 'patientId', message: 'Choose yourself or one of your children under 18.' },
    ]);
  }
  const scopes = supportedScopes(interaction.params.scope);
  const grant = new server.provider.Grant({ accountId: principal.userId, clientId });
  const oidc = scopes.filter((s) => (OIDC_SCOPES as readonly string[]).includes(s));
  const fhir = scopes.filter((s) => FHIR_SCOPES.includes(s));
  if (oidc.length) grant.addOIDCScope(oidc.join(' '));
  if (fhir.length) grant.addResourceScope(server.fhirBase, fhir.join(' '));
  const grantId = await grant.save();
  await repo.insertAuthorization(deps.db.db, {
    grantId,
    userId: principal.userId,
    clientId,
    patientMemberId: decision.patientId,
    scope: scopes.join(' '),
    createdAt: deps.now(),
  });
  await recordAudit(
    deps.db.db,
    {
      actorUserId: principal.userId,
      actorRole: principal.role,
      action: 'authorized_app',
      resourceType: 'fhir_app_authorization',
      resourceId: grantId,
      memberId: decision.patientId,
      reason: 'member_request',
      ip,
      detail: { clientId },
    },
    deps.now(),
  );
  interaction.result = { login: { accountId: principal.userId }, consent: { grantId } };
  await interaction.save(ttl);
  return { redirectTo: interaction.returnTo };
}

export async function listConnectedApps(deps: AppDeps, principal: Principal) {
  const rows = await repo.listUserAuthorizations(deps.db.db, principal.userId);
  const names = await repo.findClientNames(deps.db.db, [...new Set(rows.map((r) => r.clientId))]);
  const people = new Map((await listAccessibleMembers(deps, principal)).map((m) => [m.memberId, m]));
  return {
    apps: rows.map((row) => {
      const person = people.get(row.patientMemberId);
      return {
        grantId: row.grantId,
        clientId: row.clientId,
        clientName: names.get(row.clientId) ?? row.clientId,
        patientName: person ? `${person.firstName} ${person.lastName}` : 'A family member',
        scopes: row.scope
          .split(' ')
          .filter(Boolean)
          .map((scope) => ({ scope, description: describeScope(scope) ?? scope })),
        connectedAt: row.createdAt.toISOString(),
        lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
      };
    }),
  };
}

export async function revokeConnectedApp(
  deps: AppDeps,
  principal: Principal,
  grantId: string,
  ip: string | null,
) {
  const authorization = await repo.findLiveAuthorization(deps.db.db, grantId);
  if (!authorization || authorization.userId !== principal.userId) throw notFound('No such connected app.');
  await repo.markRevoked(deps.db.db, grantId, principal.userId, deps.now());
  await repo.deleteGrantArtifacts(deps.db.db, grantId);
  await recordAudit(
    deps.db.db,
    {
      actorUserId: principal.userId,
      actorRole: principal.role,
      action: 'revoked_app',
      resourceType: 'fhir_app_authorization',
      resourceId: grantId,
      memberId: authorization.patientMemberId,
      reason: 'member_request',
      ip,
      detail: { clientId: authorization.clientId },
    },
    deps.now(),
  );
}

export interface AppRegistration {
  clientName: string;
  redirectUris: string[];
  confidential: boolean;
}

/** Registers an app (admin): a public app uses PKCE alone; a confidential one also gets a secret, shown once. */
export async function registerApp(server: SmartAuthServer, input: AppRegistration) {
  const clientId = `app-${randomBytes(12).toString('base64url')}`;
  const clientSecret = input.confidential ? randomBytes(32).toString('base64url') : undefined;
  const metadata = {
    client_id: clientId,
    client_name: input.clientName,
    redirect_uris: input.redirectUris,
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    token_endpoint_auth_method: input.confidential ? 'client_secret_basic' : 'none',
    ...(clientSecret ? { client_secret: clientSecret } : {}),
  };
  await storeLoadableClient(server, clientId, metadata, () =>
    badRequest('The app could not be registered.', [
      { field: 'redirectUris', message: 'Use https redirect URIs (http only for localhost).' },
    ]),
  );
  return { clientId, clientName: input.clientName, ...(clientSecret ? { clientSecret } : {}) };
}
