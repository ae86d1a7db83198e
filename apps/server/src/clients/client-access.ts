// THE API OTHER DOMAINS USE to decide whether a client user or advisor may use a secure tool of a client
// (client certificates, issue 11, build on it):
//
//   const access = createClientAccess(deps);
//   await access.hasGrant(userId, clientId, 'plan_reports');       // true / false, nothing thrown
//   await access.requireTool(principal, clientId, 'plan_reports');  // 404 no grant for the client, 403 not this tool
//
// A grant is live while it is not revoked, not past its 12-month expiry, its user is active, and the user still
// belongs to the client: a client user's own client, or a client that authorizes the advisor (client_advisors).
import type { ClientTool } from '@openpbm/db/schema/client-portal';
import type { AppDeps } from '../app-deps';
import type { Principal } from '../identity/principal';
import { forbidden, notFound } from '../platform/problem';
import * as repo from './access-repo';

/** How long a grant lasts before the primary administrator must re-certify it (annual access review). */
export const GRANT_MONTHS = 12;

export const grantExpiryFrom = (from: Date): Date => {
  const d = new Date(from);
  d.setUTCMonth(d.getUTCMonth() + GRANT_MONTHS);
  return d;
};

/** The one answer for a client the caller may not see: the same as for a client that does not exist. */
export const noSuchClient = () => notFound('No client you have access to has this id.');

export interface ClientAccess {
  hasGrant(userId: string, clientId: string, tool: ClientTool): Promise<boolean>;
  /** Every tool the user holds for the client now (empty: the client is invisible to them). */
  toolsFor(userId: string, clientId: string): Promise<ClientTool[]>;
  /** Throws 404 when the caller holds nothing for the client, 403 when they hold other tools but not this one. */
  requireTool(principal: Principal, clientId: string, tool: ClientTool): Promise<void>;
  isPrimaryAdmin(userId: string, clientId: string): Promise<boolean>;
  /** The clients the user acts for (no tool needed): a client user's own, the clients authorizing an advisor. */
  clientsActingFor(userId: string): Promise<Array<{ id: string; code: string; name: string }>>;
  /** Throws 404 unless the caller is the client's primary administrator (403 if they hold tools but do not administer it). */
  requirePrimaryAdmin(principal: Principal, clientId: string): Promise<void>;
}

export function createClientAccess(deps: AppDeps): ClientAccess {
  const db = deps.db.db;
  const toolsFor = (userId: string, clientId: string) => repo.liveTools(db, userId, clientId, deps.now());
  const isPrimaryAdmin = (userId: string, clientId: string) => repo.isPrimaryAdmin(db, userId, clientId);
  return {
    toolsFor,
    isPrimaryAdmin,
    clientsActingFor: (userId) => repo.clientsActingFor(db, userId),
    async hasGrant(userId, clientId, tool) {
      return (await toolsFor(userId, clientId)).includes(tool);
    },
    async requireTool(principal, clientId, tool) {
      const tools = await toolsFor(principal.userId, clientId);
      if (tools.includes(tool)) return;
      if (tools.length > 0 || (await isPrimaryAdmin(principal.userId, clientId)))
        throw forbidden('You have no access to this tool for this client. Ask your primary administrator.');
      throw noSuchClient();
    },
    async requirePrimaryAdmin(principal, clientId) {
      if (await isPrimaryAdmin(principal.userId, clientId)) return;
      if ((await toolsFor(principal.userId, clientId)).length > 0)
        throw forbidden('Only the client’s primary administrator manages access.');
      throw noSuchClient();
    },
  };
}
