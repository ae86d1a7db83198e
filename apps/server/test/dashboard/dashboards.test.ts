// The signed-in home pages through HTTP: a member's (with the child they manage, never another family's data,
// every member's read audited), a prescriber's open requests and requests for information with due times, the
// home-delivery queue counts by step, and the clinical reviewer's cases by deadline.
import { schema } from '@openpbm/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addFamilyMember, addPrescription } from '../fixtures/pharmacy';
import { createPaWorld, type PaWorld, submitAdalimumab } from '../prior-auth/pa-world';
import { createTestUser, signInAs } from '../sign-in';

let w: PaWorld;
const ids = { kid: '', rxSelf: '', rxKid: '', rxSingle: '', caseSelf: '', caseSingle: '', shipped: '' };

async function addOrder(memberId: string, orderNumber: string, status: 'verified' | 'shipped' | 'delivered') {
  const [row] = await w.t.db.db
    .insert(schema.orders)
    .values({
      orderNumber,
      memberId,
      pharmacyId: w.f.pharmacies.homeDelivery.id,
      status,
      shippingAddressEnc: 'not read by the list',
      shippingZip: '62701',
    })
    .returning({ id: schema.orders.id });
  if (!row) throw new Error('order insert returned nothing');
  return row.id;
}

const get = async (headers: Record<string, string>, path: string) =>
  w.t.app.inject({ method: 'GET', url: `/api/dashboard/${path}`, headers });

beforeAll(async () => {
  w = await createPaWorld();
  const db = w.t.db.db;
  const { subscriber, single } = w.f.members;
  ids.kid = (
    await addFamilyMember(db, w.f, {
      subscriberId: subscriber.id,
      relationshipCode: '3',
      dateOfBirth: '2015-06-01',
      firstName: 'Kit',
    })
  ).id;
  // Last filled 2026-01-20 for 30 days: refillable on the world's date (2026-03-10).
  ids.rxSelf = (await addPrescription(db, w.f, { memberId: subscriber.id, drug: 'atorvastatin' })).id;
  ids.rxKid = (await addPrescription(db, w.f, { memberId: ids.kid, drug: 'simvastatin' })).id;
  ids.rxSingle = (await addPrescription(db, w.f, { memberId: single.id, drug: 'atorvastatin' })).id;
  ids.shipped = await addOrder(subscriber.id, 'HDDASH0001', 'shipped');
  await addOrder(subscriber.id, 'HDDASH0002', 'delivered');
  await addOrder(single.id, 'HDDASH0003', 'verified');
  ids.caseSelf = (await submitAdalimumab(w, subscriber)).body.id;
  ids.caseSingle = (await submitAdalimumab(w, single)).body.id;
  // The reviewer asks the prescriber about the subscriber's request: the prescriber's answer is now due.
  const base = `/api/prior-auth/review/cases/${ids.caseSelf}`;
  expect((await w.call('reviewer', 'POST', `${base}/start`)).status).toBe(200);
  const asked = await w.call('reviewer', 'POST', `${base}/request-info`, {
    question: 'Please send the dates and doses of the methotrexate trial.',
  });
  expect(asked.status, JSON.stringify(asked.body)).toBe(200);
});
afterAll(async () => w?.t.close());

describe('member home', () => {
  it('shows refills due, orders on the way, coverage requests, messages and deductible for self and child', async () => {
    const res = await get(await w.as('subscriber'), 'member');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json();
    expect(body.members.map((m: { memberId: string }) => m.memberId)).toEqual([
      w.f.members.subscriber.id,
      ids.kid,
    ]);
    const [self, kid] = body.members;
    expect(self.refillsDue).toEqual([
      expect.objectContaining({ prescriptionId: ids.rxSelf, canRefill: true }),
    ]);
    expect(kid.refillsDue).toEqual([expect.objectContaining({ prescriptionId: ids.rxKid, canRefill: true })]);
    // Delivered orders are done: only the shipped one, with its step.
    expect(self.ordersInProgress).toEqual([
      expect.objectContaining({ id: ids.shipped, status: 'shipped', statusLabel: 'Shipped' }),
    ]);
    expect(self.priorAuthorizations).toEqual([
      expect.objectContaining({ id: ids.caseSelf, status: 'pending_info', drugName: expect.any(String) }),
    ]);
    expect(self.paidSoFar?.deductible.individual.limitCents).toBe(50_000);
    expect(kid.priorAuthorizations).toEqual([]);
    // The spouse is an adult who shared nothing: not listed, and the page says why.
    expect(body.notice).toMatch(/18 or older/);
    const inbox = await w.t.app.inject({
      method: 'GET',
      url: '/api/messages',
      headers: await w.as('subscriber'),
    });
    const unread = inbox.json().messages.filter((m: { read: boolean }) => !m.read);
    expect(body.unreadMessages.count).toBe(unread.length);
  });

  it('never shows another member’s data', async () => {
    const res = await get(await w.as('single'), 'member');
    expect(res.statusCode).toBe(200);
    const text = res.body;
    for (const other of [
      w.f.members.subscriber.id,
      ids.kid,
      ids.rxSelf,
      ids.rxKid,
      ids.caseSelf,
      ids.shipped,
    ]) {
      expect(text).not.toContain(other);
    }
    const [me] = res.json().members;
    expect(me.refillsDue.map((r: { prescriptionId: string }) => r.prescriptionId)).toEqual([ids.rxSingle]);
    expect(me.ordersInProgress.map((o: { status: string }) => o.status)).toEqual(['verified']);
    expect(me.priorAuthorizations.map((c: { id: string }) => c.id)).toEqual([ids.caseSingle]);
  });

  it('records the read of each member’s data through the audit function', async () => {
    const user = w.users.subscriber;
    const rows = await w.t.db.db
      .select({ resourceType: schema.auditEvents.resourceType, reason: schema.auditEvents.reason })
      .from(schema.auditEvents)
      .where(and(eq(schema.auditEvents.actorUserId, user), eq(schema.auditEvents.memberId, ids.kid)));
    const types = new Set(rows.map((r) => r.resourceType));
    for (const type of ['prescriptions', 'orders', 'prior_authorization_list', 'claims_history']) {
      expect(types, type).toContain(type);
    }
  });
});

describe('prescriber home', () => {
  it('lists open requests, the one waiting for an answer first with its due time', async () => {
    const res = await get(await w.as('prescriber'), 'prescriber');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.verified).toBe(true);
    expect(body.openCases.map((c: { id: string }) => c.id)).toEqual([ids.caseSelf, ids.caseSingle]);
    const [rfi, other] = body.openCases;
    expect(rfi).toMatchObject({ status: 'pending_info', statusLabel: 'Waiting for prescriber' });
    expect(Date.parse(rfi.infoDueAt)).toBeGreaterThan(w.t.deps.now().getTime());
    expect(other.infoDueAt).toBeNull();
    expect(body.renewalRequests).toBe(0);
  });

  it('shows another prescriber none of them, and an unverified one why', async () => {
    expect((await get(await w.as('otherPrescriber'), 'prescriber')).json()).toMatchObject({ openCases: [] });
    expect((await get(await w.as('unverifiedPrescriber'), 'prescriber')).json()).toEqual({
      verified: false,
      openCases: [],
      renewalRequests: 0,
    });
  });
});

describe('pharmacy and reviewer homes', () => {
  it('counts the home-delivery queue by step; a retail pharmacy has none', async () => {
    const home = await signInAs(w.t, w.f.pharmacyUsers.homeDelivery);
    const res = await get(home.headers, 'pharmacy');
    expect(res.statusCode, res.body).toBe(200);
    const counts = Object.fromEntries(
      res.json().queue.map((s: { status: string; count: number }) => [s.status, s.count]),
    );
    expect(counts).toEqual({ received: 0, verified: 1, filled: 0, shipped: 1, exception: 0 });
    const retail = (await get(await w.as('pharmacy'), 'pharmacy')).json();
    expect(retail).toMatchObject({ homeDelivery: false, queue: [] });
  });

  it('gives the clinical reviewer the open cases by deadline', async () => {
    const body = (await get(await w.as('reviewer'), 'clinical-review')).json();
    const deadlines = body.nextCases.map((c: { deadline: string }) => c.deadline);
    expect(deadlines).toEqual([...deadlines].sort());
    expect(body.nextCases.map((c: { id: string }) => c.id).sort()).toEqual(
      [ids.caseSelf, ids.caseSingle].sort(),
    );
    const { overdue, dueWithin24Hours, later, assignedToMe } = body.counts;
    expect(overdue + dueWithin24Hours + later).toBe(2);
    expect(assignedToMe).toBe(1);
  });

  it('answers 401 signed out and 403 to another role', async () => {
    expect((await get({}, 'member')).statusCode).toBe(401);
    expect((await get(await w.as('subscriber'), 'clinical-review')).statusCode).toBe(403);
    const support = await signInAs(w.t, await createTestUser(w.t, 'customer_service'));
    expect((await get(support.headers, 'pharmacy')).statusCode).toBe(403);
  });
});
