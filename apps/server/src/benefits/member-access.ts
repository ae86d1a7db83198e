// Age on a date, shared by the family-access rule (apps/server/src/family/access.ts) and its callers.
import { parseLocalDate } from '@openpbm/domain';

/** Whole years between a date of birth and a date (both 'YYYY-MM-DD'). */
export function ageOn(dateOfBirth: string, on: string): number {
  const birth = parseLocalDate(dateOfBirth);
  const day = parseLocalDate(on);
  const hadBirthday = day.month > birth.month || (day.month === birth.month && day.day >= birth.day);
  return day.year - birth.year - (hadBirthday ? 0 : 1);
}

// Callers outside benefits (prior-auth) import the resolver from here; the rule itself is family/access.ts.
export { listViewableMembers, resolveViewableMember, type ViewableMemberRecord } from './viewable-members';
