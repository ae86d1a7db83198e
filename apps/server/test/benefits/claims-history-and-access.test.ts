// Claims history, receipts and who may see them: a member sees their own data and their dependents under 18;
// the spouse's, an adult child's and other families' data answer 404 (security), and every read is audited.
// Rejected claims are listed with plain-language reasons and no amounts; reversed ones owe nothing.
import { schema } from '@openpbm/db';
import { NO_CLAIM_AMOUNTS } from '@openpbm/db/schema/claims';
import type {
  ClaimReceiptResponse,
  ClaimsHistoryResponse,
  ViewableMembersResponse,
} from '@openpbm/shared/benefits';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/privacy/audit';
import { createMemberWorld, insertClaim, type MemberWorld } from './member-world';

let w: MemberWorld;
const claimIds: Record<string, string> = {};

beforeAll(async () => {
  w = await createMemberWorld();
  const f = w.f;
  const family = { subscriberId: f.members.subscriber.id };
  const ator = { ndc: f.drugs.atorvastatin, drugGroupId: f.groups.atorvastatin };
  claimIds.first = await insertClaim(w, {
    ...family,
    ...ator,
    memberId: f.members.subscriber.id,
    dateOfService: '2026-01-15',
    amounts: {
      ingredientCostCents: 240,
      dispensingFeeCents: 150,
      patientPayCents: 390,
      planPayCents: 0,
      appliedToDeductibleCents: 0,
      appliedToOopCents: 390,
    },
  });
  claimIds.brand = await insertClaim(w, {
    ...family,
    memberId: f.members.subscriber.id,
    ndc: f.drugs.sumatriptan,
    drugGroupId: f.groups.sumatriptan,
    tier: 2,
    quantityMilli: 9_000,
    dateOfService: '2026-02-20',
    amounts: {
      ingredientCostCents: 1_710,
      dispensingFeeCents: 150,
      patientPayCents: 1_860,
      planPayCents: 0,
      appliedToDeductibleCents: 1_860,
      appliedToOopCents: 1_860,
    },
  });
  claimIds.reversed = await insertClaim(w, {
    ...family,
    ...ator,
    memberId: f.members.subscriber.id,
    dateOfService: '2026-03-01',
    status: 'reversed',
    amounts: {
      ingredientCostCents: 240,
      dispensingFeeCents: 150,
      patientPayCents: 390,
      planPayCents: 0,
      appliedToDeductibleCents: 0,
      appliedToOopCents: 390,
    },
  });
  claimIds.rejected = await insertClaim(w, {
    ...family,
    ndc: f.drugs.eliquis,
    drugGroupId: f.groups.eliquis,
    memberId: f.members.subscriber.id,
    dateOfService: '2026-03-02',
    status: 'rejected',
    amounts: NO_CLAIM_AMOUNTS,
  });
  // The child's early refill: 79 with the ER response the engine stores ("REFILL ON/AFTER CCYYMMDD").
  claimIds.childTooSoon = await insertClaim(w, {
    ...family,
    ...ator,
    memberId: w.child.id,
    dateOfService: '2026-02-20',
    status: 'rejected',
    rejectCodes: ['79'],
    durResponse: [
      {
        reasonForServiceCode: 'ER',
        clinicalSignificanceCode: '',
        otherPharmacyIndicator: '0',
        freeText: 'REFILL ON/AFTER 20260225',
        disposition: 'reject',
      },
    ],
    amounts: NO_CLAIM_AMOUNTS,
  });
  // Rejected before the plan year's row existed: placed by its date.
  claimIds.paRequired = await insertClaim(w, {
    ...family,
    ndc: f.drugs.eliquis,
    drugGroupId: f.groups.eliquis,
    memberId: f.members.subscriber.id,
    dateOfService: '2026-01-05',
    status: 'rejected',
    rejectCodes: ['75'],
    withoutPlanYear: true,
    amounts: NO_CLAIM_AMOUNTS,
  });
  claimIds.captured = await insertClaim(w, {
    ...family,
    ...ator,
    memberId: f.members.subscriber.id,
    dateOfService: '2026-03-05',
    status: 'captured',
    amounts: NO_CLAIM_AMOUNTS,
  });
  claimIds.child = await insertClaim(w, {
    ...family,
    ...ator,
    memberId: w.child.id,
    dateOfService: '2026-02-02',
    amounts: {
      ingredientCostCents: 14_850,
      dispensingFeeCents: 150,
      patientPayCents: 1_000,
      planPayCents: 14_000,
      appliedToDeductibleCents: 0,
      appliedToOopCents: 1_000,
    },
  });
  claimIds.spouse = await insertClaim(w, {
    ...family,
    ...ator,
    memberId: w.f.members.spouse.id,
    dateOfService: '2026-02-03',
    amounts: {
      ingredientCostCents: 240,
      dispensingFeeCents: 150,
      patientPayCents: 390,
      planPayCents: 0,
      appliedToDeductibleCents: 0,
      appliedToOopCents: 390,
    },
  });
});
afterAll(() => w?.t.close());

async function get(url: string, user: keyof MemberWorld['users'] = 'subscriber') {
  return w.t.app.inject({ method: 'GET', url, headers: await w.headersFor(user) });
}

const claimsUrl = (memberId: string) => `/api/benefits/members/${memberId}/claims`;

describe('whose benefits a member may see', () => {
  it('the subscriber sees themself and the child under 18, not the spouse or the adult child', async () => {
    const body = (await get('/api/benefits/members')).json() as ViewableMembersResponse;
    expect(body.members.map((m) => [m.memberId, m.relationship])).toEqual([
      [w.f.members.subscriber.id, 'self'],
      [w.child.id, 'dependent'],
    ]);
    expect(body.notice).toMatch(/18 or older/);
  });

  it('the spouse also sees the child; the children see only themselves', async () => {
    const spouse = (await get('/api/benefits/members', 'spouse')).json() as ViewableMembersResponse;
    expect(spouse.members.map((m) => m.memberId)).toEqual([w.f.members.spouse.id, w.child.id]);
    for (const user of ['child', 'adultChild'] as const) {
      const body = (await get('/api/benefits/members', user)).json() as ViewableMembersResponse;
      expect(body.members.map((m) => m.relationship)).toEqual(['self']);
    }
  });

  it("member A cannot read member B's claims, receipts, price check or formulary (404, like an unknown id)", async () => {
    const single = w.f.members.single.id;
    const spouse = w.f.members.spouse.id;
    for (const url of [
      claimsUrl(single),
      claimsUrl(spouse),
      claimsUrl(w.adultChild.id),
      claimsUrl('00000000-0000-7000-8000-000000000000'),
      `${claimsUrl(spouse)}/${claimIds.spouse}`,
      // Own member id, someone else's claim.
      `${claimsUrl(w.f.members.subscriber.id)}/${claimIds.spouse}`,
    ]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(JSON.stringify(res.json())).not.toContain('Alex');
    }
    const headers = await w.headersFor('single');
    const price = await w.t.app.inject({
      method: 'POST',
      url: '/api/benefits/price-check',
      headers,
      payload: {
        memberId: w.f.members.subscriber.id,
        drugGroupId: w.f.groups.atorvastatin,
        quantity: 30,
        daysSupply: 30,
      },
    });
    expect(price.statusCode).toBe(404);
    const search = await w.t.app.inject({
      method: 'POST',
      url: '/api/benefits/formulary/search',
      headers,
      payload: { memberId: w.f.members.subscriber.id, query: 'atorvastatin' },
    });
    expect(search.statusCode).toBe(404);
    // The child cannot read a parent's claims either.
    expect((await get(claimsUrl(w.f.members.subscriber.id), 'child')).statusCode).toBe(404);
  });

  it('an adult child who shares access (proxy grant) becomes visible, and the reads say so in the audit log', async () => {
    expect((await get(claimsUrl(w.adultChild.id))).statusCode).toBe(404);
    const [grant] = await w.t.db.db
      .insert(schema.proxyGrants)
      .values({
        grantorMemberId: w.adultChild.id,
        granteeMemberId: w.f.members.subscriber.id,
        access: 'view',
      })
      .returning();
    try {
      const members = (await get('/api/benefits/members')).json() as ViewableMembersResponse;
      expect(members.members.find((m) => m.memberId === w.adultChild.id)?.relationship).toBe('proxy');
      expect((await get(claimsUrl(w.adultChild.id))).statusCode).toBe(200);
      const [row] = await w.t.db.db
        .select()
        .from(schema.auditEvents)
        .where(
          and(
            eq(schema.auditEvents.memberId, w.adultChild.id),
            eq(schema.auditEvents.resourceType, 'claims_history'),
          ),
        );
      expect(row).toMatchObject({ actorUserId: w.users.subscriber, reason: 'member_request_by_proxy' });
    } finally {
      if (grant) {
        await w.t.db.db
          .update(schema.proxyGrants)
          .set({ revokedAt: new Date() })
          .where(eq(schema.proxyGrants.id, grant.id));
      }
    }
    // Revoked: back to 404.
    expect((await get(claimsUrl(w.adultChild.id))).statusCode).toBe(404);
  });

  it('answers 401 signed out and 400 for a malformed id', async () => {
    const signedOut = await w.t.app.inject({ method: 'GET', url: claimsUrl(w.f.members.subscriber.id) });
    expect(signedOut.statusCode).toBe(401);
    const bad = await get(claimsUrl('not-a-uuid'));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([expect.objectContaining({ field: 'params.memberId' })]);
  });
});

describe('claims history', () => {
  it('lists every claim of the plan year, newest first, with totals of the paid ones and progress', async () => {
    const res = await get(claimsUrl(w.f.members.subscriber.id));
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json() as ClaimsHistoryResponse;
    expect(body.planName).toBe('Fixture Gold Rx');
    expect(body.planYear).toEqual({ year: 2026, startDate: '2026-01-01', endDate: '2026-12-31' });
    expect(body.planYears).toEqual([2026]);
    expect(body.claims.map((c) => [c.claimId, c.status])).toEqual([
      [claimIds.captured, 'captured'],
      [claimIds.rejected, 'rejected'],
      [claimIds.reversed, 'reversed'],
      [claimIds.brand, 'paid'],
      [claimIds.first, 'paid'],
      [claimIds.paRequired, 'rejected'],
    ]);
    const byId = (id: string | undefined) => body.claims.find((c) => c.claimId === id);
    expect(byId(claimIds.brand)).toMatchObject({
      drugName: 'Sumatriptan 50 mg tablet',
      pharmacyName: 'Fixture Drug #1',
      dateOfService: '2026-02-20',
      quantity: 9,
      totalCents: 1_860,
      planPaidCents: 0,
      youPaidCents: 1_860,
      appliedToDeductibleCents: 1_860,
      appliedToOopCents: 1_860,
      rejectReasons: [],
      hasReceipt: true,
    });
    // A rejected claim: its reason in plain words, what to do next, and no amounts that could mislead.
    expect(byId(claimIds.rejected)).toMatchObject({
      drugName: expect.stringMatching(/Eliquis|apixaban/i),
      statusNote: expect.stringContaining('did not pay'),
      totalCents: null,
      planPaidCents: null,
      youPaidCents: null,
      appliedToDeductibleCents: null,
      appliedToOopCents: null,
      hasReceipt: false,
      rejectReasons: [expect.objectContaining({ code: '70', title: 'Your plan does not cover this drug' })],
    });
    expect(byId(claimIds.paRequired)?.rejectReasons).toEqual([
      {
        code: '75',
        title: 'Your plan needs your doctor to request approval first (prior authorization)',
        explanation: expect.any(String),
        nextStep: expect.stringContaining('prior authorization'),
        action: { label: 'Start or check a prior authorization', href: '/members/prior-auth' },
      },
    ]);
    // Reversed: nothing owed, nothing counted; captured: accepted, amounts pending.
    expect(byId(claimIds.reversed)).toMatchObject({
      youPaidCents: 0,
      planPaidCents: 0,
      appliedToOopCents: 0,
      statusNote: expect.stringContaining('returned to stock or canceled'),
    });
    expect(byId(claimIds.captured)).toMatchObject({
      youPaidCents: null,
      hasReceipt: false,
      rejectReasons: [],
    });
    // Reversed claims are listed but do not count.
    expect(body.totals).toEqual({ planPaidCents: 0, youPaidCents: 2_250, claimCount: 2 });
    // Family coverage: the subscriber's own $22.50 toward OOP; the family's includes the spouse and child.
    expect(body.paidSoFar).toMatchObject({
      coverageLevel: 'family',
      deductible: { individual: { paidCents: 1_860, limitCents: 50_000 }, family: { paidCents: 1_860 } },
      outOfPocket: { individual: { paidCents: 2_250 }, family: { paidCents: 3_640 } },
      deductibleRemainingCents: 48_140,
    });
  });

  it("shows a dependent child's claims to the parent, a rejected refill with the date it can be filled", async () => {
    for (const parent of ['subscriber', 'spouse'] as const) {
      const body = (await get(claimsUrl(w.child.id), parent)).json() as ClaimsHistoryResponse;
      expect(body.memberName).toMatch(/^Robin /);
      expect(body.claims.map((c) => c.claimId)).toEqual([claimIds.childTooSoon, claimIds.child]);
      expect(body.claims[0]?.rejectReasons).toEqual([
        expect.objectContaining({
          code: '79',
          title: 'It is too soon to refill',
          nextStep: expect.stringContaining('on or after February 25, 2026'),
        }),
      ]);
    }
    // The child's rejected claim is nobody else's business.
    expect((await get(claimsUrl(w.child.id), 'single')).statusCode).toBe(404);
    expect((await get(claimsUrl(w.child.id), 'adultChild')).statusCode).toBe(404);
    const body = (await get(claimsUrl(w.child.id))).json() as ClaimsHistoryResponse;
    expect(body.totals).toEqual({ planPaidCents: 14_000, youPaidCents: 1_000, claimCount: 1 });
  });

  it('answers 404 for a plan year without claims and 400 for a nonsense year', async () => {
    expect((await get(`${claimsUrl(w.f.members.subscriber.id)}?planYear=2024`)).statusCode).toBe(404);
    expect((await get(`${claimsUrl(w.f.members.subscriber.id)}?planYear=abc`)).statusCode).toBe(400);
    expect((await get(`${claimsUrl(w.f.members.subscriber.id)}?planYear=2026`)).statusCode).toBe(200);
  });

  it('gives a receipt with pharmacy, plan routing and the cost split', async () => {
    const res = await get(`${claimsUrl(w.f.members.subscriber.id)}/${claimIds.brand}`);
    expect(res.statusCode).toBe(200);
    const body = res.json() as ClaimReceiptResponse;
    expect(body.claim).toMatchObject({
      claimId: claimIds.brand,
      tier: 2,
      channel: 'retail_30',
      ingredientCostCents: 1_710,
      dispensingFeeCents: 150,
      youPaidCents: 1_860,
      pharmacy: { name: 'Fixture Drug #1', city: 'Springfield', npi: w.f.pharmacies.retail.npi },
    });
    expect(body.plan).toMatchObject({
      name: 'Fixture Gold Rx',
      bin: '610999',
      pcn: 'OPBTEST',
      rxGroup: 'GOLD01',
    });
    expect(body.issuedOn).toBe('2026-03-10');
    expect(body.paidSoFar?.outOfPocket.individual.paidCents).toBe(2_250);
    // A reversed claim's receipt owes nothing.
    const reversed = (await get(`${claimsUrl(w.f.members.subscriber.id)}/${claimIds.reversed}`)).json();
    expect(reversed.claim).toMatchObject({ status: 'reversed', youPaidCents: 0, planPaidCents: 0 });
    // A rejected claim has no receipt.
    expect((await get(`${claimsUrl(w.f.members.subscriber.id)}/${claimIds.rejected}`)).statusCode).toBe(404);
  });

  it('records every read of claims in the hash-chained audit log', async () => {
    await get(claimsUrl(w.child.id));
    await get(`${claimsUrl(w.f.members.subscriber.id)}/${claimIds.first}`);
    const rows = await w.t.db.db
      .select()
      .from(schema.auditEvents)
      .where(
        and(eq(schema.auditEvents.actorUserId, w.users.subscriber), eq(schema.auditEvents.action, 'viewed')),
      );
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          resourceType: 'claims_history',
          memberId: w.child.id,
          reason: 'member_request_for_dependent',
        }),
        expect.objectContaining({
          resourceType: 'claim',
          resourceId: claimIds.first,
          memberId: w.f.members.subscriber.id,
        }),
      ]),
    );
    expect(await verifyAuditChain(w.t.db.db)).toBeNull();
  });
});

describe('signed out', () => {
  it('every benefits route answers 401 before it looks at the input', async () => {
    for (const [method, url] of [
      ['GET', '/api/benefits/members'],
      ['GET', '/api/benefits/members/not-a-uuid/claims'],
      ['GET', '/api/benefits/members/not-a-uuid/claims/also-not'],
      ['POST', '/api/benefits/formulary/search'],
      ['POST', '/api/benefits/price-check'],
    ] as const) {
      const res = await w.t.app.inject({ method, url, payload: method === 'POST' ? {} : undefined });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
    }
  });
});
