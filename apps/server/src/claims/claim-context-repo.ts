// The one read of a claim: everything a B1 needs (member benefit context + routing, pharmacy contract,
// medication history, prior authorizations, interactions, duplicate check) as one JSON value, one round trip.
import type { Channel, ClarificationOverrideCode, ControlledSubstanceLimits, Tier } from '@openpbm/domain';
import type { RawContext } from '../benefits/member-benefit-context';
import { contextCtesSql, contextJsonSql } from '../benefits/member-benefit-context-repo';
import { InvariantBroken } from '../platform/internal-errors';
import type { NamedStatement } from '../platform/named-query';
import { OTHER_COVERAGE_JSON_SQL, type OtherCoverageRow, OVERRIDE_USES_JSON_SQL } from './cob-context-sql';
import type { Run } from './repo';

export const CLAIM_CONTEXT: NamedStatement = {
  name: 'claim_context_v7',
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
    c.dispensing_status, c.intended_quantity_milli, c.intended_days_supply, c.partial_of_claim_id,
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
  select i.ingredient_a, i.ingredient_b, i.severity, i.message, i.source from drug_interactions i
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
    and transaction_code = 'B1' and status = 'paid' and coalesce(dispensing_status, '') = coalesce($14::text, '')
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
  'duplicate', (select row_to_json(d) from claim_duplicate d),
  'otherCoverage', ${OTHER_COVERAGE_JSON_SQL},
  'overrideUses', ${OVERRIDE_USES_JSON_SQL},
  -- The prescriber is looked up once (by NPI or DEA number): found, and the registration it has.
  'controlled', (select json_build_object(
    'deaSchedule', (select g.dea_schedule from drug_products p join drug_groups g on g.id = p.drug_group_id
      where p.ndc = $7),
    'prescriberFound', pr.id is not null,
    'prescriberDea', pr.dea,
    'limits', (select controlled_substance_limits from plans where id = (select id from claim_routing)))
    from (select 1) one
    left join lateral (select id, dea from prescribers where npi = $13 or dea = $13 limit 1) pr on true)
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
  /** 343-HD: a partial fill and its completion on the same day are not duplicates of each other. */
  dispensingStatus: 'P' | 'C' | null;
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
    dispensing_status: 'P' | 'C' | null;
    intended_quantity_milli: number | null;
    intended_days_supply: number | null;
    partial_of_claim_id: string | null;
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
    source: string;
  }>;
  duplicate: StoredClaimSummary | null;
  otherCoverage: OtherCoverageRow[];
  overrideUses: Array<{ code: ClarificationOverrideCode; dateOfService: string }>;
  /** DEA schedule of the product, the prescriber's registration, and the plan's limits per schedule. */
  controlled: {
    deaSchedule: string | null;
    prescriberFound: boolean;
    prescriberDea: string | null;
    limits: ControlledSubstanceLimits | null;
  };
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
    a.dispensingStatus,
  ]);
  const row = rows[0];
  if (!row) throw new InvariantBroken('claim context statement returned no row');
  return row.claim;
}
