// Family lookups for deciding whose benefits a signed-in member may see. No policy here (see member-access.ts).
import type { Database } from '@openpbm/db';
import { schema } from '@openpbm/db';
import { asc, eq } from 'drizzle-orm';

export interface FamilyMemberRow {
  id: string;
  subscriberId: string;
  relationshipCode: string;
  firstName: string;
  lastName: string;
  dateOfBirthEnc: string;
  timeZone: string;
}

const familyColumns = {
  id: schema.members.id,
  subscriberId: schema.members.subscriberId,
  relationshipCode: schema.members.relationshipCode,
  firstName: schema.members.firstName,
  lastName: schema.members.lastName,
  dateOfBirthEnc: schema.members.dateOfBirthEnc,
  timeZone: schema.members.timeZone,
};

export async function findMember(db: Database, memberId: string): Promise<FamilyMemberRow | null> {
  const [row] = await db.select(familyColumns).from(schema.members).where(eq(schema.members.id, memberId));
  return row ?? null;
}

/** Everyone covered under one subscriber, the subscriber first. */
export async function findFamily(db: Database, subscriberId: string): Promise<FamilyMemberRow[]> {
  return db
    .select(familyColumns)
    .from(schema.members)
    .where(eq(schema.members.subscriberId, subscriberId))
    .orderBy(asc(schema.members.personCode));
}
