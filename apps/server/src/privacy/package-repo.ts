// SQL of a legal request's disclosure package and of the client portal's inbox.
import { type Database, schema } from '@openpbm/db';
import { and, desc, eq, sql } from 'drizzle-orm';

const { legalRequests, disclosures, members, clientMessages } = schema;

export async function findLegalRequest(db: Database, id: string) {
  const [row] = await db.select().from(legalRequests).where(eq(legalRequests.id, id));
  return row ?? null;
}

/** The members in scope of a request, in member order, with the encrypted member ID for the package. */
export async function membersOfRequest(db: Database, legalRequestId: string) {
  return db
    .select({ memberId: members.id, memberNumberEnc: members.memberNumberEnc })
    .from(disclosures)
    .innerJoin(members, eq(members.id, disclosures.memberId))
    .where(eq(disclosures.legalRequestId, legalRequestId))
    .orderBy(members.id);
}

/** How many members of each client a request touched. */
export async function clientsOfRequest(db: Database, legalRequestId: string) {
  return db
    .select({ clientId: disclosures.clientId, members: sql<number>`count(*)::int` })
    .from(disclosures)
    .where(eq(disclosures.legalRequestId, legalRequestId))
    .groupBy(disclosures.clientId);
}

/** One inbox message per client and request: a second run changes nothing. */
export async function insertClientMessages(db: Database, rows: Array<typeof clientMessages.$inferInsert>) {
  if (rows.length === 0) return;
  await db.insert(clientMessages).values(rows).onConflictDoNothing();
}

export async function clientMessagesOf(db: Database, clientId: string, limit: number) {
  return db
    .select({
      id: clientMessages.id,
      subject: clientMessages.subject,
      body: clientMessages.body,
      createdAt: clientMessages.createdAt,
    })
    .from(clientMessages)
    .where(and(eq(clientMessages.clientId, clientId)))
    .orderBy(desc(clientMessages.createdAt), desc(clientMessages.id))
    .limit(limit);
}
