// SQL of the formulary documents tool: the formularies behind a client's plans (its groups' default plans and the
// plans its members are enrolled in), and
// one formulary's drug list. Formularies are not member data; the client scoping is what keeps one client from
// reading which formulary another client's plans use.
import type { DatabaseHandle } from '@openpbm/db';

export interface ClientFormulary {
  formulary_id: string;
  code: string;
  name: string;
  effective_date: string;
  status: string;
  plans: Array<{ code: string; name: string }>;
  drugs: number;
}

export async function formulariesOfClient(db: DatabaseHandle, clientId: string): Promise<ClientFormulary[]> {
  const { rows } = await db.sql.query<ClientFormulary>(
    `with client_groups as (select id, default_plan_id from groups where client_id = $1),
     plan_ids as (
       select default_plan_id as id from client_groups where default_plan_id is not null
       union
       select distinct s.plan_id from eligibility_spans s where s.group_id in (select id from client_groups)
     ), client_plans as (
       select p.id, p.code, p.name, p.formulary_id from plans p where p.id in (select id from plan_ids)
     )
     select f.id as formulary_id, f.code, f.name, f.effective_date::text as effective_date, f.status,
            json_agg(json_build_object('code', cp.code, 'name', cp.name) order by cp.code) as plans,
            (select count(*)::int from formulary_entries e where e.formulary_id = f.id) as drugs
       from client_plans cp join formularies f on f.id = cp.formulary_id
      group by f.id
      order by f.name`,
    [clientId],
  );
  return rows.map((r) => ({ ...r, drugs: Number(r.drugs) }));
}

export interface FormularyLine {
  drug: string;
  ndc: string | null;
  tier: number;
  requires_prior_auth: boolean;
  requires_step_therapy: boolean;
  has_quantity_limit: boolean;
  excluded: boolean;
}

export async function formularyLines(db: DatabaseHandle, formularyId: string): Promise<FormularyLine[]> {
  const { rows } = await db.sql.query<FormularyLine>(
    `select coalesce(g.name, e.ndc, '') as drug, e.ndc, e.tier, e.requires_prior_auth, e.requires_step_therapy,
            e.has_quantity_limit, e.excluded
       from formulary_entries e left join drug_groups g on g.id = e.drug_group_id
      where e.formulary_id = $1
      order by e.tier, drug`,
    [formularyId],
  );
  return rows;
}
