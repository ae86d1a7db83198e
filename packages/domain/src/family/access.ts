// Who in a family may see and act on whose pharmacy data. A member always has their own. The subscriber and the
// spouse manage children under 18. Anyone 18 or older controls their own data: another family member needs a
// live proxy grant from them, at the level granted. Nobody outside the family ever has access.

export type FamilyAccess = 'manage' | 'view';
export type FamilyRelationship = 'self' | 'dependent' | 'proxy';

export const ADULT_AGE = 18;

export interface FamilyPerson {
  id: string;
  subscriberId: string;
  /** NCPDP 306-C6: 1 cardholder, 2 spouse, 3 child, 4 other. */
  relationshipCode: string;
}

export interface ProxyGrantFacts {
  access: FamilyAccess;
  /** Instants as ISO strings or Dates; a grant is live while not revoked and not past its end. */
  revokedAt: Date | null;
  expiresAt: Date | null;
}

export function isLiveGrant(grant: ProxyGrantFacts, now: Date): boolean {
  return !grant.revokedAt && (!grant.expiresAt || grant.expiresAt.getTime() > now.getTime());
}

/** The access `viewer` has to `target`, or null. `targetAge` is the target's age in whole years today. */
export function familyAccess(args: {
  viewer: FamilyPerson;
  target: FamilyPerson;
  targetAge: number;
  /** The grant from target to viewer, if any. */
  grant: ProxyGrantFacts | null;
  now: Date;
}): { access: FamilyAccess; relationship: FamilyRelationship } | null {
  const { viewer, target } = args;
  if (viewer.id === target.id) return { access: 'manage', relationship: 'self' };
  if (viewer.subscriberId !== target.subscriberId) return null;
  const viewerIsGuardian = viewer.relationshipCode === '1' || viewer.relationshipCode === '2';
  if (args.targetAge < ADULT_AGE && viewerIsGuardian && target.relationshipCode !== '1') {
    return { access: 'manage', relationship: 'dependent' };
  }
  if (args.targetAge >= ADULT_AGE && args.grant && isLiveGrant(args.grant, args.now)) {
    return { access: args.grant.access, relationship: 'proxy' };
  }
  return null;
}

/** Whether `granted` covers what an action `needs` (manage includes view). */
export const accessCovers = (granted: FamilyAccess, needs: FamilyAccess): boolean =>
  granted === 'manage' || needs === 'view';
