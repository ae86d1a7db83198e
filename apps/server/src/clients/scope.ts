// Client scoping for routes under /clients/:clientId: a preValidation hook (after the role guard, before body
// and query validation) so a caller with no grant for the client learns nothing, not even a schema detail: 404
// when they hold nothing for the client, 403 when they hold other tools (or do not administer it). A secure tool
// then needs the user's client certificate (issue 11): on the ordinary port, 401 certificate-required.
import type { ClientTool } from '@openpbm/db/schema/client-portal';
import type { FastifyRequest } from 'fastify';
import type { AppDeps } from '../app-deps';
import { requirePresentedCertificate } from '../certificates/required';
import { principalOf } from '../identity/authorize';
import { createClientAccess, noSuchClient } from './client-access';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function clientScope(deps: AppDeps, need: ClientTool | 'primary_admin') {
  const access = createClientAccess(deps);
  return async (request: FastifyRequest): Promise<void> => {
    const clientId = (request.params as { clientId?: string }).clientId ?? '';
    if (!UUID.test(clientId)) throw noSuchClient();
    const principal = principalOf(request);
    if (need === 'primary_admin') return access.requirePrimaryAdmin(principal, clientId);
    await access.requireTool(principal, clientId, need);
    // Only then the certificate: a caller without the grant still learns nothing about the client.
    requirePresentedCertificate(request.raw, deps.config);
  };
}
