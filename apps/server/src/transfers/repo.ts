// SQL for prescription transfers to home delivery. Policy lives in service.ts; whose rows a caller reaches lives
// here: `transfersRepo(db, scope)` filters every statement by the member's family or the staff's pharmacy, and
// `systemTransfersRepo(db)` holds the reference reads (pharmacy, prescriber, member time zone) that see across them.
import { type Database, type DatabaseHandle, type SqlExecutor, schema } from '@openpbm/db';
import type { TransferStatus } from '@openpbm/db/schema/home-delivery';
import { and, eq, inArray, type SQL } from 'drizzle-orm';
import { type ScopeOf, ScopeViolation } from '../platform/data-scope';
import { InvariantBroken } from '../platform/internal-errors';

const { prescriptionTransfers: t } = schema;

type Writer = Pick<Database, 'update'>;
export type TransferChanges = Partial<typeof t.$inferInsert>;

/** Transfers of the members in a family scope (a member's own page) or to one pharmacy (its staff queue). */
export function transfersRepo(db: DatabaseHandle, scope: ScopeOf<'family'> | ScopeOf<'pharmacy'>) {
  // The scope as a condition, so a write inside a transaction checks it in the same statement.
  const scopeFilter =
    scope.kind === 'family'
      ? inArray(t.memberId, [...scope.memberIds])
      : eq(t.toPharmacyId, scope.pharmacyId);
  const inScope = (row: TransferRow | null) =>
    row &&
    (scope.kind === 'family'
      ? scope.memberIds.includes(row.member_id)
      : row.to_pharmacy_id === scope.pharmacyId)
      ? row
      : null;
  const memberIds = () => {
    if (scope.kind !== 'family') throw new ScopeViolation('transfersRepo', scope.kind);
    return [...scope.memberIds];
  };
  const member = (memberId: string) => {
    if (!memberIds().includes(memberId))
      throw new ScopeViolation('transfersRepo (another member)', scope.kind);
    return memberId;
  };
  return {
    scope,
    list: (statuses?: TransferStatus[]) =>
      scope.kind === 'family'
        ? listForMembers(db.sql, memberIds())
        : listForPharmacy(db.sql, scope.pharmacyId, statuses ?? ['requested', 'in_progress']),
    one: async (id: string) => inScope(await one(db.sql, id)),
    /** Paid retail fills of the family's last 13 months that could move to home delivery. */
    claimCandidates: (since: string) => claimCandidates(db.sql, memberIds(), since),
    claimSource: async (claimId: string) => {
      const row = await claimSource(db.sql, claimId);
      return row && memberIds().includes(row.member_id) ? row : null;
    },
    openTransferExists: (memberId: string, fromRxNumber: string) =>
      openTransferExists(db.db, member(memberId), fromRxNumber),
    create: (row: typeof t.$inferInsert) => insertTransfer(db.db, { ...row, memberId: member(row.memberId) }),
    /** Moves a transfer in scope from one of `from` to new values; null when it was not in `from` (or scope). */
    move: (id: string, from: TransferStatus[], changes: TransferChanges, tx: Writer = db.db) =>
      moveTransfer(tx, id, from, changes, scopeFilter),
  };
}

/** Reads across every caller: reference rows a transfer names, and the prescription it replaces. */
export function systemTransfersRepo(db: DatabaseHandle) {
  return {
    pharmacy: async (id: string) => {
      const [row] = await db.db.select().from(schema.pharmacies).where(eq(schema.pharmacies.id, id));
      return row ?? null;
    },
    prescriberByNpi: async (npi: string) => {
      const [row] = await db.db.select().from(schema.prescribers).where(eq(schema.prescribers.npi, npi));
      return row ?? null;
    },
    memberTimeZone: async (memberId: string) => {
      const [row] = await db.db
        .select({ timeZone: schema.members.timeZone })
        .from(schema.members)
        .where(eq(schema.members.id, memberId));
      return row?.timeZone ?? null;
    },
    markPrescriptionTransferred: (tx: Writer, prescriptionId: string, now: Date) =>
      tx
        .update(schema.prescriptions)
        .set({ status: 'transferred', updatedAt: now })
        .where(eq(schema.prescriptions.id, prescriptionId)),
  };
}

async function insertTransfer(db: Database, row: typeof t.$inferInsert) {
  const [created] = await db.insert(t).values(row).returning();
  if (!created) throw new InvariantBroken('transfer insert returned nothing');
  return created;
}

async function openTransferExists(db: Database, memberId: string, fromRxNumber: string): Promise<boolean> {
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

async function moveTransfer(
  db: Writer,
  id: string,
  from: TransferStatus[],
  changes: TransferChanges,
  scopeFilter: SQL,
) {
  const [row] = await db
    .update(t)
    .set(changes)
    .where(and(eq(t.id, id), inArray(t.status, from), scopeFilter))
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

async function listForMembers(q: SqlExecutor, memberIds: string[]): Promise<TransferRow[]> {
  if (memberIds.length === 0) return [];
  const { rows } = await q.query<TransferRow>(
    `${SELECT} where t.member_id = any($1::uuid[]) order by t.created_at desc`,
    [memberIds],
  );
  return rows;
}

async function listForPharmacy(
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

async function one(q: SqlExecutor, id: string): Promise<TransferRow | null> {
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
async function claimCandidates(
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

async function claimSource(q: SqlExecutor, claimId: string): Promise<ClaimSourceRow | null> {
  const { rows } = await q.query<ClaimSourceRow>(`${CLAIM_SELECT} and c.id = $1`, [claimId]);
  return rows[0] ?? null;
}
