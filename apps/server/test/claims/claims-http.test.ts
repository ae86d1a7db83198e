// Claims adjudication through the real endpoints (raw D.0 and JSON), on PGlite or PostgreSQL: who may submit,
// pricing of a paid claim, duplicates and reversals. Reject codes and concurrency: claims-rejects.test.ts.
import { parseResponse } from '@openpbm/ncpdp';
import { describe, expect, it } from 'vitest';
import { addMember } from '../fixtures/benefits';
import { createTestUser, signInAs } from '../sign-in';
import { nextRxNumber } from './claim-builders';
import {
  accumulators,
  codesOf,
  f,
  formOf,
  headersOf,
  submitJson,
  submitRaw,
  t,
  useClaimsHttp,
} from './claims-http-world';

useClaimsHttp();

describe('authorization', () => {
  it('requires a signed-in pharmacy user', async () => {
    const signedOut = await t.app.inject({ method: 'POST', url: '/api/claims', payload: formOf() });
    expect(signedOut.statusCode).toBe(401);
    const memberUser = await createTestUser(t, 'member', { memberId: f.members.single.id });
    const { headers } = await signInAs(t, memberUser);
    const asMember = await t.app.inject({ method: 'POST', url: '/api/claims', headers, payload: formOf() });
    expect(asMember.statusCode).toBe(403);
  });

  it('rejects 50 when the service provider ID is not the signing pharmacy', async () => {
    const r = await submitJson({ serviceProviderId: f.pharmacies.retail2.npi });
    expect(r.status).toBe('rejected');
    expect(codesOf(r)).toEqual(['50']);
    // The NCPDP provider ID (qualifier 07) of the signing pharmacy is accepted.
    const byNcpdp = await submitJson({
      serviceProviderIdQualifier: '07',
      serviceProviderId: f.pharmacies.retail.ncpdpId,
      member: await addMember(t.db.db, f),
    });
    expect(byNcpdp.status).toBe('paid');
  });

  it('answers bad JSON input with field errors and unreadable D.0 with a transmission rejection', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/claims',
      headers: headersOf.retail,
      payload: { ...formOf(), claim: { rxNumber: 'abc', fillNumber: 0 } },
    });
    expect(bad.statusCode).toBe(400);
    const fields = (bad.json() as { errors: { field: string }[] }).errors.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['claim.rxNumber']));

    const garbage = await t.app.inject({
      method: 'POST',
      url: '/api/claims/ncpdp',
      headers: { ...headersOf.retail, 'content-type': 'text/plain' },
      payload: 'not a D.0 transmission',
    });
    expect(garbage.statusCode).toBe(200);
    const rejected = parseResponse(garbage.rawPayload);
    expect(rejected.header.headerResponseStatus).toBe('R');
    expect(rejected.transactions[0]?.status?.transactionResponseStatus).toBe('R');
  });
});

describe('a paid claim', () => {
  it('prices from the reference data and the network contract and splits patient and plan pay', async () => {
    const member = await addMember(t.db.db, f);
    // Lipitor (brand, tier 1): 30 × NADAC $5.00 = $150.00, brand discount 1% → $148.50, fee $1.50.
    const r = await submitJson({ member, ndc: f.drugs.lipitor, ingredientCostCents: 20_000 });
    expect(r.status).toBe('paid');
    expect(r.tier).toBe(1);
    expect(r.channel).toBe('retail_30');
    expect(r.pricing).toMatchObject({
      ingredientCostPaidCents: 14_850,
      dispensingFeePaidCents: 150,
      totalPriceCents: 15_000,
      patientPayCents: 1_000, // tier 1 retail copay, no deductible
      planPayCents: 14_000,
      appliedToDeductibleCents: 0,
      appliedToOopCents: 1_000,
      copayCents: 1_000,
      basisOfReimbursementCode: '20', // NADAC-based contract
    });
    expect(r.authorizationNumber).toMatch(/^[0-9A-F]{20}$/);
    expect(await accumulators(member)).toEqual({
      family: { deductible: 0, oop: 1_000 },
      individual: { deductible: 0, oop: 1_000 },
    });
    // The D.0 response carries the same figures.
    const d0 = parseResponse(Buffer.from(r.ncpdpResponse, 'base64'));
    expect(d0.transactions[0]?.pricing).toMatchObject({
      patientPayAmount: 1_000,
      ingredientCostPaid: 14_850,
      dispensingFeePaid: 150,
      totalAmountPaid: 14_000,
      amountOfCopay: 1_000,
    });
  });

  it('applies the deductible first for tiers that have one, and the 90-day retail and home-delivery terms', async () => {
    const member = await addMember(t.db.db, f);
    // Sumatriptan (tier 2, deductible applies): 9 × $2.00 = $18.00 − 5% generic = $17.10 + $1.50.
    const first = await submitJson({
      member,
      ndc: f.drugs.sumatriptan,
      quantityMilli: 9_000,
      daysSupply: 30,
    });
    expect(first.pricing).toMatchObject({
      totalPriceCents: 1_860,
      patientPayCents: 1_860,
      appliedToDeductibleCents: 1_860,
      remainingDeductibleCents: 50_000 - 1_860,
    });
    // Omeprazole 90 days at retail (retail_90): 90 × $0.15 = $13.50 − 7% = $12.56 (half-up) … + $1.00 fee.
    const ninety = await submitJson({
      member,
      ndc: f.drugs.omeprazole,
      quantityMilli: 90_000,
      daysSupply: 90,
    });
    expect(ninety.channel).toBe('retail_90');
    expect(ninety.pricing?.dispensingFeePaidCents).toBe(150); // the pharmacy's own contract fee
    // Home delivery: network home-delivery terms via the mail pharmacy's contract (−10%, no fee).
    const mail = await submitJson(
      {
        member,
        ndc: f.drugs.simvastatin,
        quantityMilli: 90_000,
        daysSupply: 90,
        pharmacy: f.pharmacies.homeDelivery,
      },
      'homeDelivery',
    );
    expect(mail.status).toBe('paid');
    expect(mail.channel).toBe('home_delivery_90');
    expect(mail.pricing).toMatchObject({ ingredientCostPaidCents: 729, dispensingFeePaidCents: 0 });
  });
});

describe('duplicates and reversals', () => {
  it('answers a resubmitted paid claim with the original response (D) and never counts it twice', async () => {
    const member = await addMember(t.db.db, f);
    const rxNumber = nextRxNumber();
    const first = await submitRaw({ member, rxNumber, ndc: f.drugs.lipitor });
    expect(first.transactions[0]?.status?.transactionResponseStatus).toBe('P');
    const again = await submitRaw({ member, rxNumber, ndc: f.drugs.lipitor });
    expect(again.transactions[0]?.status?.transactionResponseStatus).toBe('D');
    expect(again.transactions[0]?.status?.authorizationNumber).toBe(
      first.transactions[0]?.status?.authorizationNumber,
    );
    expect(again.transactions[0]?.pricing).toEqual(first.transactions[0]?.pricing);
    const json = await submitJson({ member, rxNumber, ndc: f.drugs.lipitor });
    expect(json.status).toBe('duplicate-paid');
    expect((await accumulators(member)).individual).toEqual({ deductible: 0, oop: 1_000 });
    // Same keys, different drug: a conflicting duplicate (83), not a replay.
    const conflicting = await submitJson({ member, rxNumber, ndc: f.drugs.atorvastatin });
    expect(codesOf(conflicting)).toEqual(['83']);
  });

  it('B2 reverses the claim and its accumulator effect; a repeated B2 is a duplicate; an unknown one 87', async () => {
    const member = await addMember(t.db.db, f);
    const rxNumber = nextRxNumber();
    const paid = await submitJson({ member, rxNumber, ndc: f.drugs.sumatriptan, quantityMilli: 9_000 });
    expect(paid.status).toBe('paid');
    expect((await accumulators(member)).individual?.deductible).toBe(1_860);

    const reversal = await submitRaw({ member, rxNumber, transactionCode: 'B2' });
    expect(reversal.transactions[0]?.status?.transactionResponseStatus).toBe('A');
    expect(await accumulators(member)).toEqual({
      family: { deductible: 0, oop: 0 },
      individual: { deductible: 0, oop: 0 },
    });
    const { rows } = await t.db.sql.query<{ status: string }>('select status from claims where id = $1', [
      paid.claimId,
    ]);
    expect(rows[0]?.status).toBe('reversed');

    const repeated = await submitJson({ member, rxNumber, transactionCode: 'B2' });
    expect(repeated.status).toBe('duplicate-accepted');
    const unknown = await submitJson({ member, rxNumber: nextRxNumber(), transactionCode: 'B2' });
    expect(codesOf(unknown)).toEqual(['87']);
    // After the reversal the same Rx and fill can be billed again.
    const rebilled = await submitJson({ member, rxNumber, ndc: f.drugs.sumatriptan, quantityMilli: 9_000 });
    expect(rebilled.status).toBe('paid');
  });

  it('replays an Idempotency-Key and refuses it with a different body', async () => {
    const member = await addMember(t.db.db, f);
    const o = { member, rxNumber: nextRxNumber() };
    const key = { 'idempotency-key': `k-${Date.now()}` };
    const first = await t.app.inject({
      method: 'POST',
      url: '/api/claims',
      headers: { ...headersOf.retail, ...key },
      payload: formOf(o),
    });
    const second = await t.app.inject({
      method: 'POST',
      url: '/api/claims',
      headers: { ...headersOf.retail, ...key },
      payload: formOf(o),
    });
    expect(second.statusCode).toBe(200);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json()).toEqual(first.json());
    const other = await t.app.inject({
      method: 'POST',
      url: '/api/claims',
      headers: { ...headersOf.retail, ...key },
      payload: formOf({ ...o, rxNumber: nextRxNumber() }),
    });
    expect(other.statusCode).toBe(422);
  });
});
