// Claims benchmark workload: B1 transmissions for a seeded database (see claims-adjudication.bench.ts).
import { decryptField, deriveFieldKey, FIELD_CONTEXTS } from '@openpbm/db/field-crypto';
import { addDays } from '@openpbm/domain';
import { buildRequest } from '@openpbm/ncpdp';

export interface WorkloadClaim {
  bin: string;
  pcn: string;
  group: string;
  memberNumber: string;
  personCode: string;
  dateOfBirth: string;
  ndc: string;
  pharmacyNpi: string;
  pharmacyId: string;
}

/** Rx numbers unique across runs of the same database. */
let rxCounter = (Math.floor(Date.now() / 1000) % 10_000_000) * 100_000;

export function b1Bytes(c: WorkloadClaim, dateOfService: string): Buffer {
  rxCounter += 1;
  return claimBytes(c, dateOfService, 'B1', String(rxCounter));
}

/** A new Rx number, unique across runs of the same database (for a B1 and the B2 that reverses it). */
export function nextRxNumber(): string {
  rxCounter += 1;
  return String(rxCounter);
}

/** One B1 (bill) or B2 (reverse) transmission of `c` with Rx number `rx`. */
export function claimBytes(c: WorkloadClaim, dateOfService: string, code: 'B1' | 'B2', rx: string): Buffer {
  return Buffer.from(
    buildRequest({
      header: {
        bin: c.bin,
        transactionCode: code,
        processorControlNumber: c.pcn,
        serviceProviderIdQualifier: '01',
        serviceProviderId: c.pharmacyNpi,
        dateOfService,
        softwareVendorCertificationId: 'BENCH',
      },
      insurance: { cardholderId: c.memberNumber, groupId: c.group, personCode: c.personCode },
      patient: { dateOfBirth: c.dateOfBirth },
      transactions: [
        {
          claim: {
            prescriptionServiceReferenceNumberQualifier: '1',
            prescriptionServiceReferenceNumber: rx,
            productServiceIdQualifier: '03',
            productServiceId: c.ndc,
            quantityDispensed: 30_000,
            fillNumber: 0,
            daysSupply: 30,
          },
          pricing: {
            ingredientCostSubmitted: 250_000,
            dispensingFeeSubmitted: 200,
            usualAndCustomary: 300_000,
            grossAmountDue: 250_200,
            basisOfCostDetermination: '01',
          },
        },
      ],
    }),
  );
}

/**
 * Claims that should pay: per member, up to three covered drugs (tier with a retail 30-day cost share, no PA,
 * step therapy or quantity limit) in therapeutic classes the member has no fill of in the last 400 days and
 * whose ingredients interact with nothing the member took; at a retail in-network pharmacy of the member's plan.
 */
export async function buildWorkload(
  sql: { query<T>(text: string, params?: unknown[]): Promise<{ rows: T[] }> },
  fieldKeyHex: string,
  AS_OF: string,
): Promise<WorkloadClaim[][]> {
  const key = deriveFieldKey(fieldKeyHex);
  const members = await sql.query<{
    id: string;
    number_enc: string;
    dob_enc: string;
    person_code: string;
    bin: string;
    pcn: string;
    rx_group: string;
    plan_id: string;
    classes: string[];
    ingredients: string[];
  }>(
    `select m.id, m.member_number_enc as number_enc, m.date_of_birth_enc as dob_enc, m.person_code,
       p.bin, p.pcn, p.rx_group, p.id as plan_id,
       coalesce((select array_agg(distinct g.therapeutic_class_id::text) from claims c join drug_groups g on g.id = c.drug_group_id
         where c.member_id = m.id and c.status = 'paid' and c.date_of_service >= $2::date), '{}') as classes,
       coalesce((select array_agg(distinct i) from claims c join drug_groups g on g.id = c.drug_group_id, unnest(g.ingredients) i
         where c.member_id = m.id and c.status = 'paid' and c.date_of_service >= $2::date), '{}') as ingredients
     from members m
     join eligibility_spans s on s.member_id = m.id and s.start_date <= $1::date and (s.end_date is null or s.end_date >= $1::date)
     join plans p on p.id = s.plan_id
     order by m.id`,
    [AS_OF, addDays(AS_OF, -400)],
  );
  const drugs = await sql.query<{ plan_id: string; ndc: string; class_id: string; ingredients: string[] }>(
    `select p.id as plan_id, d.ndc, g.therapeutic_class_id::text as class_id, g.ingredients
     from plans p
     join formulary_entries e on e.formulary_id = p.formulary_id and e.drug_group_id is not null
     join drug_groups g on g.id = e.drug_group_id
     join lateral (select d.ndc from drug_products d where d.drug_group_id = g.id
       and exists (select 1 from drug_prices x where x.ndc = d.ndc and x.effective_date <= $1::date)
       order by (d.source = 'generic') desc, d.ndc limit 1) d on true
     where not e.excluded and not e.requires_prior_auth and not e.requires_step_therapy and not e.has_quantity_limit
       and not g.specialty
       and exists (select 1 from plan_cost_shares c where c.plan_id = p.id and c.tier = e.tier and c.channel = 'retail_30')`,
    [AS_OF],
  );
  const pharmacies = await sql.query<{ plan_id: string; npi: string; id: string }>(
    `select p.id as plan_id, ph.npi, ph.id from plans p
     join network_pharmacies np on np.network_id = p.pharmacy_network_id
     join pharmacies ph on ph.id = np.pharmacy_id
     where ph.status = 'active' and not ph.home_delivery and not ph.specialty
       and np.effective_date <= $1::date and (np.termination_date is null or np.termination_date >= $1::date)`,
    [AS_OF],
  );
  const interacting = new Set(
    (
      await sql.query<{ a: string; b: string }>(
        'select ingredient_a as a, ingredient_b as b from drug_interactions',
      )
    ).rows.flatMap((r) => [`${r.a}|${r.b}`, `${r.b}|${r.a}`]),
  );
  const byPlan = <T extends { plan_id: string }>(rows: T[]) => {
    const map = new Map<string, T[]>();
    for (const r of rows) map.set(r.plan_id, [...(map.get(r.plan_id) ?? []), r]);
    return map;
  };
  const drugsByPlan = byPlan(drugs.rows);
  const pharmaciesByPlan = byPlan(pharmacies.rows);

  const rounds: WorkloadClaim[][] = [[], [], []];
  members.rows.forEach((m, index) => {
    const planPharmacies = pharmaciesByPlan.get(m.plan_id) ?? [];
    if (planPharmacies.length === 0) return;
    const classes = new Set(m.classes);
    const taken = new Set(m.ingredients);
    const conflicts = (ingredients: string[]) =>
      ingredients.some((i) => [...taken].some((t) => interacting.has(`${i}|${t}`)));
    const candidates = drugsByPlan.get(m.plan_id) ?? [];
    let round = 0;
    for (let k = 0; k < candidates.length && round < rounds.length; k++) {
      const drug = candidates[(index * 7 + k) % candidates.length];
      if (!drug || classes.has(drug.class_id) || conflicts(drug.ingredients)) continue;
      classes.add(drug.class_id);
      for (const i of drug.ingredients) taken.add(i);
      const pharmacy = planPharmacies[(index + round) % planPharmacies.length];
      if (!pharmacy) continue;
      rounds[round]?.push({
        bin: m.bin,
        pcn: m.pcn,
        group: m.rx_group,
        memberNumber: decryptField(key, m.number_enc, FIELD_CONTEXTS.memberNumber),
        personCode: m.person_code,
        dateOfBirth: decryptField(key, m.dob_enc, FIELD_CONTEXTS.dateOfBirth),
        ndc: drug.ndc,
        pharmacyNpi: pharmacy.npi,
        pharmacyId: pharmacy.id,
      });
      round += 1;
    }
  });
  // Consecutive members are often one family; shuffle so concurrent claims rarely share a family lock.
  let state = 42;
  const random = () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state / 2 ** 32;
  };
  for (const round of rounds) {
    for (let i = round.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [round[i], round[j]] = [round[j] as WorkloadClaim, round[i] as WorkloadClaim];
    }
  }
  return rounds;
}
