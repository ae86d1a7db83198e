// SQL of the member benefit context: one statement, one round trip, the whole context as one JSON value.
// The CTEs are text with placeholders chosen by the caller, so the claims hot path can embed them in its own
// statement (member resolved from the cardholder ID, plan from BIN/PCN/Group) and run it as a prepared
// statement; the loader runs them on their own.
import type { Database } from '@openpbm/db';
import { type NamedStatement, namedQuery } from '../platform/named-query';

/** SQL expressions (placeholders or sub-selects) the context CTEs read their inputs from. */
export interface ContextSqlInputs {
  /** uuid of the member. */
  memberId: string;
  /** date of service, or null to use `at` in the member's time zone. */
  dateOfService: string;
  /** timestamptz used when dateOfService is null. */
  at: string;
  /** uuid of the plan to use, or null for the plan of the span in force on the date. */
  planId: string;
  /** text[] of NDCs and uuid[] of drug groups, pairwise (one of the two set per requested drug). */
  drugNdcs: string;
  drugGroupIds: string;
}

/**
 * The per-member CTEs (without the leading WITH): ctx_member, ctx_date, ctx_spans, ctx_in_force, ctx_plan_id,
 * ctx_plan_year, ctx_accumulators. The claims read embeds only these (its reference data comes from the
 * in-process cache, claims/reference-cache.ts); `memberJsonFieldsSql` returns them.
 */
export function memberContextCtesSql(
  i: Pick<ContextSqlInputs, 'memberId' | 'dateOfService' | 'at' | 'planId'>,
) {
  return `
ctx_member as (
  select id, subscriber_id, client_id, person_code, relationship_code, first_name, last_name, gender, time_zone,
    date_of_birth_enc
  from members where id = ${i.memberId}
),
ctx_date as (
  select coalesce(${i.dateOfService}::date,
    (${i.at}::timestamptz at time zone (select time_zone from ctx_member))::date) as dos
),
ctx_spans as (
  select s.id, s.plan_id, s.group_id, s.start_date, s.end_date, s.status, s.coverage_level
  from eligibility_spans s where s.member_id = (select id from ctx_member)
),
ctx_in_force as (
  select s.* from ctx_spans s, ctx_date d
  where s.start_date <= d.dos and (s.end_date is null or s.end_date >= d.dos)
  order by s.start_date desc limit 1
),
ctx_plan_id as (select coalesce(${i.planId}::uuid, (select plan_id from ctx_in_force)) as id),
ctx_plan_year as (
  select y.id, y.year, y.start_date, y.end_date from plan_years y, ctx_date d
  where y.plan_id = (select id from ctx_plan_id) and y.start_date <= d.dos and y.end_date >= d.dos
  limit 1
),
ctx_accumulators as (
  select a.scope, a.member_id, a.deductible_cents, a.oop_cents, a.version from accumulators a
  where a.plan_year_id = (select id from ctx_plan_year)
    and ((a.scope = 'individual' and a.member_id = (select id from ctx_member))
      or (a.scope = 'family' and a.member_id = (select subscriber_id from ctx_member)))
)`;
}

/**
 * CTEs (without the leading WITH) defining the member's (above) plus ctx_plan, ctx_drug (one row per requested
 * drug, `ord` from 1) and the JSON pieces; `contextJsonSql` assembles them.
 */
export function contextCtesSql(i: ContextSqlInputs): string {
  return `${memberContextCtesSql(i)},
ctx_plan as (select p.* from plans p where p.id = (select id from ctx_plan_id)),
ctx_request as (
  select r.ord, r.ndc, r.group_id
  from unnest(${i.drugNdcs}::text[], ${i.drugGroupIds}::uuid[]) with ordinality as r(ndc, group_id, ord)
),
ctx_product as (
  select r.ord, p.ndc, p.name, p.brand_name, p.source, p.drug_group_id, p.package_size_milli, p.unit,
    p.obsolete_date
  from ctx_request r
  cross join lateral (
    (select p.* from drug_products p where p.ndc = r.ndc)
    union all
    -- A drug group stands for its cheapest generic package (then the cheapest brand) priced on the date.
    (select p.* from drug_products p
      where r.ndc is null and p.drug_group_id = r.group_id
      order by (p.source = 'generic') desc,
        (select x.unit_price_micros from drug_prices x, ctx_date d
          where x.ndc = p.ndc and x.price_type = 'nadac' and x.effective_date <= d.dos
          order by x.effective_date desc limit 1) asc nulls last,
        p.ndc
      limit 1)
    limit 1
  ) p
),
ctx_drug as (
  select r.ord, r.ndc as requested_ndc, r.group_id as requested_group_id, p.ndc, p.name, p.brand_name, p.source,
    p.package_size_milli, p.unit, p.obsolete_date, g.id as group_id, g.name as group_name, g.ingredients,
    g.therapeutic_class_id, g.maintenance, g.specialty,
    (select json_object_agg(x.price_type, x.unit_price_micros) from (
      select distinct on (x.price_type) x.price_type, x.unit_price_micros from drug_prices x, ctx_date d
      where x.ndc = p.ndc and x.effective_date <= d.dos
      order by x.price_type, x.effective_date desc) x) as prices,
    ${formularyEntryJsonSql('(select formulary_id from ctx_plan)', 'p.ndc', 'g.id')} as entry
  from ctx_request r
  left join ctx_product p on p.ord = r.ord
  left join lateral (select * from drug_groups g where g.id = coalesce(p.drug_group_id, r.group_id)) g on true
)`;
}

/**
 * The formulary entry of a drug as JSON (null when none): an entry naming the NDC wins over its drug group's,
 * with the preferred alternatives. Shared by the context statement and the claims reference cache's load.
 */
export function formularyEntryJsonSql(formularyId: string, ndc: string, groupId: string): string {
  return `(select row_to_json(e) from (
      select e.id, e.tier, e.excluded, e.requires_prior_auth, e.requires_step_therapy, e.step_therapy_group_ids,
        e.step_therapy_lookback_days, e.has_quantity_limit, e.quantity_limit_milli, e.quantity_limit_days,
        e.preferred_alternative_group_ids, e.ndc_specific,
        case when cardinality(e.preferred_alternative_group_ids) = 0 then '[]'::json else
          (select coalesce(json_agg(json_build_object('drugGroupId', a.id, 'name', a.name, 'tier', ae.tier,
              'ndc', (select ap.ndc from drug_products ap where ap.drug_group_id = a.id
                order by (ap.source = 'generic') desc, ap.ndc limit 1))
              order by ae.tier nulls last, a.name), '[]'::json)
            from drug_groups a
            left join formulary_entries ae on ae.formulary_id = e.formulary_id and ae.drug_group_id = a.id
            where a.id = any(e.preferred_alternative_group_ids)) end as alternatives
      from (
        -- An entry for the NDC wins over the drug group's entry.
        (select e.*, true as ndc_specific from formulary_entries e
          where e.formulary_id = ${formularyId} and e.ndc = ${ndc})
        union all
        (select e.*, false from formulary_entries e
          where e.formulary_id = ${formularyId} and e.drug_group_id = ${groupId})
        limit 1) e) e)`;
}

/** The columns of a plan, its cost shares and its network the context returns (the claims cache loads the same). */
export const PLAN_COLUMNS = `id, code, name, status, plan_year_start_month, plan_year_start_day,
  deductible_individual_cents, deductible_family_cents, oop_max_individual_cents, oop_max_family_cents,
  max_days_supply, refill_threshold_bps, formulary_id, pharmacy_network_id, bin, pcn, rx_group,
  customer_service_phone`;
export const COST_SHARE_COLUMNS = `tier, channel, kind, copay_cents, coinsurance_bps, min_copay_cents,
  max_copay_cents, deductible_applies`;
export const NETWORK_COLUMNS = 'id, code, name, benchmark, terms';

/** The per-member fields of the context, as json_build_object arguments (after `memberContextCtesSql`). */
export const memberJsonFieldsSql = `
  'dateOfService', (select dos from ctx_date),
  'member', (select row_to_json(m) from (select id, subscriber_id, client_id, person_code, relationship_code,
      first_name, last_name, gender, time_zone from ctx_member) m),
  'spans', (select coalesce(json_agg(row_to_json(s) order by s.start_date), '[]'::json) from ctx_spans s),
  'inForceSpanId', (select id from ctx_in_force),
  'planYear', (select row_to_json(y) from ctx_plan_year y),
  'accumulators', (select coalesce(json_agg(row_to_json(a)), '[]'::json) from ctx_accumulators a)`;

/** The JSON expression of the whole context (use after `with ${contextCtesSql(...)}`). */
export const contextJsonSql = `json_build_object(${memberJsonFieldsSql},
  'plan', (select row_to_json(p) from (select ${PLAN_COLUMNS} from ctx_plan) p),
  'costShares', (select coalesce(json_agg(row_to_json(c)), '[]'::json) from (
      select ${COST_SHARE_COLUMNS} from plan_cost_shares where plan_id = (select id from ctx_plan)) c),
  'network', (select row_to_json(n) from (select ${NETWORK_COLUMNS} from pharmacy_networks
      where id = (select pharmacy_network_id from ctx_plan)) n),
  'drugs', (select coalesce(json_agg(row_to_json(d) order by d.ord), '[]'::json) from ctx_drug d)
)`;

const LOADER_STATEMENT: NamedStatement = {
  name: 'member_benefit_context_v3',
  text: `with ${contextCtesSql({
    memberId: '$1::uuid',
    dateOfService: '$2',
    at: '$3',
    planId: '$4',
    drugNdcs: '$5',
    drugGroupIds: '$6',
  })}
select ${contextJsonSql} as ctx
where exists (select 1 from ctx_member)`,
};

export interface ContextQueryArgs {
  memberId: string;
  dateOfService: string | null;
  at: string | null;
  planId: string | null;
  drugNdcs: (string | null)[];
  drugGroupIds: (string | null)[];
}

/** The raw JSON context, or null when the member does not exist. */
export async function selectMemberBenefitContext(
  db: Database,
  args: ContextQueryArgs,
): Promise<unknown | null> {
  const rows = await namedQuery<{ ctx: unknown }>(db, LOADER_STATEMENT, [
    args.memberId,
    args.dateOfService,
    args.at,
    args.planId,
    args.drugNdcs,
    args.drugGroupIds,
  ]);
  return rows[0]?.ctx ?? null;
}
