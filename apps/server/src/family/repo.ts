// SQL for family membership and proxy grants. Policy is in access.ts (and packages/domain family/access.ts).
import { type Database, schema } from '@openpbm/db';
import type { ProxyAccessLevel } from '@openpbm/db/schema/family';
import { and, asc, eq, isNull, or } from 'drizzle-orm';
import { InvariantBroken } from '../platform/internal-errors';

const { members, proxyGrants } = schema;

const personColumns = {
  id: members.id,
  subscriberId: members.subscriberId,
  relationshipCode: members.relationshipCode,
  firstName: members.firstName,
  lastName: members.lastName,
  dateOfBirthEnc: members.dateOfBirthEnc,
  timeZone: members.timeZone,
};

export type PersonRow = Awaited<ReturnType<typeof findPerson>> & {};

export async function findPerson(db: Database, memberId: string) {
  const [row] = await db.select(personColumns).from(members).where(eq(members.id, memberId));
  return row ?? null;
}

export async function findFamilyOf(db: Database, subscriberId: string) {
  return db
    .select(personColumns)
    .from(members)
    .where(eq(members.subscriberId, subscriberId))
    .orderBy(asc(members.personCode));
}

/** Grants not revoked where the member is grantor or grantee (expiry is judged by the caller). */
export async function unrevokedGrantsInvolving(db: Database, memberId: string) {
  return db
    .select()
    .from(proxyGrants)
    .where(
      and(
        isNull(proxyGrants.revokedAt),
        or(eq(proxyGrants.grantorMemberId, memberId), eq(proxyGrants.granteeMemberId, memberId)),
      ),
    )
    .orderBy(asc(proxyGrants.createdAt));
}

export async function insertGrant(
  db: Database,
  row: {
    grantorMemberId: string;
    granteeMemberId: string;
    access: ProxyAccessLevel;
    grantedByUserId: string;
    now: Date;
    expiresAt: Date | null;
  },
) {
  return db.transaction(async (tx) => {
    // One live grant per pair: a new grant replaces the old one.
    await tx
      .update(proxyGrants)
      .set({ revokedAt: row.now })
      .where(
        and(
          eq(proxyGrants.grantorMemberId, row.grantorMemberId),
          eq(proxyGrants.granteeMemberId, row.granteeMemberId),
          isNull(proxyGrants.revokedAt),
        ),
      );
    const [created] = await tx
      .insert(proxyGrants)
      .values({
        grantorMemberId: row.grantorMemberId,
        granteeMemberId: row.granteeMemberId,
        access: row.access,
        grantedByUserId: row.grantedByUserId,
        createdAt: row.now,
        expiresAt: row.expiresAt,
      })
      .returning();
    if (!created) throw new InvariantBroken('proxy grant insert returned nothing');
    return created;
  });
}

export async function findGrant(db: Database, id: string) {
  const [row] = await db.select().from(proxyGrants).where(eq(proxyGrants.id, id));
  return row ?? null;
}

export async function revokeGrant(db: Database, id: string, now: Date): Promise<void> {
  await db
    .update(proxyGrants)
    .set({ revokedAt: now })
    .where(and(eq(proxyGrants.id, id), isNull(proxyGrants.revokedAt)));
}
