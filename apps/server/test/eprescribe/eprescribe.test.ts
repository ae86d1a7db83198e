// Prescribers send new prescriptions electronically and answer members' "ask my doctor" requests; home-delivery
// staff see and close requests; every endpoint stays with its role.
import { schema } from '@openpbm/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BenefitsFixture, buildBenefitsFixture } from '../fixtures/benefits';
import { addPrescription } from '../fixtures/pharmacy';
import { createTestApp, type TestApp } from '../harness';
import { createTestUser, signInAs } from '../sign-in';

let t: TestApp;
let f: BenefitsFixture;
type Headers = Record<string, string>;
let prescriber: Headers;
let otherPrescriber: Headers;
let member: Headers;
let outsider: Headers;
let staff: Headers;
let usedUp: { id: string; rxNumber: string };

const post = (url: string, headers: Headers, payload: unknown = {}, extra: Headers = {}) =>
  t.app.inject({ method: 'POST', url, headers: { ...headers, ...extra }, payload: payload as object });
const get = (url: string, headers: Headers) => t.app.inject({ method: 'GET', url, headers });
const patient = () => ({
  memberNumber: f.members.subscriber.memberNumber,
  dateOfBirth: f.members.subscriber.dateOfBirth,
});

beforeAll(async () => {
  t = await createTestApp({
    now: new Date('2026-03-10T15:00:00Z'),
    prepare: async (db) => {
      f = await buildBenefitsFixture(db.db);
      await db.sql.query(`update drug_groups set dea_schedule = '4' where id = $1`, [f.groups.sumatriptan]);
    },
  });
  const [other] = await t.db.db
    .insert(schema.prescribers)
    .values({
      npi: '1999999984',
      firstName: 'Robin',
      lastName: 'Other',
      credential: 'DO',
      specialty: 'Family medicine',
      addressLine1: '3 Clinic Way',
      city: 'Springfield',
      state: 'IL',
      zip: '62701',
      phone: '2175550188',
    })
    .returning({ id: schema.prescribers.id });
  usedUp = await addPrescription(t.db.db, f, {
    memberId: f.members.subscriber.id,
    drug: 'omeprazole',
    refillsRemaining: 0,
    fillCount: 6,
  });
  prescriber = (await signInAs(t, await createTestUser(t, 'prescriber', { prescriberId: f.prescriberId })))
    .headers;
  otherPrescriber = (await signInAs(t, await createTestUser(t, 'prescriber', { prescriberId: other?.id })))
    .headers;
  member = (await signInAs(t, await createTestUser(t, 'member', { memberId: f.members.subscriber.id })))
    .headers;
  outsider = (await signInAs(t, await createTestUser(t, 'member', { memberId: f.members.single.id })))
    .headers;
  staff = (await signInAs(t, f.pharmacyUsers.homeDelivery)).headers;
});
afterAll(async () => {
  await t?.close();
});

const newRx = (extra: Record<string, unknown> = {}) => ({
  patient: patient(),
  ndc: f.drugs.atorvastatin,
  quantity: 90,
  daysSupply: 90,
  directions: 'Take 1 tablet by mouth at bedtime',
  refills: 3,
  ...extra,
});

describe('e-prescribing', () => {
  it('is for prescribers only', async () => {
    expect((await post('/api/prescriber/prescriptions', member, newRx())).statusCode).toBe(403);
    expect((await post('/api/prescriber/prescriptions', staff, newRx())).statusCode).toBe(403);
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/prescriber/prescriptions', payload: newRx() }))
        .statusCode,
    ).toBe(401);
    expect((await get('/api/prescriber/requests', member)).statusCode).toBe(403);
  });

  it('sends a new prescription to home delivery, once per Idempotency-Key, and the member sees it', async () => {
    const key = { 'idempotency-key': 'erx-0001' };
    const res = await post('/api/prescriber/prescriptions', prescriber, newRx(), key);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      pharmacyName: 'OpenPBM Home Delivery',
      writtenDate: '2026-03-10',
      expiryDate: '2027-03-09',
      refills: 3,
    });
    expect(res.json().rxNumber).toMatch(/^8\d{7}$/);
    const again = await post('/api/prescriber/prescriptions', prescriber, newRx(), key);
    expect(again.json().id).toBe(res.json().id);

    const rx = (await get(`/api/prescriptions/${res.json().id}`, member)).json();
    expect(rx).toMatchObject({
      refillState: 'eligible',
      canRefill: true,
      refillsRemaining: 3,
      prescriber: { name: 'Pat Prescriber, MD' },
    });
    const messages = (await get('/api/messages', member)).json().messages;
    expect(messages[0]).toMatchObject({ kind: 'new_prescription', subject: 'You have a new prescription' });
    const mine = (await get('/api/prescriber/prescriptions', prescriber)).json().prescriptions;
    expect(mine.map((p: { id: string }) => p.id)).toContain(res.json().id);
    expect((await get('/api/prescriber/prescriptions', otherPrescriber)).json().prescriptions).toEqual([]);
  });

  it('needs the right patient and keeps to the federal refill limits', async () => {
    const wrongDob = await post(
      '/api/prescriber/prescriptions',
      prescriber,
      newRx({ patient: { ...patient(), dateOfBirth: '1901-01-01' } }),
    );
    expect(wrongDob.statusCode).toBe(404);
    const controlled = await post(
      '/api/prescriber/prescriptions',
      prescriber,
      newRx({ ndc: f.drugs.sumatriptan, refills: 6 }),
    );
    expect(controlled.statusCode).toBe(403); // schedule IV needs a DEA number on file
    await t.db.sql.query(`update prescribers set dea = 'AP1234563' where id = $1`, [f.prescriberId]);
    const tooMany = await post(
      '/api/prescriber/prescriptions',
      prescriber,
      newRx({ ndc: f.drugs.sumatriptan, refills: 6 }),
    );
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().errors[0]).toEqual({
      field: 'refills',
      message: 'At most 5 refills are allowed for this drug',
    });
    const ok = await post(
      '/api/prescriber/prescriptions',
      prescriber,
      newRx({ ndc: f.drugs.sumatriptan, refills: 5, quantity: 9, daysSupply: 30 }),
    );
    expect(ok.json().expiryDate).toBe('2026-09-09');
  });
});

describe('ask my doctor', () => {
  let requestId: string;

  it('lets a member ask about a prescription with no refills left, once', async () => {
    const res = await post('/api/contact-requests', member, { prescriptionId: usedUp.id });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      status: 'open',
      prescriberName: 'Pat Prescriber, MD',
      handledBy: 'prescriber',
      nextStep: expect.stringContaining('Pat Prescriber, MD gets this request in our prescriber portal'),
    });
    requestId = res.json().id;
    expect((await post('/api/contact-requests', member, { prescriptionId: usedUp.id })).statusCode).toBe(409);
    expect((await post('/api/contact-requests', outsider, { prescriptionId: usedUp.id })).statusCode).toBe(
      404,
    );
  });

  it('shows the request to that prescriber only, and a new e-prescription answers it', async () => {
    const requests = (await get('/api/prescriber/requests', prescriber)).json().requests;
    expect(requests).toEqual([
      expect.objectContaining({
        id: requestId,
        memberNumber: f.members.subscriber.memberNumber,
        previous: expect.objectContaining({ rxNumber: usedUp.rxNumber }),
      }),
    ]);
    expect((await get('/api/prescriber/requests', otherPrescriber)).json().requests).toEqual([]);
    expect(
      (
        await post(`/api/prescriber/requests/${requestId}/decline`, otherPrescriber, {
          reason: 'Not my patient',
        })
      ).statusCode,
    ).toBe(404);

    const staffView = (await get('/api/home-delivery/contact-requests', staff)).json().requests;
    expect(staffView.map((r: { id: string }) => r.id)).toEqual([requestId]);
    expect(JSON.stringify(staffView)).not.toContain(f.members.subscriber.id);

    const sent = await post(
      '/api/prescriber/prescriptions',
      prescriber,
      newRx({ ndc: f.drugs.omeprazole, contactRequestId: requestId }),
    );
    expect(sent.statusCode).toBe(201);
    const mine = (await get('/api/contact-requests', member)).json().requests;
    expect(mine[0]).toMatchObject({ status: 'completed', newPrescriptionId: sent.json().id });
    expect((await get('/api/prescriber/requests', prescriber)).json().requests).toEqual([]);
  });

  it('passes on a decline, from the prescriber or from staff for a doctor outside the directory', async () => {
    const typed = await post('/api/contact-requests', member, {
      prescriberName: 'Dr. Lee',
      prescriberPhone: '(217) 555-0142',
      drugDescription: 'inhaler',
    });
    expect(typed.statusCode).toBe(201);
    expect(
      (
        await post(`/api/home-delivery/contact-requests/${typed.json().id}/close`, member, {
          reason: 'x y z',
        })
      ).statusCode,
    ).toBe(403);
    const closed = await post(`/api/home-delivery/contact-requests/${typed.json().id}/close`, staff, {
      reason: 'Dr. Lee’s office asks you to book a visit first.',
    });
    expect(closed.statusCode).toBe(204);
    const mine = (await get('/api/contact-requests', member)).json().requests;
    expect(mine.find((r: { id: string }) => r.id === typed.json().id)).toMatchObject({
      status: 'declined',
      responseNote: 'Dr. Lee’s office asks you to book a visit first.',
    });
  });

  it('tells the member that our pharmacists, not the doctor, handle a doctor outside the directory', async () => {
    const pharmacyHandles =
      /is not in our prescriber directory, so this request goes to our home-delivery pharmacy, not to your doctor\. Our pharmacists will phone or fax/;
    const typed = await post('/api/contact-requests', member, {
      prescriberName: 'Dr. Kim',
      prescriberPhone: '(217) 555-0143',
      drugDescription: 'eye drops',
    });
    expect(typed.json()).toMatchObject({ status: 'open', handledBy: 'pharmacy' });
    expect(typed.json().nextStep).toMatch(pharmacyHandles);
    expect(typed.json().nextStep).toMatch(/^Dr\. Kim is not/);

    // A prescription from a prescriber on file who has no prescriber-portal account: the pharmacy calls them too.
    const [offline] = await t.db.db
      .insert(schema.prescribers)
      .values({
        npi: '1999999976',
        firstName: 'Sam',
        lastName: 'Offline',
        credential: 'MD',
        specialty: 'Ophthalmology',
        addressLine1: '5 Clinic Way',
        city: 'Springfield',
        state: 'IL',
        zip: '62701',
        phone: '2175550199',
      })
      .returning({ id: schema.prescribers.id });
    const rx = await addPrescription(t.db.db, f, {
      memberId: f.members.subscriber.id,
      drug: 'atorvastatin',
      refillsRemaining: 0,
      fillCount: 6,
    });
    await t.db.sql.query('update prescriptions set prescriber_id = $2 where id = $1', [rx.id, offline?.id]);
    const asked = await post('/api/contact-requests', member, { prescriptionId: rx.id });
    expect(asked.json()).toMatchObject({ prescriberName: 'Sam Offline, MD', handledBy: 'pharmacy' });
    expect(asked.json().nextStep).toMatch(pharmacyHandles);

    // The list says the same, and the request is in the pharmacy's queue.
    const mine = (await get('/api/contact-requests', member)).json().requests as Array<{ id: string }>;
    expect(mine.find((r) => r.id === asked.json().id)).toMatchObject({ handledBy: 'pharmacy' });
    const queue = (await get('/api/home-delivery/contact-requests', staff)).json().requests;
    expect(queue.map((r: { id: string }) => r.id)).toEqual(
      expect.arrayContaining([typed.json().id, asked.json().id]),
    );
  });
});
