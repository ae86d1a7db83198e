// SQL of eligibility file intake: the client's groups and enrolled members (by blind index), the writes of one
// file, and the record of applied files. Decides nothing.
import { type Database, schema } from '@openpbm/db';
import { and, desc, eq, or, sql } from 'drizzle-orm';

const { members, eligibilitySpans: spans, groups, eligibilityImports: imports } = schema;

export async function groupsOf(db: Database, clientId: string) {
  const rows = await db
    .select({ id: groups.id, groupNumber: groups.groupNumber, planId: groups.defaultPlanId })
    .from(groups)
    .where(eq(groups.clientId, clientId));
  // A group without a default plan takes the plan its current members' spans name.
  for (const g of rows) {
    if (g.planId) continue;
    const [span] = await db
      .select({ planId: spans.planId })
      .from(spans)
      .where(eq(spans.groupId, g.id))
      .limit(1);
    g.planId = span?.planId ?? null;
  }
  return rows;
}

export async function membersByIndex(db: Database, clientId: string, indexes: string[]) {
  if (indexes.length === 0) return [];
  return (
    db
      .select({
        id: members.id,
        bidx: members.memberNumberBidx,
        clientId: members.clientId,
        subscriberId: members.subscriberId,
      })
      .from(members)
      // One array parameter, not one per member: a 100,000-member file would pass PostgreSQL's 65,535 bind limit.
      // (Blind indexes are base64url, so a comma joins them safely.)
      .where(sql`${members.memberNumberBidx} = any(string_to_array(${indexes.join(',')}, ','))`)
      .then((rows) => rows.map((r) => ({ ...r, ours: r.clientId === clientId })))
  );
}

export async function latestSpan(db: Database, memberId: string) {
  const [row] = await db
    .select()
    .from(spans)
    .where(eq(spans.memberId, memberId))
    .orderBy(desc(spans.startDate))
    .limit(1);
  return row ?? null;
}

export async function findApplied(db: Database, clientId: string, fileHash: string, icn: string | null) {
  const [row] = await db
    .select()
    .from(imports)
    .where(
      and(
        eq(imports.clientId, clientId),
        icn
          ? or(eq(imports.fileHash, fileHash), eq(imports.interchangeControlNumber, icn))
          : eq(imports.fileHash, fileHash),
      ),
    );
  return row ?? null;
}

type Writer = Pick<Database, 'insert' | 'update'>;

export async function insertMember(tx: Writer, values: typeof schema.members.$inferInsert): Promise<void> {
  await tx.insert(schema.members).values(values);
}

export async function insertSpan(
  tx: Writer,
  values: typeof schema.eligibilitySpans.$inferInsert,
): Promise<void> {
  await tx.insert(schema.eligibilitySpans).values(values);
}

export async function updateMember(
  tx: Writer,
  memberId: string,
  changes: Partial<typeof schema.members.$inferInsert>,
): Promise<void> {
  await tx.update(schema.members).set(changes).where(eq(schema.members.id, memberId));
}

export async function updateSpan(
  tx: Writer,
  spanId: string,
  changes: Partial<typeof schema.eligibilitySpans.$inferInsert>,
): Promise<void> {
  await tx.update(schema.eligibilitySpans).set(changes).where(eq(schema.eligibilitySpans.id, spanId));
}

export async function recordImport(
  tx: Writer,
  values: typeof schema.eligibilityImports.$inferInsert,
): Promise<void> {
  await tx.insert(schema.eligibilityImports).values(values);
}
