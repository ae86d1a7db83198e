// The accumulator check every fault test shares: for each accumulator row (plan year, scope, member; a family
// row is keyed by the subscriber), the change since a snapshot equals the sum the paid B1 claims stored since
// then applied to it. Claims are told apart by id, not by a time watermark: the seed dates some of today's
// claims later in the day, so `received_at >= start` would count them as the test's.
// Works on any connection through `Query` (a DatabaseHandle's sql, or a pg client on the cluster).

export type Query = <T extends Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;

export interface AccumulatorRow {
  key: string;
  deductible: number;
  oop: number;
}

/** The ids of every claim stored before the test's load (its claims are the others). */
export async function existingClaims(query: Query): Promise<string[]> {
  const rows = await query<{ id: string }>('select id::text as id from claims');
  return rows.map((r) => r.id);
}

/** Every accumulator row (individual: the member; family: the subscriber), keyed by plan year, scope, member. */
export async function accumulatorSnapshot(query: Query): Promise<Map<string, AccumulatorRow>> {
  const rows = await query<{ key: string; deductible: number; oop: number }>(
    `select plan_year_id || '/' || scope || '/' || member_id as key, deductible_cents as deductible, oop_cents as oop
       from accumulators`,
  );
  return new Map(
    rows.map((r) => [r.key, { key: r.key, deductible: Number(r.deductible), oop: Number(r.oop) }]),
  );
}

export interface AccumulatorCheck {
  rowsChecked: number;
  mismatches: string[];
  /** Totals over the individual rows: what they moved by, and what the new paid claims applied. */
  moved: { deductible: number; oop: number };
  applied: { deductible: number; oop: number };
}

/**
 * Accumulators moved by exactly the paid claims: for every row, the change since `before` equals the sum applied
 * by the B1 claims stored since then (not in `existing`) that are still paid (a reversed claim gives its amounts
 * back).
 */
export async function checkAccumulators(
  query: Query,
  before: Map<string, AccumulatorRow>,
  existing: string[],
): Promise<AccumulatorCheck> {
  const after = await accumulatorSnapshot(query);
  const sums = await query<{ key: string; deductible: number; oop: number }>(
    `select c.plan_year_id || '/' || s.scope || '/' || (case when s.scope = 'family' then m.subscriber_id else m.id end) as key,
            sum(c.applied_to_deductible_cents)::int as deductible, sum(c.applied_to_oop_cents)::int as oop
       from claims c join members m on m.id = c.member_id
       cross join (values ('individual'), ('family')) s(scope)
      where c.transaction_code = 'B1' and c.status = 'paid' and c.id <> all($1::uuid[])
      group by 1`,
    [existing],
  );
  const expected = new Map(
    sums.map((s) => [s.key, { deductible: Number(s.deductible), oop: Number(s.oop) }]),
  );
  const mismatches: string[] = [];
  const moved = { deductible: 0, oop: 0 };
  const applied = { deductible: 0, oop: 0 };
  const keys = new Set([...after.keys(), ...expected.keys()]);
  for (const key of keys) {
    const b = before.get(key) ?? { deductible: 0, oop: 0 };
    const a = after.get(key) ?? { deductible: 0, oop: 0 };
    const e = expected.get(key) ?? { deductible: 0, oop: 0 };
    if (key.split('/')[1] === 'individual') {
      moved.deductible += a.deductible - b.deductible;
      moved.oop += a.oop - b.oop;
      applied.deductible += e.deductible;
      applied.oop += e.oop;
    }
    if (a.deductible - b.deductible !== e.deductible || a.oop - b.oop !== e.oop) {
      const member = key.split('/')[2];
      const claims = await query(
        `select c.service_provider_id as npi, c.rx_number as rx, c.transaction_code as code, c.status,
                c.applied_to_deductible_cents as d, c.applied_to_oop_cents as o, c.received_at as at
           from claims c join members m on m.id = c.member_id
          where (m.id = $1 or m.subscriber_id = $1) and c.id <> all($2::uuid[]) order by c.received_at`,
        [member, existing],
      );
      mismatches.push(
        `${key}: moved ${a.deductible - b.deductible}/${a.oop - b.oop}, paid claims ${e.deductible}/${e.oop}; claims ${JSON.stringify(claims)}`,
      );
    }
  }
  return { rowsChecked: keys.size, mismatches, moved, applied };
}
