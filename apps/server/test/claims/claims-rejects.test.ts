// Claims adjudication through the real endpoints: each NCPDP reject code, and concurrent claims of one family.
import { parseResponse } from '@openpbm/ncpdp';
import { describe, expect, it } from 'vitest';
import type { ClaimResult } from '../../src/claims/schemas';
import { addMember, approvePriorAuth, type FixtureMember } from '../fixtures/benefits';
import { nextRxNumber } from './claim-builders';
import {
  accumulators,
  codesOf,
  f,
  rawCodes,
  submitJson,
  submitRaw,
  t,
  useClaimsHttp,
} from './claims-http-world';

useClaimsHttp();

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
