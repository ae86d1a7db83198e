// Aggregate SQL of the plan report: counts and sums per client and period, never a member row. Every statement
// returns the number of distinct members behind each figure so the service can suppress small cells.
// Members who opted out of de-identified use (privacy's predicate) are left out of every count and sum here.
// Distinct members are counted in two steps (group by member, then count the groups): a hash aggregate where
// count(distinct) sorts every claim, which is most of the time at 100,000 members (bench/plan-report.bench.ts).
// Paid claims are read through the partial index claims_paid_report_idx, without visiting the wide claim rows.
import type { DatabaseHandle } from '@openpbm/db';
import { DEIDENTIFIED_ALLOWED_SQL } from '../privacy/deidentified-opt-out';

export interface Period {
  /** First day of the first month, YYYY-MM-DD. */
  from: string;
  /** Last day of the last month, YYYY-MM-DD. */
  to: string;
}

const PAID = `c.client_id = $1 and c.transaction_code = 'B1' and c.status = 'paid' and c.reversed_at is null
  and c.date_of_service between $2::date and $3::date and ${DEIDENTIFIED_ALLOWED_SQL('c.member_id')}`;

const num = (v: unknown) => Number(v ?? 0);

export async function monthlyUse(db: DatabaseHandle, clientId: string, p: Period) {
  const { rows } = await db.sql.query<Record<string, unknown>>(
    `with months as (
       select to_char(m, 'YYYY-MM') as month, m::date as first_day, (m + interval '1 month' - interval '1 day')::date as last_day
         from generate_series($2::date, $3::date, interval '1 month') m
     ), enrolled as (
       select month, count(member_id) as n
         from (select distinct mo.month, s.member_id
                 from months mo
                 join eligibility_spans s on s.start_date <= mo.last_day and (s.end_date is null or s.end_date >= mo.first_day)
                 join members mb on mb.id = s.member_id and mb.client_id = $1
                where ${DEIDENTIFIED_ALLOWED_SQL('s.member_id')}) enrolled_members
        group by month
     ), used as (
       select month, sum(claims) as claims, count(member_id) as members, sum(plan_paid) as plan_paid,
              sum(member_paid) as member_paid
         from (select to_char(c.date_of_service, 'YYYY-MM') as month, c.member_id, count(*) as claims,
                      sum(c.plan_pay_cents) as plan_paid, sum(c.patient_pay_cents) as member_paid
                 from claims c where ${PAID}
                group by 1, 2) per_member
        group by month
     )
     select mo.month, coalesce(e.n, 0) as enrolled, coalesce(u.members, 0) as members, coalesce(u.claims, 0) as claims,
            coalesce(u.plan_paid, 0) as plan_paid, coalesce(u.member_paid, 0) as member_paid
       from months mo left join enrolled e using (month) left join used u using (month)
      order by mo.month`,
    [clientId, p.from, p.to],
  );
  return rows.map((r) => ({
    month: String(r.month),
    enrolled: num(r.enrolled),
    members: num(r.members),
    claims: num(r.claims),
    planPaidCents: num(r.plan_paid),
    memberPaidCents: num(r.member_paid),
  }));
}

export async function periodTotals(db: DatabaseHandle, clientId: string, p: Period) {
  const { rows } = await db.sql.query<Record<string, unknown>>(
    `select count(member_id) as members, coalesce(sum(claims), 0) as claims,
            coalesce(sum(plan_paid), 0) as plan_paid, coalesce(sum(member_paid), 0) as member_paid,
            coalesce(sum(generic_claims), 0) as generic_claims,
            coalesce(sum(home_delivery_claims), 0) as home_delivery_claims,
            coalesce(sum(specialty_plan_paid), 0) as specialty_plan_paid
       from (select c.member_id, count(*) as claims, sum(c.plan_pay_cents) as plan_paid,
                    sum(c.patient_pay_cents) as member_paid,
                    count(*) filter (where dp.source = 'generic') as generic_claims,
                    count(*) filter (where c.channel = 'home_delivery_90') as home_delivery_claims,
                    sum(c.plan_pay_cents) filter (where g.specialty) as specialty_plan_paid
               from claims c
               left join drug_products dp on dp.ndc = c.ndc
               left join drug_groups g on g.id = c.drug_group_id
              where ${PAID}
              group by c.member_id) per_member`,
    [clientId, p.from, p.to],
  );
  const r = rows[0] ?? {};
  return {
    members: num(r.members),
    claims: num(r.claims),
    planPaidCents: num(r.plan_paid),
    memberPaidCents: num(r.member_paid),
    genericClaims: num(r.generic_claims),
    homeDeliveryClaims: num(r.home_delivery_claims),
    specialtyPlanPaidCents: num(r.specialty_plan_paid),
  };
}

/** Therapeutic classes by plan cost; the caller folds the tail into one "all other classes" row. */
export async function classesByCost(db: DatabaseHandle, clientId: string, p: Period) {
  const { rows } = await db.sql.query<Record<string, unknown>>(
    `select name, count(member_id) as members, sum(claims) as claims, sum(plan_paid) as plan_paid
       from (select coalesce(tc.name, 'Unclassified') as name, c.member_id, count(*) as claims,
                    sum(c.plan_pay_cents) as plan_paid
               from claims c
               left join drug_groups g on g.id = c.drug_group_id
               left join therapeutic_classes tc on tc.id = g.therapeutic_class_id
              where ${PAID}
              group by 1, 2) per_member
      group by name
      order by plan_paid desc, name`,
    [clientId, p.from, p.to],
  );
  return rows.map((r) => ({
    name: String(r.name),
    members: num(r.members),
    claims: num(r.claims),
    planPaidCents: num(r.plan_paid),
  }));
}

/** Members in the tail of classes (distinct: one member may use several classes). */
export async function membersOutside(db: DatabaseHandle, clientId: string, p: Period, topClasses: string[]) {
  const { rows } = await db.sql.query<{ n: unknown }>(
    `select count(member_id) as n
       from (select distinct c.member_id
               from claims c
               left join drug_groups g on g.id = c.drug_group_id
               left join therapeutic_classes tc on tc.id = g.therapeutic_class_id
              where ${PAID} and not (coalesce(tc.name, 'Unclassified') = any($4::text[]))) tail_members`,
    [clientId, p.from, p.to, topClasses],
  );
  return num(rows[0]?.n);
}

export async function priorAuthVolume(db: DatabaseHandle, clientId: string, p: Period) {
  const { rows } = await db.sql.query<Record<string, unknown>>(
    `select count(*) as requests, count(distinct pa.member_id) as members,
            count(*) filter (where pa.status = 'approved') as approved,
            count(*) filter (where pa.status in ('approved', 'denied')) as decided
       from prior_authorizations pa
       join members mb on mb.id = pa.member_id and mb.client_id = $1
      where pa.submitted_at >= $2::date and pa.submitted_at < $3::date + 1
        and ${DEIDENTIFIED_ALLOWED_SQL('pa.member_id')}`,
    [clientId, p.from, p.to],
  );
  const r = rows[0] ?? {};
  return {
    requests: num(r.requests),
    members: num(r.members),
    approved: num(r.approved),
    decided: num(r.decided),
  };
}
