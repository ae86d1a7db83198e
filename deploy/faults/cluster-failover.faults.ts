// Fault injection on the local HA cluster (issue 17 item 3): pharmacies bill and reverse claims over the claims
// TCP port and members order home delivery with cards over HTTP, all through HAProxy, while the test kills an
// app node, drops the app's database connections mid-transaction, kills the PostgreSQL leader's machine (Patroni
// promotes the standby) and stops a PostgreSQL with `pg_ctl stop -m immediate`. Then every acknowledged answer in
// the clients' own logs is checked against the database and the vault's ledger.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DatabaseHandle, openDatabase } from '@openpbm/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorkload, type WorkloadClaim } from '../../bench/lib/claims-workload';
import {
  type ClusterState,
  clusterDown,
  clusterUp,
  leader,
  REPO_ROOT,
  startAppNode,
  syncStandby,
} from '../cluster/cluster';
import { APP_NODES, HOST, PORTS } from '../cluster/layout';
import { httpStatus, waitFor } from '../cluster/processes';
import { signedInUser } from '../cluster/sessions';
import {
  accumulatorSnapshot,
  checkAccumulators,
  checkClaims,
  checkOrders,
  existingClaims,
} from './lib/checks';
import { dropAppConnections, killApp, killLeader, restartNode, stopPostgresImmediate } from './lib/faults';
import { type OrderingMember, OrderSim, type Session } from './lib/order-sim';
import { type Ack, PharmacySim, sleep } from './lib/pharmacy-sim';

const AS_OF = new Date().toISOString().slice(0, 10);
const dir = mkdtempSync(join(tmpdir(), 'openpbm-faults-'));
let state: ClusterState;
let db: DatabaseHandle;
const log = (line: string) => console.log(`[faults ${new Date().toISOString().slice(11, 19)}] ${line}`);

beforeAll(async () => {
  state = await clusterUp({ dir, members: 300, pharmacies: 6, log });
  db = await openDatabase({ url: state.adminUrl, poolSize: 2 });
}, 10 * 60_000);

afterAll(async () => {
  await db?.close().catch(() => {});
  await clusterDown(dir);
}, 120_000);

/** The longest stretch with no acknowledged claim between `from` and `to` (ms). */
function longestSilence(acks: Ack[], from: number, to: number): number {
  const times = acks
    .map((a) => a.at)
    .filter((t) => t > from && t <= to)
    .sort((a, b) => a - b);
  let longest = 0;
  let previous = from;
  for (const t of [...times, to]) {
    longest = Math.max(longest, t - previous);
    previous = t;
  }
  return longest;
}

describe('the cluster under faults', () => {
  it('loses no acknowledged claim or order, pays and charges once, and flows again within 30 s of failover', async () => {
    const workload = (await buildWorkload(db.sql, state.fieldKeyHex, AS_OF)).flat();
    expect(workload.length).toBeGreaterThan(200);
    const pharmacies = state.pharmacies.map((ph, i) => {
      const claims = workload
        .filter((_, k) => k % state.pharmacies.length === i)
        .map((c): WorkloadClaim => ({ ...c, pharmacyId: ph.id, pharmacyNpi: ph.npi }));
      return new PharmacySim(ph, claims, PORTS.claims, AS_OF);
    });
    const { members, pharmacist, userIdOf } = await orderingPeople(db, state);
    const orders = new OrderSim(`http://${HOST}:${PORTS.http}`, members, pharmacist, userIdOf);
    await orders.addCards();

    const existing = await existingClaims(state);
    const before = await accumulatorSnapshot(state);
    let stop = false;
    const running = [...pharmacies.map((p) => p.run(() => stop)), orders.run(() => stop)];
    const acks = () => pharmacies.flatMap((p) => p.acks);
    const figures: Record<string, number | string> = {};
    try {
      await sleep(8000);

      log('fault 1: kill -9 app1');
      const app1 = APP_NODES[0] as (typeof APP_NODES)[number];
      let at = Date.now();
      killApp(state, app1.name);
      await sleep(10_000);
      figures.appKillSilenceMs = longestSilence(acks(), at, Date.now());
      startAppNode(state, app1);
      await waitFor(
        'app1 back',
        async () => (await httpStatus(`http://${HOST}:${app1.httpPort}/ready`)) === 200,
        180_000,
      );

      log('fault 2: connections dropped mid-transaction (the database side and the pharmacy side)');
      for (const p of pharmacies) p.abandonEvery = 5;
      let dropped = 0;
      for (let i = 0; i < 4; i++) {
        await sleep(2500);
        dropped += await dropAppConnections(state);
      }
      for (const p of pharmacies) p.abandonEvery = 0;
      figures.backendsTerminated = dropped;
      await sleep(5000);

      log('fault 3: kill -9 of the PostgreSQL leader (its Patroni and its postmaster)');
      at = Date.now();
      const killed = await killLeader(state);
      const promoted = await waitFor(
        'a new leader',
        async () => {
          const l = await leader();
          return l && l.name !== killed.name ? l : undefined;
        },
        60_000,
      );
      const promotedAt = Date.now();
      figures.promotedAfterMs = promotedAt - at;
      await waitFor(
        'claims acknowledged after the failover',
        async () => acks().some((a) => a.at > promotedAt),
        60_000,
      );
      await sleep(5000);
      figures.failoverGapMs = longestSilence(acks(), at, Date.now());
      log(
        `${promoted.name} promoted after ${figures.promotedAfterMs} ms; claims stopped for ${figures.failoverGapMs} ms`,
      );
      restartNode(state, killed);
      await waitFor(
        'the old leader back as synchronous standby',
        async () => (await syncStandby()) === killed.name,
        240_000,
      );

      log('fault 4: pg_ctl stop -m immediate of the leader PostgreSQL (Patroni restarts or fails over)');
      const target = (await leader()) ?? promoted;
      at = Date.now();
      stopPostgresImmediate(state, target);
      await waitFor('a leader again', async () => (await leader()) !== undefined, 90_000);
      await waitFor(
        'claims acknowledged after the restart',
        async () => acks().some((a) => a.at > Date.now() - 1000 && a.at > at + 2000),
        90_000,
      );
      await sleep(5000);
      figures.immediateStopGapMs = longestSilence(acks(), at, Date.now());
      await waitFor('a synchronous standby again', async () => (await syncStandby()) !== undefined, 240_000);
      await sleep(5000);
    } finally {
      stop = true;
      await Promise.all(running);
    }

    const claims = await checkClaims(state, acks(), existing);
    const accumulators = await checkAccumulators(state, before, existing);
    const orderCounts = await checkOrders(state, orders.acked);
    const report = {
      at: new Date().toISOString(),
      claims: { ...claims, problems: claims.problems.slice(0, 20) },
      transmissionsUnanswered: pharmacies.reduce((s, p) => s + p.unanswered, 0),
      transmissionsAbandoned: pharmacies.reduce((s, p) => s + p.abandoned, 0),
      gaveUp: pharmacies.flatMap((p) => p.gaveUp),
      accumulators: {
        rowsChecked: accumulators.rowsChecked,
        mismatches: accumulators.mismatches.slice(0, 20),
      },
      orders: orderCounts,
      ordersNotFilled: orders.acked.filter((o) => !o.filled).map((o) => `${o.orderNumber}: ${o.fillGaveUp}`),
      httpRetries: orders.unanswered,
      figures,
    };
    mkdirSync(join(REPO_ROOT, 'bench/results'), { recursive: true });
    writeFileSync(join(REPO_ROOT, 'bench/results/faults.json'), `${JSON.stringify(report, null, 2)}\n`);
    log(
      `claims: acknowledged ${claims.acknowledgedPaid} paid, stored ${claims.stored}, lost ${claims.lost}, ` +
        `paid twice ${claims.paidTwice}, duplicates answered ${claims.duplicatesAnswered} ` +
        `(+${claims.retriesPaidFirstTime} retries paid the first time), reversals ${claims.acknowledgedReversals} ` +
        `(not reversed ${claims.reversalsNotReversed}); accumulator rows checked ${accumulators.rowsChecked}, ` +
        `mismatches ${accumulators.mismatches.length}; orders acknowledged ${orderCounts.acknowledged}, ` +
        `stored ${orderCounts.stored}, lost ${orderCounts.lost}, filled ${orderCounts.filled}, captured ` +
        `${orderCounts.captured}, charged twice ${orderCounts.chargedTwice}, attempts unsettled ` +
        `${orderCounts.unsettled}; failover gap ` +
        `${figures.failoverGapMs} ms, pg_ctl immediate gap ${figures.immediateStopGapMs} ms, app kill gap ` +
        `${figures.appKillSilenceMs} ms`,
    );
    console.log(JSON.stringify(report, null, 2));

    expect(report.gaveUp).toEqual([]);
    expect(claims.acknowledgedPaid).toBeGreaterThan(100);
    expect(claims.problems).toEqual([]);
    expect(claims.lost).toBe(0);
    expect(claims.stored).toBe(claims.acknowledgedPaid);
    expect(claims.duplicatesAnswered + claims.retriesPaidFirstTime).toBeGreaterThan(0);
    expect(accumulators.mismatches).toEqual([]);
    expect(orderCounts.acknowledged).toBeGreaterThan(0);
    expect(orderCounts.problems).toEqual([]);
    expect(orderCounts.lost).toBe(0);
    expect(orderCounts.chargedTwice).toBe(0);
    expect(figures.failoverGapMs).toBeLessThan(30_000);
  });
});

/** Members with prescriptions at the home-delivery pharmacy, signed in, and that pharmacy's pharmacist. */
async function orderingPeople(db: DatabaseHandle, state: ClusterState) {
  const { rows } = await db.sql.query<{ member_id: string; pharmacy_id: string; ids: string[] }>(
    `select p.member_id, p.pharmacy_id, array_agg(p.id::text order by p.id) as ids
       from prescriptions p join pharmacies ph on ph.id = p.pharmacy_id
      where ph.home_delivery and not exists (select 1 from users u where u.member_id = p.member_id)
      group by 1, 2 order by count(*) desc limit 8`,
  );
  if (rows.length === 0) throw new Error('no member has home-delivery prescriptions');
  const userIdOf = new Map<string, string>();
  const members: OrderingMember[] = [];
  for (const r of rows) {
    const user = await signedInUser(db, state, 'member', { memberId: r.member_id });
    userIdOf.set(r.member_id, user.userId);
    members.push({
      memberId: r.member_id,
      session: { cookie: user.cookie },
      prescriptionIds: r.ids.slice(0, 6),
    });
  }
  const staff = await signedInUser(db, state, 'pharmacy_staff', {
    pharmacyId: rows[0]?.pharmacy_id as string,
  });
  const pharmacist: Session = { cookie: staff.cookie };
  return { members, pharmacist, userIdOf };
}
