// SQL for the facts a case is decided on and shown with: the member (names, sex, encrypted date of birth,
// zone), the drug group and its class, the member's paid fills, the prescriber, and who to notify.
import type { Database } from '@openpbm/db';
import { schema } from '@openpbm/db';
import { and, asc, eq, gte, inArray, ne } from 'drizzle-orm';

const { members, drugGroups, therapeuticClasses, claims, prescribers, users } = schema;

export async function findMember(db: Database, memberId: string) {
  const [row] = await db
    .select({
      id: members.id,
      subscriberId: members.subscriberId,
      relationshipCode: members.relationshipCode,
      firstName: members.firstName,
      lastName: members.lastName,
      gender: members.gender,
      dateOfBirthEnc: members.dateOfBirthEnc,
      timeZone: members.timeZone,
    })
    .from(members)
    .where(eq(members.id, memberId));
  return row ?? null;
}
export type MemberFacts = NonNullable<Awaited<ReturnType<typeof findMember>>>;

export async function findMemberByNumberIndex(db: Database, memberNumberBidx: string) {
  const [row] = await db
    .select({ id: members.id })
    .from(members)
    .where(eq(members.memberNumberBidx, memberNumberBidx));
  return row ?? null;
}

export async function findMembersByIds(db: Database, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: members.id, firstName: members.firstName, lastName: members.lastName })
    .from(members)
    .where(inArray(members.id, ids));
}

export async function findDrugGroup(db: Database, id: string) {
  const [row] = await db
    .select({
      id: drugGroups.id,
      name: drugGroups.name,
      ingredients: drugGroups.ingredients,
      therapeuticClassId: drugGroups.therapeuticClassId,
      classCode: therapeuticClasses.code,
    })
    .from(drugGroups)
    .innerJoin(therapeuticClasses, eq(therapeuticClasses.id, drugGroups.therapeuticClassId))
    .where(eq(drugGroups.id, id));
  return row ?? null;
}

/** The member's paid, not reversed B1 fills since a date, with each drug's class code and ingredients. */
export async function findPaidFills(db: Database, memberId: string, since: string) {
  return db
    .select({
      drugGroupId: drugGroups.id,
      drugName: drugGroups.name,
      therapeuticClassCode: therapeuticClasses.code,
      ingredients: drugGroups.ingredients,
      fillDate: claims.dateOfService,
      daysSupply: claims.daysSupply,
    })
    .from(claims)
    .innerJoin(drugGroups, eq(drugGroups.id, claims.drugGroupId))
    .innerJoin(therapeuticClasses, eq(therapeuticClasses.id, drugGroups.therapeuticClassId))
    .where(
      and(
        eq(claims.memberId, memberId),
        eq(claims.transactionCode, 'B1'),
        eq(claims.status, 'paid'),
        gte(claims.dateOfService, since),
      ),
    )
    .orderBy(asc(claims.dateOfService));
}

export async function findPrescriber(db: Database, id: string) {
  const [row] = await db
    .select({
      id: prescribers.id,
      npi: prescribers.npi,
      firstName: prescribers.firstName,
      lastName: prescribers.lastName,
      credential: prescribers.credential,
      specialty: prescribers.specialty,
    })
    .from(prescribers)
    .where(eq(prescribers.id, id));
  return row ?? null;
}

export async function findPrescriberIdByNpi(db: Database, npi: string): Promise<string | null> {
  const [row] = await db.select({ id: prescribers.id }).from(prescribers).where(eq(prescribers.npi, npi));
  return row?.id ?? null;
}

/** Active accounts of a prescriber (their office may have several). */
export async function findPrescriberUserIds(db: Database, prescriberId: string): Promise<string[]> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(
      and(eq(users.prescriberId, prescriberId), eq(users.role, 'prescriber'), ne(users.status, 'disabled')),
    );
  return rows.map((r) => r.id);
}
