// The client's primary administrator: lists the client's people with their tools, grants and revokes tools,
// re-certifies grants in the annual access review, and deactivates the client's own users. Every change is audited.
import type { ClientTool } from '@openpbm/db/schema/client-portal';
import type { AppDeps } from '../app-deps';
import type { Principal } from '../identity/principal';
import { badRequest, notFound } from '../platform/problem';
import { recordAudit } from '../privacy/audit';
import * as repo from './access-repo';
import * as adminRepo from './admin-repo';
import { createClientAccess, grantExpiryFrom } from './client-access';

/** A grant this close to its expiry is flagged for re-certification. */
const EXPIRING_SOON_DAYS = 30;

export function createClientAdminService(deps: AppDeps) {
  const db = deps.db.db;
  const access = createClientAccess(deps);

  const audit = (admin: Principal, action: string, resourceId: string, detail: Record<string, unknown>) =>
    recordAudit(
      db,
      {
        actorUserId: admin.userId,
        actorRole: admin.role,
        action,
        resourceType: 'client_access_grant',
        resourceId,
        reason: 'operations',
        detail,
      },
      deps.now(),
    );

  async function personOf(clientId: string, userId: string) {
    const person = (await adminRepo.peopleOf(db, clientId)).find((p) => p.userId === userId);
    if (!person) throw notFound('No user of this client has this id.');
    return person;
  }

  async function grantOf(clientId: string, grantId: string) {
    const grant = await repo.findGrant(db, grantId);
    if (!grant || grant.clientId !== clientId || grant.revokedAt)
      throw notFound('No live grant of this client has this id.');
    return grant;
  }

  return {
    async people(admin: Principal, clientId: string) {
      await access.requirePrimaryAdmin(admin, clientId);
      const now = deps.now();
      const soon = now.getTime() + EXPIRING_SOON_DAYS * 86_400_000;
      const grants = await adminRepo.liveGrantsOfClient(db, clientId, now);
      return (await adminRepo.peopleOf(db, clientId)).map((p) => ({
        ...p,
        role: p.role as 'client_user' | 'advisor',
        self: p.userId === admin.userId,
        grants: grants
          .filter((g) => g.userId === p.userId)
          .map((g) => ({
            id: g.id,
            tool: g.tool,
            expiresAt: g.expiresAt.toISOString(),
            expiringSoon: g.expiresAt.getTime() < soon,
          })),
      }));
    },

    async grant(admin: Principal, clientId: string, userId: string, tool: ClientTool) {
      await access.requirePrimaryAdmin(admin, clientId);
      const person = await personOf(clientId, userId);
      if (person.status !== 'active')
        throw badRequest('This user is deactivated.', [
          { field: 'userId', message: 'Choose an active user.' },
        ]);
      const now = deps.now();
      await repo.upsertGrant(db, {
        userId,
        clientId,
        tool,
        grantedBy: admin.userId,
        requestId: null,
        now,
        expiresAt: grantExpiryFrom(now),
      });
      await audit(admin, 'granted', userId, { clientId, tool });
    },

    async revoke(admin: Principal, clientId: string, grantId: string) {
      await access.requirePrimaryAdmin(admin, clientId);
      await grantOf(clientId, grantId);
      if (!(await repo.revokeGrant(db, grantId, admin.userId, deps.now())))
        throw notFound('No live grant of this client has this id.');
      await audit(admin, 'revoked', grantId, { clientId });
    },

    /** Annual access review: the grant runs 12 more months from today. */
    async recertify(admin: Principal, clientId: string, grantId: string) {
      await access.requirePrimaryAdmin(admin, clientId);
      await grantOf(clientId, grantId);
      const now = deps.now();
      const expiresAt = grantExpiryFrom(now);
      await repo.recertifyGrant(db, grantId, expiresAt, now);
      await audit(admin, 'recertified', grantId, { clientId });
      return { expiresAt: expiresAt.toISOString() };
    },

    /** Deactivates one of the client's own users (not an advisor, not oneself): sessions end, grants stop working. */
    async setActive(admin: Principal, clientId: string, userId: string, active: boolean) {
      await access.requirePrimaryAdmin(admin, clientId);
      const person = await personOf(clientId, userId);
      if (person.role !== 'client_user' || userId === admin.userId)
        throw badRequest('You can deactivate only your client’s other users.', [
          { field: 'userId', message: 'Choose another user of your client.' },
        ]);
      const now = deps.now();
      await adminRepo.setUserStatus(db, userId, active ? 'active' : 'disabled');
      if (!active) await adminRepo.revokeSessions(db, userId, now);
      await recordAudit(
        db,
        {
          actorUserId: admin.userId,
          actorRole: admin.role,
          action: active ? 'reactivated' : 'deactivated',
          resourceType: 'user_account',
          resourceId: userId,
          reason: 'operations',
        },
        now,
      );
    },
  };
}
