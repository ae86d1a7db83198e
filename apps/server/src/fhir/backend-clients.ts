// Prescriber systems (SMART Backend Services): an administrator registers an EHR or e-prescribing system as a
// confidential OAuth client bound to one OpenPBM prescriber account. The system authenticates with
// private_key_jwt (a client_assertion signed RS384 or ES384 with a key of its registered JWKS), gets an access
// token by client credentials, and calls the Da Vinci PAS operations as that prescriber (backend-bearer.ts).
import { randomBytes } from 'node:crypto';
import type { BackendClientRegistrationRequest } from '@openpbm/shared/fhir-apps';
import type { AppDeps } from '../app-deps';
import { findUserById } from '../identity/identity-repo';
import { badRequest } from '../platform/problem';
import { storeLoadableClient } from './client-store';
import { PRESCRIBER_USER_METADATA, type SmartAuthServer } from './oidc-provider';
import { BACKEND_SCOPES } from './smart-scopes';

export async function registerBackendClient(
  deps: AppDeps,
  server: SmartAuthServer,
  input: BackendClientRegistrationRequest,
) {
  const user = await findUserById(deps.db.db, input.prescriberUserId);
  if (user?.role !== 'prescriber' || user.status !== 'active' || !user.prescriberId) {
    throw badRequest('This is not an active prescriber account.', [
      { field: 'prescriberUserId', message: 'Choose an active prescriber account.' },
    ]);
  }
  const clientId = `system-${randomBytes(12).toString('base64url')}`;
  const scope = BACKEND_SCOPES.join(' ');
  const metadata = {
    client_id: clientId,
    client_name: input.clientName,
    grant_types: ['client_credentials'],
    response_types: [],
    redirect_uris: [],
    token_endpoint_auth_method: 'private_key_jwt',
    jwks: input.jwks,
    // No `scope` here (oidc-provider keeps it for OpenID scopes): the PAS scopes come from the resource server
    // (oidc-provider.ts), which grants a client-credentials client those and nothing else.
    [PRESCRIBER_USER_METADATA]: user.id,
  };
  await storeLoadableClient(server, clientId, metadata, () =>
    badRequest('The system could not be registered.', [
      { field: 'jwks', message: 'Give public RSA (2048 bits or more) or EC P-384 keys in JWK form.' },
    ]),
  );
  return { clientId, clientName: input.clientName, prescriberUserId: user.id, scope };
}
