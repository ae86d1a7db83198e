// What a fill charges when the member chose no card: nothing when the paid claims leave them nothing to pay (the
// order fills and ships), and when they do owe something the order waits for a card and then ships.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BenefitsFixture } from '../fixtures/benefits';
import { addPrescription } from '../fixtures/pharmacy';
import type { TestApp } from '../harness';
import { createTestUser, signInAs } from '../sign-in';
import { orderPayments, type PharmacyWorld, startPharmacyWorld } from '../support/pharmacy-world';

let world: PharmacyWorld;
let t: TestApp;
let f: BenefitsFixture;
type Headers = Record<string, string>;
let member: Headers;
let staff: Headers;
let memberId: string;

const post = (url: string, headers: Headers, payload: unknown = {}) =>
  t.app.inject({ method: 'POST', url, headers, payload: payload as object });
const UPS = { carrier: 'UPS', trackingNumber: '1Z999AA10123456784' };

/** The plan's tier 1 home-delivery copay (the fixture's is $20). */
const setMailCopay = (cents: number) =>
  t.db.sql.query(
    `update plan_cost_shares set copay_cents = $2 where plan_id = $1 and tier = 1 and channel = 'home_delivery_90'`,
    [f.planId, cents],
  );

const payments = (orderId: string) => orderPayments(t, orderId);

/** An order placed while the member owed nothing, so without a card, then verified by the pharmacist. */
async function placeWithoutCard(drug: 'omeprazole' | 'atorvastatin'): Promise<string> {
  await setMailCopay(0);
  const rx = await addPrescription(t.db.db, f, { memberId, drug });
  const placed = await post('/api/orders', member, { prescriptionIds: [rx.id] });
  expect(placed.statusCode).toBe(201);
  const id = placed.json().id as string;
  const verified = await post(`/api/home-delivery/orders/${id}/verify`, staff, { durReviewed: true });
  expect(verified.json()).toMatchObject({ status: 'verified', payment: { cardLabel: null } });
  return id;
}

beforeAll(async () => {
  world = await startPharmacyWorld();
  ({ t, f } = world);
  memberId = f.members.subscriber.id;
  member = (await signInAs(t, await createTestUser(t, 'member', { memberId }))).headers;
  staff = (await signInAs(t, f.pharmacyUsers.homeDelivery)).headers;
});
afterAll(async () => {
  await world?.close();
});

describe('filling an order the member chose no card for', () => {
  it('charges nothing when the paid claims leave nothing to pay, and the order ships', async () => {
    const id = await placeWithoutCard('omeprazole');
    const filled = await post(`/api/home-delivery/orders/${id}/fill`, staff);
    expect(filled.json()).toMatchObject({
      status: 'filled',
      exceptionReason: null,
      payment: { status: 'not_required' },
    });
    expect(await payments(id)).toEqual([{ status: 'not_required', amount_cents: 0 }]);
    const shipped = await post(`/api/home-delivery/orders/${id}/ship`, staff, UPS);
    expect(shipped.json().status).toBe('shipped');
  });

  it('stops for a card when the member owes something after all, says so, and ships once they choose one', async () => {
    const id = await placeWithoutCard('atorvastatin');
    // The plan's copay changed between checkout and fill: the claim now leaves the member a share.
    await setMailCopay(2_000);
    const stopped = (await post(`/api/home-delivery/orders/${id}/fill`, staff)).json();
    expect(stopped).toMatchObject({ status: 'exception', payment: { status: 'declined' } });
    expect(stopped.exceptionReason).toMatch(
      /^Payment needed: the member owes \$\d+\.\d\d and chose no card for this order\.$/,
    );
    const card = await post('/api/payment-methods', member, {
      cardNumber: '4111111111111111',
      expMonth: 12,
      expYear: 2030,
    });
    const resumed = await post(`/api/orders/${id}/payment-method`, member, {
      paymentMethodId: card.json().id,
    });
    expect(resumed.json().status).toBe('verified');
    const filled = (await post(`/api/home-delivery/orders/${id}/fill`, staff)).json();
    expect(filled).toMatchObject({ status: 'filled', payment: { status: 'captured' } });
    expect((await post(`/api/home-delivery/orders/${id}/ship`, staff, UPS)).json().status).toBe('shipped');
  });
});
