// The claims reference data, one small statement per part (what a reference-cache miss runs). Each returns the
// reference_versions it was read at, from the same snapshot as the data, so the cache can tell exactly when what
// it holds went stale. Date-dependent facts (prices in force, contract dates) are kept whole and evaluated in
// process for the claim's date of service.
import type { ControlledSubstanceLimits } from '@openpbm/domain';
import type { RawContext } from '../benefits/member-benefit-context';
import {
  COST_SHARE_COLUMNS,
  formularyEntryJsonSql,
  NETWORK_COLUMNS,
  PLAN_COLUMNS,
} from '../benefits/member-benefit-context-repo';
import { InvariantBroken } from '../platform/internal-errors';
import type { NamedStatement } from '../platform/named-query';
import type { Run } from './repo';

export const REFERENCE_PARTS = ['plan', 'formulary', 'drug', 'pharmacy'] as const;
export type ReferencePart = (typeof REFERENCE_PARTS)[number];
export type ReferenceVersions = Record<ReferencePart, number>;

/** The current versions as a JSON object (a sub-select any statement can return beside its data). */
export const VERSIONS_JSON_SQL = '(select json_object_agg(part, version) from reference_versions)';

type RawPlanRow = NonNullable<RawContext['plan']>;
type RawDrugRow = RawContext['drugs'][number];

/** A plan and its benefit design, by routing (BIN/PCN/Group) or by id; with what routing needs on a miss. */
export interface PlanPart {
  binKnown: boolean;
  pcnKnown: boolean;
  plan: (RawPlanRow & { controlled_substance_limits: ControlledSubstanceLimits | null }) | null;
  costShares: RawContext['costShares'];
  network: RawContext['network'];
}

/** A package (NDC), its drug group, every price row, and the interactions of its ingredients. */
export interface DrugPart {
  product: Pick<
    RawDrugRow,
    'ndc' | 'name' | 'brand_name' | 'source' | 'package_size_milli' | 'unit' | 'obsolete_date'
  > | null;
  group: {
    id: string;
    name: string;
    ingredients: string[];
    therapeutic_class_id: string;
    maintenance: boolean;
    specialty: boolean;
    dea_schedule: string | null;
  } | null;
  prices: Array<{ price_type: string; unit_price_micros: number; effective_date: string }>;
  interactions: Array<{
    ingredient_a: string;
    ingredient_b: string;
    severity: 'major' | 'moderate' | 'minor';
    message: string;
    source: string;
  }>;
}

/** The formulary entry that covers a package (its own, else its group's), or null. */
export interface EntryPart {
  entry: RawDrugRow['entry'];
}

/** The signing pharmacy and its contract with a network (dates checked per claim). */
export interface PharmacyPart {
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
}

export interface Loaded<T> {
  value: T;
  versions: ReferenceVersions;
}

const planJson = (where: string) => `with p as (select * from plans where ${where})
select json_build_object(
  'versions', ${VERSIONS_JSON_SQL},
  'binKnown', exists(select 1 from plans where bin = $1),
  'pcnKnown', exists(select 1 from plans where bin = $1 and pcn = $2),
  'plan', (select row_to_json(x) from (select ${PLAN_COLUMNS}, controlled_substance_limits from p) x),
  'costShares', (select coalesce(json_agg(row_to_json(c)), '[]'::json) from (
      select ${COST_SHARE_COLUMNS} from plan_cost_shares where plan_id = (select id from p)) c),
  'network', (select row_to_json(n) from (select ${NETWORK_COLUMNS} from pharmacy_networks
      where id = (select pharmacy_network_id from p)) n)
) as part`;

const PLAN_BY_ROUTING: NamedStatement = {
  name: 'reference_plan_by_routing_v1',
  text: planJson('bin = $1 and pcn = $2 and rx_group = $3'),
};

// $1/$2 are unused BIN/PCN (null) so both statements share one shape.
const PLAN_BY_ID: NamedStatement = {
  name: 'reference_plan_by_id_v1',
  text: planJson('$1::text is null and $2::text is null and id = $3::uuid'),
};

const DRUG: NamedStatement = {
  name: 'reference_drug_v1',
  text: `with p as (select * from drug_products where ndc = $1),
g as (select * from drug_groups where id = (select drug_group_id from p))
select json_build_object(
  'versions', ${VERSIONS_JSON_SQL},
  'product', (select row_to_json(x) from (
      select ndc, name, brand_name, source, package_size_milli, unit, obsolete_date from p) x),
  'group', (select row_to_json(x) from (
      select id, name, ingredients, therapeutic_class_id, maintenance, specialty, dea_schedule from g) x),
  'prices', (select coalesce(json_agg(row_to_json(x)), '[]'::json) from (
      select price_type, unit_price_micros, effective_date from drug_prices where ndc = $1) x),
  'interactions', (select coalesce(json_agg(row_to_json(i)), '[]'::json) from (
      select ingredient_a, ingredient_b, severity, message, source from drug_interactions
      where ingredient_a = any(coalesce((select ingredients from g), '{}'::text[]))
        or ingredient_b = any(coalesce((select ingredients from g), '{}'::text[]))) i)
) as part`,
};

const ENTRY: NamedStatement = {
  name: 'reference_formulary_entry_v1',
  text: `select json_build_object(
  'versions', ${VERSIONS_JSON_SQL},
  'entry', ${formularyEntryJsonSql('$1::uuid', '$2::text', '$3::uuid')}
) as part`,
};

const PHARMACY: NamedStatement = {
  name: 'reference_pharmacy_v1',
  text: `select json_build_object(
  'versions', ${VERSIONS_JSON_SQL},
  'pharmacy', (select row_to_json(p) from (
      select id, npi, ncpdp_id, chain_code, home_delivery, specialty, status from pharmacies where id = $1::uuid) p),
  'contract', (select row_to_json(c) from (
      select discount_bps, generic_discount_bps, dispensing_fee_cents, effective_date, termination_date
      from network_pharmacies where network_id = $2::uuid and pharmacy_id = $1::uuid) c)
) as part`,
};

async function loadPart<T>(run: Run, statement: NamedStatement, values: unknown[]): Promise<Loaded<T>> {
  const rows = await run<{ part: T & { versions: ReferenceVersions } }>(statement, values);
  const part = rows[0]?.part;
  if (!part) throw new InvariantBroken(`${statement.name} returned no row`);
  const { versions, ...value } = part;
  return { value: value as T, versions };
}

export const loadPlanByRouting = (run: Run, bin: string, pcn: string, group: string) =>
  loadPart<PlanPart>(run, PLAN_BY_ROUTING, [bin, pcn, group]);
export const loadPlanById = (run: Run, planId: string) =>
  loadPart<PlanPart>(run, PLAN_BY_ID, [null, null, planId]);
export const loadDrug = (run: Run, ndc: string) => loadPart<DrugPart>(run, DRUG, [ndc]);
export const loadFormularyEntry = (run: Run, formularyId: string, ndc: string, groupId: string) =>
  loadPart<EntryPart>(run, ENTRY, [formularyId, ndc, groupId]);
export const loadPharmacy = (run: Run, pharmacyId: string, networkId: string | null) =>
  loadPart<PharmacyPart>(run, PHARMACY, [pharmacyId, networkId]);
