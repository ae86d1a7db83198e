// The one place the benefits pages record that a person read a member's claims or accumulators.
import type { AppDeps } from '../app-deps';
import type { Principal } from '../identity/principal';
import { recordAudit } from '../privacy/audit';

const REASONS = {
  self: 'member_request',
  dependent: 'member_request_for_dependent',
  proxy: 'member_request_by_proxy',
} as const;

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
    /** Whose data, and how the reader is related to them (self, parent of a minor, proxy). */
    member: { memberId: string; relationship: 'self' | 'dependent' | 'proxy' };
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
      memberId: read.member.memberId,
      reason: REASONS[read.member.relationship],
      ip: context.ip,
      detail: read.detail ?? null,
    },
    deps.now(),
  );
}
