// Whose benefits a signed-in member may see: their own, and those of dependents under 18 in their family when
// they are the subscriber or the subscriber's spouse. Adult dependents (18+) control their own health data;
// seeing it needs a proxy grant, and no proxy-grant table exists yet, so adults other than yourself are never
// shown. Anyone else's member id answers 404, exactly like an id that does not exist.
import { decryptField, FIELD_CONTEXTS, fieldKeyFromConfig } from '@openpbm/db/field-crypto';
import { localDateInTimeZone, parseLocalDate } from '@openpbm/domain';
import type { ViewableMember } from '@openpbm/shared/benefits';
import type { AppDeps } from '../app-deps';
import type { Principal } from '../identity/principal';
import { notFound } from '../platform/problem';
import { type FamilyMemberRow, findFamily, findMember } from './member-access-repo';

export const ADULT_AGE = 18;
const GUARDIAN_RELATIONSHIPS = new Set(['1', '2']); // cardholder, spouse

export interface ViewableMemberRecord extends ViewableMember {
  subscriberId: string;
  timeZone: string;
}

/** Whole years between a date of birth and a date (both 'YYYY-MM-DD'). */
export function ageOn(dateOfBirth: string, on: string): number {
  const birth = parseLocalDate(dateOfBirth);
  const day = parseLocalDate(on);
  const hadBirthday = day.month > birth.month || (day.month === birth.month && day.day >= birth.day);
  return day.year - birth.year - (hadBirthday ? 0 : 1);
}

function isMinor(deps: AppDeps, member: FamilyMemberRow): boolean {
  const dateOfBirth = decryptField(
    fieldKeyFromConfig(deps.config),
    member.dateOfBirthEnc,
    FIELD_CONTEXTS.dateOfBirth,
  );
  return ageOn(dateOfBirth, localDateInTimeZone(deps.now(), member.timeZone)) < ADULT_AGE;
}

function toRecord(
  member: FamilyMemberRow,
  relationship: ViewableMember['relationship'],
): ViewableMemberRecord {
  return {
    memberId: member.id,
    firstName: member.firstName,
    lastName: member.lastName,
    relationship,
    subscriberId: member.subscriberId,
    timeZone: member.timeZone,
  };
}

function signedInMemberId(principal: Principal): string {
  // requireRole('member') guarantees the link; a member account without one sees nothing.
  if (!principal.memberId) throw notFound();
  return principal.memberId;
}

export interface ViewableMembers {
  members: ViewableMemberRecord[];
  /** Set when adult family members exist whose data the member cannot see. */
  notice: string | null;
}

export async function listViewableMembers(deps: AppDeps, principal: Principal): Promise<ViewableMembers> {
  const self = await findMember(deps.db.db, signedInMemberId(principal));
  if (!self) throw notFound();
  const members = [toRecord(self, 'self')];
  let hiddenAdults = 0;
  for (const relative of await findFamily(deps.db.db, self.subscriberId)) {
    if (relative.id === self.id) continue;
    if (
      GUARDIAN_RELATIONSHIPS.has(self.relationshipCode) &&
      relative.relationshipCode !== '1' &&
      isMinor(deps, relative)
    ) {
      members.push(toRecord(relative, 'dependent'));
    } else {
      hiddenAdults += 1;
    }
  }
  const notice =
    hiddenAdults > 0
      ? 'Family members who are 18 or older manage their own prescriptions and claims, so they are not shown here.'
      : null;
  return { members, notice };
}

/** The member whose data is asked for (the signed-in member when `memberId` is absent), or 404. */
export async function resolveViewableMember(
  deps: AppDeps,
  principal: Principal,
  memberId?: string | null,
): Promise<ViewableMemberRecord> {
  const { members } = await listViewableMembers(deps, principal);
  const wanted = memberId ?? signedInMemberId(principal);
  const member = members.find((candidate) => candidate.memberId === wanted);
  if (!member) throw notFound('No member with this id is available to you.');
  return member;
}
