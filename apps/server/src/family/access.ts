// THE rule for whose pharmacy data a signed-in member may see or act on (prescriptions, orders, auto-refill,
// transfers, ID cards): themselves; children under 18 when they are the subscriber or spouse; adults in the
// family who granted them proxy access (view or manage). Anyone else answers 404, like an id that does not exist.
// Ages are taken on today's date in the member's own time zone.
import { decryptField, FIELD_CONTEXTS, fieldKeyFromConfig } from '@openpbm/db/field-crypto';
import {
  accessCovers,
  ageOn,
  type FamilyAccess,
  type FamilyRelationship,
  familyAccess,
  isLiveGrant,
  localDateInTimeZone,
} from '@openpbm/domain';
import type { AppDeps } from '../app-deps';
import type { Principal } from '../identity/principal';
import type { ScopeOf } from '../platform/data-scope';
import { forbidden, notFound } from '../platform/problem';
import * as repo from './repo';

export interface AccessibleMember {
  memberId: string;
  firstName: string;
  lastName: string;
  relationship: FamilyRelationship;
  access: FamilyAccess;
  subscriberId: string;
  timeZone: string;
}

type Person = NonNullable<Awaited<ReturnType<typeof repo.findPerson>>>;

export function ageToday(deps: AppDeps, person: Person): number {
  const dob = decryptField(
    fieldKeyFromConfig(deps.config),
    person.dateOfBirthEnc,
    FIELD_CONTEXTS.dateOfBirth,
  );
  return ageOn(dob, localDateInTimeZone(deps.now(), person.timeZone));
}

export function signedInMember(principal: Principal): string {
  if (!principal.memberId) throw notFound();
  return principal.memberId;
}

export interface FamilyView {
  self: Person;
  family: Person[];
  accessible: AccessibleMember[];
  /** Adults in the family whose data the signed-in member cannot see (no grant). */
  hiddenAdults: number;
  grants: Awaited<ReturnType<typeof repo.unrevokedGrantsInvolving>>;
}

export async function loadFamilyView(deps: AppDeps, principal: Principal): Promise<FamilyView> {
  const db = deps.db.db;
  const self = await repo.findPerson(db, signedInMember(principal));
  if (!self) throw notFound();
  const family = await repo.findFamilyOf(db, self.subscriberId);
  const grants = await repo.unrevokedGrantsInvolving(db, self.id);
  const now = deps.now();
  const accessible: AccessibleMember[] = [];
  let hiddenAdults = 0;
  for (const person of family) {
    const age = ageToday(deps, person);
    const grant =
      grants.find((g) => g.grantorMemberId === person.id && g.granteeMemberId === self.id) ?? null;
    const access = familyAccess({ viewer: self, target: person, targetAge: age, grant, now });
    if (access) {
      accessible.push({
        memberId: person.id,
        firstName: person.firstName,
        lastName: person.lastName,
        relationship: access.relationship,
        access: access.access,
        subscriberId: person.subscriberId,
        timeZone: person.timeZone,
      });
    } else if (age >= 18) hiddenAdults += 1;
  }
  return { self, family, accessible, hiddenAdults, grants: grants.filter((g) => isLiveGrant(g, now)) };
}

export async function listAccessibleMembers(
  deps: AppDeps,
  principal: Principal,
): Promise<AccessibleMember[]> {
  return (await loadFamilyView(deps, principal)).accessible;
}

/** A family data scope: the members the signed-in member may see, or (`manage`) act for. */
export async function familyScope(
  deps: AppDeps,
  principal: Principal,
  needs: FamilyAccess = 'view',
): Promise<ScopeOf<'family'> & { members: AccessibleMember[] }> {
  const members = (await listAccessibleMembers(deps, principal)).filter((m) => accessCovers(m.access, needs));
  return { kind: 'family', userId: principal.userId, memberIds: members.map((m) => m.memberId), members };
}

/** The member asked for (the signed-in member when absent) if the principal has `needs` access, else 404/403. */
export async function requireMemberAccess(
  deps: AppDeps,
  principal: Principal,
  memberId: string | null | undefined,
  needs: FamilyAccess,
): Promise<AccessibleMember> {
  const wanted = memberId ?? signedInMember(principal);
  const found = (await listAccessibleMembers(deps, principal)).find((m) => m.memberId === wanted);
  if (!found) throw notFound('No member with this id is available to you.');
  if (!accessCovers(found.access, needs)) {
    throw forbidden(
      `${found.firstName} shared view-only access with you, so you cannot make changes for them.`,
    );
  }
  return found;
}

export const HIDDEN_ADULTS_NOTICE =
  'Family members who are 18 or older manage their own prescriptions. They can share access with you from their Family access page.';
