// Whose privacy records a member may read or act on. The record itself (who has seen it, disclosures, choices):
// the member and the children under 18 they manage, never an adult's even with proxy access. A download of the
// whole record follows the family rule (family/access.ts): a minor child's, or an adult's who granted access.
import type { AppDeps } from '../app-deps';
import { type AccessibleMember, listAccessibleMembers, signedInMember } from '../family/access';
import type { Principal } from '../identity/principal';
import { notFound } from '../platform/problem';

export async function requireOwnOrManagedChild(
  deps: AppDeps,
  principal: Principal,
  memberId: string | null | undefined,
): Promise<AccessibleMember> {
  const wanted = memberId ?? signedInMember(principal);
  const found = (await listAccessibleMembers(deps, principal)).find(
    (m) => m.memberId === wanted && (m.relationship === 'self' || m.relationship === 'dependent'),
  );
  if (!found) throw notFound('No member with this id is available to you.');
  return found;
}
