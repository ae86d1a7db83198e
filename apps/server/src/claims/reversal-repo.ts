// B2 reversal SQL: find the B1 a reversal names, then reverse it and give its amounts back in one statement.

import { InvariantBroken } from '../platform/internal-errors';
import type { NamedStatement } from '../platform/named-query';
import type { StoredClaimSummary } from './claim-context-repo';
import { CLAIM_COLUMNS, CLAIM_VALUES, type ClaimRow, claimValues } from './claim-write-repo';
import type { Run } from './repo';

const FIND_REVERSIBLE: NamedStatement = {
  name: 'claim_find_reversible_v4',
  text: `select id, status, member_id, plan_year_id, applied_to_deductible_cents, applied_to_oop_cents, pharmacy_id,
    ndc, quantity_milli, days_supply, raw_request_enc, raw_response_enc, ingredient_cost_cents, dispensing_fee_cents,
    patient_pay_cents, plan_pay_cents, authorization_number, tier, channel, dispensing_status,
    (select subscriber_id from members m where m.id = c.member_id) as subscriber_id,
    (select raw_response_enc from claims r where r.reversal_of_claim_id = c.id and r.transaction_code = 'B2'
      and r.status = 'reversed' limit 1) as reversal_response_enc,
    (select id from claims r where r.reversal_of_claim_id = c.id and r.transaction_code = 'B2'
      and r.status = 'reversed' limit 1) as reversal_id,
    exists(select 1 from claims x where x.partial_of_claim_id = c.id and x.transaction_code = 'B1'
      and x.status = 'paid') as completed
  from claims c
  where service_provider_id = $1 and rx_number = $2 and fill_number = $3 and date_of_service = $4::date
    and transaction_code = 'B1' and status in ('paid', 'reversed')
    and ($5::text is null or dispensing_status is not distinct from $5::text)
  -- A same-day partial and completion: the completion first (the last dispensed is reversed first).
  order by (status = 'paid') desc, (dispensing_status is not distinct from 'C') desc, received_at desc
  limit 1`,
};

export interface ReversibleClaim extends StoredClaimSummary {
  id: string;
  status: 'paid' | 'reversed';
  member_id: string | null;
  /** The B1's own raw request (a rebill's B1 keeps the B3's). */
  raw_request_enc: string;
  subscriber_id: string | null;
  plan_year_id: string | null;
  applied_to_deductible_cents: number;
  applied_to_oop_cents: number;
  pharmacy_id: string | null;
  reversal_id: string | null;
  reversal_response_enc: string | null;
  /** A partial fill (343-HD P) whose completion is paid: reversed only after the completion. */
  completed: boolean;
  dispensing_status: 'P' | 'C' | null;
}

const PARTIAL_COMPLETED: NamedStatement = {
  name: 'claim_partial_completed_v1',
  text: `select exists(select 1 from claims x where x.partial_of_claim_id = $1::uuid and x.transaction_code = 'B1'
    and x.status = 'paid') as completed`,
};

/** Read again under the family lock: a completion paid since the B2 first looked stops the partial's reversal. */
export async function partialCompletedNow(run: Run, partialId: string): Promise<boolean> {
  const rows = await run<{ completed: boolean }>(PARTIAL_COMPLETED, [partialId]);
  return rows[0]?.completed ?? false;
}

export async function findReversibleClaim(
  run: Run,
  keys: {
    serviceProviderId: string;
    rxNumber: string;
    fillNumber: number;
    dateOfService: string;
    /** 343-HD when the reversal names it: the partial or the completion of a same-day pair. */
    dispensingStatus: 'P' | 'C' | null;
  },
): Promise<ReversibleClaim | null> {
  const rows = await run<ReversibleClaim>(FIND_REVERSIBLE, [
    keys.serviceProviderId,
    keys.rxNumber,
    keys.fillNumber,
    keys.dateOfService,
    keys.dispensingStatus,
  ]);
  return rows[0] ?? null;
}

const REVERSE_CLAIM: NamedStatement = {
  name: 'claim_reverse_v3',
  text: `with
target as (
  update claims set status = 'reversed', reversed_at = $36::timestamptz
  where id = $35::uuid and status = 'paid' and transaction_code = 'B1'
  returning member_id, plan_year_id, applied_to_deductible_cents as d, applied_to_oop_cents as o
),
fam as (
  update accumulators a set deductible_cents = a.deductible_cents - t.d, oop_cents = a.oop_cents - t.o,
    version = a.version + 1, updated_at = now()
  from target t
  where a.plan_year_id = t.plan_year_id and a.scope = 'family' and a.member_id = $42::uuid
  returning 1
),
ind as (
  update accumulators a set deductible_cents = a.deductible_cents - t.d, oop_cents = a.oop_cents - t.o,
    version = a.version + 1, updated_at = now()
  from target t
  where a.plan_year_id = t.plan_year_id and a.scope = 'individual' and a.member_id = t.member_id
    and exists (select 1 from fam)
  returning 1
),
ins as (
  insert into claims (${CLAIM_COLUMNS})
  select ${CLAIM_VALUES} where exists (select 1 from target)
  returning 1
)
select (select count(*) from target)::int as target, (select count(*) from fam)::int as fam,
  (select count(*) from ind)::int as ind, (select count(*) from ins)::int as ins`,
};

export class ReversalRaced extends Error {
  constructor() {
    super('the claim was reversed concurrently');
  }
}

/**
 * Marks the B1 reversed, takes its amounts back out of both accumulator rows (the non-negative check
 * constraint refuses anything that would go below zero) and stores the B2, in one transaction.
 */
export async function reverseClaim(run: Run, reversal: ClaimRow, subscriberId: string): Promise<void> {
  const rows = await run<{ target: number; fam: number; ind: number; ins: number }>(REVERSE_CLAIM, [
    ...claimValues(reversal),
    subscriberId,
  ]);
  const r = rows[0];
  if (r?.target !== 1 || r.ins !== 1) throw new ReversalRaced();
  if (r.fam !== 1 || r.ind !== 1) throw new InvariantBroken('accumulator rows of a paid claim are missing');
}
