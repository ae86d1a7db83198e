// Claim writes: the plain insert, the paid B1's guarded accumulator upsert + insert (one statement), the
// family locks and the plan-year row. Every paid claim bumps both accumulator versions (see repo.ts).
import { newId } from '@openpbm/db';
import type { DurResponseEntry, TRANSACTION_CODES } from '@openpbm/db/schema/claims';
import type { Channel, Tier } from '@openpbm/domain';
import { InvariantBroken } from '../platform/internal-errors';
import type { NamedStatement } from '../platform/named-query';
import type { Run } from './repo';

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
  /** 343-HD on a B1 ('P' / 'C'), the intended whole fill (344-HF, 345-HG), and the partial a 'C' completes. */
  dispensingStatus: 'P' | 'C' | null;
  intendedQuantityMilli: number | null;
  intendedDaysSupply: number | null;
  partialOfClaimId: string | null;
  /** 426-DQ as submitted; null when not sent (and on reversals). */
  usualAndCustomaryCents: number | null;
}

export const CLAIM_COLUMNS = `id, transaction_code, bin, pcn, rx_group, service_provider_id, pharmacy_id, member_id, client_id,
  plan_id, plan_year_id, prescription_id, prescriber_id, rx_number, fill_number, ndc, drug_group_id, quantity_milli,
  days_supply, date_of_service, status, reject_codes, tier, channel, ingredient_cost_cents, dispensing_fee_cents,
  patient_pay_cents, plan_pay_cents, applied_to_deductible_cents, applied_to_oop_cents, authorization_number,
  raw_request_enc, raw_response_enc, dur_response, reversal_of_claim_id, received_at, dispensing_status,
  intended_quantity_milli, intended_days_supply, partial_of_claim_id, usual_and_customary_cents`;

export const CLAIM_VALUES = `$1::uuid, $2, $3, $4, $5, $6, $7::uuid, $8::uuid, $9::uuid, $10::uuid, $11::uuid, $12::uuid, $13::uuid,
  $14, $15::smallint, $16, $17::uuid, $18::int, $19::int, $20::date, $21, $22::text[], $23::smallint, $24, $25::int,
  $26::int, $27::int, $28::int, $29::int, $30::int, $31, $32, $33, $34::jsonb, $35::uuid, $36::timestamptz, $37, $38::int, $39::int, $40::uuid,
  $41::int`;

export function claimValues(c: ClaimRow): unknown[] {
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
    c.dispensingStatus,
    c.intendedQuantityMilli,
    c.intendedDaysSupply,
    c.partialOfClaimId,
    c.usualAndCustomaryCents,
  ];
}

const INSERT_CLAIM: NamedStatement = {
  name: 'claim_insert_v3',
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
  name: 'claim_pay_v3',
  text: `with
fam as (
  insert into accumulators as a (id, plan_year_id, scope, member_id, deductible_cents, oop_cents, version)
  values ($42::uuid, $11::uuid, 'family', $44::uuid, $45::int, $46::int, 1)
  on conflict (plan_year_id, scope, member_id) do update
    set deductible_cents = a.deductible_cents + excluded.deductible_cents,
        oop_cents = a.oop_cents + excluded.oop_cents, version = a.version + 1, updated_at = now()
    where a.version = $47::int
  returning 1
),
ind as (
  insert into accumulators as a (id, plan_year_id, scope, member_id, deductible_cents, oop_cents, version)
  select $43::uuid, $11::uuid, 'individual', $8::uuid, $45::int, $46::int, 1 where exists (select 1 from fam)
  on conflict (plan_year_id, scope, member_id) do update
    set deductible_cents = a.deductible_cents + excluded.deductible_cents,
        oop_cents = a.oop_cents + excluded.oop_cents, version = a.version + 1, updated_at = now()
    where a.version = $48::int
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
  if (!id) throw new InvariantBroken('plan year could not be created');
  return id;
}
