// The read of a claim: everything a B1 needs (member benefit context + routing, pharmacy contract, medication
// history, prior authorizations, interactions, duplicate check). Reference parts come from the in-process cache
// (reference-cache.ts); what is per member is one statement, one round trip.
import type { Channel, ClarificationOverrideCode, ControlledSubstanceLimits, Tier } from '@openpbm/domain';
import type { RawContext } from '../benefits/member-benefit-context';
import { memberContextCtesSql, memberJsonFieldsSql } from '../benefits/member-benefit-context-repo';
import { InvariantBroken } from '../platform/internal-errors';
import type { NamedStatement } from '../platform/named-query';
import { OTHER_COVERAGE_JSON_SQL, type OtherCoverageRow, OVERRIDE_USES_JSON_SQL } from './cob-context-sql';
import type { Kind, ReferenceCache } from './reference-cache';
import {
  type DrugPart,
  type Loaded,
  loadDrug,
  loadFormularyEntry,
  loadPharmacy,
  loadPlanById,
  loadPlanByRouting,
  type PharmacyPart,
  type PlanPart,
  type ReferenceVersions,
  VERSIONS_JSON_SQL,
} from './reference-repo';
import type { Run } from './repo';

// The reference parts (routing, plan, network, drug, formulary, pharmacy) come from the in-process cache
// (reference-cache.ts); this statement reads what is per member and per claim, taking the resolved plan and drug
// group as parameters, and returns the reference versions from the same snapshot.
export const CLAIM_CONTEXT: NamedStatement = {
  name: 'claim_context_v8',
  text: `with
claim_cardholder as (select id, subscriber_id, person_code from members where member_number_bidx = $1),
claim_member as (
  select c.id from claim_cardholder c where $2::text is null or c.person_code = $2::text
  union all
  select m.id from claim_cardholder c join members m on m.subscriber_id = c.subscriber_id
  where $2::text is not null and c.person_code <> $2::text and m.person_code = $2::text
  limit 1
),
${memberContextCtesSql({ memberId: '(select id from claim_member)', dateOfService: '$4', at: 'null', planId: '$3' })},
claim_history as (
  select c.id, c.ndc, c.date_of_service, c.days_supply, c.quantity_milli, c.pharmacy_id, c.prescriber_id,
    c.dispensing_status, c.intended_quantity_milli, c.intended_days_supply, c.partial_of_claim_id,
    (select p.chain_code from pharmacies p where p.id = c.pharmacy_id) as chain_code,
    g.id as group_id, g.name as group_name, g.ingredients, g.therapeutic_class_id
  from claims c
  cross join lateral (select * from drug_groups g where g.id = c.drug_group_id) g
  where c.member_id = (select id from claim_member) and c.transaction_code = 'B1' and c.status = 'paid'
    and c.date_of_service >= $9::date
),
-- Approved PAs and formulary exceptions; an approved appeal grants what the case it appealed asked for.
claim_prior_auths as (
  select a.id, a.drug_group_id, a.effective_from, a.effective_to, a.approved_quantity_milli,
    a.approved_days_supply, coalesce(parent.type, a.type) as grants, a.requested_tier
  from prior_authorizations a
  left join prior_authorizations parent on parent.id = a.parent_id
  where a.member_id = (select id from claim_member) and a.drug_group_id = $11::uuid
    and a.status = 'approved' and a.effective_from is not null and a.effective_to is not null
),
claim_duplicate as (
  select id, member_id, ndc, quantity_milli, days_supply, raw_response_enc, ingredient_cost_cents,
    dispensing_fee_cents, patient_pay_cents, plan_pay_cents, applied_to_deductible_cents, applied_to_oop_cents,
    authorization_number, tier, channel
  from claims
  where service_provider_id = $6 and rx_number = $7 and fill_number = $8 and date_of_service = $4::date
    and transaction_code = 'B1' and status = 'paid' and coalesce(dispensing_status, '') = coalesce($12::text, '')
  limit 1
)
select json_build_object(
  'versions', ${VERSIONS_JSON_SQL},
  'cardholderFound', exists(select 1 from claim_cardholder),
  'memberDateOfBirthEnc', (select date_of_birth_enc from ctx_member),
  'member', case when exists(select 1 from ctx_member) then json_build_object(${memberJsonFieldsSql}) end,
  'prescriberId', (select id from prescribers where npi = $10),
  'prescriptionId', (select id from prescriptions where rx_number = $7 and pharmacy_id = $5::uuid
      and member_id = (select id from claim_member)),
  'history', (select coalesce(json_agg(row_to_json(h)), '[]'::json) from claim_history h),
  'priorAuths', (select coalesce(json_agg(row_to_json(a)), '[]'::json) from claim_prior_auths a),
  'duplicate', (select row_to_json(d) from claim_duplicate d),
  'otherCoverage', ${OTHER_COVERAGE_JSON_SQL},
  'overrideUses', ${OVERRIDE_USES_JSON_SQL},
  -- The prescriber is looked up once (by NPI or DEA number): found, and the registration it has.
  'prescriber', (select json_build_object('found', pr.id is not null, 'dea', pr.dea)
    from (select 1) one
    left join lateral (select id, dea from prescribers where npi = $10 or dea = $10 limit 1) pr on true)
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
  pharmacy: PharmacyPart['pharmacy'];
  contract: PharmacyPart['contract'];
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

/** What the per-member statement returns. */
interface MemberRead {
  versions: ReferenceVersions;
  cardholderFound: boolean;
  memberDateOfBirthEnc: string | null;
  member: Pick<
    RawContext,
    'dateOfService' | 'member' | 'spans' | 'inForceSpanId' | 'planYear' | 'accumulators'
  > | null;
  prescriberId: string | null;
  prescriptionId: string | null;
  history: RawClaimContext['history'];
  priorAuths: RawClaimContext['priorAuths'];
  duplicate: StoredClaimSummary | null;
  otherCoverage: OtherCoverageRow[];
  overrideUses: RawClaimContext['overrideUses'];
  prescriber: { found: boolean; dea: string | null };
}

/** A claim whose reference parts kept changing under it this many reads in a row fails (never seen). */
const MAX_READS = 5;

/**
 * Everything a claim needs: the reference parts from the cache (a miss loads that part), then one statement for
 * what is per member. A claim that used a part older than the versions that statement saw is read again.
 */
export async function selectClaimContext(
  run: Run,
  cache: ReferenceCache,
  a: ClaimContextArgs,
): Promise<RawClaimContext> {
  for (let read = 1; ; read++) {
    const { context, used, versions } = await readOnce(run, cache, a);
    if (cache.stale(used, versions).length === 0) return context;
    cache.rereads += 1;
    if (read >= MAX_READS) throw new InvariantBroken('reference data kept changing under the claim read');
  }
}

async function readOnce(run: Run, cache: ReferenceCache, a: ClaimContextArgs) {
  const used: Array<{ kind: Kind<unknown>; value: Loaded<unknown> }> = [];
  const hold = async <T>(kind: Kind<T>, key: string, load: () => Promise<Loaded<T>>): Promise<T> => {
    const value = await cache.get(kind, key, load);
    used.push({ kind: kind as Kind<unknown>, value });
    return value.value;
  };
  const routing = await hold(cache.plans, `route|${a.bin}|${a.pcn}|${a.group}`, () =>
    loadPlanByRouting(run, a.bin, a.pcn, a.group),
  );
  const ndc = a.ndc;
  const drug = ndc ? await hold(cache.drugs, ndc, () => loadDrug(run, ndc)) : null;
  // The formulary entry and the pharmacy's contract are the plan's (routed, else the member's in force).
  const forPlan = async (plan: PlanPart['plan']) => {
    const formularyId = plan?.formulary_id;
    const groupId = drug?.group?.id;
    const entry =
      ndc && drug?.product && formularyId && groupId
        ? (
            await hold(cache.entries, `${formularyId}|${ndc}|${groupId}`, () =>
              loadFormularyEntry(run, formularyId, ndc, groupId),
            )
          ).entry
        : null;
    const networkId = plan?.pharmacy_network_id ?? null;
    const pharmacy = await hold(cache.pharmacies, `${a.pharmacyId}|${networkId ?? ''}`, () =>
      loadPharmacy(run, a.pharmacyId, networkId),
    );
    return { entry, pharmacy };
  };
  let plan = routing;
  let parts = await forPlan(routing.plan);

  const rows = await run<{ claim: MemberRead }>(CLAIM_CONTEXT, [
    a.memberNumberBidx,
    a.personCode,
    routing.plan?.id ?? null,
    a.dateOfService,
    a.pharmacyId,
    a.serviceProviderId,
    a.rxNumber,
    a.fillNumber,
    a.historySince,
    a.prescriberNpi,
    drug?.group?.id ?? null,
    a.dispensingStatus,
  ]);
  const m = rows[0]?.claim;
  if (!m) throw new InvariantBroken('claim context statement returned no row');

  const inForcePlanId = m.member?.spans.find((span) => span.id === m.member?.inForceSpanId)?.plan_id;
  if (!routing.plan && inForcePlanId) {
    plan = await hold(cache.plans, `id|${inForcePlanId}`, () => loadPlanById(run, inForcePlanId));
    parts = await forPlan(plan.plan);
  }

  const historyIngredients = new Set(m.history.flatMap((h) => h.ingredients));
  const own = new Set(drug?.group?.ingredients ?? []);
  const { controlled_substance_limits: _limits, ...planRow } = plan.plan ?? {
    controlled_substance_limits: null,
  };
  const context: RawClaimContext = {
    planId: routing.plan?.id ?? null,
    binKnown: routing.binKnown,
    pcnKnown: routing.pcnKnown,
    cardholderFound: m.cardholderFound,
    memberDateOfBirthEnc: m.memberDateOfBirthEnc,
    context: m.member
      ? {
          ...m.member,
          plan: plan.plan ? (planRow as RawPlanRow) : null,
          costShares: plan.costShares,
          network: plan.network,
          drugs: ndc ? [drugRow(drug, parts.entry, m.member.dateOfService)] : [],
        }
      : null,
    pharmacy: parts.pharmacy.pharmacy,
    contract: parts.pharmacy.contract,
    prescriberId: m.prescriberId,
    prescriptionId: m.prescriptionId,
    history: m.history,
    priorAuths: m.priorAuths,
    interactions: (drug?.interactions ?? []).filter(
      (i) =>
        (own.has(i.ingredient_a) && historyIngredients.has(i.ingredient_b)) ||
        (own.has(i.ingredient_b) && historyIngredients.has(i.ingredient_a)),
    ),
    duplicate: m.duplicate,
    otherCoverage: m.otherCoverage,
    overrideUses: m.overrideUses,
    controlled: {
      deaSchedule: drug?.group?.dea_schedule ?? null,
      prescriberFound: m.prescriber.found,
      prescriberDea: m.prescriber.dea,
      limits: routing.plan?.controlled_substance_limits ?? null,
    },
  };
  return { context, used, versions: m.versions };
}

type RawPlanRow = NonNullable<RawContext['plan']>;

/** The requested package as the context statement's ctx_drug row, with the prices in force on the date. */
function drugRow(
  drug: DrugPart | null,
  entry: RawContext['drugs'][number]['entry'],
  dateOfService: string,
): RawContext['drugs'][number] {
  const p = drug?.product ?? null;
  const g = p ? (drug?.group ?? null) : null;
  return {
    ord: 1,
    ndc: p?.ndc ?? null,
    name: p?.name ?? null,
    brand_name: p?.brand_name ?? null,
    source: p?.source ?? null,
    package_size_milli: p?.package_size_milli ?? null,
    unit: p?.unit ?? null,
    obsolete_date: p?.obsolete_date ?? null,
    group_id: g?.id ?? null,
    group_name: g?.name ?? null,
    ingredients: g?.ingredients ?? null,
    therapeutic_class_id: g?.therapeutic_class_id ?? null,
    maintenance: g?.maintenance ?? null,
    specialty: g?.specialty ?? null,
    prices: p && drug ? pricesInForce(drug.prices, dateOfService) : null,
    entry: p ? entry : null,
  };
}

/** Per price type, the latest price effective on or before the date; null when none is. */
function pricesInForce(prices: DrugPart['prices'], dateOfService: string): Record<string, number> | null {
  const latest = new Map<string, { from: string; micros: number }>();
  for (const x of prices) {
    if (x.effective_date > dateOfService) continue;
    const held = latest.get(x.price_type);
    if (!held || x.effective_date > held.from) {
      latest.set(x.price_type, { from: x.effective_date, micros: x.unit_price_micros });
    }
  }
  if (latest.size === 0) return null;
  return Object.fromEntries([...latest].map(([type, v]) => [type, v.micros]));
}
