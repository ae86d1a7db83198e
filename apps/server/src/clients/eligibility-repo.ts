// SQL of eligibility file intake: the client's groups and enrolled members (by blind index), the writes of one
// file, and the record of applied files. Decides nothing.
import { type Database, schema } from '@openpbm/db';
import { and, eq, or, sql } from 'drizzle-orm';

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
type MemberRow = typeof schema.members.$inferInsert;
type SpanRow = typeof schema.eligibilitySpans.$inferInsert;
/** Rows written so far by one call (the upload page's progress). */
type OnRows = (written: number) => void;

// PostgreSQL takes at most 65,535 bind parameters a statement: each batch stays under 60,000.
const MAX_PARAMS = 60_000;
async function inBatches<T>(rows: T[], paramsPerRow: number, write: (batch: T[]) => Promise<unknown>, onRows?: OnRows) {
  const size = Math.floor(MAX_PARAMS / paramsPerRow);
  for (let i = 0; i < rows.length; i += size) {
    await write(rows.slice(i, i + size));
    onRows?.(Math.min(i + size, rows.length));
  }
}

/** New members in multi-row inserts (a dependent's subscriber must come in the same or an earlier batch). */
export function insertMembers(tx: Writer, rows: MemberRow[], onRows?: OnRows): Promise<void> {
  return inBatches(rows, 25, (batch) => tx.insert(members).values(batch), onRows);
}

export function insertSpans(tx: Writer, rows: SpanRow[]): Promise<void> {
  return inBatches(rows, 12, (batch) => tx.insert(spans).values(batch));
}

export interface MemberChange {
  id: string;
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

/** New demographics for enrolled members: one UPDATE … FROM (VALUES …) per batch. */
export function updateMembers(tx: Writer, rows: MemberChange[], now: Date, onRows?: OnRows): Promise<void> {
  return inBatches(
    rows,
    10,
    (batch) => {
      const values = sql.join(
        batch.map(
          (r) =>
            sql`(${r.id}::uuid, ${r.firstName}::text, ${r.lastName}::text, ${r.dateOfBirthEnc}::text, ${r.gender}::text, ${r.addressLine1Enc}::text, ${r.city}::text, ${r.state}::text, ${r.zip}::text, ${r.activationBidx}::text)`,
        ),
        sql`, `,
      );
      return tx.execute(sql`
        update members m set first_name = v.first_name, last_name = v.last_name,
          date_of_birth_enc = v.date_of_birth_enc, gender = v.gender, address_line1_enc = v.address_line1_enc,
          city = v.city, state = v.state, zip = v.zip, activation_bidx = v.activation_bidx, updated_at = ${now}
        from (values ${values}) as v(id, first_name, last_name, date_of_birth_enc, gender, address_line1_enc,
          city, state, zip, activation_bidx)
        where m.id = v.id`);
    },
    onRows,
  );
}

export interface SpanChange {
  memberId: string;
  startDate: string;
  endDate: string | null;
  status: 'active' | 'expired';
}

/** Moves each member's latest span (by start date) to the new dates and status, in batches. */
export function updateLatestSpans(tx: Writer, rows: SpanChange[], now: Date): Promise<void> {
  return inBatches(rows, 4, (batch) => {
    const values = sql.join(
      batch.map((r) => sql`(${r.memberId}::uuid, ${r.startDate}::date, ${r.endDate}::date, ${r.status}::text)`),
      sql`, `,
    );
    return tx.execute(sql`
      with v(member_id, start_date, end_date, status) as (values ${values}),
      latest as (
        select distinct on (s.member_id) s.id, s.member_id from eligibility_spans s
        join v on v.member_id = s.member_id order by s.member_id, s.start_date desc
      )
      update eligibility_spans s set start_date = v.start_date, end_date = v.end_date, status = v.status,
        updated_at = ${now}
      from latest join v on v.member_id = latest.member_id
      where s.id = latest.id`);
  });
}

export async function recordImport(
  tx: Writer,
  values: typeof schema.eligibilityImports.$inferInsert,
): Promise<void> {
  await tx.insert(schema.eligibilityImports).values(values);
}
