// SQL for customer-service cases and their entries (messages, replies, notes, events). Policy is in
// case-service.ts (member side) and staff-case-service.ts (console).
import { randomInt } from 'node:crypto';
import { type Database, type SqlExecutor, schema } from '@openpbm/db';
import type { SupportCase } from '@openpbm/db/schema/support';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';

const { supportCases, supportCaseEntries, users } = schema;

type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];
type CaseInsert = typeof supportCases.$inferInsert;
type EntryKind = (typeof supportCaseEntries.$inferInsert)['kind'];

export async function insertCase(
  db: Database,
  row: Omit<CaseInsert, 'caseNumber'>,
  firstEntry: { kind: EntryKind; authorUserId: string; body: string },
) {
  return db.transaction(async (tx) => {
    const year = (row.createdAt as Date).getUTCFullYear();
    const [created] = await tx
      .insert(supportCases)
      .values({ ...row, caseNumber: `CS-${year}-${String(randomInt(1_000_000)).padStart(6, '0')}` })
      .returning();
    const c = created as SupportCase;
    await addEntry(tx, { caseId: c.id, ...firstEntry, createdAt: row.createdAt as Date });
    return c;
  });
}

export async function addEntry(
  db: Pick<Tx, 'insert'>,
  entry: { caseId: string; kind: EntryKind; authorUserId: string | null; body: string; createdAt: Date },
): Promise<void> {
  await db.insert(supportCaseEntries).values(entry);
}

export async function findCase(db: Database, id: string): Promise<SupportCase | null> {
  const [row] = await db.select().from(supportCases).where(eq(supportCases.id, id)).limit(1);
  return row ?? null;
}

export async function updateCase(db: Pick<Tx, 'update'>, id: string, set: Partial<CaseInsert>, now: Date) {
  await db
    .update(supportCases)
    .set({ ...set, updatedAt: now })
    .where(eq(supportCases.id, id));
}

/** One entry written on a case and the case changed with it, in one transaction (a reply, a closing, an escalation). */
export function addEntryAndUpdate(
  db: Database,
  caseId: string,
  entry: { kind: EntryKind; authorUserId: string | null; body: string },
  set: Partial<CaseInsert>,
  now: Date,
): Promise<void> {
  return db.transaction(async (tx) => {
    await addEntry(tx, { caseId, ...entry, createdAt: now });
    await updateCase(tx, caseId, set, now);
  });
}

export function casesOfMember(db: Database, memberId: string) {
  return db
    .select()
    .from(supportCases)
    .where(eq(supportCases.memberId, memberId))
    .orderBy(desc(supportCases.createdAt))
    .limit(50);
}

export function entriesOf(db: Database, caseId: string, kinds: EntryKind[]) {
  return db
    .select({
      kind: supportCaseEntries.kind,
      body: supportCaseEntries.body,
      createdAt: supportCaseEntries.createdAt,
      authorRole: users.role,
      authorName: users.displayName,
    })
    .from(supportCaseEntries)
    .leftJoin(users, eq(users.id, supportCaseEntries.authorUserId))
    .where(and(eq(supportCaseEntries.caseId, caseId), inArray(supportCaseEntries.kind, kinds)))
    .orderBy(asc(supportCaseEntries.createdAt), asc(supportCaseEntries.id));
}

export interface QueueRow {
  id: string;
  case_number: string;
  channel: string;
  category: string;
  status: string;
  subject: string;
  due_at: Date;
  created_at: Date;
  callback_from: Date | null;
  callback_to: Date | null;
  escalated_to: string | null;
  assignee_name: string | null;
  member_name: string;
}

/** Open cases of the given clients' members, the most urgent first. */
export async function queue(sql: SqlExecutor, clientIds: string[], limit: number): Promise<QueueRow[]> {
  const { rows } = await sql.query<QueueRow>(
    `select c.id, c.case_number, c.channel, c.category, c.status, c.subject, c.due_at, c.created_at,
            c.callback_from, c.callback_to, c.escalated_to, u.display_name as assignee_name,
            m.first_name || ' ' || m.last_name as member_name
       from support_cases c join members m on m.id = c.member_id
       left join users u on u.id = c.assignee_user_id
      where c.status <> 'closed' and m.client_id = any($1::uuid[])
      order by c.due_at asc limit $2`,
    [clientIds, limit],
  );
  return rows;
}

export async function escalatedTo(sql: SqlExecutor, target: 'pharmacist' | 'clinical_reviewer') {
  const { rows } = await sql.query<QueueRow>(
    `select c.id, c.case_number, c.channel, c.category, c.status, c.subject, c.due_at, c.created_at,
            c.callback_from, c.callback_to, c.escalated_to, null as assignee_name,
            m.first_name || ' ' || m.last_name as member_name
       from support_cases c join members m on m.id = c.member_id
      where c.status = 'escalated' and c.escalated_to = $1 order by c.due_at asc limit 100`,
    [target],
  );
  return rows;
}

export async function memberOwns(
  sql: SqlExecutor,
  table: 'prescriptions' | 'orders',
  id: string,
  memberId: string,
) {
  const { rows } = await sql.query(`select 1 from ${table} where id = $1 and member_id = $2`, [id, memberId]);
  return rows.length > 0;
}

export async function memberUserIds(db: Database, memberId: string): Promise<string[]> {
  const rows = await db.select({ id: users.id }).from(users).where(eq(users.memberId, memberId));
  return rows.map((r) => r.id);
}
