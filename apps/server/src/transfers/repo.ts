// SQL for prescription transfers to home delivery. Policy lives in service.ts.
import { type Database, type SqlExecutor, schema } from '@openpbm/db';
import type { TransferStatus } from '@openpbm/db/schema/home-delivery';
import { and, eq, inArray } from 'drizzle-orm';

const { prescriptionTransfers: t } = schema;

export async function insertTransfer(db: Database, row: typeof t.$inferInsert) {
  const [created] = await db.insert(t).values(row).returning();
  if (!created) throw new Error('transfer insert returned nothing');
  return created;
}

export async function findTransfer(db: Database, id: string) {
  const [row] = await db.select().from(t).where(eq(t.id, id));
  return row ?? null;
}

export async function openTransferExists(
  db: Database,
  memberId: string,
  fromRxNumber: string,
): Promise<boolean> {
  const rows = await db
    .select({ id: t.id })
    .from(t)
    .where(
      and(
        eq(t.memberId, memberId),
        eq(t.fromRxNumber, fromRxNumber),
        inArray(t.status, ['requested', 'in_progress']),
      ),
    );
  return rows.length > 0;
}

export async function moveTransfer(
  db: Pick<Database, 'update'>,
  id: string,
  from: TransferStatus[],
  changes: Partial<typeof t.$inferInsert>,
) {
  const [row] = await db
    .update(t)
    .set(changes)
    .where(and(eq(t.id, id), inArray(t.status, from)))
    .returning();
  return row ?? null;
}

export interface TransferRow {
  id: string;
  member_id: string;
  first_name: string;
  last_name: string;
  date_of_birth_enc: string;
  status: TransferStatus;
  from_pharmacy_name: string;
  from_pharmacy_phone: string | null;
  from_rx_number: string;
  drug_description: string | null;
  created_at: string;
  resolved_at: string | null;
  resolution_note: string | null;
  new_prescription_id: string | null;
  source_prescription_id: string | null;
  to_pharmacy_id: string;
  claim_drug_name: string | null;
}

const SELECT = `
select t.id, t.member_id, m.first_name, m.last_name, m.date_of_birth_enc, t.status, t.from_pharmacy_name, t.from_pharmacy_phone,
       t.from_rx_number, t.drug_description,
       to_char(t.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as created_at,
       to_char(t.resolved_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as resolved_at,
       t.resolution_note, t.new_prescription_id, t.source_prescription_id, t.to_pharmacy_id,
       coalesce(dp.name, dg.name) as claim_drug_name
  from prescription_transfers t
  join members m on m.id = t.member_id
  left join claims c on c.id = t.claim_id
  left join drug_products dp on dp.ndc = c.ndc
  left join drug_groups dg on dg.id = c.drug_group_id`;

export async function listForMembers(q: SqlExecutor, memberIds: string[]): Promise<TransferRow[]> {
  if (memberIds.length === 0) return [];
  const { rows } = await q.query<TransferRow>(
    `${SELECT} where t.member_id = any($1::uuid[]) order by t.created_at desc`,
    [memberIds],
  );
  return rows;
}

export async function listForPharmacy(
  q: SqlExecutor,
  pharmacyId: string,
  statuses: string[],
): Promise<TransferRow[]> {
  const { rows } = await q.query<TransferRow>(
    `${SELECT} where t.to_pharmacy_id = $1 and t.status = any($2::text[]) order by t.created_at asc limit 200`,
    [pharmacyId, statuses],
  );
  return rows;
}

export async function one(q: SqlExecutor, id: string): Promise<TransferRow | null> {
  const { rows } = await q.query<TransferRow>(`${SELECT} where t.id = $1`, [id]);
  return rows[0] ?? null;
}

export interface ClaimSourceRow {
  claim_id: string;
  member_id: string;
  first_name: string;
  last_name: string;
  drug_name: string;
  rx_number: string;
  pharmacy_id: string;
  pharmacy_name: string;
  pharmacy_phone: string;
  home_delivery: boolean;
  prescription_id: string | null;
  last_fill_date: string;
}

const CLAIM_SELECT = `
select distinct on (c.member_id, c.pharmacy_id, c.rx_number)
       c.id as claim_id, c.member_id, m.first_name, m.last_name, coalesce(dp.name, dg.name) as drug_name, c.rx_number,
       ph.id as pharmacy_id, ph.name as pharmacy_name, ph.phone as pharmacy_phone, ph.home_delivery,
       c.prescription_id, c.date_of_service::text as last_fill_date
  from claims c
  join members m on m.id = c.member_id
  join pharmacies ph on ph.id = c.pharmacy_id
  left join drug_products dp on dp.ndc = c.ndc
  left join drug_groups dg on dg.id = c.drug_group_id
 where c.transaction_code = 'B1' and c.status = 'paid' and c.rx_number is not null`;

/** Retail fills of the last 13 months, one per (member, pharmacy, Rx number), newest fill first. */
export async function claimCandidates(
  q: SqlExecutor,
  memberIds: string[],
  since: string,
): Promise<ClaimSourceRow[]> {
  if (memberIds.length === 0) return [];
  const { rows } = await q.query<ClaimSourceRow>(
    `select * from (${CLAIM_SELECT} and c.member_id = any($1::uuid[]) and c.date_of_service >= $2::date and not ph.home_delivery
       order by c.member_id, c.pharmacy_id, c.rx_number, c.date_of_service desc) x
      order by last_fill_date desc limit 50`,
    [memberIds, since],
  );
  return rows;
}

export async function claimSource(q: SqlExecutor, claimId: string): Promise<ClaimSourceRow | null> {
  const { rows } = await q.query<ClaimSourceRow>(`${CLAIM_SELECT} and c.id = $1`, [claimId]);
  return rows[0] ?? null;
}
