// Automatic refills: enrollment rules through the API, then the worker's `auto-refill` job on a moved clock —
// nothing before the due date, one order on it (also when run twice, also through pg-boss), rescheduling when too
// soon, pause/resume/cancel, and pausing with a notice when no refills are left. Plus the refill-due reminders.

import { startWorker } from '@openpbm/worker';
import { autoRefill, refillReminders } from '@openpbm/worker/jobs/member-pharmacy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
let outsider: Headers;
let staff: Headers;
let cardId: string;
const rx: Record<string, { id: string; rxNumber: string }> = {};
let enrollmentId: string;

const silentLog = { info() {}, warn() {}, error() {} };
const runAt = async (iso: string) => {
  t.setNow(new Date(iso));
  return autoRefill.run(
    { db: t.db, config: t.deps.config, log: silentLog, mailer: t.deps.mailer },
    new Date(iso),
  );
};
const post = (url: string, headers: Headers, payload: unknown = {}) =>
  t.app.inject({ method: 'POST', url, headers, payload: payload as object });
const ordersOf = async (prescriptionId: string) =>
  (
    await t.db.sql.query<{ id: string; order_number: string; source: string; status: string }>(
      `select o.id, o.order_number, r.source, o.status from orders o join order_items oi on oi.order_id = o.id
         join order_requests r on r.order_id = o.id where oi.prescription_id = $1 order by o.created_at`,
      [prescriptionId],
    )
  ).rows;

beforeAll(async () => {
  world = await startPharmacyWorld(async (db, f) => {
    // An antibiotic course is not a maintenance drug.
    await db.sql.query(`update drug_groups set maintenance = false where id = $1`, [f.groups.clarithromycin]);
  });
  ({ t, f } = world);
  const sub = f.members.subscriber.id;
  rx.statin = await addPrescription(t.db.db, f, {
    memberId: sub,
    drug: 'atorvastatin',
    lastFillDate: '2026-03-01',
  });
  rx.antibiotic = await addPrescription(t.db.db, f, { memberId: sub, drug: 'clarithromycin' });
  rx.retail = await addPrescription(t.db.db, f, { memberId: sub, drug: 'omeprazole', pharmacy: 'retail' });
  rx.lastOne = await addPrescription(t.db.db, f, {
    memberId: sub,
    drug: 'simvastatin',
    refillsRemaining: 1,
    lastFillDate: '2026-03-01',
  });
  rx.reminder = await addPrescription(t.db.db, f, {
    memberId: f.members.spouse.id,
    drug: 'omeprazole',
    lastFillDate: '2026-02-15',
  });
  member = (await signInAs(t, await createTestUser(t, 'member', { memberId: sub }))).headers;
  await createTestUser(t, 'member', { memberId: f.members.spouse.id });
  outsider = (await signInAs(t, await createTestUser(t, 'member', { memberId: f.members.single.id })))
    .headers;
  staff = (await signInAs(t, f.pharmacyUsers.homeDelivery)).headers;
  cardId = (
    await post('/api/payment-methods', member, {
      cardNumber: '4111111111111111',
      expMonth: 12,
      expYear: 2030,
    })
  ).json().id;
});
afterAll(async () => {
  await world?.close();
});

describe('enrolling', () => {
  it('accepts only maintenance drugs at home delivery, for people the member manages', async () => {
    const antibiotic = await post('/api/auto-refill', member, {
      prescriptionId: rx.antibiotic?.id,
      paymentMethodId: cardId,
    });
    expect(antibiotic.statusCode).toBe(400);
    expect(antibiotic.json().errors[0].message).toMatch(/every day/);
    const retail = await post('/api/auto-refill', member, {
      prescriptionId: rx.retail?.id,
      paymentMethodId: cardId,
    });
    expect(retail.json().errors[0].message).toMatch(/Transfer this prescription to home delivery/);
    expect(
      (await post('/api/auto-refill', outsider, { prescriptionId: rx.statin?.id, paymentMethodId: cardId }))
        .statusCode,
    ).toBe(404);
    expect(
      (await post('/api/auto-refill', staff, { prescriptionId: rx.statin?.id, paymentMethodId: cardId }))
        .statusCode,
    ).toBe(403);
  });

  it('needs the member’s own card and starts on the next eligible date', async () => {
    const otherCard = (
      await post('/api/payment-methods', outsider, {
        cardNumber: '5555555555554444',
        expMonth: 1,
        expYear: 2031,
      })
    ).json().id;
    const stolen = await post('/api/auto-refill', member, {
      prescriptionId: rx.statin?.id,
      paymentMethodId: otherCard,
    });
    expect(stolen.statusCode).toBe(400);

    const res = await post('/api/auto-refill', member, {
      prescriptionId: rx.statin?.id,
      paymentMethodId: cardId,
    });
    expect(res.statusCode).toBe(201);
    const [enrollment] = res.json().enrollments;
    expect(enrollment).toMatchObject({
      status: 'active',
      nextRefillDate: '2026-03-24',
      cardLabel: 'Visa ending in 1111, expires 12/2030',
    });
    enrollmentId = enrollment.id;
    expect(
      (await post('/api/auto-refill', member, { prescriptionId: rx.statin?.id, paymentMethodId: cardId }))
        .statusCode,
    ).toBe(409);

    const list = (await post('/api/prescriptions/search', member, {})).json().prescriptions;
    expect(list.find((p: { id: string }) => p.id === rx.statin?.id).autoRefill).toMatchObject({
      status: 'active',
    });
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/auto-refill', headers: outsider })).json().enrollments,
    ).toEqual([]);
    expect((await post(`/api/auto-refill/${enrollmentId}/pause`, outsider)).statusCode).toBe(404);
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/payment-methods/${cardId}`, headers: member }))
        .statusCode,
    ).toBe(409);
  });
});

describe('the auto-refill job on a moving clock', () => {
  it('orders nothing before the due date', async () => {
    expect(await runAt('2026-03-23T23:00:00Z')).toMatchObject({ due: 0, ordered: 0 });
    expect(await ordersOf(rx.statin?.id as string)).toEqual([]);
  });

  it('orders the refill on the due date, once, and tells the member', async () => {
    // 04:00 UTC is still March 23 in Chicago: not yet.
    expect(await runAt('2026-03-24T04:00:00Z')).toMatchObject({ ordered: 0 });
    const result = await runAt('2026-03-24T11:00:00Z');
    expect(result).toMatchObject({ due: 1, ordered: 1 });
    expect(await runAt('2026-03-24T18:00:00Z')).toMatchObject({ ordered: 0 });
    const orders = await ordersOf(rx.statin?.id as string);
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({ source: 'auto_refill', status: 'received' });

    const messages = (await t.app.inject({ method: 'GET', url: '/api/messages', headers: member })).json()
      .messages;
    expect(messages[0]).toMatchObject({
      kind: 'order_placed',
      subject: `We received your order ${orders[0]?.order_number}`,
    });
    const enrollment = (
      await t.app.inject({ method: 'GET', url: '/api/auto-refill', headers: member })
    ).json().enrollments[0];
    expect(enrollment).toMatchObject({
      nextRefillDate: '2026-04-16',
      lastOrderNumber: orders[0]?.order_number,
    });
  });

  it('waits while the order is open and moves the date when the last fill makes it too soon', async () => {
    const [order] = await ordersOf(rx.statin?.id as string);
    t.setNow(new Date('2026-03-25T15:00:00Z'));
    await post(`/api/home-delivery/orders/${order?.id}/verify`, staff, { durReviewed: true });
    await post(`/api/home-delivery/orders/${order?.id}/fill`, staff, {});
    // Filled on March 25: the next refill is allowed from April 17.
    expect(await runAt('2026-04-16T12:00:00Z')).toMatchObject({ due: 1, ordered: 0, rescheduled: 1 });
    expect(await runAt('2026-04-17T12:00:00Z')).toMatchObject({ due: 1, ordered: 0, rescheduled: 1 }); // still in an open order
    await post(`/api/home-delivery/orders/${order?.id}/ship`, staff, {
      carrier: 'USPS',
      trackingNumber: '9400111202555842761234',
    });
    await post(`/api/home-delivery/orders/${order?.id}/deliver`, staff, {});
    expect(await runAt('2026-04-18T12:00:00Z')).toMatchObject({ ordered: 1 });
    expect(await ordersOf(rx.statin?.id as string)).toHaveLength(2);
  });

  it('does nothing while paused, and cancel ends it', async () => {
    const [, second] = await ordersOf(rx.statin?.id as string);
    await post(`/api/orders/${second?.id}/cancel`, member);
    const paused = await post(`/api/auto-refill/${enrollmentId}/pause`, member);
    expect(paused.json().enrollments[0].status).toBe('paused');
    expect(await runAt('2026-06-01T12:00:00Z')).toMatchObject({ due: 0 });
    const resumed = await post(`/api/auto-refill/${enrollmentId}/resume`, member);
    expect(resumed.json().enrollments[0]).toMatchObject({ status: 'active', nextRefillDate: '2026-06-01' });
    const cancelled = await post(`/api/auto-refill/${enrollmentId}/cancel`, member);
    expect(cancelled.json().enrollments).toEqual([]);
    expect(await runAt('2026-06-02T12:00:00Z')).toMatchObject({ due: 0 });
    const { rows } = await t.db.sql.query<{ auto_refill_enabled: boolean }>(
      'select auto_refill_enabled from prescriptions where id = $1',
      [rx.statin?.id],
    );
    expect(rows[0]?.auto_refill_enabled).toBe(false);
  });

  it('runs through pg-boss like any scheduled job', async () => {
    t.setNow(new Date('2026-06-10T12:00:00Z'));
    const enrolled = await post('/api/auto-refill', member, {
      prescriptionId: rx.lastOne?.id,
      paymentMethodId: cardId,
    });
    expect(enrolled.statusCode).toBe(201);
    const worker = await startWorker({
      db: t.db,
      config: t.deps.config,
      log: silentLog,
      now: () => new Date('2026-06-10T12:00:00Z'),
      jobs: [autoRefill],
      pollingIntervalSeconds: 0.5,
      mailer: t.deps.mailer,
    });
    try {
      const jobId = await worker.boss.send('auto-refill', {});
      expect(jobId).toBeTruthy();
      const deadline = Date.now() + 20_000;
      while ((await ordersOf(rx.lastOne?.id as string)).length === 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 250));
      }
    } finally {
      await worker.stop();
    }
    expect(await ordersOf(rx.lastOne?.id as string)).toHaveLength(1);
  });

  it('pauses with a reason and a notice when no refills are left', async () => {
    const [order] = await ordersOf(rx.lastOne?.id as string);
    t.setNow(new Date('2026-06-10T15:00:00Z'));
    await post(`/api/home-delivery/orders/${order?.id}/verify`, staff, { durReviewed: true });
    await post(`/api/home-delivery/orders/${order?.id}/fill`, staff, {});
    await post(`/api/home-delivery/orders/${order?.id}/ship`, staff, {
      carrier: 'FedEx',
      trackingNumber: '123456789012',
    });
    await post(`/api/home-delivery/orders/${order?.id}/deliver`, staff, {});
    expect(await runAt('2026-07-10T12:00:00Z')).toMatchObject({ paused: 1, ordered: 0 });
    const [enrollment] = (
      await t.app.inject({ method: 'GET', url: '/api/auto-refill', headers: member })
    ).json().enrollments;
    expect(enrollment).toMatchObject({
      status: 'paused',
      problem: expect.stringMatching(/No refills are left/),
    });
    const messages = (await t.app.inject({ method: 'GET', url: '/api/messages', headers: member })).json()
      .messages;
    expect(messages[0].subject).toBe(`Automatic refill paused for Rx ${rx.lastOne?.rxNumber}`);
  });
});

describe('refill-due reminders', () => {
  it('tells the member once per fill cycle when a refill becomes possible', async () => {
    const run = (iso: string) =>
      refillReminders.run(
        { db: t.db, config: t.deps.config, log: silentLog, mailer: t.deps.mailer },
        new Date(iso),
      );
    // Last filled 2026-02-15 (30 days): refill possible from March 10.
    const before = t.mailbox.list().length;
    expect((await run('2026-03-09T18:00:00Z')).notified).toBe(0);
    expect((await run('2026-03-10T18:00:00Z')).notified).toBe(1);
    expect((await run('2026-03-11T18:00:00Z')).notified).toBe(0);
    const mail = await t.mailbox.waitFor(
      (m) => t.mailbox.list().length > before && m.subject.includes('secure message'),
    );
    expect(mail.text).not.toMatch(/omeprazole/i);
  });
});
