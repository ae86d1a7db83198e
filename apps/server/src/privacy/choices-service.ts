// A member's privacy choices: opt out of marketing, of research and of de-identified data (reports and extracts
// derived from their records). Producers honour the last one through deidentified-opt-out.ts.
import type { ChoicesResponse, PrivacyChoices } from '@openpbm/shared/privacy';
import type { AppDeps } from '../app-deps';
import type { Actor } from '../prior-auth/case-audit';
import { recordAudit } from './audit';
import { requireOwnOrManagedChild } from './member-scope';
import * as repo from './repo';

export async function getChoices(
  deps: AppDeps,
  actor: Actor,
  memberId: string | undefined,
): Promise<ChoicesResponse> {
  const member = await requireOwnOrManagedChild(deps, actor.principal, memberId);
  const row = await repo.findChoices(deps.db.db, member.memberId);
  return {
    memberId: member.memberId,
    marketingOptOut: row?.marketingOptOut ?? false,
    researchOptOut: row?.researchOptOut ?? false,
    deidentifiedOptOut: row?.deidentifiedOptOut ?? false,
    updatedAt: row?.updatedAt.toISOString() ?? null,
  };
}

export async function saveChoices(
  deps: AppDeps,
  actor: Actor,
  memberId: string | undefined,
  choices: PrivacyChoices,
): Promise<ChoicesResponse> {
  const member = await requireOwnOrManagedChild(deps, actor.principal, memberId);
  const now = deps.now();
  await repo.saveChoices(deps.db.db, {
    memberId: member.memberId,
    ...choices,
    updatedByUserId: actor.principal.userId,
    updatedAt: now,
  });
  await recordAudit(
    deps.db.db,
    {
      actorUserId: actor.principal.userId,
      actorRole: actor.principal.role,
      action: 'changed',
      resourceType: 'privacy_choices',
      resourceId: member.memberId,
      memberId: member.memberId,
      reason: member.relationship === 'self' ? 'member_request' : 'member_request_for_dependent',
      ip: actor.ip,
      detail: { ...choices },
    },
    now,
  );
  return getChoices(deps, actor, member.memberId);
}
