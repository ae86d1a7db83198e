// SQL of eligibility file intake: the client's groups and enrolled members (by blind index), the writes of one
// file, and the record of applied files. Decides nothing.
import { type Database, schema } from '@openpbm/db';
import { and, desc, eq, inArray, or } from 'drizzle-orm';

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
  return db
    .select({
      id: members.id,
      bidx: members.memberNumberBidx,
      clientId: members.clientId,
      subscriberId: members.subscriberId,
    })
    .from(members)
    .where(inArray(members.memberNumberBidx, indexes))
    .then((rows) => rows.map((r) => ({ ...r, ours: r.clientId === clientId })));
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
