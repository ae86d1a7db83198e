// Transfers from retail to home delivery: from the prescriptions list, from claims history or typed in; the staff
// queue completes (new prescription on file, old one marked transferred) or rejects; the member follows the status.
import { schema } from '@openpbm/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BenefitsFixture, buildBenefitsFixture } from '../fixtures/benefits';
import { addPrescription } from '../fixtures/pharmacy';
import { createTestApp, type TestApp } from '../harness';
import { createTestUser, signInAs } from '../sign-in';

let t: TestApp;
let f: BenefitsFixture;
type Headers = Record<string, string>;
let member: Headers;
let outsider: Headers;
let staff: Headers;
let retailStaff: Headers;
let retailRx: { id: string; rxNumber: string };
let claimRx: { id: string; rxNumber: string };
let claimId: string;

const post = (url: string, headers: Headers, payload: unknown = {}) =>
  t.app.inject({ method: 'POST', url, headers, payload: payload as object });
const get = (url: string, headers: Headers) => t.app.inject({ method: 'GET', url, headers });

beforeAll(async () => {
  t = await createTestApp({
    now: new Date('2026-03-10T15:00:00Z'),
    prepare: async (db) => {
      f = await buildBenefitsFixture(db.db);
    },
  });
  const sub = f.members.subscriber.id;
  retailRx = await addPrescription(t.db.db, f, {
    memberId: sub,
    drug: 'omeprazole',
    pharmacy: 'retail',
    lastFillDate: '2026-03-01',
  });
  claimRx = await addPrescription(t.db.db, f, {
    memberId: sub,
    drug: 'atorvastatin',
    pharmacy: 'retail2',
    refillsRemaining: 4,
  });
  const [claim] = await t.db.db
    .insert(schema.claims)
    .values({
      transactionCode: 'B1',
      bin: f.routing.bin,
      pcn: f.routing.pcn,
      rxGroup: f.routing.group,
      serviceProviderId: '1000000002',
      pharmacyId: f.pharmacies.retail2.id,
      memberId: sub,
      prescriptionId: claimRx.id,
      prescriberId: f.prescriberId,
      rxNumber: claimRx.rxNumber,
      fillNumber: 1,
      ndc: f.drugs.atorvastatin,
      drugGroupId: f.groups.atorvastatin,
      quantityMilli: 30_000,
      daysSupply: 30,
      dateOfService: '2026-02-20',
      status: 'paid',
    })
    .returning({ id: schema.claims.id });
  claimId = claim?.id as string;
  member = (await signInAs(t, await createTestUser(t, 'member', { memberId: sub }))).headers;
  outsider = (await signInAs(t, await createTestUser(t, 'member', { memberId: f.members.single.id })))
    .headers;
  staff = (await signInAs(t, f.pharmacyUsers.homeDelivery)).headers;
  retailStaff = (await signInAs(t, f.pharmacyUsers.retail)).headers;
});
afterAll(async () => {
  await t?.close();
});

describe('member transfer requests', () => {
  it('offers retail fills from claims history', async () => {
    const res = await get('/api/transfers/candidates', member);
    expect(res.json().candidates).toEqual([
      expect.objectContaining({
        claimId,
        rxNumber: claimRx.rxNumber,
        pharmacyName: 'Fixture Drug #2',
        lastFillDate: '2026-02-20',
      }),
    ]);
    expect((await get('/api/transfers/candidates', outsider)).json().candidates).toEqual([]);
  });

  it('accepts a prescription from the list, a claim, or one typed in, once each', async () => {
    const fromList = await post('/api/transfers', member, {
      source: 'prescription',
      prescriptionId: retailRx.id,
    });
    expect(fromList.statusCode).toBe(201);
    expect(fromList.json()).toMatchObject({
      status: 'requested',
      fromPharmacyName: 'Fixture Drug #1',
      canCancel: true,
    });
    expect(
      (await post('/api/transfers', member, { source: 'prescription', prescriptionId: retailRx.id }))
        .statusCode,
    ).toBe(409);

    const fromClaim = await post('/api/transfers', member, { source: 'claim', claimId });
    expect(fromClaim.json()).toMatchObject({
      fromRxNumber: claimRx.rxNumber,
      drugDescription: expect.stringMatching(/Atorvastatin/),
    });

    const typed = await post('/api/transfers', member, {
      source: 'manual',
      pharmacyName: 'Corner Drug',
      pharmacyPhone: '217-555-0123',
      rxNumber: 'RX-88123',
      drugDescription: 'blood pressure pill',
    });
    expect(typed.statusCode).toBe(201);
    const missing = await post('/api/transfers', member, {
      source: 'manual',
      rxNumber: 'RX-1',
      drugDescription: 'x y',
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors[0].field).toBe('pharmacyName');

    const list = (await get('/api/transfers', member)).json().transfers;
    expect(list).toHaveLength(3);
  });

  it('keeps other families out', async () => {
    expect(
      (await post('/api/transfers', outsider, { source: 'prescription', prescriptionId: retailRx.id }))
        .statusCode,
    ).toBe(404);
    expect((await post('/api/transfers', outsider, { source: 'claim', claimId })).statusCode).toBe(404);
    expect((await get('/api/transfers', outsider)).json().transfers).toEqual([]);
    const [one] = (await get('/api/transfers', member)).json().transfers;
    expect((await post(`/api/transfers/${one.id}/cancel`, outsider)).statusCode).toBe(404);
  });
});

describe('staff transfer queue', () => {
  it('is only for home-delivery staff', async () => {
    expect((await get('/api/home-delivery/transfers', member)).statusCode).toBe(403);
    expect((await get('/api/home-delivery/transfers', retailStaff)).statusCode).toBe(403);
  });

  it('completes a transfer into a home-delivery prescription the member can refill', async () => {
    const queue = (await get('/api/home-delivery/transfers?status=requested', staff)).json().transfers;
    expect(queue).toHaveLength(3);
    const fromList = queue.find((x: { fromRxNumber: string }) => x.fromRxNumber === retailRx.rxNumber);
    expect(fromList.sourcePrescription).toMatchObject({ refillsRemaining: 3, daysSupply: 30 });
    expect(fromList.memberDateOfBirth).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // Name and date of birth, not the internal member id.
    expect(JSON.stringify(queue)).not.toContain(f.members.subscriber.id);

    expect((await post(`/api/home-delivery/transfers/${fromList.id}/start`, staff)).json().status).toBe(
      'in_progress',
    );
    const memberView = (await get('/api/transfers', member))
      .json()
      .transfers.find((x: { id: string }) => x.id === fromList.id);
    expect(memberView).toMatchObject({ status: 'in_progress', canCancel: false });

    const done = await post(`/api/home-delivery/transfers/${fromList.id}/complete`, staff, {
      note: 'Confirmed with Fixture Drug #1',
    });
    expect(done.statusCode).toBe(200);
    expect(done.json().status).toBe('completed');
    const newId = done.json().newPrescriptionId as string;

    const rx = (await get(`/api/prescriptions/${newId}`, member)).json();
    expect(rx).toMatchObject({
      pharmacy: { homeDelivery: true },
      refillsRemaining: 3,
      lastFillDate: '2026-03-01',
      refillState: 'too_soon',
    });
    const old = (await get(`/api/prescriptions/${retailRx.id}`, member)).json();
    expect(old).toMatchObject({ status: 'transferred', refillState: 'closed' });
    const messages = (await get('/api/messages', member)).json().messages;
    expect(messages[0]).toMatchObject({
      kind: 'transfer_update',
      subject: 'Your prescription transfer is complete',
    });
  });

  it('asks staff for the details of a typed-in transfer, and can reject with a reason the member sees', async () => {
    const queue = (await get('/api/home-delivery/transfers?status=requested', staff)).json().transfers;
    const typed = queue.find((x: { fromRxNumber: string }) => x.fromRxNumber === 'RX-88123');
    const incomplete = await post(`/api/home-delivery/transfers/${typed.id}/complete`, staff, {});
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.json().errors[0].field).toBe('ndc');
    const rejected = await post(`/api/home-delivery/transfers/${typed.id}/reject`, staff, {
      reason: 'The other pharmacy has no refills left on file.',
    });
    expect(rejected.json().status).toBe('rejected');
    const mine = (await get('/api/transfers', member))
      .json()
      .transfers.find((x: { id: string }) => x.id === typed.id);
    expect(mine).toMatchObject({
      status: 'rejected',
      resolutionNote: 'The other pharmacy has no refills left on file.',
    });
    expect((await post(`/api/home-delivery/transfers/${typed.id}/start`, staff)).statusCode).toBe(409);
  });

  it('completes a claims-history transfer with details entered by staff', async () => {
    const queue = (await get('/api/home-delivery/transfers?status=requested', staff)).json().transfers;
    const fromClaim = queue.find((x: { fromRxNumber: string }) => x.fromRxNumber === claimRx.rxNumber);
    const done = await post(`/api/home-delivery/transfers/${fromClaim.id}/complete`, staff, {
      refillsRemaining: 2,
      lastFillDate: '2026-02-20',
    });
    expect(done.json().status).toBe('completed');
    const rx = (await get(`/api/prescriptions/${done.json().newPrescriptionId}`, member)).json();
    // The last fill at the other pharmacy still counts: a refill is allowed from March 15.
    expect(rx).toMatchObject({
      refillsRemaining: 2,
      refillState: 'too_soon',
      nextEligibleDate: '2026-03-15',
    });
  });
});
