// Claims SQL: fixed statements run as named prepared statements (planned once per connection).
//
// A B1 takes two round trips on the fast path: one read that returns everything the claim needs as one JSON
// value (member benefit context + routing, pharmacy contract, medication history, prior authorizations,
// interactions, duplicate check), then one write statement, atomic on its own, that upserts the family and
// the individual accumulator rows only if their `version` is still the one read, and inserts the claim only
// if both did. Every paid claim and reversal bumps both versions, so a read that a concurrent claim of the
// same family made stale is detected at write time (AccumulatorConflict) and the claim is adjudicated again.
// After repeated conflicts the service switches to the locked path: BEGIN; lock the family (the subscriber's
// member row, FOR NO KEY UPDATE); read; write; COMMIT — claims of one family then queue instead of retrying.
import type { Database } from '@openpbm/db';
import { newId } from '@openpbm/db';
import type { DurResponseEntry, TRANSACTION_CODES } from '@openpbm/db/schema/claims';
import type { Channel, Tier } from '@openpbm/domain';
import type { RawContext } from '../benefits/member-benefit-context';
import { contextCtesSql, contextJsonSql } from '../benefits/member-benefit-context-repo';
import { type NamedStatement, namedQuery } from '../platform/named-query';

// ---- the read -----------------------------------------------------------------------------------------------

export const CLAIM_CONTEXT: NamedStatement = {
  name: 'claim_context_v3',
  text: `with
claim_routing as (select id from plans where bin = $3 and pcn = $4 and rx_group = $5),
claim_cardholder as (select id, subscriber_id, person_code from members where member_number_bidx = $1),
claim_member as (
  select c.id from claim_cardholder c where $2::text is null or c.person_code = $2::text
  union all
  select m.id from claim_cardholder c join members m on m.subscriber_id = c.subscriber_id
  where $2::text is not null and c.person_code <> $2::text and m.person_code = $2::text
  limit 1
),
${contextCtesSql({
  memberId: '(select id from claim_member)',
  dateOfService: '$6',
  at: 'null',
  planId: '(select id from claim_routing)',
  drugNdcs: 'array[$7::text]',
  drugGroupIds: 'array[null::uuid]',
})},
claim_pharmacy as (
  select id, npi, ncpdp_id, chain_code, home_delivery, specialty, status from pharmacies where id = $8::uuid
),
claim_contract as (
  select discount_bps, generic_discount_bps, dispensing_fee_cents, effective_date, termination_date
  from network_pharmacies
  where network_id = (select pharmacy_network_id from ctx_plan) and pharmacy_id = $8::uuid
),
claim_history as (
  select c.id, c.ndc, c.date_of_service, c.days_supply, c.quantity_milli, c.pharmacy_id, c.prescriber_id,
    (select p.chain_code from pharmacies p where p.id = c.pharmacy_id) as chain_code,
    g.id as group_id, g.name as group_name, g.ingredients, g.therapeutic_class_id
  from claims c
  cross join lateral (select * from drug_groups g where g.id = c.drug_group_id) g
  where c.member_id = (select id from claim_member) and c.transaction_code = 'B1' and c.status = 'paid'
    and c.date_of_service >= $12::date
),
-- Approved PAs and formulary exceptions; an approved appeal grants what the case it appealed asked for.
claim_prior_auths as (
  select a.id, a.drug_group_id, a.effective_from, a.effective_to, a.approved_quantity_milli,
    a.approved_days_supply, coalesce(parent.type, a.type) as grants, a.requested_tier
  from prior_authorizations a
  left join prior_authorizations parent on parent.id = a.parent_id
  where a.member_id = (select id from claim_member)
    and a.drug_group_id = (select group_id from ctx_drug where ord = 1)
    and a.status = 'approved' and a.effective_from is not null and a.effective_to is not null
),
claim_history_ingredients as (select distinct unnest(ingredients) as ingredient from claim_history),
claim_interactions as (
  select i.ingredient_a, i.ingredient_b, i.severity, i.message from drug_interactions i
  where (i.ingredient_a = any(coalesce((select ingredients from ctx_drug where ord = 1), '{}'::text[]))
      and i.ingredient_b in (select ingredient from claim_history_ingredients))
     or (i.ingredient_b = any(coalesce((select ingredients from ctx_drug where ord = 1), '{}'::text[]))
      and i.ingredient_a in (select ingredient from claim_history_ingredients))
),
claim_duplicate as (
  select id, member_id, ndc, quantity_milli, days_supply, raw_response_enc, ingredient_cost_cents,
    dispensing_fee_cents, patient_pay_cents, plan_pay_cents, applied_to_deductible_cents, applied_to_oop_cents,
    authorization_number, tier, channel
  from claims
  where service_provider_id = $9 and rx_number = $10 and fill_number = $11 and date_of_service = $6::date
    and transaction_code = 'B1' and status = 'paid'
  limit 1
)
select json_build_object(
  'planId', (select id from claim_routing),
  'binKnown', exists(select 1 from plans where bin = $3),
  'pcnKnown', exists(select 1 from plans where bin = $3 and pcn = $4),
  'cardholderFound', exists(select 1 from claim_cardholder),
  'memberDateOfBirthEnc', (select date_of_birth_enc from ctx_member),
  'context', case when exists(select 1 from ctx_member) then ${contextJsonSql} end,
  'pharmacy', (select row_to_json(p) from claim_pharmacy p),
  'contract', (select row_to_json(c) from claim_contract c),
  'prescriberId', (select id from prescribers where npi = $13),
  'prescriptionId', (select id from prescriptions where rx_number = $10 and pharmacy_id = $8::uuid
      and member_id = (select id from claim_member)),
  'history', (select coalesce(json_agg(row_to_json(h)), '[]'::json) from claim_history h),
  'priorAuths', (select coalesce(json_agg(row_to_json(a)), '[]'::json) from claim_prior_auths a),
  'interactions', (select coalesce(json_agg(row_to_json(i)), '[]'::json) from claim_interactions i),
  'duplicate', (select row_to_json(d) from claim_duplicate d)
) as claim`,
};

export interface ClaimContextArgs {
  memberNumberBidx: string;
  personCode: string | null;
  bin: string;
  pcn: string;
  group: string;
  dateOfService: string;
  ndc: string | null;
  pharmacyId: string;
  serviceProviderId: string;
  rxNumber: string | null;
  fillNumber: number | null;
  historySince: string;
  prescriberNpi: string | null;
}

export interface StoredClaimSummary {
  id: string;
  member_id: string | null;
  ndc: string | null;
  quantity_milli: number | null;
  days_supply: number | null;
  raw_response_enc: string | null;
  ingredient_cost_cents: number;
  dispensing_fee_cents: number;
  patient_pay_cents: number;
  plan_pay_cents: number;
  applied_to_deductible_cents: number;
  applied_to_oop_cents: number;
  authorization_number: string | null;
  tier: Tier | null;
  channel: Channel | null;
}

export interface RawClaimContext {
  planId: string | null;
  binKnown: boolean;
  pcnKnown: boolean;
  cardholderFound: boolean;
  memberDateOfBirthEnc: string | null;
  context: RawContext | null;
  pharmacy: {
    id: string;
    npi: string;
    ncpdp_id: string;
    chain_code: string | null;
    home_delivery: boolean;
    specialty: boolean;
    status: 'active' | 'inactive';
  } | null;
  contract: {
    discount_bps: number;
    generic_discount_bps: number;
    dispensing_fee_cents: number;
    effective_date: string;
    termination_date: string | null;
  } | null;
  prescriberId: string | null;
  prescriptionId: string | null;
  history: Array<{
    id: string;
    ndc: string;
    date_of_service: string;
    days_supply: number;
    quantity_milli: number;
    pharmacy_id: string | null;
    prescriber_id: string | null;
    chain_code: string | null;
    group_id: string;
    group_name: string;
    ingredients: string[];
    therapeutic_class_id: string;
  }>;
  priorAuths: Array<{
    id: string;
    drug_group_id: string;
    effective_from: string;
    effective_to: string;
    approved_quantity_milli: number | null;
    approved_days_supply: number | null;
    /** What the approval grants (an appeal: its parent's type). */
    grants: 'prior_auth' | 'formulary_exception';
    /** Formulary exception: the tier asked for, which the approval grants. */
    requested_tier: Tier | null;
  }>;
  interactions: Array<{
    ingredient_a: string;
    ingredient_b: string;
    severity: 'major' | 'moderate' | 'minor';
    message: string;
  }>;
  duplicate: StoredClaimSummary | null;
}

export async function selectClaimContext(run: Run, a: ClaimContextArgs): Promise<RawClaimContext> {
  const rows = await run<{ claim: RawClaimContext }>(CLAIM_CONTEXT, [
    a.memberNumberBidx,
    a.personCode,
    a.bin,
    a.pcn,
    a.group,
    a.dateOfService,
    a.ndc,
    a.pharmacyId,
    a.serviceProviderId,
    a.rxNumber,
    a.fillNumber,
    a.historySince,
    a.prescriberNpi,
  ]);
  const row = rows[0];
  if (!row) throw new Error('claim context statement returned no row');
  return row.claim;
}

// ---- the writes ---------------------------------------------------------------------------------------------

/** Every column of a stored claim row the service sets. */
export interface ClaimRow {
  id: string;
  transactionCode: (typeof TRANSACTION_CODES)[number];
  bin: string;
  pcn: string;
  rxGroup: string;
  serviceProviderId: string;
  pharmacyId: string | null;
  memberId: string | null;
  clientId: string | null;
  planId: string | null;
  planYearId: string | null;
  prescriptionId: string | null;
  prescriberId: string | null;
  rxNumber: string | null;
  fillNumber: number | null;
  ndc: string | null;
  drugGroupId: string | null;
  quantityMilli: number | null;
  daysSupply: number | null;
  dateOfService: string;
  status: 'paid' | 'rejected' | 'reversed' | 'captured';
  rejectCodes: string[];
  tier: Tier | null;
  channel: Channel | null;
  ingredientCostCents: number;
  dispensingFeeCents: number;
  patientPayCents: number;
  planPayCents: number;
  appliedToDeductibleCents: number;
  appliedToOopCents: number;
  authorizationNumber: string | null;
  rawRequestEnc: string;
  rawResponseEnc: string;
  durResponse: DurResponseEntry[] | null;
  reversalOfClaimId: string | null;
  receivedAt: Date;
}

const CLAIM_COLUMNS = `id, transaction_code, bin, pcn, rx_group, service_provider_id, pharmacy_id, member_id, client_id,
  plan_id, plan_year_id, prescription_id, prescriber_id, rx_number, fill_number, ndc, drug_group_id, quantity_milli,
  days_supply, date_of_service, status, reject_codes, tier, channel, ingredient_cost_cents, dispensing_fee_cents,
  patient_pay_cents, plan_pay_cents, applied_to_deductible_cents, applied_to_oop_cents, authorization_number,
  raw_request_enc, raw_response_enc, dur_response, reversal_of_claim_id, received_at`;

const CLAIM_VALUES = `$1::uuid, $2, $3, $4, $5, $6, $7::uuid, $8::uuid, $9::uuid, $10::uuid, $11::uuid, $12::uuid, $13::uuid,
  $14, $15::smallint, $16, $17::uuid, $18::int, $19::int, $20::date, $21, $22::text[], $23::smallint, $24, $25::int,
  $26::int, $27::int, $28::int, $29::int, $30::int, $31, $32, $33, $34::jsonb, $35::uuid, $36::timestamptz`;

function claimValues(c: ClaimRow): unknown[] {
  return [
    c.id,
    c.transactionCode,
    c.bin,
    c.pcn,
    c.rxGroup,
    c.serviceProviderId,
    c.pharmacyId,
    c.memberId,
    c.clientId,
    c.planId,
    c.planYearId,
    c.prescriptionId,
    c.prescriberId,
    c.rxNumber,
    c.fillNumber,
    c.ndc,
    c.drugGroupId,
    c.quantityMilli,
    c.daysSupply,
    c.dateOfService,
    c.status,
    c.rejectCodes,
    c.tier,
    c.channel,
    c.ingredientCostCents,
    c.dispensingFeeCents,
    c.patientPayCents,
    c.planPayCents,
    c.appliedToDeductibleCents,
    c.appliedToOopCents,
    c.authorizationNumber,
    c.rawRequestEnc,
    c.rawResponseEnc,
    c.durResponse === null ? null : JSON.stringify(c.durResponse),
    c.reversalOfClaimId,
    c.receivedAt.toISOString(),
  ];
}

const INSERT_CLAIM: NamedStatement = {
  name: 'claim_insert_v1',
  text: `insert into claims (${CLAIM_COLUMNS}) values (${CLAIM_VALUES})`,
};

/** A claim that changes no accumulator (rejected, E1, …). */
export async function insertClaim(run: Run, claim: ClaimRow): Promise<void> {
  await run(INSERT_CLAIM, claimValues(claim));
}

const LOCK_FAMILY: NamedStatement = {
  name: 'claim_lock_family_v1',
  text: `select m.id from members m
where m.id = (select subscriber_id from members where member_number_bidx = $1)
for no key update of m`,
};

/**
 * Locks the cardholder's family until the transaction ends (no-op when the cardholder is unknown). NO KEY UPDATE
 * does not conflict with the key-share locks foreign-key checks take, so inserts referencing members never wait.
 */
export async function lockFamily(run: Run, memberNumberBidx: string): Promise<void> {
  await run(LOCK_FAMILY, [memberNumberBidx]);
}

const LOCK_FAMILY_OF_CLAIM: NamedStatement = {
  name: 'claim_lock_family_of_claim_v1',
  text: `select m.id from members m
where m.id = (select x.subscriber_id from claims c join members x on x.id = c.member_id where c.id = $1::uuid)
for no key update of m`,
};

export async function lockFamilyOfClaim(run: Run, claimId: string): Promise<void> {
  await run(LOCK_FAMILY_OF_CLAIM, [claimId]);
}

/**
 * The paid B1 in one atomic statement: both accumulator rows (family first, then individual) are upserted
 * only when their version is still the one adjudication read (0 = the row did not exist), then the claim is
 * inserted. Throws AccumulatorConflict when a concurrent claim of the family changed them (nothing written).
 */
const PAY_CLAIM: NamedStatement = {
  name: 'claim_pay_v1',
  text: `with
fam as (
  insert into accumulators as a (id, plan_year_id, scope, member_id, deductible_cents, oop_cents, version)
  values ($37::uuid, $11::uuid, 'family', $39::uuid, $40::int, $41::int, 1)
  on conflict (plan_year_id, scope, member_id) do update
    set deductible_cents = a.deductible_cents + excluded.deductible_cents,
        oop_cents = a.oop_cents + excluded.oop_cents, version = a.version + 1, updated_at = now()
    where a.version = $42::int
  returning 1
),
ind as (
  insert into accumulators as a (id, plan_year_id, scope, member_id, deductible_cents, oop_cents, version)
  select $38::uuid, $11::uuid, 'individual', $8::uuid, $40::int, $41::int, 1 where exists (select 1 from fam)
  on conflict (plan_year_id, scope, member_id) do update
    set deductible_cents = a.deductible_cents + excluded.deductible_cents,
        oop_cents = a.oop_cents + excluded.oop_cents, version = a.version + 1, updated_at = now()
    where a.version = $43::int
  returning 1
),
ins as (
  insert into claims (${CLAIM_COLUMNS})
  select ${CLAIM_VALUES} where exists (select 1 from ind)
  returning 1
)
select (select count(*) from fam)::int as fam, (select count(*) from ind)::int as ind,
  (select count(*) from ins)::int as ins,
  -- Family updated but not the individual row would be a half-applied claim: abort the whole statement. (It
  -- cannot happen while every accumulator change updates both rows, family first, in one statement.)
  case when (select count(*) from fam) = (select count(*) from ind) then 0
    else ('accumulators half-applied, family rows: ' || (select count(*) from fam))::int end as guard`,
};

export interface AccumulatorGuard {
  subscriberId: string;
  deltaDeductibleCents: number;
  deltaOopCents: number;
  /** Versions read with the context; 0 when the row did not exist. */
  familyVersion: number;
  individualVersion: number;
}

export class AccumulatorConflict extends Error {
  constructor() {
    super('accumulators changed since the claim was read');
  }
}

export async function payClaim(run: Run, claim: ClaimRow, guard: AccumulatorGuard): Promise<void> {
  const rows = await run<{ fam: number; ind: number; ins: number }>(PAY_CLAIM, [
    ...claimValues(claim),
    newId(),
    newId(),
    guard.subscriberId,
    guard.deltaDeductibleCents,
    guard.deltaOopCents,
    guard.familyVersion,
    guard.individualVersion,
  ]);
  const r = rows[0];
  // Nothing was written when the family row's version moved (fam = 0 makes ind and ins empty too).
  if (r?.fam !== 1 || r.ind !== 1 || r.ins !== 1) throw new AccumulatorConflict();
}

const ENSURE_PLAN_YEAR: NamedStatement = {
  name: 'plan_year_ensure_v1',
  text: `with ins as (
  insert into plan_years (id, plan_id, year, start_date, end_date) values ($1::uuid, $2::uuid, $3::int, $4::date, $5::date)
  on conflict (plan_id, year) do nothing returning id
)
select id from ins union all select id from plan_years where plan_id = $2::uuid and year = $3::int limit 1`,
};

/** The plan_years row of a plan year computed by the rules (created on the plan's first claim of the year). */
export async function ensurePlanYear(
  run: Run,
  planId: string,
  planYear: { year: number; startDate: string; endDate: string },
): Promise<string> {
  const rows = await run<{ id: string }>(ENSURE_PLAN_YEAR, [
    newId(),
    planId,
    planYear.year,
    planYear.startDate,
    planYear.endDate,
  ]);
  const id = rows[0]?.id;
  if (!id) throw new Error('plan year could not be created');
  return id;
}

// ---- reversal (B2) ------------------------------------------------------------------------------------------

const FIND_REVERSIBLE: NamedStatement = {
  name: 'claim_find_reversible_v1',
  text: `select id, status, member_id, plan_year_id, applied_to_deductible_cents, applied_to_oop_cents, pharmacy_id,
    (select subscriber_id from members m where m.id = c.member_id) as subscriber_id,
    (select raw_response_enc from claims r where r.reversal_of_claim_id = c.id and r.transaction_code = 'B2'
      and r.status = 'reversed' limit 1) as reversal_response_enc,
    (select id from claims r where r.reversal_of_claim_id = c.id and r.transaction_code = 'B2'
      and r.status = 'reversed' limit 1) as reversal_id
  from claims c
  where service_provider_id = $1 and rx_number = $2 and fill_number = $3 and date_of_service = $4::date
    and transaction_code = 'B1' and status in ('paid', 'reversed')
  order by (status = 'paid') desc, received_at desc
  limit 1`,
};

export interface ReversibleClaim {
  id: string;
  status: 'paid' | 'reversed';
  member_id: string | null;
  subscriber_id: string | null;
  plan_year_id: string | null;
  applied_to_deductible_cents: number;
  applied_to_oop_cents: number;
  pharmacy_id: string | null;
  reversal_id: string | null;
  reversal_response_enc: string | null;
}

export async function findReversibleClaim(
  run: Run,
  keys: { serviceProviderId: string; rxNumber: string; fillNumber: number; dateOfService: string },
): Promise<ReversibleClaim | null> {
  const rows = await run<ReversibleClaim>(FIND_REVERSIBLE, [
    keys.serviceProviderId,
    keys.rxNumber,
    keys.fillNumber,
    keys.dateOfService,
  ]);
  return rows[0] ?? null;
}

const REVERSE_CLAIM: NamedStatement = {
  name: 'claim_reverse_v1',
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
  where a.plan_year_id = t.plan_year_id and a.scope = 'family' and a.member_id = $37::uuid
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
  if (r.fam !== 1 || r.ind !== 1) throw new Error('accumulator rows of a paid claim are missing');
}

// ---- transactions on the raw client -------------------------------------------------------------------------

/** Runs a fixed statement on the transaction's connection (or, outside one, on the pool). */
// ---- controlled substance reports (C1-C3) ---------------------------------------------------------------------

const FIND_REPORT: NamedStatement = {
  name: 'claim_find_report_v1',
  text: `select id from claims
  where service_provider_id = $1 and rx_number = $2 and fill_number = $3 and date_of_service = $4::date
    and transaction_code in ('C1', 'C3') and status = 'captured'
  order by received_at desc
  limit 1`,
};

/** The report in force for these keys (a C1, or the C3 that replaced it), or null. */
export async function findReport(
  run: Run,
  keys: { serviceProviderId: string; rxNumber: string; fillNumber: number; dateOfService: string },
): Promise<string | null> {
  const rows = await run<{ id: string }>(FIND_REPORT, [
    keys.serviceProviderId,
    keys.rxNumber,
    keys.fillNumber,
    keys.dateOfService,
  ]);
  return rows[0]?.id ?? null;
}

const WITHDRAW_REPORT: NamedStatement = {
  name: 'claim_withdraw_report_v1',
  text: `update claims set status = 'reversed', reversed_at = now() where id = $1 and status = 'captured'`,
};

/** Marks a report reversed (by a C2) or replaced (by a C3), then stores the C2/C3 row, in one transaction. */
export async function withdrawReport(run: Run, reportId: string, next: ClaimRow): Promise<void> {
  await run(WITHDRAW_REPORT, [reportId]);
  await insertClaim(run, next);
}

export type Run = <T>(statement: NamedStatement, values: unknown[]) => Promise<T[]>;

/** A Run outside any transaction (each statement autocommits). */
export const runOn =
  (db: Database): Run =>
  <T>(statement: NamedStatement, values: unknown[]) =>
    namedQuery<T>(db, statement, values);

interface PoolClientLike {
  query(config: { name?: string; text: string; values?: unknown[] }): Promise<{ rows: unknown[] }>;
  release(err?: Error | boolean): void;
}

interface PgliteLike {
  waitReady: unknown;
  transaction<T>(
    fn: (tx: { query(text: string, values: unknown[]): Promise<{ rows: unknown[] }> }) => Promise<T>,
  ): Promise<T>;
}

/** BEGIN … COMMIT on one connection (PostgreSQL) or PGlite's exclusive transaction; rolls back on throw. */
export async function withTransaction<T>(db: Database, fn: (run: Run) => Promise<T>): Promise<T> {
  const client = (db as unknown as { $client: unknown }).$client;
  if (client && typeof client === 'object' && 'waitReady' in client) {
    return (client as PgliteLike).transaction((tx) =>
      fn(async <R>(s: NamedStatement, values: unknown[]) => (await tx.query(s.text, values)).rows as R[]),
    );
  }
  const pool = client as { connect(): Promise<PoolClientLike> };
  const conn = await pool.connect();
  let broken = false;
  try {
    // One round trip; the fixed statements below use their generic plan from the first execution.
    await conn.query({ text: 'begin; set local plan_cache_mode = force_generic_plan' });
    const result = await fn(
      async <R>(s: NamedStatement, values: unknown[]) =>
        (await conn.query({ name: s.name, text: s.text, values })).rows as R[],
    );
    await conn.query({ text: 'commit' });
    return result;
  } catch (err) {
    try {
      await conn.query({ text: 'rollback' });
    } catch {
      broken = true;
    }
    throw err;
  } finally {
    conn.release(broken);
  }
}

/** True for a unique violation of the paid-B1 duplicate index (a concurrent identical submission won). */
export function isDuplicatePaidViolation(err: unknown): boolean {
  const e = err as { code?: string; constraint?: string; message?: string } | null;
  if (e?.code !== '23505') return false;
  return e.constraint === 'claims_paid_b1_dedupe_uq' || /claims_paid_b1_dedupe_uq/.test(e.message ?? '');
}
