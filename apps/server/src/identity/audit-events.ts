// Every authentication event goes through recordAudit (the one audit function): who, what, from where.
// Details never hold secrets, typed usernames of unknown accounts (they may be mistyped passwords) or health data.
import type { Database } from '@openpbm/db';
import type { User } from '@openpbm/db/schema/users';
import type { AppDeps } from '../app-deps';
import { recordAudit } from '../privacy/audit';
import type { ClientInfo } from './session-service';

export async function auditAuth(
  deps: AppDeps,
  client: ClientInfo,
  event: {
    action: string;
    user?: Pick<User, 'id' | 'role'> | null;
    /** The staff user acting on someone else's account, when not the user themself. */
    actor?: { userId: string; role: string } | null;
    resourceType?: string;
    resourceId?: string | null;
    detail?: Record<string, unknown>;
  },
  /** The caller's transaction, when the event commits with the change it records. */
  executor: Database = deps.db.db,
): Promise<void> {
  const actor = event.actor ?? (event.user ? { userId: event.user.id, role: event.user.role } : null);
  await recordAudit(
    executor,
    {
      actorUserId: actor?.userId ?? null,
      actorRole: actor?.role ?? null,
      action: event.action,
      resourceType: event.resourceType ?? 'user_account',
      resourceId: event.resourceId ?? event.user?.id ?? null,
      memberId: null,
      reason: 'authentication',
      ip: client.ip,
      detail: event.detail ?? null,
    },
    deps.now(),
  );
}
