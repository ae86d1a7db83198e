// The customer-service console: member search with a reason (audited), too many matches, the 360° view with
// masked fields and audited reveals, scoping to the agent's clients (404 elsewhere), break-the-glass for
// restricted records (privacy officer alerted), and acting for the member with recorded consent through the
// member's own services (audit rows name the agent; the member sees "done for you").
import { schema } from '@openpbm/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember } from '../fixtures/benefits';
import type { TestApp } from '../harness';
import {
  auditRows,
  type CustomerServiceWorld,
  type Headers,
  startCustomerServiceWorld,
} from './customer-service-world';

let w: CustomerServiceWorld;
let t: TestApp;
let subscriberId: string;
let singleId: string;

const post = (url: string, headers: Headers, payload: object, extra: Headers = {}) =>
  t.app.inject({ method: 'POST', url, headers: { ...headers, ...extra }, payload });
const get = (url: string, headers: Headers) => t.app.inject({ method: 'GET', url, headers });
const consent = {
  consentStatement: 'Member agreed on the phone that we place this for them.',
  memberConsented: true,
};

beforeAll(async () => {
  w = await startCustomerServiceWorld();
  t = w.t;
  subscriberId = w.f.members.subscriber.id;
  singleId = w.f.members.single.id;
});
afterAll(() => w?.close());

describe('member search', () => {
  it('refuses a look-up without a reason, on the field', async () => {
    const res = await post('/api/support/staff/member-search', w.agent, {
      memberNumber: w.f.members.subscriber.memberNumber,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toContain('reason');
    const nothing = await post('/api/support/staff/member-search', w.agent, {
      reason: 'Member called about a refill',
    });
    expect(nothing.statusCode).toBe(400);
    expect(nothing.json().errors[0].message).toMatch(/member ID, or a last name and a date of birth/);
  });

  it('finds by member ID (blind index, any spacing or case) and audits the reason', async () => {
    const number = w.f.members.subscriber.memberNumber.toLowerCase().replace(/(.{3})/, '$1 ');
    const res = await post('/api/support/staff/member-search', w.agent, {
      memberNumber: number,
      reason: 'Member called about a refill',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().members).toHaveLength(1);
    const found = res.json().members[0];
    expect(found.memberId).toBe(subscriberId);
    expect(found.memberNumberMasked).not.toContain(w.f.members.subscriber.memberNumber);
    expect(found.memberNumberMasked.endsWith(w.f.members.subscriber.memberNumber.slice(-4))).toBe(true);
    const [row] = (await auditRows(w, 'searched', 'member_search')).slice(-1);
    expect(row).toMatchObject({
      actor_user_id: w.agentUserId,
      actor_role: 'customer_service',
      reason: 'Member called about a refill',
    });
    expect(row?.detail).toEqual({ by: 'member_number', matches: 1 });
  });

  it('finds by last name + date of birth, and not with the wrong date', async () => {
    const [m] = await t.db.db.select().from(schema.members).where(eq(schema.members.id, subscriberId));
    const body = {
      lastName: m?.lastName.toUpperCase(),
      dateOfBirth: w.f.members.subscriber.dateOfBirth,
      reason: 'Caller verified name and birth date',
    };
    const res = await post('/api/support/staff/member-search', w.agent, body);
    expect(res.json().members.map((x: { memberId: string }) => x.memberId)).toEqual([subscriberId]);
    const wrong = await post('/api/support/staff/member-search', w.agent, {
      ...body,
      dateOfBirth: '1901-01-01',
    });
    expect(wrong.json().members).toEqual([]);
  });

  it('asks for more detail instead of listing more than 20 people', async () => {
    const [first] = await t.db.db.select().from(schema.members).where(eq(schema.members.id, subscriberId));
    for (let i = 0; i < 21; i += 1) {
      const added = await addMember(t.db.db, w.f);
      await t.db.db
        .update(schema.members)
        .set({
          lastName: 'Commonname',
          firstName: i % 2 ? 'Sam' : 'Alex',
          dateOfBirthEnc: first?.dateOfBirthEnc as string,
        })
        .where(eq(schema.members.id, added.id));
    }
    const body = {
      lastName: 'Commonname',
      dateOfBirth: w.f.members.subscriber.dateOfBirth,
      reason: 'Caller gave name and birth date',
    };
    const res = await post('/api/support/staff/member-search', w.agent, body);
    expect(res.statusCode).toBe(422);
    expect(res.json().type).toBe('urn:openpbm:problem:too-many-matches');
    expect(res.json().errors[0].field).toBe('firstName');
    const narrowed = await post('/api/support/staff/member-search', w.agent, { ...body, firstName: 'sam' });
    expect(narrowed.json().members).toHaveLength(10);
  });

  it('an agent of another client finds no one here', async () => {
    const res = await post('/api/support/staff/member-search', w.otherAgent, {
      memberNumber: w.f.members.subscriber.memberNumber,
      reason: 'Caller says they are covered',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().members).toEqual([]);
  });
});

describe('360° view, reveal and scoping', () => {
  it('shows coverage, ID card, prescriptions, orders, claims, cases and account facts with identifying fields masked', async () => {
    const res = await get(`/api/support/staff/members/${subscriberId}`, w.agent);
    expect(res.statusCode).toBe(200);
    const view = res.json();
    expect(view.coverage[0].status).toBe('active');
    expect(view.idCard.bin).toBe(w.f.routing.bin);
    expect(view.prescriptions.map((p: { rxNumber: string }) => p.rxNumber)).toContain(
      w.rx.atorvastatin.rxNumber,
    );
    expect(view.account).toMatchObject({ status: 'active', recentSignIns: [], alertPreferences: [] });
    expect(view.masked.dateOfBirth).not.toContain(w.f.members.subscriber.dateOfBirth.slice(0, 4));
    const text = res.body.toLowerCase();
    for (const forbidden of [
      'password',
      'totp',
      'passkey',
      'secret',
      'cardnumber',
      w.f.members.subscriber.memberNumber.toLowerCase(),
    ])
      expect(text).not.toContain(forbidden);
    const [row] = (await auditRows(w, 'viewed', 'member_overview')).slice(-1);
    expect(row).toMatchObject({ actor_user_id: w.agentUserId, member_id: subscriberId });
  });

  it('reveals one field for a reason, audited with the field name but not the value', async () => {
    const noReason = await post(`/api/support/staff/members/${subscriberId}/reveal`, w.agent, {
      field: 'dateOfBirth',
    });
    expect(noReason.statusCode).toBe(400);
    const res = await post(`/api/support/staff/members/${subscriberId}/reveal`, w.agent, {
      field: 'dateOfBirth',
      reason: 'Verifying the caller',
    });
    expect(res.json()).toEqual({ field: 'dateOfBirth', value: w.f.members.subscriber.dateOfBirth });
    const [row] = (await auditRows(w, 'revealed', 'member_field')).slice(-1);
    expect(row).toMatchObject({
      member_id: subscriberId,
      reason: 'Verifying the caller',
      detail: { field: 'dateOfBirth' },
    });
    expect(JSON.stringify(row)).not.toContain(w.f.members.subscriber.dateOfBirth);
  });

  it('answers 404 for a member outside the agent’s clients, for views and for actions', async () => {
    expect((await get(`/api/support/staff/members/${subscriberId}`, w.otherAgent)).statusCode).toBe(404);
    const reveal = await post(`/api/support/staff/members/${subscriberId}/reveal`, w.otherAgent, {
      field: 'address',
      reason: 'Verifying the caller',
    });
    expect(reveal.statusCode).toBe(404);
    const refill = await post(`/api/support/staff/members/${subscriberId}/refills`, w.otherAgent, {
      ...consent,
      prescriptionIds: [w.rx.atorvastatin.id],
    });
    expect(refill.statusCode).toBe(404);
    const address = await post(`/api/support/staff/members/${subscriberId}/address`, w.otherAgent, {
      ...consent,
      line1: '1 Main St',
      city: 'Peoria',
      state: 'IL',
      zip: '61602',
    });
    expect(address.statusCode).toBe(404);
  });

  it('keeps the console to customer service: members, prescribers and other staff get 403', async () => {
    for (const headers of [w.subscriber, w.prescriber]) {
      expect((await get(`/api/support/staff/members/${subscriberId}`, headers)).statusCode).toBe(403);
      expect(
        (
          await post('/api/support/staff/member-search', headers, {
            memberNumber: 'X',
            reason: 'because I can',
          })
        ).statusCode,
      ).toBe(403);
    }
  });
});

describe('restricted records', () => {
  it('need break-the-glass with a reason, which is audited and alerts the privacy officer', async () => {
    await t.db.db.insert(schema.restrictedMembers).values({ memberId: singleId, reason: 'employee' });
    const before = await get(`/api/support/staff/members/${singleId}`, w.agent);
    expect(before.statusCode).toBe(403);
    expect(before.json().type).toBe('urn:openpbm:problem:break-the-glass-required');
    const search = await post('/api/support/staff/member-search', w.agent, {
      memberNumber: w.f.members.single.memberNumber,
      reason: 'Caller asks about an order',
    });
    expect(search.json().members[0].restricted).toBe(true);
    const noReason = await post(`/api/support/staff/members/${singleId}/break-the-glass`, w.agent, {});
    expect(noReason.statusCode).toBe(400);
    const opened = await post(`/api/support/staff/members/${singleId}/break-the-glass`, w.agent, {
      reason: 'Member on the line, urgent order problem',
    });
    expect(opened.statusCode).toBe(200);
    expect((await get(`/api/support/staff/members/${singleId}`, w.agent)).statusCode).toBe(200);
    const [row] = await auditRows(w, 'broke_the_glass');
    expect(row).toMatchObject({
      actor_user_id: w.agentUserId,
      member_id: singleId,
      reason: 'Member on the line, urgent order problem',
    });
    const { rows: alerts } = await t.db.sql.query<{ subject: string; body: string }>(
      'select subject, body from secure_messages where recipient_user_id = $1',
      [w.privacyOfficerId],
    );
    expect(alerts[0]?.subject).toMatch(/Break-the-glass/);
    const officer = await t.db.sql.query<{ email: string }>('select email from users where id = $1', [
      w.privacyOfficerId,
    ]);
    const mail = await t.mailbox.waitFor((m) => m.to.includes(officer.rows[0]?.email as string));
    expect(mail.text).toMatch(/\/messages\/open#token=/);
    expect(mail.text).not.toContain('urgent order problem');
  });
});

describe('acting for the member', () => {
  it('refuses without the member’s consent', async () => {
    const res = await post(`/api/support/staff/members/${subscriberId}/refills`, w.agent, {
      prescriptionIds: [w.rx.atorvastatin.id],
      consentStatement: 'x',
      memberConsented: false,
    });
    expect(res.statusCode).toBe(400);
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['memberConsented', 'consentStatement']));
  });

  it('places a refill through the order service: the agent is the actor, the member sees "done for you"', async () => {
    const card = await post('/api/payment-methods', w.subscriber, {
      cardNumber: '4111111111111111',
      expMonth: 12,
      expYear: 2030,
    });
    expect(card.statusCode).toBe(201);
    const key = { 'idempotency-key': 'cs-refill-1' };
    const res = await post(
      `/api/support/staff/members/${subscriberId}/refills`,
      w.agent,
      { ...consent, prescriptionIds: [w.rx.atorvastatin.id] },
      key,
    );
    expect(res.statusCode).toBe(201);
    const orderId = res.json().resourceId;
    const again = await post(
      `/api/support/staff/members/${subscriberId}/refills`,
      w.agent,
      { ...consent, prescriptionIds: [w.rx.atorvastatin.id] },
      key,
    );
    expect(again.json().resourceId).toBe(orderId);
    const { rows } = await t.db.sql.query<{ requested_by_user_id: string }>(
      'select requested_by_user_id from order_requests where order_id = $1',
      [orderId],
    );
    expect(rows[0]?.requested_by_user_id).toBe(w.agentUserId);
    const created = (await auditRows(w, 'created', 'order')).find((r) => r.resource_id === orderId);
    expect(created).toMatchObject({
      actor_user_id: w.agentUserId,
      actor_role: 'customer_service',
      member_id: subscriberId,
    });
    expect((await auditRows(w, 'consent_recorded')).at(-1)).toMatchObject({
      member_id: subscriberId,
      detail: { action: 'refill_placed' },
    });
    const mine = await get('/api/support/done-for-me', w.subscriber);
    expect(mine.json().actions[0]).toMatchObject({ action: 'refill_placed', at: '2026-03-10T15:00:00.000Z' });
    expect((await get('/api/orders', w.subscriber)).json().orders.map((o: { id: string }) => o.id)).toContain(
      orderId,
    );
  });

  it('the order service’s own rules still apply (already in an open order)', async () => {
    const res = await post(`/api/support/staff/members/${subscriberId}/refills`, w.agent, {
      ...consent,
      prescriptionIds: [w.rx.atorvastatin.id],
    });
    expect(res.statusCode).toBe(422);
  });

  it('changes the address on file (activation follows the new ZIP)', async () => {
    const res = await post(`/api/support/staff/members/${subscriberId}/address`, w.agent, {
      ...consent,
      line1: '77 Lake Shore Dr',
      city: 'Chicago',
      state: 'IL',
      zip: '60611',
    });
    expect(res.statusCode).toBe(200);
    const reveal = await post(`/api/support/staff/members/${subscriberId}/reveal`, w.agent, {
      field: 'address',
      reason: 'Read back the new address',
    });
    expect(reveal.json().value).toBe('77 Lake Shore Dr, Chicago, IL 60611');
    expect((await auditRows(w, 'updated', 'member_address')).at(-1)).toMatchObject({
      actor_user_id: w.agentUserId,
      member_id: subscriberId,
    });
  });

  it('turns automatic refills on and off through the auto-refill service', async () => {
    const on = await post(`/api/support/staff/members/${subscriberId}/auto-refill`, w.agent, {
      ...consent,
      prescriptionId: w.rx.simvastatin.id,
      on: true,
    });
    expect(on.statusCode).toBe(200);
    const { rows } = await t.db.sql.query<{ enrolled_by_user_id: string; status: string }>(
      'select enrolled_by_user_id, status from auto_refill_enrollments where id = $1',
      [on.json().resourceId],
    );
    expect(rows[0]).toEqual({ enrolled_by_user_id: w.agentUserId, status: 'active' });
    const off = await post(`/api/support/staff/members/${subscriberId}/auto-refill`, w.agent, {
      ...consent,
      prescriptionId: w.rx.simvastatin.id,
      on: false,
    });
    expect(off.statusCode).toBe(200);
    const again = await post(`/api/support/staff/members/${subscriberId}/auto-refill`, w.agent, {
      ...consent,
      prescriptionId: w.rx.simvastatin.id,
      on: false,
    });
    expect(again.statusCode).toBe(409);
    expect((await auditRows(w, 'paused', 'auto_refill')).at(-1)).toMatchObject({
      actor_role: 'customer_service',
    });
  });

  it('starts a transfer through the transfer service', async () => {
    const res = await post(`/api/support/staff/members/${subscriberId}/transfers`, w.agent, {
      ...consent,
      pharmacyName: 'Corner Drug',
      pharmacyPhone: '312-555-0142',
      rxNumber: 'RX-88231',
      drugDescription: 'Lisinopril 10 mg',
    });
    expect(res.statusCode).toBe(201);
    const transfers = await get('/api/transfers', w.subscriber);
    expect(transfers.json().transfers.map((x: { id: string }) => x.id)).toContain(res.json().resourceId);
  });

  it('resends the e-mail confirmation link, and never touches passwords or factors', async () => {
    const res = await post(`/api/support/staff/members/${subscriberId}/activation-email`, w.agent, consent);
    expect(res.statusCode).toBe(200);
    const mail = await t.mailbox.waitFor(
      (m) => m.to.includes(w.subscriberEmail) && /verify-email#token=/.test(m.text),
    );
    expect(mail.subject).toMatch(/Confirm your e-mail/);
    const actions = (await get('/api/support/done-for-me', w.subscriber))
      .json()
      .actions.map((a: { action: string }) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'refill_placed',
        'address_changed',
        'auto_refill_on',
        'auto_refill_off',
        'transfer_started',
        'activation_email_sent',
      ]),
    );
    for (const url of ['/api/identity/password', '/api/identity/factors/totp', '/api/payment-methods']) {
      const r = await get(url, w.agent);
      expect([403, 404]).toContain(r.statusCode);
    }
  });
});
