// Whose benefits (coverage, prices, claims) a signed-in member may see: the one family-access rule of
// apps/server/src/family/access.ts with "view" access — themselves, their children under 18 when they are the
// subscriber or spouse, and adults in the family who granted them proxy access. Anyone else: 404.
import type { ViewableMember } from '@openpbm/shared/benefits';
import type { AppDeps } from '../app-deps';
import { type AccessibleMember, loadFamilyView, requireMemberAccess } from '../family/access';
import type { Principal } from '../identity/principal';

export type ViewableMemberRecord = AccessibleMember;

export const HIDDEN_ADULTS_NOTICE =
  'Family members who are 18 or older manage their own prescriptions and claims. They can share access with you from their Family access page.';

export async function listViewableMembers(
  deps: AppDeps,
  principal: Principal,
): Promise<{ members: ViewableMember[]; notice: string | null }> {
  const view = await loadFamilyView(deps, principal);
  return {
    members: view.accessible.map(({ memberId, firstName, lastName, relationship }) => ({
      memberId,
      firstName,
      lastName,
      relationship,
    })),
    notice: view.hiddenAdults > 0 ? HIDDEN_ADULTS_NOTICE : null,
  };
}

/** The member asked for (the signed-in member when `memberId` is absent), or 404. */
export function resolveViewableMember(
  deps: AppDeps,
  principal: Principal,
  memberId?: string | null,
): Promise<ViewableMemberRecord> {
  return requireMemberAccess(deps, principal, memberId, 'view');
}
