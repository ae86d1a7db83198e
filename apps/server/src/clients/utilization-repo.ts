// Aggregate SQL of the claims and utilization report: paid, unreversed claims of one client in a period, grouped
// by month, channel and tier, each with its distinct member count (for small-cell suppression). Members who opted
// out of de-identified use (privacy's predicate) are left out of every figure. Never a member row.
import type { DatabaseHandle } from '@openpbm/db';
import { DEIDENTIFIED_ALLOWED_SQL } from '../privacy/deidentified-opt-out';
import type { Period } from './report-repo';

export interface UtilizationAggregate {
  key: string;
  members: number;
  claims: number;
  daysSupply: number;
  planPaidCents: number;
  memberPaidCents: number;
}

const PAID = `c.client_id = $1 and c.transaction_code = 'B1' and c.status = 'paid' and c.reversed_at is null
  and c.date_of_service between $2::date and $3::date and ${DEIDENTIFIED_ALLOWED_SQL('c.member_id')}`;

const num = (v: unknown) => Number(v ?? 0);

/** `keyExpr` is trusted code from this file's callers, never input. */
async function grouped(
  db: DatabaseHandle,
  clientId: string,
  p: Period,
  keyExpr: string | null,
): Promise<UtilizationAggregate[]> {
  const key = keyExpr ?? `'total'`;
  const { rows } = await db.sql.query<Record<string, unknown>>(
    `select ${key} as key, count(distinct c.member_id) as members, count(*) as claims,
            coalesce(sum(c.days_supply), 0) as days_supply,
            coalesce(sum(c.plan_pay_cents), 0) as plan_paid, coalesce(sum(c.patient_pay_cents), 0) as member_paid
       from claims c
      where ${PAID}
      group by 1
      order by 1`,
    [clientId, p.from, p.to],
  );
  return rows.map((r) => ({
    key: String(r.key),
    members: num(r.members),
    claims: num(r.claims),
    daysSupply: num(r.days_supply),
    planPaidCents: num(r.plan_paid),
    memberPaidCents: num(r.member_paid),
  }));
}

export const utilizationTotals = async (db: DatabaseHandle, clientId: string, p: Period) =>
  (await grouped(db, clientId, p, null))[0] ?? {
    key: 'total',
    members: 0,
    claims: 0,
    daysSupply: 0,
    planPaidCents: 0,
    memberPaidCents: 0,
  };
export const utilizationByMonth = (db: DatabaseHandle, clientId: string, p: Period) =>
  grouped(db, clientId, p, `to_char(c.date_of_service, 'YYYY-MM')`);
export const utilizationByChannel = (db: DatabaseHandle, clientId: string, p: Period) =>
  grouped(db, clientId, p, `coalesce(c.channel, 'unknown')`);
export const utilizationByTier = (db: DatabaseHandle, clientId: string, p: Period) =>
  grouped(db, clientId, p, `coalesce(c.tier::text, 'unknown')`);
