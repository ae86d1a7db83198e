// SQL for billing a home-delivery fill: what each order item's claim needs (Rx, fill number, NDC, prescriber
// NPI, any claim an earlier attempt left on the item), the patient's card fields, the claim ids kept on the
// items, and the short lease that keeps two fills of one order from running at once.
import type { SqlExecutor } from '@openpbm/db';

export interface BillableItem {
  prescription_id: string;
  rx_number: string;
  /** Fills so far: the original fill is number 0, so this is the next fill number. */
  fill_count: number;
  ndc: string;
  quantity_milli: number;
  days_supply: number;
  prescriber_npi: string;
  /** The claim an earlier attempt of this fill recorded, with its status and date of service. */
  claim_id: string | null;
  claim_status: string | null;
  claim_date_of_service: string | null;
}

export async function billableItems(q: SqlExecutor, orderId: string): Promise<BillableItem[]> {
  const { rows } = await q.query<BillableItem>(
    `select oi.prescription_id, p.rx_number, p.fill_count, p.ndc, oi.quantity_milli, oi.days_supply,
            pr.npi as prescriber_npi, oi.claim_id, c.status as claim_status,
            c.date_of_service::text as claim_date_of_service
       from order_items oi
       join prescriptions p on p.id = oi.prescription_id
       join prescribers pr on pr.id = p.prescriber_id
       left join claims c on c.id = oi.claim_id
      where oi.order_id = $1
      order by oi.created_at, p.rx_number`,
    [orderId],
  );
  return rows;
}

export interface CardholderRow {
  member_number_enc: string;
  person_code: string;
  date_of_birth_enc: string;
}

export async function cardholderOf(q: SqlExecutor, memberId: string): Promise<CardholderRow | null> {
  const { rows } = await q.query<CardholderRow>(
    'select member_number_enc, person_code, date_of_birth_enc from members where id = $1',
    [memberId],
  );
  return rows[0] ?? null;
}

export async function pharmacyIds(q: SqlExecutor, pharmacyId: string) {
  const { rows } = await q.query<{ npi: string; ncpdp_id: string }>(
    'select npi, ncpdp_id from pharmacies where id = $1',
    [pharmacyId],
  );
  return rows[0] ?? null;
}

/** Remembers (or forgets, with null) the claim of one item of the order being filled. */
export async function setItemClaim(
  q: SqlExecutor,
  orderId: string,
  prescriptionId: string,
  claimId: string | null,
): Promise<void> {
  await q.query('update order_items set claim_id = $3 where order_id = $1 and prescription_id = $2', [
    orderId,
    prescriptionId,
    claimId,
  ]);
}

/**
 * How long a fill may hold its lease before another attempt may take over (a node that died mid-fill). Short: a
 * fill takes seconds (the vault call times out after 5 s), and an overlap is safe anyway (claims are answered as
 * duplicates, the order moves once, and the charge goes out under one key per attempt).
 */
export const FILL_LEASE_SECONDS = 30;

/** Takes the fill lease of a verified order; false when another fill holds it or the order moved on. */
export async function startFill(q: SqlExecutor, orderId: string, now: Date): Promise<boolean> {
  const { rows } = await q.query(
    `update orders set fill_started_at = $2
      where id = $1 and status = 'verified'
        and (fill_started_at is null or fill_started_at < $2::timestamptz - make_interval(secs => $3))
      returning id`,
    [orderId, now.toISOString(), FILL_LEASE_SECONDS],
  );
  return rows.length === 1;
}

export async function endFill(q: SqlExecutor, orderId: string): Promise<void> {
  await q.query('update orders set fill_started_at = null where id = $1', [orderId]);
}
