// The price check quotes what a claim pays: real B1 claims through the claims endpoint (the adjudication
// service) pay exactly the quoted member and plan amounts, move "what you've paid so far", and appear in the
// member's claims history and receipts.
import type { ClaimReceiptResponse, ClaimsHistoryResponse } from '@openpbm/shared/benefits';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClaimResult } from '../../src/claims/schemas';
import type { FixtureMember, FixturePharmacy } from '../fixtures/benefits';
import { signInAs } from '../sign-in';
import { createMemberWorld, type MemberWorld, priceCheckAs, quoteFor } from './member-world';

let w: MemberWorld;
let pharmacyHeaders: Record<'retail' | 'homeDelivery', Record<string, string>>;

beforeAll(async () => {
  w = await createMemberWorld();
  pharmacyHeaders = {
    retail: (await signInAs(w.t, w.f.pharmacyUsers.retail)).headers,
    homeDelivery: (await signInAs(w.t, w.f.pharmacyUsers.homeDelivery)).headers,
  };
});
afterAll(() => w?.t.close());

let rx = 700_000;

/** A B1 as a pharmacy bills it: well above the contract rate, so the network rate sets the price. */
async function submitClaim(
  member: FixtureMember,
  pharmacy: 'retail' | 'homeDelivery',
  fill: { ndc: string; quantity: number; daysSupply: number },
): Promise<ClaimResult> {
  const store: FixturePharmacy = w.f.pharmacies[pharmacy];
  const res = await w.t.app.inject({
    method: 'POST',
    url: '/api/claims',
    headers: pharmacyHeaders[pharmacy],
    payload: {
      transactionCode: 'B1',
      bin: w.f.routing.bin,
      processorControlNumber: w.f.routing.pcn,
      groupId: w.f.routing.group,
      serviceProvider: { idQualifier: '01', id: store.npi },
      dateOfService: '2026-03-10',
      cardholder: { id: member.memberNumber, personCode: member.personCode },
      claim: {
        rxNumber: String(++rx),
        fillNumber: 0,
        ndc: fill.ndc,
        quantityDispensed: fill.quantity,
        daysSupply: fill.daysSupply,
        prescriberNpi: w.f.prescriberNpi,
        ingredientCostSubmittedCents: 500_000,
        dispensingFeeSubmittedCents: 200,
        usualAndCustomaryCents: 999_999,
      },
    },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as ClaimResult;
}

const priceCheck = (body: Record<string, unknown>, user?: keyof MemberWorld['users']) =>
  priceCheckAs(w, body, user);
const quote = quoteFor;

describe('price check = adjudicated claim', () => {
  const claimIds: string[] = [];

  it('a tier 2 fill at retail pays exactly the quote (deductible first)', async () => {
    const before = await priceCheck({ drugGroupId: w.f.groups.sumatriptan, quantity: 9, daysSupply: 30 });
    const expected = quote(before, 'retail_30');
    expect(expected.available).toBe(true);

    const claim = await submitClaim(w.f.members.single, 'retail', {
      ndc: w.f.drugs.sumatriptan,
      quantity: 9,
      daysSupply: 30,
    });
    expect(claim.status).toBe('paid');
    expect(claim.pricing).toMatchObject({
      totalPriceCents: expected.totalPriceCents,
      patientPayCents: expected.memberPayCents,
      planPayCents: expected.planPayCents,
      appliedToDeductibleCents: expected.appliedToDeductibleCents,
      appliedToOopCents: expected.appliedToOopCents,
    });
    if (claim.claimId) claimIds.push(claim.claimId);

    const after = await priceCheck({ drugGroupId: w.f.groups.sumatriptan, quantity: 9, daysSupply: 30 });
    expect(after.paidSoFar.deductible.individual.paidCents).toBe(expected.appliedToDeductibleCents);
    expect(after.paidSoFar.outOfPocket.individual.paidCents).toBe(expected.appliedToOopCents);
  });

  it('a 90-day home-delivery generic fill pays exactly the home-delivery quote', async () => {
    const before = await priceCheck({ drugGroupId: w.f.groups.atorvastatin, quantity: 30, daysSupply: 30 });
    const expected = quote(before, 'home_delivery_90');
    expect(expected).toMatchObject({ quantity: 90, daysSupply: 90, available: true });

    const claim = await submitClaim(w.f.members.single, 'homeDelivery', {
      ndc: w.f.drugs.atorvastatin,
      quantity: 90,
      daysSupply: 90,
    });
    // Home delivery may hold the claim until shipment (captured) or pay it; either way the amounts match.
    expect(['paid', 'captured']).toContain(claim.status);
    expect(claim.channel).toBe('home_delivery_90');
    expect(claim.pricing).toMatchObject({
      totalPriceCents: expected.totalPriceCents,
      patientPayCents: expected.memberPayCents,
      planPayCents: expected.planPayCents,
    });
  });

  it("the adjudicated claims appear in the member's claims history with a receipt", async () => {
    const res = await w.t.app.inject({
      method: 'GET',
      url: `/api/benefits/members/${w.f.members.single.id}/claims`,
      headers: await w.headersFor('single'),
    });
    expect(res.statusCode).toBe(200);
    const history = res.json() as ClaimsHistoryResponse;
    expect(history.claims.map((c) => c.claimId)).toEqual(expect.arrayContaining(claimIds));
    const sumatriptan = history.claims.find((c) => c.claimId === claimIds[0]);
    expect(sumatriptan).toMatchObject({
      drugName: 'Sumatriptan 50 mg tablet',
      pharmacyName: 'Fixture Drug #1',
      status: 'paid',
    });

    const receipt = await w.t.app.inject({
      method: 'GET',
      url: `/api/benefits/members/${w.f.members.single.id}/claims/${claimIds[0]}`,
      headers: await w.headersFor('single'),
    });
    expect(receipt.statusCode).toBe(200);
    expect((receipt.json() as ClaimReceiptResponse).claim.authorizationNumber).toBeTruthy();
  });
});
