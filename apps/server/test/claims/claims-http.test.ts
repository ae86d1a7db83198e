// Claims adjudication through the real endpoints (raw D.0 and JSON), on PGlite or PostgreSQL.
import { type NcpdpResponse, parseResponse } from '@openpbm/ncpdp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClaimResult } from '../../src/claims/schemas';
import {
  addMember,
  approvePriorAuth,
  type BenefitsFixture,
  buildBenefitsFixture,
  type FixtureMember,
} from '../fixtures/benefits';
import { createTestApp, type TestApp } from '../harness';
import { createTestUser, signInAs } from '../sign-in';
import { type B1Options, claimBytes, claimRequest, nextRxNumber } from './claim-builders';

let t: TestApp;
let f: BenefitsFixture;
const headersOf: Record<string, Record<string, string>> = {};

beforeAll(async () => {
  t = await createTestApp({ now: new Date('2026-03-10T15:00:00Z') });
  f = await buildBenefitsFixture(t.db.db, { fieldKey: undefined });
  for (const key of ['retail', 'retail2', 'outOfNetwork', 'homeDelivery'] as const) {
    headersOf[key] = (await signInAs(t, f.pharmacyUsers[key])).headers;
  }
});
afterAll(async () => t?.close());

type PharmacyKey = 'retail' | 'retail2' | 'outOfNetwork' | 'homeDelivery';

async function submitRaw(o: B1Options = {}, as: PharmacyKey = 'retail'): Promise<NcpdpResponse> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/claims/ncpdp',
    headers: { ...headersOf[as], 'content-type': 'application/octet-stream' },
    payload: Buffer.from(claimBytes(f, { pharmacy: f.pharmacies[as], ...o })),
  });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toBe('application/octet-stream');
  return parseResponse(res.rawPayload);
}

/** The same transaction through the JSON form. */
function formOf(o: B1Options = {}, as: PharmacyKey = 'retail') {
  const r = claimRequest(f, { pharmacy: f.pharmacies[as], ...o });
  const c = r.transactions[0]?.claim;
  const p = r.transactions[0]?.pricing;
  return {
    transactionCode: r.header.transactionCode,
    bin: r.header.bin,
    processorControlNumber: r.header.processorControlNumber,
    groupId: r.insurance?.groupId ?? '',
    serviceProvider: { idQualifier: r.header.serviceProviderIdQualifier, id: r.header.serviceProviderId },
    dateOfService: r.header.dateOfService,
    cardholder: { id: r.insurance?.cardholderId ?? '', personCode: r.insurance?.personCode },
    ...(c
      ? {
          claim: {
            rxNumber: c.prescriptionServiceReferenceNumber,
            fillNumber: c.fillNumber,
            ndc: c.productServiceId,
            quantityDispensed: (c.quantityDispensed ?? 0) / 1000,
            daysSupply: c.daysSupply,
            prescriberNpi: f.prescriberNpi,
            ingredientCostSubmittedCents: p?.ingredientCostSubmitted,
            dispensingFeeSubmittedCents: p?.dispensingFeeSubmitted,
            usualAndCustomaryCents: p?.usualAndCustomary,
            ...(o.durOverride
              ? {
                  durOverrides: [
                    {
                      reasonForServiceCode: o.durOverride.reason,
                      professionalServiceCode: o.durOverride.professional,
                      resultOfServiceCode: o.durOverride.result,
                    },
                  ],
                }
              : {}),
          },
        }
      : {}),
  };
}

async function submitJson(
  o: B1Options = {},
  as: PharmacyKey = 'retail',
  extraHeaders: Record<string, string> = {},
) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/claims',
    headers: { ...headersOf[as], ...extraHeaders },
    payload: formOf(o, as),
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as ClaimResult;
}

const codesOf = (r: ClaimResult) => r.rejectCodes.map((c) => c.code);
const rawCodes = (r: NcpdpResponse) => (r.transactions[0]?.status?.rejects ?? []).map((x) => x.code);

async function accumulators(member: FixtureMember) {
  const { rows } = await t.db.sql.query<{ scope: string; deductible_cents: number; oop_cents: number }>(
    `select scope, deductible_cents, oop_cents from accumulators
     where (scope = 'individual' and member_id = $1) or (scope = 'family' and member_id = $2) order by scope`,
    [member.id, member.subscriberId],
  );
  return Object.fromEntries(rows.map((r) => [r.scope, { deductible: r.deductible_cents, oop: r.oop_cents }]));
}

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

describe('reject codes', () => {
  it('65: not eligible on the date of service', async () => {
    const r = await submitJson({ member: f.members.termed, dateOfService: '2026-02-15' });
    expect(codesOf(r)).toEqual(['65']);
    const before = await submitJson({ member: f.members.termed, dateOfService: '2026-01-20' });
    expect(before.status).toBe('paid');
  });

  it('routing: unknown BIN 1, PCN 4, group 6; unknown cardholder 52; unknown person code 53', async () => {
    expect(rawCodes(await submitRaw({ bin: '999999' }))).toEqual(['1']);
    expect(rawCodes(await submitRaw({ pcn: 'NOPE' }))).toEqual(['4']);
    expect(rawCodes(await submitRaw({ group: 'NOGROUP' }))).toEqual(['6']);
    const unknownCardholder = await submitRaw({ cardholderId: 'TST999999999' });
    expect(rawCodes(unknownCardholder)).toEqual(['52']);
    expect(unknownCardholder.header.headerResponseStatus).toBe('R');
    expect(rawCodes(await submitRaw({ member: f.members.subscriber, personCode: '009' }))).toEqual(['53']);
  });

  it('a dependent may be billed with the subscriber card and the person code', async () => {
    const r = await submitJson({
      cardholderId: f.members.subscriber.memberNumber,
      personCode: '002',
      ndc: f.drugs.omeprazole,
    });
    expect(r.status).toBe('paid');
    const { rows } = await t.db.sql.query<{ member_id: string }>(
      'select member_id from claims where id = $1',
      [r.claimId],
    );
    expect(rows[0]?.member_id).toBe(f.members.spouse.id);
  });

  it('70: not on the formulary, or excluded with preferred alternatives', async () => {
    const member = await addMember(t.db.db, f);
    expect(codesOf(await submitJson({ member, ndc: f.drugs.eliquis }))).toEqual(['70']);
    const excluded = await submitJson({ member, ndc: f.drugs.nexium });
    expect(codesOf(excluded)).toEqual(['70']);
    expect(excluded.preferredAlternatives).toEqual([
      {
        name: 'omeprazole 20 mg oral capsule',
        drugGroupId: f.groups.omeprazole,
        ndc: f.drugs.omeprazole,
        tier: 1,
      },
    ]);
    const d0 = parseResponse(Buffer.from(excluded.ncpdpResponse, 'base64'));
    expect(d0.transactions[0]?.claim?.preferredProducts?.[0]?.description).toBe(
      'omeprazole 20 mg oral capsule',
    );
  });

  it('75: prior authorization required; an approved PA within its dates makes it pay', async () => {
    const member = await addMember(t.db.db, f);
    const o = {
      member,
      ndc: f.drugs.adalimumab,
      quantityMilli: 800,
      daysSupply: 28,
      ingredientCostCents: 500_000,
      usualAndCustomaryCents: 600_000,
    };
    expect(codesOf(await submitJson(o))).toEqual(['75']);
    await approvePriorAuth(t.db.db, f, {
      memberId: member.id,
      drugGroupId: f.groups.adalimumab,
      from: '2026-03-11',
      to: '2026-12-31',
    });
    expect(codesOf(await submitJson(o))).toEqual(['75']); // not yet in force on 2026-03-10
    const paId = await approvePriorAuth(t.db.db, f, {
      memberId: member.id,
      drugGroupId: f.groups.adalimumab,
      from: '2026-01-01',
      to: '2026-06-30',
    });
    const paid = await submitJson(o);
    expect(paid.status).toBe('paid');
    expect(paid.priorAuthorizationId).toBe(paId);
    // 0.8 mL × $3,000 − 1% = $2,376.00; deductible $500, then 20% of $1,876 = $375.20 capped at $250.
    expect(paid.pricing).toMatchObject({
      totalPriceCents: 237_750,
      patientPayCents: 75_000,
      appliedToDeductibleCents: 50_000,
    });
  });

  it('76: quantity limit and days-supply limit', async () => {
    const member = await addMember(t.db.db, f);
    expect(codesOf(await submitJson({ member, ndc: f.drugs.sumatriptan, quantityMilli: 18_000 }))).toEqual([
      '76',
    ]);
    expect(
      codesOf(await submitJson({ member, ndc: f.drugs.omeprazole, quantityMilli: 100_000, daysSupply: 100 })),
    ).toEqual(['76']);
  });

  it('79: refill too soon (less than 75% of the previous days supply used)', async () => {
    const member = await addMember(t.db.db, f);
    const rxNumber = nextRxNumber();
    expect((await submitJson({ member, rxNumber, dateOfService: '2026-03-01' })).status).toBe('paid');
    const early = await submitJson({ member, rxNumber, fillNumber: 1, dateOfService: '2026-03-15' });
    expect(codesOf(early)).toEqual(['79']);
    expect(early.refillEligibleOn).toBe('2026-03-24');
    expect(early.dur[0]).toMatchObject({ reasonForServiceCode: 'ER', previousDateOfFill: '2026-03-01' });
    const onTime = await submitJson({ member, rxNumber, fillNumber: 1, dateOfService: '2026-03-24' });
    expect(onTime.status).toBe('paid');
  });

  it('88: drug-drug interaction and therapeutic duplication, with DUR response fields', async () => {
    const member = await addMember(t.db.db, f);
    expect((await submitJson({ member, ndc: f.drugs.simvastatin })).status).toBe('paid');
    const interaction = await submitRaw({
      member,
      ndc: f.drugs.clarithromycin,
      quantityMilli: 20_000,
      daysSupply: 10,
    });
    expect(rawCodes(interaction)).toEqual(['88']);
    expect(interaction.transactions[0]?.durPps?.alerts?.[0]).toMatchObject({
      reasonForService: 'DD',
      clinicalSignificance: '1',
      otherPharmacyIndicator: '1',
      previousDateOfFill: '2026-03-10',
      quantityOfPreviousFill: 30_000,
      databaseIndicator: '4',
    });
    const duplication = await submitJson({ member, ndc: f.drugs.atorvastatin }, 'retail2');
    expect(codesOf(duplication)).toEqual(['88']);
    expect(duplication.dur[0]).toMatchObject({ reasonForServiceCode: 'TD', otherPharmacyIndicator: '2' });
  });

  it('40: out-of-network pharmacy', async () => {
    const r = await submitJson(
      { pharmacy: f.pharmacies.outOfNetwork, member: await addMember(t.db.db, f) },
      'outOfNetwork',
    );
    expect(codesOf(r)).toEqual(['40']);
  });

  it('stores every claim with its request and response encrypted at rest', async () => {
    const { rows } = await t.db.sql.query<{ n: number; plain: number }>(
      `select count(*)::int as n,
        count(*) filter (where raw_request_enc not like 'v1.%' or raw_response_enc not like 'v1.%')::int as plain
       from claims`,
    );
    expect(rows[0]?.n).toBeGreaterThan(20);
    expect(rows[0]?.plain).toBe(0);
  });

  it('E1: eligibility answers accepted with the plan and patient, or 65', async () => {
    const ok = await submitJson({ member: f.members.single, transactionCode: 'E1' });
    expect(ok.status).toBe('accepted');
    expect(ok.eligibility).toMatchObject({
      planCode: 'FIXTURE-GOLD',
      rxGroup: 'GOLD01',
      dateOfBirth: f.members.single.dateOfBirth,
    });
    const no = await submitRaw({ member: f.members.termed, transactionCode: 'E1' });
    expect(rawCodes(no)).toEqual(['65']);
  });
});

describe('concurrency', () => {
  it('concurrent claims of one family never double-count or exceed the limits', async () => {
    const subscriber = await addMember(t.db.db, f, { coverageLevel: 'family' });
    const spouse = await addMember(t.db.db, f, {
      coverageLevel: 'family',
      subscriberId: subscriber.id,
      personCode: '002',
    });
    for (const m of [subscriber, spouse]) {
      await approvePriorAuth(t.db.db, f, {
        memberId: m.id,
        drugGroupId: f.groups.adalimumab,
        from: '2026-01-01',
        to: '2026-12-31',
      });
    }
    // 24 specialty claims ($2,377.50 each) on distinct days, half per person, all at once.
    const results = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        submitJson({
          member: i % 2 ? spouse : subscriber,
          ndc: f.drugs.adalimumab,
          quantityMilli: 800,
          daysSupply: 1,
          ingredientCostCents: 500_000,
          usualAndCustomaryCents: 600_000,
          dateOfService: `2026-03-${String(1 + Math.floor(i / 2)).padStart(2, '0')}`,
        }),
      ),
    );
    expect(results.every((r) => r.status === 'paid')).toBe(true);
    const paidBy = (m: FixtureMember) =>
      results
        .filter((_, i) => (i % 2 ? spouse : subscriber) === m)
        .reduce((sum, r) => sum + (r.pricing?.patientPayCents ?? 0), 0);
    const deductibleBy = (m: FixtureMember) =>
      results
        .filter((_, i) => (i % 2 ? spouse : subscriber) === m)
        .reduce((sum, r) => sum + (r.pricing?.appliedToDeductibleCents ?? 0), 0);
    const sub = await accumulators(subscriber);
    const sp = await accumulators(spouse);
    // Each person: deductible $500 once, then $250 per fill until the $3,000 individual OOP maximum.
    expect(sub.individual).toEqual({ deductible: 50_000, oop: 300_000 });
    expect(sp.individual).toEqual({ deductible: 50_000, oop: 300_000 });
    expect(sub.family).toEqual({ deductible: 100_000, oop: 600_000 });
    expect(paidBy(subscriber)).toBe(300_000);
    expect(paidBy(spouse)).toBe(300_000);
    expect(deductibleBy(subscriber)).toBe(50_000);

    // Concurrent reversals of one claim: exactly one takes effect, the others are duplicates.
    const target = results.find((r) => (r.pricing?.patientPayCents ?? 0) > 0 && r.rxNumber);
    const owner = results.indexOf(target as ClaimResult) % 2 ? spouse : subscriber;
    const reversals = await Promise.all(
      Array.from({ length: 6 }, () =>
        submitJson({
          member: owner,
          rxNumber: target?.rxNumber ?? '',
          transactionCode: 'B2',
          dateOfService: `2026-03-${String(1 + Math.floor(results.indexOf(target as ClaimResult) / 2)).padStart(2, '0')}`,
        }),
      ),
    );
    expect(reversals.filter((r) => r.status === 'accepted')).toHaveLength(1);
    expect(reversals.filter((r) => r.status === 'duplicate-accepted')).toHaveLength(5);
    const after = await accumulators(owner);
    expect(after.individual?.oop).toBe(300_000 - (target?.pricing?.appliedToOopCents ?? 0));
    expect(after.individual?.oop).toBeGreaterThanOrEqual(0);
  });
});
