// SQL behind the staff console: member search inside the agent's clients and the 360° view's sections.
// Every query is bounded (LIMIT) and keyed on an indexed column.
import type { SqlExecutor } from '@openpbm/db';

export interface SearchRow {
  id: string;
  first_name: string;
  last_name: string;
  member_number_enc: string;
  date_of_birth_enc: string;
  city: string;
  state: string;
  restricted: boolean;
}

const SEARCH_COLUMNS = `m.id, m.first_name, m.last_name, m.member_number_enc, m.date_of_birth_enc, m.city, m.state,
  exists (select 1 from restricted_members r where r.member_id = m.id) as restricted`;

/** The agent's clients, as a condition on `m.client_id` (joined here, so a search is one statement). */
const SERVED = (agentParam: string) =>
  `m.client_id in (select a.client_id from staff_client_assignments a where a.user_id = ${agentParam})`;

/** The member with this member-ID blind index, if one of the agent's clients covers them. */
export async function byMemberNumberIndex(sql: SqlExecutor, bidx: string, agentUserId: string) {
  const { rows } = await sql.query<SearchRow>(
    `select ${SEARCH_COLUMNS} from members m where m.member_number_bidx = $1 and ${SERVED('$2')}`,
    [bidx, agentUserId],
  );
  return rows;
}

/**
 * Candidates by last name inside the agent's clients, only their id and encrypted birth date: the date is
 * encrypted, so it is compared after decryption, and a common name yields hundreds of candidates, so nothing
 * else is read (nor the restricted flag looked up) until the date has narrowed them (`byIds`).
 */
export async function candidatesByLastName(
  sql: SqlExecutor,
  lastName: string,
  firstName: string | null,
  agentUserId: string,
  limit: number,
) {
  const { rows } = await sql.query<{ id: string; date_of_birth_enc: string }>(
    `select m.id, m.date_of_birth_enc from members m
      where ${SERVED('$1')} and lower(m.last_name) = lower($2)
        and ($3::text is null or lower(m.first_name) like lower($3) || '%')
      limit $4`,
    [agentUserId, lastName, firstName, limit],
  );
  return rows;
}

export async function byIds(sql: SqlExecutor, ids: string[]) {
  if (ids.length === 0) return [];
  const { rows } = await sql.query<SearchRow>(
    `select ${SEARCH_COLUMNS} from members m where m.id = any($1::uuid[]) order by m.last_name, m.first_name`,
    [ids],
  );
  return rows;
}

export async function coverageOf(sql: SqlExecutor, memberId: string) {
  const { rows } = await sql.query<{
    plan_name: string;
    group_name: string;
    group_number: string;
    start_date: string;
    end_date: string | null;
    status: string;
    coverage_level: string;
    bin: string;
    pcn: string;
    rx_group: string;
    customer_service_phone: string;
  }>(
    `select p.name as plan_name, g.name as group_name, g.group_number, e.start_date::text, e.end_date::text, e.status,
            e.coverage_level, p.bin, p.pcn, p.rx_group, p.customer_service_phone
       from eligibility_spans e join plans p on p.id = e.plan_id join groups g on g.id = e.group_id
      where e.member_id = $1 order by e.start_date desc limit 5`,
    [memberId],
  );
  return rows;
}

export async function prescriptionsOf(sql: SqlExecutor, memberId: string) {
  const { rows } = await sql.query<{
    id: string;
    rx_number: string;
    drug_name: string;
    status: string;
    refills_remaining: number;
    last_fill_date: string | null;
    auto_refill: boolean;
  }>(
    `select rx.id, rx.rx_number, dg.name as drug_name, rx.status, rx.refills_remaining, rx.last_fill_date::text,
            exists (select 1 from auto_refill_enrollments a where a.prescription_id = rx.id and a.status = 'active') as auto_refill
       from prescriptions rx join drug_groups dg on dg.id = rx.drug_group_id
      where rx.member_id = $1 order by rx.written_date desc limit 50`,
    [memberId],
  );
  return rows;
}

export async function ordersOf(sql: SqlExecutor, memberId: string) {
  const { rows } = await sql.query<{
    id: string;
    order_number: string;
    status: string;
    carrier: string | null;
    tracking_number: string | null;
    created_at: Date;
  }>(
    `select id, order_number, status, carrier, tracking_number, created_at
       from orders where member_id = $1 order by created_at desc limit 20`,
    [memberId],
  );
  return rows;
}

export async function claimsOf(sql: SqlExecutor, memberId: string) {
  const { rows } = await sql.query<{
    id: string;
    date_of_service: string;
    rx_number: string | null;
    drug_name: string | null;
    status: string;
    patient_pay_cents: number;
  }>(
    `select c.id, c.date_of_service::text, c.rx_number, dg.name as drug_name, c.status, c.patient_pay_cents
       from claims c left join drug_groups dg on dg.id = c.drug_group_id
      where c.member_id = $1 order by c.date_of_service desc, c.created_at desc limit 20`,
    [memberId],
  );
  return rows;
}

export async function priorAuthsOf(sql: SqlExecutor, memberId: string) {
  const { rows } = await sql.query<{
    id: string;
    case_number: string;
    type: string;
    status: string;
    drug_name: string;
    submitted_at: Date;
  }>(
    `select pa.id, pa.case_number, pa.type, pa.status, dg.name as drug_name, pa.submitted_at
       from prior_authorizations pa join drug_groups dg on dg.id = pa.drug_group_id
      where pa.member_id = $1 order by pa.submitted_at desc limit 20`,
    [memberId],
  );
  return rows;
}

export async function casesOf(sql: SqlExecutor, memberId: string) {
  const { rows } = await sql.query<{
    id: string;
    case_number: string;
    category: string;
    status: string;
    subject: string;
    due_at: Date;
  }>(
    `select id, case_number, category, status, subject, due_at from support_cases
      where member_id = $1 order by created_at desc limit 20`,
    [memberId],
  );
  return rows;
}

/** The member's own login account, if they activated one (no password or factor columns are read). */
export async function accountOf(sql: SqlExecutor, memberId: string) {
  const { rows } = await sql.query<{
    id: string;
    email: string;
    status: string;
    email_verified_at: Date | null;
  }>('select id, email, status, email_verified_at from users where member_id = $1', [memberId]);
  return rows[0] ?? null;
}

export async function preferencesOf(sql: SqlExecutor, userId: string) {
  const { rows } = await sql.query<{ kind: string; email: boolean; push: boolean }>(
    'select kind, email, push from notification_preferences where user_id = $1 order by kind',
    [userId],
  );
  return rows;
}

export async function recentSignInsOf(sql: SqlExecutor, userId: string) {
  const { rows } = await sql.query<{ at: Date; result: string; method: string }>(
    'select at, result, method from login_history where user_id = $1 order by at desc limit 10',
    [userId],
  );
  return rows;
}
