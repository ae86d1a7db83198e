// Member refills into home-delivery orders through the staff console to delivery, with the rules, idempotency,
// payment step, timeline and every role boundary.
import { describe, expect, it } from 'vitest';
import { createTestUser, signInAs } from '../sign-in';
import {
  at,
  f,
  get,
  kidId,
  outsider,
  post,
  retailStaff,
  rx,
  spouse,
  staff,
  subscriber,
  t,
  useRefillWorld,
  vault,
} from './refill-world';

let cardId: string;

useRefillWorld();

describe('prescriptions page API', () => {
  it('lists my prescriptions and my child’s, with refill state and message, but no adult’s without a grant', async () => {
    const res = await post('/api/prescriptions/search', subscriber, { status: 'all' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const byId = new Map(body.prescriptions.map((p: { id: string }) => [p.id, p]));
    expect(byId.has(rx.kid?.id)).toBe(true);
    expect(byId.has(rx.spouse?.id)).toBe(false);
    expect(byId.has(rx.adultChild?.id)).toBe(false);
    expect(byId.has(rx.outsider?.id)).toBe(false);
    expect(body.notice).toMatch(/18 or older/);
    expect(body.members.map((m: { relationship: string }) => m.relationship).sort()).toEqual([
      'dependent',
      'self',
    ]);

    const state = (id: string) =>
      byId.get(id) as { refillState: string; refillMessage: string; canRefill: boolean };
    expect(state(rx.atorvastatin?.id as string)).toMatchObject({ refillState: 'eligible', canRefill: true });
    expect(state(rx.tooSoon?.id as string).refillMessage).toBe(
      'Too soon to refill. You can refill it on or after March 24, 2026.',
    );
    expect(state(rx.noRefills?.id as string)).toMatchObject({
      refillState: 'no_refills_left',
      canRefill: false,
    });
    expect(state(rx.expired?.id as string).refillState).toBe('expired');
    expect(state(rx.retail?.id as string)).toMatchObject({ refillState: 'retail', canRefill: false });
  });

  it('filters by status, member and search text', async () => {
    const current = (await post('/api/prescriptions/search', subscriber, {})).json().prescriptions;
    expect(current.some((p: { id: string }) => p.id === rx.expired?.id)).toBe(false);
    const past = (await post('/api/prescriptions/search', subscriber, { status: 'past' })).json()
      .prescriptions;
    expect(past.map((p: { id: string }) => p.id)).toEqual([rx.expired?.id]);
    const kids = (await post('/api/prescriptions/search', subscriber, { memberId: kidId })).json()
      .prescriptions;
    expect(kids.map((p: { id: string }) => p.id)).toEqual([rx.kid?.id]);
    const search = (await post('/api/prescriptions/search', subscriber, { query: 'SIMVA' })).json()
      .prescriptions;
    expect(search.map((p: { id: string }) => p.id)).toEqual([rx.simvastatin?.id]);
    const byRx = (await post('/api/prescriptions/search', subscriber, { query: rx.retail?.rxNumber })).json()
      .prescriptions;
    expect(byRx.map((p: { id: string }) => p.id)).toEqual([rx.retail?.id]);
  });

  it('audits each member whose prescriptions were read', async () => {
    const { rows } = await t.db.sql.query<{ member_id: string; reason: string }>(
      `select member_id, reason from audit_events where resource_type = 'prescriptions' and member_id = $1 limit 1`,
      [kidId],
    );
    expect(rows[0]?.reason).toBe('member_request_for_family');
  });

  it('never shows another family’s prescriptions', async () => {
    expect((await get(`/api/prescriptions/${rx.atorvastatin?.id}`, outsider)).statusCode).toBe(404);
    expect(
      (await post('/api/prescriptions/search', outsider, { memberId: f.members.subscriber.id })).statusCode,
    ).toBe(404);
    expect((await get(`/api/prescriptions/${rx.atorvastatin?.id}`, subscriber)).json().drugName).toMatch(
      /Atorvastatin/,
    );
  });

  it('shows an adult’s prescriptions only with their proxy grant, and lets them act only with manage access', async () => {
    expect((await get(`/api/prescriptions/${rx.spouse?.id}`, subscriber)).statusCode).toBe(404);
    const grant = await post('/api/family/proxy-grants', spouse, {
      granteeMemberId: f.members.subscriber.id,
      access: 'view',
    });
    expect(grant.statusCode).toBe(201);
    expect((await get(`/api/prescriptions/${rx.spouse?.id}`, subscriber)).statusCode).toBe(200);
    const quote = await post('/api/orders/quote', subscriber, { prescriptionIds: [rx.spouse?.id] });
    expect(quote.statusCode).toBe(403);

    const family = (await get('/api/family', spouse)).json();
    await t.app.inject({
      method: 'DELETE',
      url: `/api/family/proxy-grants/${family.grantsGiven[0].id}`,
      headers: spouse,
    });
    expect((await get(`/api/prescriptions/${rx.spouse?.id}`, subscriber)).statusCode).toBe(404);
  });

  it('does not let a child’s data be shared by anyone but them, nor a minor be a proxy', async () => {
    const toKid = await post('/api/family/proxy-grants', spouse, { granteeMemberId: kidId, access: 'view' });
    expect(toKid.statusCode).toBe(400);
    const toStranger = await post('/api/family/proxy-grants', spouse, {
      granteeMemberId: f.members.single.id,
      access: 'view',
    });
    expect(toStranger.statusCode).toBe(400);
  });

  it('is for members only', async () => {
    expect((await post('/api/prescriptions/search', staff, {})).statusCode).toBe(403);
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/prescriptions/search', payload: {} })).statusCode,
    ).toBe(401);
  });
});

describe('refill into a home-delivery order', () => {
  it('prices refills with the benefits engine and refuses each rule with a clear message', async () => {
    const quote = await post('/api/orders/quote', subscriber, {
      prescriptionIds: [rx.atorvastatin?.id, rx.simvastatin?.id],
    });
    expect(quote.statusCode).toBe(200);
    const q = quote.json();
    expect(q.costBasis).toBe('benefits_engine');
    expect(q.items).toHaveLength(2);
    expect(q.totalMemberCostCents).toBe(q.items[0].memberCostCents + q.items[1].memberCostCents);
    expect(q.totalMemberCostCents).toBeGreaterThan(0);
    expect(q.addressOnFile.zip).toBe('62701');

    const refused = await post('/api/orders/quote', subscriber, {
      prescriptionIds: [rx.tooSoon?.id, rx.noRefills?.id, rx.expired?.id, rx.retail?.id],
    });
    expect(refused.statusCode).toBe(422);
    const messages = refused
      .json()
      .errors.map((e: { field: string; message: string }) => `${e.field}: ${e.message}`);
    expect(messages).toEqual([
      `prescriptionIds.0: Rx ${rx.tooSoon?.rxNumber}: Too soon to refill. You can refill it on or after March 24, 2026.`,
      `prescriptionIds.1: Rx ${rx.noRefills?.rxNumber}: No refills left. Ask your doctor for a new prescription.`,
      `prescriptionIds.2: Rx ${rx.expired?.rxNumber}: Expired after December 31, 2025. Ask your doctor for a new prescription.`,
      expect.stringContaining('Transfer it to home delivery'),
    ]);
  });

  it('refuses refills of two people in one order and of someone outside the family', async () => {
    expect(
      (await post('/api/orders/quote', subscriber, { prescriptionIds: [rx.atorvastatin?.id, rx.kid?.id] }))
        .statusCode,
    ).toBe(400);
    expect(
      (await post('/api/orders/quote', outsider, { prescriptionIds: [rx.atorvastatin?.id] })).statusCode,
    ).toBe(404);
    expect((await post('/api/orders', outsider, { prescriptionIds: [rx.atorvastatin?.id] })).statusCode).toBe(
      404,
    );
  });

  it('needs a card when the member owes something', async () => {
    const res = await post('/api/orders', subscriber, {
      prescriptionIds: [rx.atorvastatin?.id, rx.simvastatin?.id],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('paymentMethodId');
  });

  it('creates one order per Idempotency-Key, however often it is retried', async () => {
    const card = await post('/api/payment-methods', subscriber, {
      cardNumber: '4111111111111111',
      expMonth: 12,
      expYear: 2030,
    });
    cardId = card.json().id;
    const body = {
      prescriptionIds: [rx.atorvastatin?.id, rx.simvastatin?.id],
      paymentMethodId: cardId,
      shippingSpeed: 'standard',
    };
    const key = { 'idempotency-key': 'checkout-7f1c2a' };
    const first = await post('/api/orders', subscriber, body, key);
    expect(first.statusCode).toBe(201);
    const order = first.json();
    expect(order.orderNumber).toMatch(/^HD\d{8}$/);
    expect(order.status).toBe('received');
    expect(order.items).toHaveLength(2);
    expect(order.estimatedDeliveryDate).toBe('2026-03-17');

    const retry = await post('/api/orders', subscriber, body, key);
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json().id).toBe(order.id);

    const reused = await post('/api/orders', subscriber, { ...body, shippingSpeed: 'expedited' }, key);
    expect(reused.statusCode).toBe(422);

    const again = await post('/api/orders', subscriber, body, { 'idempotency-key': 'checkout-other' });
    expect(again.statusCode).toBe(422);
    expect(again.json().errors[0].message).toMatch(/In order HD\d{8}/);

    const { rows } = await t.db.sql.query<{ n: number }>(
      'select count(*)::int as n from orders where member_id = $1',
      [f.members.subscriber.id],
    );
    expect(rows[0]?.n).toBe(1);
    rx.orderId = { id: order.id, rxNumber: order.orderNumber };
  });

  it('shows the order in the member’s history and hides it from everyone else', async () => {
    const list = (await get('/api/orders', subscriber)).json().orders;
    expect(list.map((o: { id: string }) => o.id)).toEqual([rx.orderId?.id]);
    expect((await get(`/api/orders/${rx.orderId?.id}`, outsider)).statusCode).toBe(404);
    expect((await get('/api/orders', outsider)).json().orders).toEqual([]);
    expect((await get(`/api/orders/${rx.orderId?.id}`, staff)).statusCode).toBe(403);
  });
});

describe('home-delivery pharmacy console', () => {
  it('is only for staff of a home-delivery pharmacy, and only their own orders', async () => {
    expect((await get('/api/home-delivery/queue', subscriber)).statusCode).toBe(403);
    expect((await get('/api/home-delivery/queue', retailStaff)).statusCode).toBe(403);
    expect((await get(`/api/home-delivery/orders/${rx.orderId?.id}`, retailStaff)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/home-delivery/queue' })).statusCode).toBe(401);
    const otherHd = await createTestUser(t, 'pharmacy_staff', { pharmacyId: f.pharmacies.retail2.id });
    expect((await get('/api/home-delivery/queue', (await signInAs(t, otherHd)).headers)).statusCode).toBe(
      403,
    );
  });

  it('takes the order from received to delivered, each step time-stamped, with DUR review and payment', async () => {
    const id = rx.orderId?.id as string;
    const queue = (await get('/api/home-delivery/queue?status=received', staff)).json();
    expect(queue.orders.map((o: { id: string }) => o.id)).toEqual([id]);
    expect(queue.counts.received).toBe(1);

    const detail = (await get(`/api/home-delivery/orders/${id}`, staff)).json();
    expect(detail.actions).toEqual(['verify', 'exception', 'cancel']);
    expect(detail.member.dateOfBirth).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // The pharmacist identifies the patient by name and date of birth; the internal member id is not shown.
    expect(JSON.stringify(detail)).not.toContain(f.members.subscriber.id);
    // atorvastatin and simvastatin are both statins: therapeutic duplication.
    expect(detail.durWarnings.map((w: { reasonCode: string }) => w.reasonCode)).toContain('TD');
    // Each warning names who raised it; a duplication comes from the claims history, not an interaction list.
    expect(detail.durWarnings.find((w: { reasonCode: string }) => w.reasonCode === 'TD').source).toBe(
      'Claims history',
    );

    at('2026-03-10T16:00:00Z');
    const unreviewed = await post(`/api/home-delivery/orders/${id}/verify`, staff, {});
    expect(unreviewed.statusCode).toBe(409);
    expect(unreviewed.json().type).toBe('urn:openpbm:problem:dur-review-required');
    const verified = await post(`/api/home-delivery/orders/${id}/verify`, staff, {
      durReviewed: true,
      note: 'Prescriber confirmed',
    });
    expect(verified.json().status).toBe('verified');

    expect(
      (
        await post(`/api/home-delivery/orders/${id}/ship`, staff, {
          carrier: 'UPS',
          trackingNumber: '1Z999AA10123456784',
        })
      ).statusCode,
    ).toBe(409);

    at('2026-03-11T14:00:00Z');
    const filled = await post(`/api/home-delivery/orders/${id}/fill`, staff, {});
    expect(filled.json()).toMatchObject({ status: 'filled', payment: { status: 'captured' } });
    expect(vault.store.accessLog.filter((e) => e.action === 'charged').map((e) => e.purpose)).toEqual([
      'payment',
    ]);
    const { rows } = await t.db.sql.query<{
      fill_count: number;
      refills_remaining: number;
      last_fill_date: string;
    }>('select fill_count, refills_remaining, last_fill_date::text from prescriptions where id = $1', [
      rx.atorvastatin?.id,
    ]);
    expect(rows[0]).toEqual({ fill_count: 3, refills_remaining: 2, last_fill_date: '2026-03-11' });

    at('2026-03-11T20:00:00Z');
    const badTracking = await post(`/api/home-delivery/orders/${id}/ship`, staff, {
      carrier: 'UPS',
      trackingNumber: '123456',
    });
    expect(badTracking.statusCode).toBe(400);
    expect(badTracking.json().errors[0].field).toBe('trackingNumber');
    const shipped = await post(`/api/home-delivery/orders/${id}/ship`, staff, {
      carrier: 'UPS',
      trackingNumber: '1z 999aa1 0123456784',
    });
    expect(shipped.json()).toMatchObject({
      status: 'shipped',
      carrier: 'UPS',
      trackingNumber: '1Z999AA10123456784',
    });

    at('2026-03-13T18:30:00Z');
    const delivered = await post(`/api/home-delivery/orders/${id}/deliver`, staff, {});
    expect(delivered.json().status).toBe('delivered');
    expect(
      delivered.json().events.map((e: { status: string; actorName: string | null }) => e.status),
    ).toEqual(['received', 'verified', 'filled', 'shipped', 'delivered']);
    expect(delivered.json().events[1].note).toMatch(/^DUR reviewed: TD/);
  });

  it('shows the member the timeline, tracking link and estimated delivery', async () => {
    const order = (await get(`/api/orders/${rx.orderId?.id}`, subscriber)).json();
    expect(
      order.timeline.map((s: { status: string; at: string | null; done: boolean }) => [
        s.status,
        s.at,
        s.done,
      ]),
    ).toEqual([
      ['received', '2026-03-10T15:00:00.000Z', true],
      ['verified', '2026-03-10T16:00:00.000Z', true],
      ['filled', '2026-03-11T14:00:00.000Z', true],
      ['shipped', '2026-03-11T20:00:00.000Z', true],
      ['delivered', '2026-03-13T18:30:00.000Z', true],
    ]);
    expect(order.trackingUrl).toBe('https://www.ups.com/track?tracknum=1Z999AA10123456784');
    expect(order.estimatedDeliveryDate).toBe('2026-03-16');
    expect(order.payment).toMatchObject({
      status: 'captured',
      cardLabel: 'Visa ending in 1111, expires 12/2030',
    });
    expect(order.canCancel).toBe(false);
  });

  it('puts a declined payment on hold, tells the member, and continues with another card', async () => {
    const declined = await post('/api/payment-methods', subscriber, {
      cardNumber: '4000000000000002',
      expMonth: 1,
      expYear: 2031,
    });
    at('2026-03-12T15:00:00Z');
    const order = await post('/api/orders', subscriber, {
      prescriptionIds: [rx.kid?.id],
      paymentMethodId: declined.json().id,
      shippingSpeed: 'expedited',
    });
    expect(order.statusCode).toBe(201);
    const id = order.json().id as string;
    await post(`/api/home-delivery/orders/${id}/verify`, staff, { durReviewed: true });
    const filled = (await post(`/api/home-delivery/orders/${id}/fill`, staff, {})).json();
    expect(filled).toMatchObject({ status: 'exception', payment: { status: 'declined' } });
    expect(filled.exceptionReason).toBe('Payment declined: Your card was declined.');

    const memberView = (await get(`/api/orders/${id}`, subscriber)).json();
    expect(memberView.needsNewPayment).toBe(true);
    expect(memberView.timeline.find((s: { status: string }) => s.status === 'verified').done).toBe(true);
    const messages = (await get('/api/messages', subscriber)).json().messages;
    expect(messages.map((m: { kind: string }) => m.kind)).toContain('payment_problem');

    const resumed = await post(`/api/orders/${id}/payment-method`, subscriber, { paymentMethodId: cardId });
    expect(resumed.json().status).toBe('verified');
    const refilled = (await post(`/api/home-delivery/orders/${id}/fill`, staff, {})).json();
    expect(refilled).toMatchObject({ status: 'filled', payment: { status: 'captured' } });
  });

  it('lets the member cancel before the fill, not after', async () => {
    at('2026-04-20T15:00:00Z');
    const order = await post('/api/orders', subscriber, {
      prescriptionIds: [rx.tooSoon?.id],
      paymentMethodId: cardId,
    });
    expect(order.statusCode).toBe(201);
    const cancelled = await post(`/api/orders/${order.json().id}/cancel`, subscriber);
    expect(cancelled.json().status).toBe('cancelled');
    expect((await post(`/api/orders/${rx.orderId?.id}/cancel`, subscriber)).statusCode).toBe(409);
    expect((await post(`/api/orders/${order.json().id}/cancel`, outsider)).statusCode).toBe(404);
  });

  it('sent e-mails with only a pick-up link', async () => {
    const mails = t.mailbox.list();
    expect(mails.length).toBeGreaterThan(3);
    for (const mail of mails) {
      expect(mail.subject).toBe('You have a new secure message from OpenPBM');
      expect(mail.text).toMatch(/\/messages\/open#token=[A-Za-z0-9_-]{20,}/);
      expect(mail.text).not.toMatch(/statin|HD\d{8}|Rx \d/i);
    }
  });
});
