// Drug coverage search and price check through HTTP on the shared benefits fixture (plan year 2026, today
// 2026-03-10 in Chicago). Amounts are worked out by hand from the fixture's NADAC/MAC prices and network terms.
import { schema } from '@openpbm/db';
import { adjudicate } from '@openpbm/domain';
import type { FormularySearchResponse, PriceCheckResponse } from '@openpbm/shared/benefits';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMemberBenefitContext } from '../../src/benefits/member-benefit-context';
import { estimatedSubmission } from '../../src/benefits/quote';
import { approvePriorAuth } from '../fixtures/benefits';
import { createTestUser, signInAs } from '../sign-in';
import { createMemberWorld, insertClaim, type MemberWorld, quoteFor } from './member-world';

let w: MemberWorld;
beforeAll(async () => {
  w = await createMemberWorld();
});
afterAll(() => w?.t.close());

async function search(query: string, user: keyof MemberWorld['users'] = 'subscriber', memberId?: string) {
  return w.t.app.inject({
    method: 'POST',
    url: '/api/benefits/formulary/search',
    headers: await w.headersFor(user),
    payload: { query, ...(memberId ? { memberId } : {}) },
  });
}

async function priceCheck(body: Record<string, unknown>, user: keyof MemberWorld['users'] = 'subscriber') {
  return w.t.app.inject({
    method: 'POST',
    url: '/api/benefits/price-check',
    headers: await w.headersFor(user),
    payload: body,
  });
}

describe('drug coverage search', () => {
  it("finds a drug by generic or brand name on the member's own plan formulary", async () => {
    for (const query of ['atorva', 'LIPITOR']) {
      const res = await search(query);
      expect(res.statusCode).toBe(200);
      const body = res.json() as FormularySearchResponse;
      expect(body.planName).toBe('Fixture Gold Rx');
      expect(body.formularyName).toBe('Fixture formulary');
      expect(body.results).toHaveLength(1);
      expect(body.results[0]).toMatchObject({
        drugGroupId: w.f.groups.atorvastatin,
        name: 'atorvastatin 20 mg oral tablet',
        status: 'covered',
        tier: 1,
        requiresPriorAuth: false,
        requiresStepTherapy: false,
        quantityLimit: null,
        brandNames: ['Lipitor'],
        genericAvailable: true,
      });
      expect(body.results[0]?.products.map((p) => [p.ndc, p.isGeneric])).toEqual([
        [w.f.drugs.lipitor, false],
        [w.f.drugs.atorvastatin, true],
      ]);
    }
  });

  it('shows PA, quantity limits, exclusions with preferred alternatives, and drugs not on the formulary', async () => {
    const humira = (await search('humira')).json() as FormularySearchResponse;
    expect(humira.results[0]).toMatchObject({
      tier: 4,
      requiresPriorAuth: true,
      specialty: true,
      status: 'covered',
    });

    const suma = (await search('sumatriptan')).json() as FormularySearchResponse;
    expect(suma.results[0]).toMatchObject({
      tier: 2,
      quantityLimit: { quantity: 9, unit: 'units', days: 30 },
    });

    const nexium = (await search('nexium')).json() as FormularySearchResponse;
    expect(nexium.results[0]).toMatchObject({
      name: 'esomeprazole 40 mg oral capsule',
      status: 'excluded',
      tier: null,
      preferredAlternatives: [
        { drugGroupId: w.f.groups.omeprazole, name: 'omeprazole 20 mg oral capsule', tier: 1 },
      ],
    });

    const eliquis = (await search('eliquis')).json() as FormularySearchResponse;
    expect(eliquis.results[0]).toMatchObject({ status: 'not_on_formulary', tier: null });
  });

  it('takes % and _ literally and answers an empty list', async () => {
    const res = await search('%_%');
    expect(res.statusCode).toBe(200);
    expect((res.json() as FormularySearchResponse).results).toEqual([]);
  });

  it('refuses a too-short query with a field error, signed-out users (401) and other roles (403)', async () => {
    const short = await search(' a ');
    expect(short.statusCode).toBe(400);
    expect(short.json().errors).toEqual([expect.objectContaining({ field: 'query' })]);

    const signedOut = await w.t.app.inject({
      method: 'POST',
      url: '/api/benefits/formulary/search',
      payload: { query: 'atorvastatin' },
    });
    expect(signedOut.statusCode).toBe(401);

    const staff = await signInAs(w.t, await createTestUser(w.t, 'customer_service'));
    const forbidden = await w.t.app.inject({
      method: 'POST',
      url: '/api/benefits/formulary/search',
      headers: staff.headers,
      payload: { query: 'atorvastatin' },
    });
    expect(forbidden.statusCode).toBe(403);
  });

  it('answers 404 for a member with no coverage today', async () => {
    const termedUser = await createTestUser(w.t, 'member', { memberId: w.f.members.termed.id });
    const res = await w.t.app.inject({
      method: 'POST',
      url: '/api/benefits/formulary/search',
      headers: (await signInAs(w.t, termedUser)).headers,
      payload: { query: 'atorvastatin' },
    });
    expect(res.statusCode).toBe(404);
  });
});

describe('price check', () => {
  it('prices a generic at retail 30, retail 90 and home delivery; the member never pays more than the price', async () => {
    const res = await priceCheck({ drugGroupId: w.f.groups.atorvastatin, quantity: 30, daysSupply: 30 });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json() as PriceCheckResponse;
    expect(body.drug).toMatchObject({
      ndc: w.f.drugs.atorvastatin,
      isGeneric: true,
      tier: 1,
      status: 'covered',
    });
    expect(body.quotes.map((q) => q.channel)).toEqual(['retail_30', 'retail_90', 'home_delivery_90']);
    // MAC $0.08 × 30 = $2.40 (below NADAC − 5% = $2.85) + $1.50 fee = $3.90: under the $10 copay, so $3.90.
    expect(quoteFor(body, 'retail_30')).toMatchObject({
      available: true,
      quantity: 30,
      daysSupply: 30,
      totalPriceCents: 390,
      memberPayCents: 390,
      planPayCents: 0,
    });
    // 90 tablets: MAC $7.20 + $1.00 fee at retail; no fee by mail.
    expect(quoteFor(body, 'retail_90')).toMatchObject({
      quantity: 90,
      totalPriceCents: 820,
      memberPayCents: 820,
    });
    expect(quoteFor(body, 'home_delivery_90')).toMatchObject({
      quantity: 90,
      totalPriceCents: 720,
      memberPayCents: 720,
    });
    expect(quoteFor(body, 'retail_30').explanation.map((line) => line.kind)).toContain('lesser_of_price');
    expect(body.alternatives).toEqual([]);
    expect(body.paidSoFar).toMatchObject({
      coverageLevel: 'family',
      planYear: { startDate: '2026-01-01', endDate: '2026-12-31' },
      deductible: {
        individual: { paidCents: 0, limitCents: 50_000 },
        family: { paidCents: 0, limitCents: 100_000 },
      },
      deductibleRemainingCents: 50_000,
      outOfPocketRemainingCents: 300_000,
    });
  });

  it('prices a brand and offers its generic equivalent with the member cost', async () => {
    const body = (
      await priceCheck({
        drugGroupId: w.f.groups.atorvastatin,
        ndc: w.f.drugs.lipitor,
        quantity: 30,
        daysSupply: 30,
      })
    ).json() as PriceCheckResponse;
    expect(body.drug).toMatchObject({ ndc: w.f.drugs.lipitor, isGeneric: false, tier: 1 });
    // NADAC $5.00 × 30 = $150.00 − 1% = $148.50 + $1.50 = $150.00; tier 1 copay $10.
    expect(quoteFor(body, 'retail_30')).toMatchObject({
      totalPriceCents: 15_000,
      memberPayCents: 1_000,
      planPayCents: 14_000,
    });
    expect(body.alternatives).toEqual([
      expect.objectContaining({
        kind: 'generic_equivalent',
        drug: expect.objectContaining({ ndc: w.f.drugs.atorvastatin, isGeneric: true }),
        quote: expect.objectContaining({ channel: 'retail_30', memberPayCents: 390 }),
      }),
    ]);
  });

  it('scales the daily quantity to each channel and applies the quantity limit (76) per channel', async () => {
    const within = (
      await priceCheck({ drugGroupId: w.f.groups.sumatriptan, quantity: 9, daysSupply: 30 })
    ).json() as PriceCheckResponse;
    // Tier 2, deductible first: $2.00 × 9 − 5% = $17.10 + $1.50 = $18.60, all toward the deductible.
    expect(quoteFor(within, 'retail_30')).toMatchObject({
      available: true,
      memberPayCents: 1_860,
      appliedToDeductibleCents: 1_860,
      appliedToOopCents: 1_860,
    });
    expect(quoteFor(within, 'retail_90')).toMatchObject({ available: true, quantity: 27, daysSupply: 90 });

    const over = (
      await priceCheck({ drugGroupId: w.f.groups.sumatriptan, quantity: 12, daysSupply: 30 })
    ).json() as PriceCheckResponse;
    expect(quoteFor(over, 'retail_30')).toMatchObject({
      available: false,
      rejectCodes: ['76'],
      memberPayCents: null,
    });
    expect(quoteFor(over, 'retail_30').messages[0]).toMatch(/limit/);
    expect(quoteFor(over, 'home_delivery_90')).toMatchObject({ available: false, quantity: 36 });
  });

  it('an excluded drug has no quote but its preferred alternative is priced', async () => {
    const body = (
      await priceCheck({ drugGroupId: w.f.groups.nexium, quantity: 30, daysSupply: 30 })
    ).json() as PriceCheckResponse;
    expect(body.drug.status).toBe('excluded');
    for (const quote of body.quotes) {
      expect(quote).toMatchObject({ available: false, rejectCodes: ['70'] });
      expect(quote.messages[0]).toMatch(/excludes this drug.*omeprazole/);
    }
    expect(body.alternatives).toEqual([
      expect.objectContaining({
        kind: 'preferred_alternative',
        drug: expect.objectContaining({ drugGroupId: w.f.groups.omeprazole, tier: 1 }),
        // $0.15 × 30 − 5% = $4.28 (4.275 rounds up) + $1.50 = $5.78, below the $10 copay.
        quote: expect.objectContaining({ available: true, memberPayCents: 578 }),
      }),
    ]);
  });

  it('says when prior authorization is needed, adds the specialty channel, and notices an approval on file', async () => {
    const request = { drugGroupId: w.f.groups.adalimumab, quantity: 0.8, daysSupply: 28 };
    const before = (await priceCheck(request, 'single')).json() as PriceCheckResponse;
    expect(before.quotes.map((q) => q.channel)).toContain('specialty');
    const specialty = quoteFor(before, 'specialty');
    expect(specialty).toMatchObject({ available: true, rejectCodes: ['75'] });
    // $3,000/mL × 0.8 mL − 1% = $2,376.00; deductible $500 then 20% of $1,876 = $375.20, capped at $250.
    expect(specialty).toMatchObject({
      totalPriceCents: 237_600,
      memberPayCents: 75_000,
      appliedToDeductibleCents: 50_000,
    });
    expect(quoteFor(before, 'home_delivery_90')).toMatchObject({ available: false, rejectCodes: ['70'] });

    await approvePriorAuth(w.t.db.db, w.f, {
      memberId: w.f.members.single.id,
      drugGroupId: w.f.groups.adalimumab,
      from: '2026-01-01',
      to: '2026-12-31',
    });
    const after = (await priceCheck(request, 'single')).json() as PriceCheckResponse;
    expect(quoteFor(after, 'specialty').rejectCodes).toEqual([]);
    expect(quoteFor(after, 'specialty').messages).toContain(
      'Prior authorization on file through 2026-12-31.',
    );
  });

  it("uses the member's real accumulators, family included, and quotes what adjudication would pay", async () => {
    const f = w.f;
    const paid = { ingredientCostCents: 30_000, dispensingFeeCents: 0, planPayCents: 0 };
    await insertClaim(w, {
      memberId: f.members.subscriber.id,
      subscriberId: f.members.subscriber.id,
      ndc: f.drugs.sumatriptan,
      drugGroupId: f.groups.sumatriptan,
      dateOfService: '2026-02-01',
      amounts: {
        ...paid,
        patientPayCents: 30_000,
        appliedToDeductibleCents: 30_000,
        appliedToOopCents: 30_000,
      },
    });
    await insertClaim(w, {
      memberId: f.members.spouse.id,
      subscriberId: f.members.subscriber.id,
      ndc: f.drugs.sumatriptan,
      drugGroupId: f.groups.sumatriptan,
      dateOfService: '2026-02-03',
      amounts: {
        ...paid,
        patientPayCents: 49_900,
        appliedToDeductibleCents: 49_900,
        appliedToOopCents: 49_900,
      },
    });
    const body = (
      await priceCheck({ drugGroupId: f.groups.sumatriptan, quantity: 9, daysSupply: 30 })
    ).json() as PriceCheckResponse;
    // Individual $300 of $500 met, family $799 of $1,000: $200 left for the subscriber.
    expect(body.paidSoFar).toMatchObject({
      deductible: { individual: { paidCents: 30_000 }, family: { paidCents: 79_900 } },
      deductibleRemainingCents: 20_000,
    });
    // $18.60 all to the deductible still ($200 left).
    const quote = quoteFor(body, 'retail_30');
    expect(quote).toMatchObject({ memberPayCents: 1_860, appliedToDeductibleCents: 1_860 });

    // The same fill adjudicated as a claim from the same context pays exactly the quote.
    const context = await loadMemberBenefitContext(w.t.db.db, {
      memberId: f.members.subscriber.id,
      at: w.t.deps.now(),
      drugs: [{ drugGroupId: f.groups.sumatriptan }],
    });
    const coverage = context?.drugs[0];
    if (!context?.plan || !context.network || !coverage?.drug) throw new Error('no context');
    const claim = adjudicate({
      claim: {
        dateOfService: context.dateOfService,
        ndc: coverage.drug.ndc,
        quantityMilli: 9_000,
        daysSupply: 30,
        channel: 'retail_30',
        pharmacyId: f.pharmacies.retail.id,
        submitted: { ...estimatedSubmission(coverage.drug, 9_000), dispensingFeeCents: 200 },
      },
      member: {
        coverageSpans: context.eligibility.coverageSpans,
        coverageLevel: context.eligibility.coverageLevel,
      },
      plan: context.plan.benefit,
      drug: coverage.drug,
      formularyEntry: coverage.formularyEntry,
      priorAuthorizations: [],
      medicationHistory: [],
      interactions: [],
      network: context.network,
      accumulators: context.accumulators.values,
    });
    expect(claim.outcome).toBe('paid');
    expect(claim.pricing?.totalPriceCents).toBe(quote.totalPriceCents);
    expect(claim.costShare?.patientPayCents).toBe(quote.memberPayCents);
    expect(claim.costShare?.planPayCents).toBe(quote.planPayCents);
  });

  it('records the read of accumulators in the audit log', async () => {
    await priceCheck({ drugGroupId: w.f.groups.atorvastatin, quantity: 30, daysSupply: 30 }, 'spouse');
    const rows = await w.t.db.db
      .select()
      .from(schema.auditEvents)
      .where(
        and(
          eq(schema.auditEvents.resourceType, 'price_check'),
          eq(schema.auditEvents.memberId, w.f.members.spouse.id),
        ),
      );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0]).toMatchObject({
      actorUserId: w.users.spouse,
      actorRole: 'member',
      action: 'viewed',
      reason: 'member_request',
    });
  });

  it('validates the request with field errors', async () => {
    const res = await priceCheck({ drugGroupId: w.f.groups.atorvastatin, quantity: 0, daysSupply: 400 });
    expect(res.statusCode).toBe(400);
    const fields = (res.json().errors as Array<{ field: string }>).map((e) => e.field).sort();
    expect(fields).toEqual(['daysSupply', 'quantity']);
    const wrongPackage = await priceCheck({
      drugGroupId: w.f.groups.atorvastatin,
      ndc: w.f.drugs.nexium,
      quantity: 30,
      daysSupply: 30,
    });
    expect(wrongPackage.statusCode).toBe(400);
    expect(wrongPackage.json().errors).toEqual([expect.objectContaining({ field: 'ndc' })]);
  });
});
