// Member and eligibility rows of a family. Member ID, date of birth and street address are encrypted at rest;
// the member-ID and activation blind indexes make them findable without decrypting.
import {
  activationIndex,
  encryptField,
  FIELD_CONTEXTS,
  type FieldKey,
  memberNumberIndex,
} from '../field-crypto';
import type { eligibilitySpans, members } from '../schema/index';
import type { SeedFamily } from './families';
import type { PlanKey, SeedPlan } from './plans';

type MemberRow = typeof members.$inferInsert;
type SpanRow = typeof eligibilitySpans.$inferInsert;

export function familyRows(
  family: SeedFamily,
  fieldKey: FieldKey,
  plans: Record<PlanKey, SeedPlan>,
): { members: MemberRow[]; spans: SpanRow[] } {
  const subscriberId = family.members[0]?.id;
  if (!subscriberId) return { members: [], spans: [] };
  const memberRows: MemberRow[] = [];
  const spanRows: SpanRow[] = [];
  for (const m of family.members) {
    memberRows.push({
      id: m.id,
      subscriberId,
      clientId: family.client.id,
      relationshipCode: m.relationship,
      personCode: m.personCode,
      memberNumberEnc: encryptField(fieldKey, m.memberNumber, FIELD_CONTEXTS.memberNumber),
      memberNumberBidx: memberNumberIndex(fieldKey, m.memberNumber),
      firstName: m.firstName,
      lastName: m.lastName,
      dateOfBirthEnc: encryptField(fieldKey, m.dateOfBirth, FIELD_CONTEXTS.dateOfBirth),
      gender: m.gender,
      addressLine1Enc: encryptField(fieldKey, family.addressLine1, FIELD_CONTEXTS.addressLine1),
      addressLine2Enc: family.addressLine2
        ? encryptField(fieldKey, family.addressLine2, FIELD_CONTEXTS.addressLine2)
        : null,
      city: family.zip.city,
      state: family.zip.state,
      zip: family.zip.zip,
      activationBidx: activationIndex(fieldKey, m.lastName, m.dateOfBirth, family.zip.zip),
      timeZone: family.timeZone,
      email: m.email,
      phone: m.phone,
    });
    for (const span of m.spans) {
      spanRows.push({
        id: span.id,
        memberId: m.id,
        groupId: family.group.id,
        planId: plans[span.planKey].id,
        startDate: span.startDate,
        endDate: span.endDate,
        status: span.status,
        coverageLevel: family.coverageLevel,
      });
    }
  }
  return { members: memberRows, spans: spanRows };
}
