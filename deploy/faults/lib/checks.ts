// What the fault tests check after the faults, from the client logs against what the database holds.
import { type ClusterState, query } from '../../cluster/cluster';
import type { AckedOrder } from './order-sim';
import type { Ack } from './pharmacy-sim';

export interface AccumulatorRow {
  key: string;
  deductible: number;
  oop: number;
}

/** Every accumulator row (individual: the member; family: the subscriber), keyed by plan year, scope, member. */
export async function accumulatorSnapshot(state: ClusterState): Promise<Map<string, AccumulatorRow>> {
  const rows = await query<{ key: string; deductible: number; oop: number }>(
    state.adminUrl,
    `select plan_year_id || '/' || scope || '/' || member_id as key, deductible_cents as deductible, oop_cents as oop
       from accumulators`,
  );
  return new Map(rows.map((r) => [r.key, r]));
}

export interface ClaimCounts {
  /** B1s the pharmacies were answered paid (P, or D: a retry answered with the original payment). */
  acknowledgedPaid: number;
  /** Of those, found in the database exactly once. */
  stored: number;
  lost: number;
  /** Paid more than once (several paid or reversed rows for one pharmacy's Rx number). */
  paidTwice: number;
  /** Retries of an unanswered transmission that got the original answer (D) back. */
  duplicatesAnswered: number;
  /** Retries of an unanswered transmission that the first attempt had not stored (paid now, once). */
  retriesPaidFirstTime: number;
  acknowledgedReversals: number;
  reversalsNotReversed: number;
  /** Paid claims (not reversed by an acknowledged B2) found reversed. */
  paidFoundReversed: number;
  problems: string[];
}

/**
 * The claims already stored when the test starts. The seed dates some of today's claims later in the day, so a
 * time watermark would count them as the test's.
 */
export async function existingClaims(state: ClusterState): Promise<string[]> {
  const rows = await query<{ id: string }>(state.adminUrl, 'select id::text as id from claims');
  return rows.map((r) => r.id);
}

export async function checkClaims(
  state: ClusterState,
  acks: Ack[],
  existing: string[],
): Promise<ClaimCounts> {
  const rows = await query<{ npi: string; rx: string; status: string; n: number }>(
    state.adminUrl,
    `select service_provider_id as npi, rx_number as rx, status, count(*)::int as n from claims
      where transaction_code = 'B1' and status in ('paid', 'reversed') and id <> all($1::uuid[])
      group by 1, 2, 3`,
    [existing],
  );
  const stored = new Map<string, { paid: number; reversed: number }>();
  for (const r of rows) {
    const k = `${r.npi}/${r.rx}`;
    const s = stored.get(k) ?? { paid: 0, reversed: 0 };
    if (r.status === 'paid') s.paid += r.n;
    else s.reversed += r.n;
    stored.set(k, s);
  }
  const reversed = new Set(
    acks
      .filter((a) => a.code === 'B2' && ['A', 'S'].includes(a.status))
      .map((a) => `${a.pharmacyNpi}/${a.rx}`),
  );
  const paid = acks.filter((a) => a.code === 'B1' && ['P', 'D'].includes(a.status));
  const counts: ClaimCounts = {
    acknowledgedPaid: paid.length,
    stored: 0,
    lost: 0,
    paidTwice: 0,
    duplicatesAnswered: paid.filter((a) => a.attempts > 1 && a.status === 'D').length,
    retriesPaidFirstTime: paid.filter((a) => a.attempts > 1 && a.status === 'P').length,
    acknowledgedReversals: reversed.size,
    reversalsNotReversed: 0,
    paidFoundReversed: 0,
    problems: [],
  };
  for (const a of paid) {
    const k = `${a.pharmacyNpi}/${a.rx}`;
    const s = stored.get(k) ?? { paid: 0, reversed: 0 };
    const total = s.paid + s.reversed;
    if (total === 0) {
      counts.lost += 1;
      counts.problems.push(`lost: ${k}`);
      continue;
    }
    if (total > 1) {
      counts.paidTwice += 1;
      counts.problems.push(`paid ${total} times: ${k}`);
      continue;
    }
    counts.stored += 1;
    if (reversed.has(k) && s.reversed !== 1) {
      counts.reversalsNotReversed += 1;
      counts.problems.push(`reversal acknowledged but claim paid: ${k}`);
    }
    if (!reversed.has(k) && s.reversed !== 0) {
      counts.paidFoundReversed += 1;
      counts.problems.push(`reversed without an acknowledged B2: ${k}`);
    }
  }
  // A first attempt stored after its retry was refused would show as a paid claim nobody was told about.
  const acknowledged = new Set(paid.map((a) => `${a.pharmacyNpi}/${a.rx}`));
  const pharmacies = new Set(acks.map((a) => a.pharmacyNpi));
  for (const [k, s] of stored) {
    if (!pharmacies.has(k.split('/')[0] as string) || acknowledged.has(k) || s.paid === 0) continue;
    const told = acks.filter((a) => `${a.pharmacyNpi}/${a.rx}` === k);
    counts.problems.push(
      `paid but never acknowledged to the pharmacy: ${k}; answers: ${JSON.stringify(told)}; stored: ${await claimRowsOf(state, k)}`,
    );
  }
  return counts;
}

/** Every claim row of one pharmacy's Rx number, for a problem's description. */
async function claimRowsOf(state: ClusterState, key: string): Promise<string> {
  const [npi, rx] = key.split('/');
  const rows = await query(
    state.adminUrl,
    `select transaction_code as code, status, reject_codes as rejects, applied_to_deductible_cents as d,
            applied_to_oop_cents as o, received_at as at from claims
      where service_provider_id = $1 and rx_number = $2 order by received_at`,
    [npi, rx],
  );
  return JSON.stringify(rows);
}

/**
 * Accumulators moved by exactly the paid claims: for every row, the change since `before` equals the sum applied
 * by the B1 claims stored since then (not in `existing`) that are still paid (a reversed claim gives its amounts
 * back).
 */
export async function checkAccumulators(
  state: ClusterState,
  before: Map<string, AccumulatorRow>,
  existing: string[],
): Promise<{ rowsChecked: number; mismatches: string[] }> {
  const after = await accumulatorSnapshot(state);
  const sums = await query<{ key: string; deductible: number; oop: number }>(
    state.adminUrl,
    `select c.plan_year_id || '/' || s.scope || '/' || (case when s.scope = 'family' then m.subscriber_id else m.id end) as key,
            sum(c.applied_to_deductible_cents)::int as deductible, sum(c.applied_to_oop_cents)::int as oop
       from claims c join members m on m.id = c.member_id
       cross join (values ('individual'), ('family')) s(scope)
      where c.transaction_code = 'B1' and c.status = 'paid' and c.id <> all($1::uuid[])
      group by 1`,
    [existing],
  );
  const expected = new Map(sums.map((s) => [s.key, s]));
  const mismatches: string[] = [];
  const keys = new Set([...after.keys(), ...expected.keys()]);
  for (const key of keys) {
    const b = before.get(key) ?? { deductible: 0, oop: 0 };
    const a = after.get(key) ?? { deductible: 0, oop: 0 };
    const e = expected.get(key) ?? { deductible: 0, oop: 0 };
    if (a.deductible - b.deductible !== e.deductible || a.oop - b.oop !== e.oop) {
      const member = key.split('/')[2];
      const claims = await query(
        state.adminUrl,
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
  return { rowsChecked: keys.size, mismatches };
}

export interface OrderCounts {
  acknowledged: number;
  stored: number;
  lost: number;
  filled: number;
  captured: number;
  /** Orders whose card the vault handed out for payment more than once, or more often than captures recorded. */
  chargedTwice: number;
  problems: string[];
}

export async function checkOrders(state: ClusterState, acked: AckedOrder[]): Promise<OrderCounts> {
  const orders = await query<{ key: string; id: string; n: number; captured: number; number: string }>(
    state.adminUrl,
    `select o.idempotency_key as key, min(o.id::text) as id, count(*)::int as n, min(o.order_number) as number,
            (select count(*)::int from order_payments p where p.order_id = min(o.id::text)::uuid and p.status = 'captured') as captured
       from orders o where o.idempotency_key = any($1::text[]) group by 1`,
    [acked.map((o) => o.userKey)],
  );
  const vaultUrl = state.adminUrl.replace(/\/openpbm$/, '/openpbm_vault');
  const ledger = await query<{ reference: string; n: number }>(
    vaultUrl,
    `select reference, count(*)::int as n from vault_access_log
      where purpose = 'payment' and reference like 'order:%' group by 1`,
  );
  const detokenized = new Map(ledger.map((l) => [l.reference, l.n]));
  const byKey = new Map(orders.map((o) => [o.key, o]));
  const counts: OrderCounts = {
    acknowledged: acked.length,
    stored: 0,
    lost: 0,
    filled: acked.filter((o) => o.filled).length,
    captured: 0,
    chargedTwice: 0,
    problems: [],
  };
  for (const o of acked) {
    const row = byKey.get(o.userKey);
    if (!row) {
      counts.lost += 1;
      counts.problems.push(`order lost: ${o.orderNumber}`);
      continue;
    }
    if (row.n !== 1 || row.id !== o.orderId)
      counts.problems.push(`order ${o.orderNumber} stored ${row.n} times`);
    else counts.stored += 1;
    counts.captured += row.captured;
    const charges = detokenized.get(`order:${row.number}`) ?? 0;
    if (row.captured > 1 || charges > 1 || charges < row.captured) {
      counts.chargedTwice += 1;
      counts.problems.push(
        `order ${row.number}: ${row.captured} captures, card read for payment ${charges} times`,
      );
    }
    if (o.filled && row.captured !== 1)
      counts.problems.push(`order ${row.number} filled with ${row.captured} captures`);
  }
  return counts;
}
