// SQL for the client's primary administrator: the client's people and their live grants.
import { type Database, schema } from '@openpbm/db';
import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';

const { users, clientAccessGrants: grants } = schema;

/** The client's own users, and the advisors the client authorizes. */
export async function peopleOf(db: Database, clientId: string) {
  return db
    .select({
      userId: users.id,
      displayName: users.displayName,
      email: users.email,
      role: users.role,
      status: users.status,
    })
    .from(users)
    .where(
      sql`(${users.role} = 'client_user' and ${users.clientId} = ${clientId})
        or (${users.role} = 'advisor' and exists (select 1 from client_advisors ca
             where ca.client_id = ${clientId} and ca.advisor_id = ${users.advisorId}))`,
    )
    .orderBy(asc(users.displayName));
}

export async function liveGrantsOfClient(db: Database, clientId: string, now: Date) {
  return db
    .select({ id: grants.id, userId: grants.userId, tool: grants.tool, expiresAt: grants.expiresAt })
    .from(grants)
    .where(and(eq(grants.clientId, clientId), isNull(grants.revokedAt), gt(grants.expiresAt, now)))
    .orderBy(asc(grants.tool));
}

export async function setUserStatus(db: Database, userId: string, status: 'active' | 'disabled') {
  await db.update(users).set({ status }).where(eq(users.id, userId));
}

/** Ends every session of a deactivated user. */
export async function revokeSessions(db: Database, userId: string, now: Date) {
  await db
    .update(schema.sessions)
    .set({ revokedAt: now, revokedReason: 'deactivated_by_client_admin' })
    .where(and(eq(schema.sessions.userId, userId), isNull(schema.sessions.revokedAt)));
}
