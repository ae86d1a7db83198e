// The price check at a chosen pharmacy: its own network contract replaces the network's default terms, and its
// usual & customary price (426-DQ of its latest claim for the package, sent through the claims endpoint) caps
// the price by the adjudication's lesser-of rule, so a cash price under the copay is what the member pays.
import { schema } from '@openpbm/db';
import type { MemberPharmaciesResponse } from '@openpbm/shared/benefits';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs } from '../sign-in';
import { createMemberWorld, type MemberWorld, priceCheckAs, quoteFor } from './member-world';

let w: MemberWorld;

beforeAll(async () => {
  w = await createMemberWorld();
  // Fixture Drug #2 negotiated its own terms: brand −10%, generic −20%, a $0.50 fee (the network: −1% + $1.50).
  await w.t.db.db
    .update(schema.networkPharmacies)
    .set({ discountBps: 1_000, genericDiscountBps: 2_000, dispensingFeeCents: 50 })
    .where(
      and(
        eq(schema.networkPharmacies.networkId, w.f.networkId),
        eq(schema.networkPharmacies.pharmacyId, w.f.pharmacies.retail2.id),
      ),
    );
});
afterAll(() => w?.t.close());

const priceCheck = (body: Record<string, unknown>, user?: keyof MemberWorld['users']) =>
  priceCheckAs(w, body, user);
const quote = quoteFor;

const sumatriptan = () => ({ drugGroupId: w.f.groups.sumatriptan, quantity: 9, daysSupply: 30 });
const lipitor = () => ({
  drugGroupId: w.f.groups.atorvastatin,
  ndc: w.f.drugs.lipitor,
  quantity: 30,
  daysSupply: 30,
});

describe('price check at a chosen pharmacy', () => {
  it("uses the pharmacy's own contract instead of the network default", async () => {
    const network = await priceCheck(sumatriptan());
    // 9 × $2.00 NADAC, a generic: network retail −5% = $17.10 + $1.50 fee; all toward the $500 deductible.
    expect(quote(network, 'retail_30')).toMatchObject({
      totalPriceCents: 1_860,
      memberPayCents: 1_860,
      pharmacyName: null,
    });
    expect(network.pharmacy).toBeNull();

    const atDrug2 = await priceCheck({ ...sumatriptan(), pharmacyId: w.f.pharmacies.retail2.id });
    // Its contract for generics: −20% = $14.40 + $0.50.
    expect(quote(atDrug2, 'retail_30')).toMatchObject({
      available: true,
      totalPriceCents: 1_490,
      memberPayCents: 1_490,
      planPayCents: 0,
      pharmacyName: 'Fixture Drug #2',
    });
    // Home delivery is the mail pharmacy: still the network's terms.
    expect(quote(atDrug2, 'home_delivery_90')).toEqual(quote(network, 'home_delivery_90'));
    expect(atDrug2.pharmacy).toEqual({
      pharmacyId: w.f.pharmacies.retail2.id,
      name: 'Fixture Drug #2',
      inNetwork: true,
      cashPriceKnown: false,
    });
    expect(atDrug2.disclaimer).toContain('Fixture Drug #2');
  });

  it("a cash price (U&C) below the copay caps the member's cost, as on a claim", async () => {
    // Without a cash price: $150.00 brand at −10% + $0.50, tier 1 copay $10.
    const before = await priceCheck({ ...lipitor(), pharmacyId: w.f.pharmacies.retail2.id });
    expect(quote(before, 'retail_30')).toMatchObject({ totalPriceCents: 13_550, memberPayCents: 1_000 });

    // The pharmacy bills another member's Lipitor with its cash price: $6.00 for 30 tablets (426-DQ).
    const { headers } = await signInAs(w.t, w.f.pharmacyUsers.retail2);
    const member = w.f.members.subscriber;
    const claim = await w.t.app.inject({
      method: 'POST',
      url: '/api/claims',
      headers,
      payload: {
        transactionCode: 'B1',
        bin: w.f.routing.bin,
        processorControlNumber: w.f.routing.pcn,
        groupId: w.f.routing.group,
        serviceProvider: { idQualifier: '01', id: w.f.pharmacies.retail2.npi },
        dateOfService: '2026-03-09',
        cardholder: { id: member.memberNumber, personCode: member.personCode },
        claim: {
          rxNumber: '880001',
          fillNumber: 0,
          ndc: w.f.drugs.lipitor,
          quantityDispensed: 30,
          daysSupply: 30,
          prescriberNpi: w.f.prescriberNpi,
          ingredientCostSubmittedCents: 15_000,
          dispensingFeeSubmittedCents: 200,
          usualAndCustomaryCents: 600,
        },
      },
    });
    expect(claim.statusCode, claim.body).toBe(200);
    const [stored] = await w.t.db.db
      .select({ uc: schema.claims.usualAndCustomaryCents })
      .from(schema.claims)
      .where(eq(schema.claims.rxNumber, '880001'));
    expect(stored?.uc).toBe(600);

    const after = await priceCheck({ ...lipitor(), pharmacyId: w.f.pharmacies.retail2.id });
    expect(after.pharmacy?.cashPriceKnown).toBe(true);
    // $6.00 is less than the $10 copay: the price is the cash price and the member pays it.
    expect(quote(after, 'retail_30')).toMatchObject({
      totalPriceCents: 600,
      memberPayCents: 600,
      planPayCents: 0,
      messages: expect.arrayContaining([expect.stringContaining('cash price is lower')]),
    });
    // 90 tablets: the cash price per tablet (3 × $6.00 = $18.00) is under the $25 retail 90-day copay.
    expect(quote(after, 'retail_90')).toMatchObject({
      quantity: 90,
      totalPriceCents: 1_800,
      memberPayCents: 1_800,
    });
    // Another pharmacy's cash price is not this one's, and without a pharmacy nothing changes.
    expect(quote(await priceCheck(lipitor()), 'retail_30')).toMatchObject({ memberPayCents: 1_000 });
    const atDrug1 = await priceCheck({ ...lipitor(), pharmacyId: w.f.pharmacies.retail.id });
    expect(atDrug1.pharmacy?.cashPriceKnown).toBe(false);
    expect(quote(atDrug1, 'retail_30').memberPayCents).toBe(1_000);
  });

  it('a pharmacy outside the network: its quotes say the plan would not pay (40)', async () => {
    const res = await priceCheck({ ...sumatriptan(), pharmacyId: w.f.pharmacies.outOfNetwork.id });
    expect(res.pharmacy).toMatchObject({ inNetwork: false });
    expect(quote(res, 'retail_30')).toMatchObject({
      available: false,
      rejectCodes: ['40'],
      memberPayCents: null,
    });
    expect(quote(res, 'home_delivery_90').available).toBe(true);
  });

  it('an unknown pharmacy id is a 400 problem on the field', async () => {
    const res = await w.t.app.inject({
      method: 'POST',
      url: '/api/benefits/price-check',
      headers: await w.headersFor('single'),
      payload: { ...sumatriptan(), pharmacyId: '00000000-0000-7000-8000-000000000000' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'pharmacyId' })]);
  });

  it("lists the member's recent pharmacies to choose from, only to those who may see them", async () => {
    const url = `/api/benefits/members/${w.f.members.subscriber.id}/pharmacies`;
    const own = await w.t.app.inject({ method: 'GET', url, headers: await w.headersFor('subscriber') });
    expect(own.statusCode).toBe(200);
    expect((own.json() as MemberPharmaciesResponse).pharmacies).toEqual([
      expect.objectContaining({ name: 'Fixture Drug #2', lastFilledOn: '2026-03-09' }),
    ]);
    const other = await w.t.app.inject({ method: 'GET', url, headers: await w.headersFor('single') });
    expect(other.statusCode).toBe(404);
    const [audit] = await w.t.db.db
      .select()
      .from(schema.auditEvents)
      .where(eq(schema.auditEvents.resourceType, 'recent_pharmacies'));
    expect(audit).toMatchObject({ memberId: w.f.members.subscriber.id, reason: 'member_request' });
  });
});
