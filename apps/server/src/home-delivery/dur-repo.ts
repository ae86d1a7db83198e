// Medication history and interaction rows for the pharmacist's DUR review of a home-delivery order: paid claims
// and filled home-delivery items of the last year, and the interaction pairs touching the order's ingredients.
import type { SqlExecutor } from '@openpbm/db';
import type { DrugInteraction, MedicationHistoryEntry } from '@openpbm/domain';

interface HistoryRow {
  id: string;
  ndc: string;
  drug_name: string;
  drug_group_id: string;
  therapeutic_class_id: string;
  ingredients: string[];
  fill_date: string;
  days_supply: number;
  quantity_milli: number;
  pharmacy_id: string;
  chain_code: string | null;
  prescriber_id: string | null;
}

export async function medicationHistory(
  q: SqlExecutor,
  memberId: string,
  since: string,
  excludeOrderId: string,
): Promise<MedicationHistoryEntry[]> {
  const { rows } = await q.query<HistoryRow>(
    `select c.id, c.ndc, coalesce(dp.name, dg.name) as drug_name, dg.id as drug_group_id, dg.therapeutic_class_id,
            dg.ingredients, c.date_of_service::text as fill_date, c.days_supply, c.quantity_milli, c.pharmacy_id,
            ph.chain_code, c.prescriber_id
       from claims c
       join drug_groups dg on dg.id = c.drug_group_id
       left join drug_products dp on dp.ndc = c.ndc
       left join pharmacies ph on ph.id = c.pharmacy_id
      where c.member_id = $1 and c.transaction_code = 'B1' and c.status = 'paid' and c.date_of_service >= $2::date
        and c.ndc is not null and c.days_supply is not null and c.quantity_milli is not null and c.pharmacy_id is not null
     union all
     select oi.id, p.ndc, coalesce(dp.name, dg.name), dg.id, dg.therapeutic_class_id, dg.ingredients,
            (e.at at time zone m.time_zone)::date::text, oi.days_supply, oi.quantity_milli, o.pharmacy_id, ph.chain_code,
            p.prescriber_id
       from order_items oi
       join orders o on o.id = oi.order_id
       join members m on m.id = o.member_id
       join prescriptions p on p.id = oi.prescription_id
       join drug_groups dg on dg.id = p.drug_group_id
       left join drug_products dp on dp.ndc = p.ndc
       join pharmacies ph on ph.id = o.pharmacy_id
       join lateral (select min(at) as at from order_status_events where order_id = o.id and status = 'filled') e on e.at is not null
      where o.member_id = $1 and o.id <> $3 and oi.claim_id is null and o.status <> 'cancelled'`,
    [memberId, since, excludeOrderId],
  );
  return rows.map((r) => ({
    claimId: r.id,
    ndc: r.ndc,
    drugName: r.drug_name,
    drugGroupId: r.drug_group_id,
    therapeuticClassId: r.therapeutic_class_id,
    ingredients: r.ingredients,
    fillDate: r.fill_date,
    daysSupply: r.days_supply,
    quantityMilli: r.quantity_milli,
    pharmacyId: r.pharmacy_id,
    pharmacyChainId: r.chain_code,
    prescriberId: r.prescriber_id,
  }));
}

export async function interactionsFor(q: SqlExecutor, ingredients: string[]): Promise<DrugInteraction[]> {
  if (ingredients.length === 0) return [];
  const { rows } = await q.query<{
    ingredient_a: string;
    ingredient_b: string;
    severity: DrugInteraction['severity'];
    message: string;
    source: string;
  }>(
    `select ingredient_a, ingredient_b, severity, message, source from drug_interactions
      where ingredient_a = any($1::text[]) or ingredient_b = any($1::text[])`,
    [ingredients],
  );
  return rows.map((r) => ({
    a: r.ingredient_a,
    b: r.ingredient_b,
    severity: r.severity,
    description: r.message,
    source: r.source,
  }));
}
