// SQL for the member prescriptions pages: prescriptions with drug, prescriber, pharmacy, plan refill threshold,
// any open home-delivery order and auto-refill enrollment, in one statement; and the fills of one prescription.
import type { SqlExecutor } from '@openpbm/db';

export interface PrescriptionRow {
  id: string;
  rx_number: string;
  member_id: string;
  first_name: string;
  last_name: string;
  time_zone: string;
  person_code: string;
  ndc: string;
  drug_name: string;
  drug_group_id: string;
  maintenance: boolean;
  directions: string;
  quantity_milli: number;
  days_supply: number;
  refills_authorized: number;
  refills_remaining: number;
  fill_count: number;
  written_date: string;
  expiry_date: string;
  status: 'active' | 'on_hold' | 'expired' | 'cancelled' | 'transferred' | 'completed';
  last_fill_date: string | null;
  prescriber_id: string;
  prescriber_name: string;
  prescriber_phone: string;
  pharmacy_id: string;
  pharmacy_name: string;
  pharmacy_phone: string;
  home_delivery: boolean;
  refill_threshold_bps: number | null;
  open_order_id: string | null;
  open_order_number: string | null;
  open_order_status: string | null;
  enrollment_id: string | null;
  enrollment_status: 'active' | 'paused' | null;
  enrollment_next_date: string | null;
}

const SELECT = `
select p.id, p.rx_number, p.member_id, m.first_name, m.last_name, m.time_zone, m.person_code,
       p.ndc, coalesce(dp.name, dg.name) as drug_name, dg.id as drug_group_id, dg.maintenance,
       p.directions, p.quantity_milli, p.days_supply, p.refills_authorized, p.refills_remaining, p.fill_count,
       p.written_date::text as written_date, p.expiry_date::text as expiry_date, p.status,
       p.last_fill_date::text as last_fill_date,
       pr.id as prescriber_id,
       pr.first_name || ' ' || pr.last_name || ', ' || pr.credential as prescriber_name, pr.phone as prescriber_phone,
       ph.id as pharmacy_id, ph.name as pharmacy_name, ph.phone as pharmacy_phone, ph.home_delivery,
       plan.refill_threshold_bps,
       oo.id as open_order_id, oo.order_number as open_order_number, oo.status as open_order_status,
       ae.id as enrollment_id, ae.status as enrollment_status, ae.next_refill_date::text as enrollment_next_date
  from prescriptions p
  join members m on m.id = p.member_id
  join drug_groups dg on dg.id = p.drug_group_id
  left join drug_products dp on dp.ndc = p.ndc
  join prescribers pr on pr.id = p.prescriber_id
  join pharmacies ph on ph.id = p.pharmacy_id
  left join lateral (
    select pl.refill_threshold_bps from eligibility_spans s join plans pl on pl.id = s.plan_id
     where s.member_id = p.member_id and s.status = 'active' order by s.start_date desc limit 1
  ) plan on true
  left join lateral (
    select o.id, o.order_number, o.status from order_items oi join orders o on o.id = oi.order_id
     where oi.prescription_id = p.id and o.status not in ('delivered', 'cancelled')
     order by o.created_at desc limit 1
  ) oo on true
  left join auto_refill_enrollments ae on ae.prescription_id = p.id and ae.status <> 'cancelled'`;

export async function selectPrescriptionsOfMembers(
  sql: SqlExecutor,
  memberIds: string[],
): Promise<PrescriptionRow[]> {
  if (memberIds.length === 0) return [];
  const { rows } = await sql.query<PrescriptionRow>(
    `${SELECT} where p.member_id = any($1::uuid[]) order by m.person_code, drug_name, p.written_date desc`,
    [memberIds],
  );
  return rows;
}

export async function selectPrescriptions(sql: SqlExecutor, ids: string[]): Promise<PrescriptionRow[]> {
  if (ids.length === 0) return [];
  const { rows } = await sql.query<PrescriptionRow>(`${SELECT} where p.id = any($1::uuid[])`, [ids]);
  return rows;
}

export interface FillRow {
  date: string;
  source: 'claim' | 'home_delivery';
  pharmacy_name: string;
  quantity_milli: number;
  days_supply: number;
  member_paid_cents: number | null;
  order_id: string | null;
}

/** Paid claims of the prescription and its filled home-delivery order items (without a claim), newest first. */
export async function selectFills(sql: SqlExecutor, prescriptionId: string): Promise<FillRow[]> {
  const { rows } = await sql.query<FillRow>(
    `select c.date_of_service::text as date, 'claim' as source, coalesce(ph.name, 'Pharmacy') as pharmacy_name,
            c.quantity_milli, c.days_supply, c.patient_pay_cents as member_paid_cents, null::uuid as order_id
       from claims c left join pharmacies ph on ph.id = c.pharmacy_id
      where c.prescription_id = $1 and c.transaction_code = 'B1' and c.status = 'paid'
     union all
     select (e.at at time zone m.time_zone)::date::text, 'home_delivery', ph.name, oi.quantity_milli, oi.days_supply,
            oi.member_cost_cents, o.id
       from order_items oi
       join orders o on o.id = oi.order_id
       join members m on m.id = o.member_id
       join pharmacies ph on ph.id = o.pharmacy_id
       join lateral (select min(at) as at from order_status_events where order_id = o.id and status = 'filled') e on e.at is not null
      where oi.prescription_id = $1 and oi.claim_id is null
      order by 1 desc`,
    [prescriptionId],
  );
  return rows;
}
