// The home-delivery pharmacy bills each fill as a pharmacy claim (B1 from its NPI, adjudicated by the claims
// engine): paid claims charge the member their patient pay and move the accumulators; a rejected claim or a
// declined card reverses what was paid and puts the order in exception; retries never bill twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BenefitsFixture } from '../fixtures/benefits';
import { addPrescription } from '../fixtures/pharmacy';
import type { TestApp } from '../harness';
import { createTestUser, signInAs } from '../sign-in';
import { withoutLinks } from '../support/mail-text';
import { orderPayments, type PharmacyWorld, startPharmacyWorld } from '../support/pharmacy-world';

let world: PharmacyWorld;
let t: TestApp;
let f: BenefitsFixture;
type Headers = Record<string, string>;
let member: Headers;
let staff: Headers;
let memberId: string;
let goodCard: string;
let declinedCard: string;
let spouse: Headers;
let spouseCard: string;

const at = (iso: string) => t.setNow(new Date(iso));
const post = (url: string, headers: Headers, payload: unknown = {}) =>
  t.app.inject({ method: 'POST', url, headers, payload: payload as object });
const get = (url: string, headers: Headers) => t.app.inject({ method: 'GET', url, headers });

interface ClaimRow {
  id: string;
  rx_number: string;
  transaction_code: string;
  status: string;
  pharmacy_id: string;
  patient_pay_cents: number;
  applied_to_deductible_cents: number;
  applied_to_oop_cents: number;
}

async function claimsOf(rxNumbers: string[]): Promise<ClaimRow[]> {
  const { rows } = await t.db.sql.query<ClaimRow>(
    `select id, rx_number, transaction_code, status, pharmacy_id, patient_pay_cents, applied_to_deductible_cents,
            applied_to_oop_cents
       from claims where rx_number = any($1::text[]) order by rx_number, received_at, transaction_code, status desc`,
    [rxNumbers],
  );
  return rows;
}

async function paidSoFar() {
  const res = await get(`/api/benefits/members/${memberId}/claims`, member);
  expect(res.statusCode).toBe(200);
  const body = res.json();
  return {
    claims: body.claims as Array<{
      claimId: string;
      status: string;
      pharmacyName: string;
      youPaidCents: number;
    }>,
    deductible: body.paidSoFar.deductible.individual.paidCents as number,
    oop: body.paidSoFar.outOfPocket.individual.paidCents as number,
  };
}

const payments = (orderId: string) => orderPayments(t, orderId);

async function placeVerified(
  prescriptionIds: string[],
  paymentMethodId: string,
  as: Headers = member,
): Promise<string> {
  const placed = await post('/api/orders', as, { prescriptionIds, paymentMethodId });
  expect(placed.statusCode).toBe(201);
  const id = placed.json().id as string;
  const verified = await post(`/api/home-delivery/orders/${id}/verify`, staff, { durReviewed: true });
  expect(verified.json().status).toBe('verified');
  return id;
}

async function setPriorAuth(drug: keyof BenefitsFixture['groups'], required: boolean) {
  await t.db.sql.query(
    'update formulary_entries set requires_prior_auth = $3 where formulary_id = $1 and drug_group_id = $2',
    [f.formularyId, f.groups[drug], required],
  );
}

beforeAll(async () => {
  world = await startPharmacyWorld();
  ({ t, f } = world);
  memberId = f.members.single.id;
  member = (await signInAs(t, await createTestUser(t, 'member', { memberId }))).headers;
  staff = (await signInAs(t, f.pharmacyUsers.homeDelivery)).headers;
  const card = (number: string) =>
    post('/api/payment-methods', member, { cardNumber: number, expMonth: 12, expYear: 2030 });
  goodCard = (await card('4111111111111111')).json().id;
  declinedCard = (await card('4000000000000002')).json().id;
});
afterAll(async () => {
  await world?.close();
});

describe('a fill billed as pharmacy claims', () => {
  it('pays a claim per item from the home-delivery pharmacy, charges their patient pay and moves the accumulators', async () => {
    const atorvastatin = await addPrescription(t.db.db, f, { memberId, drug: 'atorvastatin' });
    // Tier 2 after the deductible: this one moves the deductible too.
    const sumatriptan = await addPrescription(t.db.db, f, { memberId, drug: 'sumatriptan', quantity: 9 });
    const id = await placeVerified([atorvastatin.id, sumatriptan.id], goodCard);
    const before = await paidSoFar();

    at('2026-03-11T14:00:00Z');
    const filled = await post(`/api/home-delivery/orders/${id}/fill`, staff);
    expect(filled.statusCode).toBe(200);
    expect(filled.json()).toMatchObject({
      status: 'filled',
      payment: { status: 'captured' },
      costIsFinal: true,
    });

    const claims = await claimsOf([atorvastatin.rxNumber, sumatriptan.rxNumber]);
    expect(claims.map((c) => [c.rx_number, c.transaction_code, c.status])).toEqual([
      [atorvastatin.rxNumber, 'B1', 'paid'],
      [sumatriptan.rxNumber, 'B1', 'paid'],
    ]);
    expect(claims.every((c) => c.pharmacy_id === f.pharmacies.homeDelivery.id)).toBe(true);
    const patientPay = claims.reduce((s, c) => s + c.patient_pay_cents, 0);
    expect(patientPay).toBeGreaterThan(0);
    expect(claims[1]?.applied_to_deductible_cents).toBeGreaterThan(0);

    // The card was charged exactly the claims' patient pay, and both pages show the final amounts.
    expect(await payments(id)).toEqual([{ status: 'captured', amount_cents: patientPay }]);
    const memberView = (await get(`/api/orders/${id}`, member)).json();
    expect(memberView).toMatchObject({ totalMemberCostCents: patientPay, costIsFinal: true });
    expect(memberView.items.map((i: { memberCostCents: number }) => i.memberCostCents)).toEqual(
      claims.map((c) => c.patient_pay_cents),
    );
    expect(filled.json().items.map((i: { memberCostCents: number }) => i.memberCostCents)).toEqual(
      claims.map((c) => c.patient_pay_cents),
    );
    const { rows: items } = await t.db.sql.query<{ claim_id: string; final_member_cost_cents: number }>(
      'select claim_id, final_member_cost_cents from order_items where order_id = $1 order by claim_id',
      [id],
    );
    expect(items.map((i) => i.claim_id).sort()).toEqual(claims.map((c) => c.id).sort());

    // Claims history lists the fills at the home-delivery pharmacy; the accumulators moved by exactly their amounts.
    const after = await paidSoFar();
    for (const claim of claims) {
      expect(after.claims.find((c) => c.claimId === claim.id)).toMatchObject({
        status: 'paid',
        pharmacyName: 'OpenPBM Home Delivery',
        youPaidCents: claim.patient_pay_cents,
      });
    }
    expect(after.deductible - before.deductible).toBe(
      claims.reduce((s, c) => s + c.applied_to_deductible_cents, 0),
    );
    expect(after.oop - before.oop).toBe(claims.reduce((s, c) => s + c.applied_to_oop_cents, 0));

    // A repeated fill bills nothing more.
    expect((await post(`/api/home-delivery/orders/${id}/fill`, staff)).statusCode).toBe(409);
    expect(await claimsOf([atorvastatin.rxNumber, sumatriptan.rxNumber])).toHaveLength(2);
    expect(await payments(id)).toHaveLength(1);
  });

  it('puts a rejected claim in exception with its reject code, reverses what was paid, charges nothing, and bills afresh on resume', async () => {
    at('2026-03-12T15:00:00Z');

    const omeprazole = await addPrescription(t.db.db, f, { memberId, drug: 'omeprazole' });
    const clarithromycin = await addPrescription(t.db.db, f, { memberId, drug: 'clarithromycin' });
    const id = await placeVerified([omeprazole.id, clarithromycin.id], goodCard);
    // The plan starts requiring prior authorization after the order was placed.
    await setPriorAuth('clarithromycin', true);
    const before = await paidSoFar();

    const res = await post(`/api/home-delivery/orders/${id}/fill`, staff);
    expect(res.statusCode).toBe(200);
    const detail = res.json();
    expect(detail.status).toBe('exception');
    expect(detail.exceptionReason).toMatch(
      new RegExp(
        `^The plan rejected the claim for Rx ${clarithromycin.rxNumber}: 75 Prior Authorization`,
        'i',
      ),
    );
    expect(detail.actions).toContain('resume');
    expect(await payments(id)).toEqual([]);
    const claims = await claimsOf([omeprazole.rxNumber, clarithromycin.rxNumber]);
    expect(claims.filter((c) => c.status === 'paid')).toEqual([]);
    expect(claims.map((c) => [c.rx_number, c.transaction_code, c.status])).toEqual([
      [omeprazole.rxNumber, 'B1', 'reversed'],
      [omeprazole.rxNumber, 'B2', 'reversed'],
      [clarithromycin.rxNumber, 'B1', 'rejected'],
    ]);
    const after = await paidSoFar();
    expect([after.deductible, after.oop]).toEqual([before.deductible, before.oop]);
    const messages = (await get('/api/messages', member)).json().messages;
    expect(messages.map((m: { kind: string }) => m.kind)).toContain('order_exception');
    const { rows } = await t.db.sql.query<{ claim_id: string | null }>(
      'select claim_id from order_items where order_id = $1',
      [id],
    );
    expect(rows.every((r) => r.claim_id === null)).toBe(true);

    // The prescriber gets the approval (here: the plan drops the requirement); staff resume, which sends the order
    // back to a pharmacist (a rejected claim changes what they check), who verifies it again, and fill.
    await setPriorAuth('clarithromycin', false);
    expect((await post(`/api/home-delivery/orders/${id}/resume`, staff, {})).json().status).toBe('received');
    const reverified = await post(`/api/home-delivery/orders/${id}/verify`, staff, { durReviewed: true });
    expect(reverified.json().status).toBe('verified');
    const refilled = (await post(`/api/home-delivery/orders/${id}/fill`, staff)).json();
    expect(refilled).toMatchObject({ status: 'filled', payment: { status: 'captured' } });
    const paid = (await claimsOf([omeprazole.rxNumber, clarithromycin.rxNumber])).filter(
      (c) => c.status === 'paid',
    );
    expect(paid.map((c) => c.rx_number)).toEqual([omeprazole.rxNumber, clarithromycin.rxNumber]);
    expect(await payments(id)).toEqual([
      { status: 'captured', amount_cents: paid.reduce((s, c) => s + c.patient_pay_cents, 0) },
    ]);
  });

  it('reverses the claims when the card is declined, so the accumulators return, then fills with another card', async () => {
    at('2026-03-13T15:00:00Z');
    // A statin again, and a major interaction with the clarithromycin filled above: the pharmacist's reviewed
    // DUR warnings go on the claim as overrides.
    const simvastatin = await addPrescription(t.db.db, f, { memberId, drug: 'simvastatin' });
    const id = await placeVerified([simvastatin.id], declinedCard);
    const before = await paidSoFar();

    const res = (await post(`/api/home-delivery/orders/${id}/fill`, staff)).json();
    expect(res).toMatchObject({ status: 'exception', payment: { status: 'declined' } });
    expect(res.exceptionReason).toBe('Payment declined: Your card was declined.');
    const claims = await claimsOf([simvastatin.rxNumber]);
    expect(claims.map((c) => [c.transaction_code, c.status])).toEqual([
      ['B1', 'reversed'],
      ['B2', 'reversed'],
    ]);
    const declined = await payments(id);
    expect(declined).toEqual([{ status: 'declined', amount_cents: claims[0]?.patient_pay_cents }]);
    const after = await paidSoFar();
    expect([after.deductible, after.oop]).toEqual([before.deductible, before.oop]);
    expect((await get(`/api/orders/${id}`, member)).json()).toMatchObject({
      needsNewPayment: true,
      costIsFinal: false,
    });

    const resumed = await post(`/api/orders/${id}/payment-method`, member, { paymentMethodId: goodCard });
    expect(resumed.json().status).toBe('verified');
    const filled = (await post(`/api/home-delivery/orders/${id}/fill`, staff)).json();
    expect(filled.exceptionReason).toBeNull();
    expect(filled).toMatchObject({ status: 'filled', payment: { status: 'captured' } });
    const paid = (await claimsOf([simvastatin.rxNumber])).filter((c) => c.status === 'paid');
    expect(paid).toHaveLength(1);
    const final = await paidSoFar();
    expect(final.oop - before.oop).toBe(paid[0]?.applied_to_oop_cents);
  });

  it('does not bill twice when a fill is retried after it failed past the claims', async () => {
    at('2026-03-16T15:00:00Z');
    // Another member, so nothing filled above makes this refill too soon.
    const spouseId = f.members.spouse.id;
    spouse = (await signInAs(t, await createTestUser(t, 'member', { memberId: spouseId }))).headers;
    const card = await post('/api/payment-methods', spouse, {
      cardNumber: '4111111111111111',
      expMonth: 12,
      expYear: 2030,
    });
    spouseCard = card.json().id;
    const rxOnce = await addPrescription(t.db.db, f, { memberId: spouseId, drug: 'atorvastatin' });
    const id = await placeVerified([rxOnce.id], card.json().id, spouse);
    // A first attempt paid the claim and charged the card, then stopped before recording the fill.
    const first = await post(`/api/home-delivery/orders/${id}/fill`, staff);
    expect(first.json().exceptionReason).toBeNull();
    expect(first.json().status).toBe('filled');
    await t.db.sql.query(
      `update orders set status = 'verified', final_member_cost_cents = null where id = $1`,
      [id],
    );
    await t.db.sql.query('update prescriptions set fill_count = fill_count - 1 where id = $1', [rxOnce.id]);
    const retried = await post(`/api/home-delivery/orders/${id}/fill`, staff);
    expect(retried.json()).toMatchObject({ status: 'filled', payment: { status: 'captured' } });
    expect(await claimsOf([rxOnce.rxNumber])).toHaveLength(1);
    expect((await payments(id)).map((p) => p.status)).toEqual(['captured']);
  });

  it('lets only one of two simultaneous fills bill and charge', async () => {
    const rx = await addPrescription(t.db.db, f, { memberId: f.members.spouse.id, drug: 'omeprazole' });
    const id = await placeVerified([rx.id], spouseCard, spouse);
    const codes = (
      await Promise.all([
        post(`/api/home-delivery/orders/${id}/fill`, staff),
        post(`/api/home-delivery/orders/${id}/fill`, staff),
      ])
    ).map((r) => r.statusCode);
    expect(codes.sort()).toEqual([200, 409]);
    expect((await claimsOf([rx.rxNumber])).map((c) => c.status)).toEqual(['paid']);
    expect((await payments(id)).map((p) => p.status)).toEqual(['captured']);
  });

  it('sent e-mails with only a pick-up link', async () => {
    for (const mail of t.mailbox.list()) {
      expect(mail.text).toMatch(/\/messages\/open#token=[A-Za-z0-9_-]{20,}/);
      expect(withoutLinks(mail.text)).not.toMatch(/statin|omeprazole|HD\d{8}|Rx \d|reject|75/i);
    }
  });
});
