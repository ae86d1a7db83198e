// SQL of the transactions stored as an original and its reversal besides B1/B2: N1/N2 information reports and
// S1/S2 professional services. Find the original a reversal or rebill names; reverse it (giving back what it
// applied to the accumulators, if anything) and store the reversal row, in one statement. Plus the two look-ups
// these families need: the plan's information-report setting and its service fee schedule.
import type { NamedStatement } from '../platform/named-query';
import { CLAIM_COLUMNS, CLAIM_VALUES, type ClaimRow, claimValues } from './claim-write-repo';
import type { Run } from './repo';
import { ReversalRaced } from './reversal-repo';

/** An original (N1 captured / S1 paid) and its reversal code. */
export interface PairKind {
  original: 'N1' | 'S1';
  live: 'captured' | 'paid';
  reversal: 'N2' | 'S2';
}
export const INFORMATION_REPORT: PairKind = { original: 'N1', live: 'captured', reversal: 'N2' };
export const SERVICE: PairKind = { original: 'S1', live: 'paid', reversal: 'S2' };

const FIND_ORIGINAL: NamedStatement = {
  name: 'claim_find_pair_original_v1',
  text: `select id, status, member_id, plan_year_id, applied_to_deductible_cents, applied_to_oop_cents,
    plan_pay_cents, ndc, raw_response_enc, authorization_number, quantity_milli,
    (select subscriber_id from members m where m.id = c.member_id) as subscriber_id,
    (select raw_response_enc from claims r where r.reversal_of_claim_id = c.id and r.transaction_code = $7
      and r.status = 'reversed' limit 1) as reversal_response_enc
  from claims c
  where service_provider_id = $1 and rx_number = $2 and fill_number = $3 and date_of_service = $4::date
    and transaction_code = $5 and status in ($6, 'reversed')
  order by (status = $6) desc, received_at desc
  limit 1`,
};

export interface PairOriginal {
  id: string;
  status: 'captured' | 'paid' | 'reversed';
  member_id: string | null;
  subscriber_id: string | null;
  plan_year_id: string | null;
  applied_to_deductible_cents: number;
  applied_to_oop_cents: number;
  plan_pay_cents: number;
  authorization_number: string | null;
  quantity_milli: number | null;
  raw_response_enc: string | null;
  reversal_response_enc: string | null;
}

export async function findPairOriginal(
  run: Run,
  kind: PairKind,
  keys: { serviceProviderId: string; rxNumber: string; fillNumber: number; dateOfService: string },
): Promise<PairOriginal | null> {
  const rows = await run<PairOriginal>(FIND_ORIGINAL, [
    keys.serviceProviderId,
    keys.rxNumber,
    keys.fillNumber,
    keys.dateOfService,
    kind.original,
    kind.live,
    kind.reversal,
  ]);
  return rows[0] ?? null;
}

const REVERSE_ORIGINAL: NamedStatement = {
  name: 'claim_reverse_pair_v3',
  text: `with
target as (
  update claims set status = 'reversed', reversed_at = $36::timestamptz
  where id = $35::uuid and status = $43 and transaction_code = $44
  returning member_id, plan_year_id, applied_to_deductible_cents as d, applied_to_oop_cents as o
),
fam as (
  update accumulators a set deductible_cents = a.deductible_cents - t.d, oop_cents = a.oop_cents - t.o,
    version = a.version + 1, updated_at = now()
  from target t
  where (t.d > 0 or t.o > 0) and a.plan_year_id = t.plan_year_id and a.scope = 'family' and a.member_id = $42::uuid
  returning 1
),
ind as (
  update accumulators a set deductible_cents = a.deductible_cents - t.d, oop_cents = a.oop_cents - t.o,
    version = a.version + 1, updated_at = now()
  from target t
  where (t.d > 0 or t.o > 0) and a.plan_year_id = t.plan_year_id and a.scope = 'individual'
    and a.member_id = t.member_id
  returning 1
),
ins as (
  insert into claims (${CLAIM_COLUMNS})
  select ${CLAIM_VALUES} where exists (select 1 from target)
  returning 1
)
select (select count(*) from target)::int as target, (select count(*) from ins)::int as ins,
  (select count(*) from fam)::int as fam, (select count(*) from ind)::int as ind,
  coalesce((select d + o from target), 0)::int as applied`,
};

/**
 * Marks the original reversed, takes what it applied back out of both accumulator rows (the non-negative
 * check refuses anything below zero) and stores the reversal row, all in one statement.
 */
export async function reversePair(
  run: Run,
  kind: PairKind,
  reversal: ClaimRow,
  subscriberId: string | null,
): Promise<void> {
  const rows = await run<{ target: number; ins: number; fam: number; ind: number; applied: number }>(
    REVERSE_ORIGINAL,
    [...claimValues(reversal), subscriberId, kind.live, kind.original],
  );
  const r = rows[0];
  if (r?.target !== 1 || r.ins !== 1) throw new ReversalRaced();
  if (r.applied > 0 && (r.fam !== 1 || r.ind !== 1)) throw new ReversalRaced();
}

const PLAN_SETTINGS: NamedStatement = {
  name: 'claim_plan_information_reports_v1',
  text: 'select information_reports_count as counts from plans where id = $1::uuid',
};

/** Whether the plan counts fills paid outside it (N1/N3) toward the deductible and out-of-pocket maximum. */
export async function informationReportsCount(run: Run, planId: string): Promise<boolean> {
  const rows = await run<{ counts: boolean }>(PLAN_SETTINGS, [planId]);
  return rows[0]?.counts === true;
}

const SERVICE_FEE: NamedStatement = {
  name: 'claim_service_fee_v1',
  text: `select fee_cents, name from plan_service_fees
  where plan_id = $1::uuid and service_id_qualifier = $2 and service_id = $3
    and effective_from <= $4::date and (effective_to is null or effective_to >= $4::date)
  order by effective_from desc
  limit 1`,
};

/** The plan's fee for a professional service on the date of service, or null when it has none. */
export async function serviceFee(
  run: Run,
  of: { planId: string; qualifier: string; serviceId: string; dateOfService: string },
): Promise<{ fee_cents: number; name: string } | null> {
  const rows = await run<{ fee_cents: number; name: string }>(SERVICE_FEE, [
    of.planId,
    of.qualifier,
    of.serviceId,
    of.dateOfService,
  ]);
  return rows[0] ?? null;
}
