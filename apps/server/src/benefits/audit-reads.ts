// The one place the benefits pages record that a person read a member's claims or accumulators.
import type { AppDeps } from '../app-deps';
import type { Principal } from '../identity/principal';
import { recordAudit } from '../privacy/audit';

export interface ReadContext {
  principal: Principal;
  ip: string | null;
}

export async function auditMemberRead(
  deps: AppDeps,
  context: ReadContext,
  read: {
    resourceType: string;
    resourceId?: string | null;
    memberId: string;
    detail?: Record<string, unknown>;
  },
): Promise<void> {
  await recordAudit(
    deps.db.db,
    {
      actorUserId: context.principal.userId,
      actorRole: context.principal.role,
      action: 'viewed',
      resourceType: read.resourceType,
      resourceId: read.resourceId ?? null,
      memberId: read.memberId,
      reason:
        context.principal.memberId === read.memberId ? 'member_request' : 'member_request_for_dependent',
      ip: context.ip,
      detail: read.detail ?? null,
    },
    deps.now(),
  );
}
