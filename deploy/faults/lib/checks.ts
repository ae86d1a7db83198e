// What the fault tests check after the faults, from the client logs against what the database holds.
import { type ClusterState, query } from '../../cluster/cluster';
import {
  type AccumulatorCheck,
  type AccumulatorRow,
  type Query,
  checkAccumulators as sharedCheck,
  existingClaims as sharedExisting,
  accumulatorSnapshot as sharedSnapshot,
} from '../support/accumulators';
import type { AckedOrder } from './order-sim';
import type { Ack } from './pharmacy-sim';

/** The cluster's admin connection as the shared checks' `Query`. */
export const adminQuery =
  (state: ClusterState): Query =>
  (text, params) =>
    query(state.adminUrl, text, params);

/** Every accumulator row, keyed by plan year, scope, member (see support/accumulators.ts). */
export const accumulatorSnapshot = (state: ClusterState): Promise<Map<string, AccumulatorRow>> =>
  sharedSnapshot(adminQuery(state));

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

/** The claims already stored when the test starts (see support/accumulators.ts for why not a time watermark). */
export const existingClaims = (state: ClusterState): Promise<string[]> => sharedExisting(adminQuery(state));

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

/** Accumulators moved by exactly the paid claims (the check every fault test shares). */
export const checkAccumulators = (
  state: ClusterState,
  before: Map<string, AccumulatorRow>,
  existing: string[],
): Promise<AccumulatorCheck> => sharedCheck(adminQuery(state), before, existing);

export interface OrderCounts {
  acknowledged: number;
  stored: number;
  lost: number;
  filled: number;
  captured: number;
  /** Orders the vault's ledger (vault_charges) captured more than once, or fewer times than order_payments says. */
  chargedTwice: number;
  /** Orders with an attempt still in flight (`charging`): settled by the next fill, or held for staff. */
  unsettled: number;
  problems: string[];
}

export async function checkOrders(state: ClusterState, acked: AckedOrder[]): Promise<OrderCounts> {
  const orders = await query<{
    key: string;
    id: string;
    n: number;
    captured: number;
    charging: number;
    number: string;
  }>(
    state.adminUrl,
    `select o.idempotency_key as key, min(o.id::text) as id, count(*)::int as n, min(o.order_number) as number,
            (select count(*)::int from order_payments p where p.order_id = min(o.id::text)::uuid and p.status = 'captured') as captured,
            (select count(*)::int from order_payments p where p.order_id = min(o.id::text)::uuid and p.status = 'charging') as charging
       from orders o where o.idempotency_key = any($1::text[]) group by 1`,
    [acked.map((o) => o.userKey)],
  );
  const vaultUrl = state.adminUrl.replace(/\/openpbm$/, '/openpbm_vault');
  // The vault's ledger: one row per charge idempotency key, whatever the app recorded.
  const ledger = await query<{ reference: string; n: number }>(
    vaultUrl,
    `select reference, count(*)::int as n from vault_charges
      where status = 'captured' and reference like 'order:%' group by 1`,
  );
  const vaultCaptures = new Map(ledger.map((l) => [l.reference, l.n]));
  const byKey = new Map(orders.map((o) => [o.key, o]));
  const counts: OrderCounts = {
    acknowledged: acked.length,
    stored: 0,
    lost: 0,
    filled: acked.filter((o) => o.filled).length,
    captured: 0,
    chargedTwice: 0,
    unsettled: 0,
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
    counts.unsettled += row.charging;
    const charges = vaultCaptures.get(`order:${row.number}`) ?? 0;
    // A capture in the vault with the attempt still charging is the crash window, settled by the next fill.
    if (
      row.captured > 1 ||
      charges > 1 ||
      charges < row.captured ||
      (charges > row.captured && !row.charging)
    ) {
      counts.chargedTwice += 1;
      counts.problems.push(
        `order ${row.number}: ${row.captured} captures recorded, ${charges} in the vault's ledger`,
      );
    }
    if (o.filled && row.captured !== 1)
      counts.problems.push(`order ${row.number} filled with ${row.captured} captures`);
  }
  return counts;
}
