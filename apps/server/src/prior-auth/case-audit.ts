// Every view and every change of a prior authorization case goes through recordAudit with the purpose of use
// that fits the actor: the prescriber treats, the reviewer decides coverage (payment), the member asks.
import type { Database } from '@openpbm/db';
import type { AppDeps } from '../app-deps';
import type { Principal } from '../identity/principal';
import { recordAudit } from '../privacy/audit';

export interface Actor {
  principal: Principal;
  ip: string | null;
}

function purposeOf(principal: Principal, memberId: string | null): string {
  switch (principal.role) {
    case 'prescriber':
      return 'treatment';
    case 'clinical_reviewer':
      return 'payment';
    case 'member':
      return principal.memberId === memberId ? 'member_request' : 'member_request_for_dependent';
    default:
      return 'operations';
  }
}

export async function auditCase(
  deps: AppDeps,
  actor: Actor,
  entry: {
    action: string;
    resourceType?: string;
    resourceId: string | null;
    memberId: string | null;
    detail?: Record<string, unknown>;
  },
  db: Database = deps.db.db,
): Promise<void> {
  await recordAudit(
    db,
    {
      actorUserId: actor.principal.userId,
      actorRole: actor.principal.role,
      action: entry.action,
      resourceType: entry.resourceType ?? 'prior_authorization',
      resourceId: entry.resourceId,
      memberId: entry.memberId,
      reason: purposeOf(actor.principal, entry.memberId),
      ip: actor.ip,
      detail: entry.detail ?? null,
    },
    deps.now(),
  );
}
