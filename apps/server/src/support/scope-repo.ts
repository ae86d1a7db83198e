// SQL for the limits on customer-service staff: which clients an agent serves, restricted records and
// break-the-glass grants. Policy is decided in scope.ts.
import { type Database, schema } from '@openpbm/db';
import { and, eq, gt } from 'drizzle-orm';

export async function servedClientIds(db: Database, userId: string): Promise<string[]> {
  const rows = await db
    .select({ clientId: schema.staffClientAssignments.clientId })
    .from(schema.staffClientAssignments)
    .where(eq(schema.staffClientAssignments.userId, userId));
  return rows.map((r) => r.clientId);
}

export async function memberRow(db: Database, memberId: string) {
  const [row] = await db.select().from(schema.members).where(eq(schema.members.id, memberId)).limit(1);
  return row ?? null;
}

export async function isRestricted(db: Database, memberId: string): Promise<boolean> {
  const [row] = await db
    .select({ memberId: schema.restrictedMembers.memberId })
    .from(schema.restrictedMembers)
    .where(eq(schema.restrictedMembers.memberId, memberId))
    .limit(1);
  return Boolean(row);
}

export async function liveGrant(db: Database, userId: string, memberId: string, now: Date) {
  const [row] = await db
    .select({ id: schema.breakGlassGrants.id })
    .from(schema.breakGlassGrants)
    .where(
      and(
        eq(schema.breakGlassGrants.userId, userId),
        eq(schema.breakGlassGrants.memberId, memberId),
        gt(schema.breakGlassGrants.expiresAt, now),
      ),
    )
    .limit(1);
  return row ?? null;
}

export async function insertGrant(
  db: Database,
  grant: { userId: string; memberId: string; reason: string; now: Date; expiresAt: Date },
): Promise<string> {
  const [row] = await db
    .insert(schema.breakGlassGrants)
    .values({ ...grant, createdAt: grant.now })
    .returning({ id: schema.breakGlassGrants.id });
  return (row as { id: string }).id;
}

export async function activeUsersWithRole(
  db: Database,
  role: 'privacy_officer' | 'pharmacy_staff' | 'clinical_reviewer',
) {
  return db
    .select({ id: schema.users.id })
    .from(schema.users)
    .where(and(eq(schema.users.role, role), eq(schema.users.status, 'active')));
}
