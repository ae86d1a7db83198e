// SQL of eligibility file intake: the client's groups and enrolled members (by blind index), the writes of one
// file, and the record of applied files. Decides nothing.
import { type Database, schema } from '@openpbm/db';
import { pgArrayLiteral } from '@openpbm/db/pg-array';
import { and, eq, lt, or, sql } from 'drizzle-orm';

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

type Writer = Pick<Database, 'insert' | 'update' | 'execute'>;
/** Rows written so far by one call (the upload page's progress). */
type OnRows = (written: number) => void;

// Rows per statement: every column travels as one array parameter (no bind-parameter limit), so the batch size
// only bounds the memory of one statement and how often progress moves.
const BATCH_ROWS = 10_000;

type Column = readonly [name: string, type: 'uuid' | 'text' | 'date'];
type Cells = ReadonlyArray<string | null>;

/** `unnest($1::uuid[], $2::text[], …)` of the rows' columns, as a FROM item named v. */
function unnestOf(columns: readonly Column[], rows: readonly Cells[]) {
  const arrays = columns.map(
    ([, type], i) => sql`${pgArrayLiteral(rows.map((r) => r[i] ?? null))}::${sql.raw(type)}[]`,
  );
  const names = columns.map(([name]) => name).join(', ');
  return sql`unnest(${sql.join(arrays, sql`, `)}) as v(${sql.raw(names)})`;
}

async function inBatches(
  rows: readonly Cells[],
  write: (batch: readonly Cells[]) => Promise<unknown>,
  onRows?: OnRows,
) {
  for (let i = 0; i < rows.length; i += BATCH_ROWS) {
    await write(rows.slice(i, i + BATCH_ROWS));
    onRows?.(Math.min(i + BATCH_ROWS, rows.length));
  }
}

/** What a file says about a member (also what a change rewrites). */
export interface Demographics {
  firstName: string;
  lastName: string;
  dateOfBirthEnc: string;
  gender: string;
  addressLine1Enc: string;
  city: string;
  state: string;
  zip: string;
  activationBidx: string;
}
const DEMOGRAPHIC_COLUMNS = [
  ['first_name', 'text'],
  ['last_name', 'text'],
  ['date_of_birth_enc', 'text'],
  ['gender', 'text'],
  ['address_line1_enc', 'text'],
  ['city', 'text'],
  ['state', 'text'],
  ['zip', 'text'],
  ['activation_bidx', 'text'],
] as const;
const demographicCells = (d: Demographics): Cells => [
  d.firstName,
  d.lastName,
  d.dateOfBirthEnc,
  d.gender,
  d.addressLine1Enc,
  d.city,
  d.state,
  d.zip,
  d.activationBidx,
];

export interface NewMember extends Demographics {
  id: string;
  subscriberId: string;
  clientId: string;
  relationshipCode: string;
  personCode: string;
  memberNumberEnc: string;
  memberNumberBidx: string;
  timeZone: string;
}
const NEW_MEMBER_COLUMNS = [
  ['id', 'uuid'],
  ['subscriber_id', 'uuid'],
  ['client_id', 'uuid'],
  ['relationship_code', 'text'],
  ['person_code', 'text'],
  ['member_number_enc', 'text'],
  ['member_number_bidx', 'text'],
  ['time_zone', 'text'],
  ...DEMOGRAPHIC_COLUMNS,
] as const;
const memberCells = (m: NewMember): Cells => [
  m.id,
  m.subscriberId,
  m.clientId,
  m.relationshipCode,
  m.personCode,
  m.memberNumberEnc,
  m.memberNumberBidx,
  m.timeZone,
  ...demographicCells(m),
];

/** New members, INSERT … SELECT FROM unnest per batch (a dependent's subscriber comes in the same or an earlier batch). */
export function insertMembers(tx: Writer, rows: NewMember[], onRows?: OnRows): Promise<void> {
  const names = NEW_MEMBER_COLUMNS.map(([n]) => n).join(', ');
  return inBatches(
    rows.map(memberCells),
    (batch) =>
      tx.execute(
        sql`insert into members (${sql.raw(names)}) select ${sql.raw(names)} from ${unnestOf(NEW_MEMBER_COLUMNS, batch)}`,
      ),
    onRows,
  );
}

export interface NewSpan {
  id: string;
  memberId: string;
  groupId: string;
  planId: string;
  startDate: string;
  endDate: string | null;
  status: string;
  coverageLevel: string;
}
const NEW_SPAN_COLUMNS = [
  ['id', 'uuid'],
  ['member_id', 'uuid'],
  ['group_id', 'uuid'],
  ['plan_id', 'uuid'],
  ['start_date', 'date'],
  ['end_date', 'date'],
  ['status', 'text'],
  ['coverage_level', 'text'],
] as const;

export function insertSpans(tx: Writer, rows: NewSpan[]): Promise<void> {
  const names = NEW_SPAN_COLUMNS.map(([n]) => n).join(', ');
  return inBatches(
    rows.map((s) => [
      s.id,
      s.memberId,
      s.groupId,
      s.planId,
      s.startDate,
      s.endDate,
      s.status,
      s.coverageLevel,
    ]),
    (batch) =>
      tx.execute(
        sql`insert into eligibility_spans (${sql.raw(names)}) select ${sql.raw(names)} from ${unnestOf(NEW_SPAN_COLUMNS, batch)}`,
      ),
  );
}

export interface MemberChange extends Demographics {
  id: string;
}
const CHANGE_COLUMNS = [['id', 'uuid'], ...DEMOGRAPHIC_COLUMNS] as const;
const SET_DEMOGRAPHICS = DEMOGRAPHIC_COLUMNS.map(([n]) => `${n} = v.${n}`).join(', ');

/** New demographics for enrolled members: one UPDATE … FROM unnest per batch. */
export function updateMembers(tx: Writer, rows: MemberChange[], now: Date, onRows?: OnRows): Promise<void> {
  return inBatches(
    rows.map((r) => [r.id, ...demographicCells(r)]),
    (batch) =>
      tx.execute(sql`
        update members m set ${sql.raw(SET_DEMOGRAPHICS)}, updated_at = ${now}
        from ${unnestOf(CHANGE_COLUMNS, batch)}
        where m.id = v.id`),
    onRows,
  );
}

export interface SpanChange {
  memberId: string;
  startDate: string;
  endDate: string | null;
  status: 'active' | 'expired';
}
const SPAN_CHANGE_COLUMNS = [
  ['member_id', 'uuid'],
  ['start_date', 'date'],
  ['end_date', 'date'],
  ['status', 'text'],
] as const;

/** Moves each member's latest span (by start date) to the new dates and status, in batches. */
export function updateLatestSpans(tx: Writer, rows: SpanChange[], now: Date): Promise<void> {
  return inBatches(
    rows.map((r) => [r.memberId, r.startDate, r.endDate, r.status]),
    (batch) =>
      tx.execute(sql`
        with latest as (
          select distinct on (s.member_id) s.id, v.start_date, v.end_date, v.status
          from eligibility_spans s join ${unnestOf(SPAN_CHANGE_COLUMNS, batch)} on v.member_id = s.member_id
          order by s.member_id, s.start_date desc
        )
        update eligibility_spans s set start_date = latest.start_date, end_date = latest.end_date,
          status = latest.status, updated_at = ${now}
        from latest where s.id = latest.id`),
  );
}

export async function recordImport(
  tx: Writer,
  values: typeof schema.eligibilityImports.$inferInsert,
): Promise<void> {
  await tx.insert(schema.eligibilityImports).values(values);
}

const { eligibilityUploadProgress: progress } = schema;
type ProgressRow = typeof progress.$inferInsert;

/** Records an upload's progress; an upload id already used by someone else is left alone. */
export async function saveProgress(db: Database, row: ProgressRow): Promise<void> {
  await db
    .insert(progress)
    .values(row)
    .onConflictDoUpdate({
      target: progress.uploadId,
      set: {
        phase: row.phase,
        processed: row.processed,
        total: row.total,
        errors: row.errors,
        updatedAt: row.updatedAt,
      },
      setWhere: and(eq(progress.userId, row.userId), eq(progress.clientId, row.clientId)),
    });
}

export async function findProgress(db: Database, uploadId: string, userId: string, clientId: string) {
  const [row] = await db
    .select({
      phase: progress.phase,
      processed: progress.processed,
      total: progress.total,
      errors: progress.errors,
    })
    .from(progress)
    .where(
      and(eq(progress.uploadId, uploadId), eq(progress.userId, userId), eq(progress.clientId, clientId)),
    );
  return row ?? null;
}

export async function sweepProgress(db: Database, olderThan: Date): Promise<void> {
  await db.delete(progress).where(lt(progress.updatedAt, olderThan));
}
