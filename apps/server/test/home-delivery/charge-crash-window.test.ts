// The double-charge window of a fill: the attempt is recorded before the vault charges the card, so a node that
// dies between the vault's charge and the record (or before the vault ever got the request) leaves an attempt the
// retried fill settles with the vault by its key. The card is charged once; what the vault cannot decide is held
// as an exception staff see and resume. Real vault server (in-memory store), real HTTP routes, both databases.
import { createVaultClient } from '@openpbm/vault';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FILL_LEASE_SECONDS } from '../../src/home-delivery/fill-repo';
import { ATTEMPT_SETTLE_MS } from '../../src/payments/service';
import type { BenefitsFixture } from '../fixtures/benefits';
import { addPrescription } from '../fixtures/pharmacy';
import type { TestApp } from '../harness';
import { createTestUser, signInAs } from '../sign-in';
import { type PharmacyWorld, startPharmacyWorld } from '../support/pharmacy-world';

let world: PharmacyWorld;
let t: TestApp;
let f: BenefitsFixture;
type Headers = Record<string, string>;
let member: Headers;
let staff: Headers;
let cardId: string;
let clock = new Date('2026-03-10T15:00:00Z');

const post = (url: string, headers: Headers, payload: unknown = {}) =>
  t.app.inject({ method: 'POST', url, headers, payload: payload as object });
const get = (url: string, headers: Headers) => t.app.inject({ method: 'GET', url, headers });
const fill = (id: string) => post(`/api/home-delivery/orders/${id}/fill`, staff);
const later = (seconds: number) => {
  clock = new Date(clock.getTime() + seconds * 1000);
  t.setNow(clock);
};

async function attempts(orderId: string) {
  const { rows } = await t.db.sql.query<{
    id: string;
    status: string;
    amount_cents: number;
    idempotency_key: string | null;
  }>(
    'select id, status, amount_cents, idempotency_key from order_payments where order_id = $1 order by created_at',
    [orderId],
  );
  return rows;
}

/** The vault's ledger for one order, and how many times it sent the card to the processor. */
async function vaultLedger(orderNumber: string) {
  const charges = [...world.vault.store.charges.values()].filter(
    (c) => c.reference === `order:${orderNumber}`,
  );
  const { rows } = await t.db.sql.query<{ vault_token: string }>(
    'select vault_token from payment_methods where id = $1',
    [cardId],
  );
  const processorCalls = world.vault.store.accessLog.filter(
    (e) => e.action === 'charged' && e.token === rows[0]?.vault_token,
  ).length;
  return { charges, processorCalls };
}

/** A verified order paid by the member's card (each test its own drug or days: no refill-too-soon). */
async function verifiedOrder(
  drug: 'atorvastatin' | 'omeprazole',
): Promise<{ id: string; orderNumber: string }> {
  const rx = await addPrescription(t.db.db, f, { memberId: f.members.subscriber.id, drug });
  const placed = await post('/api/orders', member, { prescriptionIds: [rx.id], paymentMethodId: cardId });
  expect(placed.statusCode).toBe(201);
  const { id, orderNumber } = placed.json() as { id: string; orderNumber: string };
  const verified = await post(`/api/home-delivery/orders/${id}/verify`, staff, { durReviewed: true });
  expect(verified.json().status).toBe('verified');
  return { id, orderNumber };
}

/** What a node killed mid-fill leaves besides its attempt: the fill lease, held as of now. */
const leaseLeftByDeadNode = (orderId: string) =>
  t.db.sql.query('update orders set fill_started_at = $2 where id = $1', [orderId, clock.toISOString()]);

beforeAll(async () => {
  world = await startPharmacyWorld();
  ({ t, f } = world);
  const memberId = f.members.subscriber.id;
  member = (await signInAs(t, await createTestUser(t, 'member', { memberId }))).headers;
  staff = (await signInAs(t, f.pharmacyUsers.homeDelivery)).headers;
  const card = await post('/api/payment-methods', member, {
    cardNumber: '4111111111111111',
    expMonth: 12,
    expYear: 2030,
  });
  cardId = card.json().id;
});
afterAll(async () => {
  t.deps.faults = undefined;
  await world?.close();
});

describe('a fill interrupted in the charge window', () => {
  it('after the vault charged and before the record: the retry gets the first charge back, never a second', async () => {
    const order = await verifiedOrder('atorvastatin');
    t.deps.faults = {
      afterVaultCharge: async () => {
        throw new Error('node killed after the vault charged');
      },
    };
    expect((await fill(order.id)).statusCode).toBe(500);
    t.deps.faults = undefined;
    await leaseLeftByDeadNode(order.id);

    // The attempt was committed before the vault call; the vault holds its one capture under the same key.
    const [attempt] = await attempts(order.id);
    expect(attempt).toMatchObject({ status: 'charging', idempotency_key: `order:${order.id}:1` });
    let ledger = await vaultLedger(order.orderNumber);
    expect(ledger.charges.map((c) => [c.idempotencyKey, c.status, c.amountCents])).toEqual([
      [attempt?.idempotency_key, 'captured', attempt?.amount_cents],
    ]);
    expect(ledger.processorCalls).toBe(1);
    // Staff see the attempt as charging; the member sees the payment pending.
    expect((await get(`/api/home-delivery/orders/${order.id}`, staff)).json().payment.status).toBe(
      'charging',
    );
    expect((await get(`/api/orders/${order.id}`, member)).json().payment.status).toBe('pending');

    // The dead node's lease holds the order for seconds, not minutes.
    const blocked = await fill(order.id);
    expect(blocked.statusCode).toBe(409);
    later(FILL_LEASE_SECONDS + 1);
    const filled = (await fill(order.id)).json();
    expect(filled).toMatchObject({ status: 'filled', payment: { status: 'captured' } });

    expect((await attempts(order.id)).map((a) => a.status)).toEqual(['captured']);
    ledger = await vaultLedger(order.orderNumber);
    expect(ledger.charges).toHaveLength(1);
    expect(ledger.processorCalls).toBe(1);
    const { rows } = await t.db.sql.query<{ processor_reference: string }>(
      'select processor_reference from order_payments where order_id = $1',
      [order.id],
    );
    expect(rows[0]?.processor_reference).toBe(ledger.charges[0]?.processorReference);
  });

  it('after the record and before the vault got the request: the retry charges once, under the same key', async () => {
    const order = await verifiedOrder('omeprazole');
    const vault = t.deps.vault;
    t.deps.vault = createVaultClient('http://127.0.0.1:1', 'unreachable-vault-secret-0123456789abcdef');
    const failed = await fill(order.id);
    t.deps.vault = vault;
    expect(failed.statusCode).toBe(503);
    expect(failed.json().detail).toMatch(/never charged twice/);
    const [attempt] = await attempts(order.id);
    expect(attempt?.status).toBe('charging');
    expect((await vaultLedger(order.orderNumber)).charges).toHaveLength(0);

    later(1);
    expect((await fill(order.id)).json()).toMatchObject({
      status: 'filled',
      payment: { status: 'captured' },
    });
    const ledger = await vaultLedger(order.orderNumber);
    expect(ledger.charges.map((c) => [c.idempotencyKey, c.status])).toEqual([
      [attempt?.idempotency_key, 'captured'],
    ]);
    expect((await attempts(order.id)).map((a) => [a.id, a.status])).toEqual([[attempt?.id, 'captured']]);
  });

  it('holds the order for staff when the vault cannot say, and their resume settles it without a second charge', async () => {
    later(95 * 86_400);
    const order = await verifiedOrder('atorvastatin');
    const vault = t.deps.vault;
    t.deps.vault = createVaultClient('http://127.0.0.1:1', 'unreachable-vault-secret-0123456789abcdef');
    expect((await fill(order.id)).statusCode).toBe(503);
    t.deps.vault = vault;
    const [attempt] = await attempts(order.id);
    const key = attempt?.idempotency_key ?? '';
    // The vault took the charge and died before the processor answered: its ledger says pending. The attempt is
    // older than any request a dead node could still have in flight.
    const { rows: tokens } = await t.db.sql.query<{ vault_token: string }>(
      'select vault_token from payment_methods where id = $1',
      [cardId],
    );
    await world.vault.store.startCharge({
      idempotencyKey: key,
      token: tokens[0]?.vault_token ?? '',
      amountCents: attempt?.amount_cents ?? 0,
      reference: `order:${order.orderNumber}`,
    });
    await t.db.sql.query(
      `update order_payments set created_at = created_at - make_interval(secs => $2) where id = $1`,
      [attempt?.id, ATTEMPT_SETTLE_MS / 1000 + 1],
    );

    later(1);
    const held = (await fill(order.id)).json();
    expect(held).toMatchObject({ status: 'exception', payment: { status: 'charging' } });
    expect(held.exceptionReason).toMatch(/^Payment unconfirmed: .*never charged twice\.$/);
    expect(held.actions).toContain('resume');
    const queue = (await get('/api/home-delivery/queue?status=exception', staff)).json();
    expect(queue.orders.find((o: { id: string }) => o.id === order.id)?.exceptionReason).toMatch(
      /^Payment unconfirmed/,
    );
    // Claims stay paid while held (the member is not billed twice either).
    expect((await get(`/api/orders/${order.id}`, member)).json().payment.status).toBe('pending');

    // Resumed while the vault still cannot say: held again, nothing charged.
    expect((await post(`/api/home-delivery/orders/${order.id}/resume`, staff, {})).json().status).toBe(
      'verified',
    );
    expect((await fill(order.id)).json().status).toBe('exception');

    // The vault settles the charge; staff resume (a status event naming them) and the fill takes that charge.
    await world.vault.store.finishCharge(key, { status: 'captured', processorReference: 'sim_settled' });
    const resumed = (
      await post(`/api/home-delivery/orders/${order.id}/resume`, staff, {
        note: 'Checked with the card service',
      })
    ).json();
    expect(resumed.status).toBe('verified');
    expect(resumed.events.at(-1)).toMatchObject({
      status: 'verified',
      note: 'Checked with the card service',
    });
    expect(resumed.events.at(-1).actorName).toBeTruthy();
    expect((await fill(order.id)).json()).toMatchObject({
      status: 'filled',
      payment: { status: 'captured' },
    });

    const ledger = await vaultLedger(order.orderNumber);
    expect(ledger.charges.map((c) => [c.idempotencyKey, c.status])).toEqual([[key, 'captured']]);
    const { rows } = await t.db.sql.query<{ status: string; processor_reference: string }>(
      'select status, processor_reference from order_payments where order_id = $1',
      [order.id],
    );
    expect(rows).toEqual([{ status: 'captured', processor_reference: 'sim_settled' }]);
  });
});
