// The claim context's coordination-of-benefits pieces, as JSON expressions embedded in its one read statement
// (claim-context-repo.ts): the member's other coverage, and the 420-DK overrides their paid claims used for this
// drug (the overrides' yearly limits count them). Both use the statement's claim_member CTE; the drug group is $11.
import type { OtherCoverage } from '@openpbm/domain';

export const OTHER_COVERAGE_JSON_SQL = `(select coalesce(json_agg(row_to_json(o) order by o.coverage_type, o.effective_date), '[]'::json)
    from (select id, coverage_type, payer_name, bin, pcn, group_id, cardholder_id_enc, person_code, help_desk_phone,
      effective_date, termination_date from member_other_coverage
      where member_id = (select id from claim_member)) o)`;

export const OVERRIDE_USES_JSON_SQL = `(select coalesce(json_agg(json_build_object('code', o.clarification_code,
      'dateOfService', o.date_of_service)), '[]'::json)
    from claim_overrides o join claims c on c.id = o.claim_id and c.status = 'paid'
    where o.member_id = (select id from claim_member)
      and o.drug_group_id = $11::uuid and o.date_of_service >= $9::date)`;

/** A member_other_coverage row as the context statement returns it. */
export interface OtherCoverageRow {
  id: string;
  coverage_type: OtherCoverage['coverageType'];
  payer_name: string;
  bin: string;
  pcn: string | null;
  group_id: string | null;
  cardholder_id_enc: string;
  person_code: string | null;
  help_desk_phone: string | null;
  effective_date: string;
  termination_date: string | null;
}
