// Approved formulary exceptions change adjudication, end to end through HTTP: the prescriber asks, a clinical
// reviewer approves, and POST /api/claims then pays a non-formulary drug (at the non-preferred brand tier) or
// charges a tier exception's lower copay, only inside the approved dates. An approved appeal of a denied
// exception works the same way, and the member's price check agrees with the claim.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FixtureMember } from '../fixtures/benefits';
import {
  type ClaimOutcome,
  createPaWorld,
  handleFor,
  type PaWorld,
  submitClaim,
  type UserKey,
  WORLD_NOW,
} from './pa-world';

let w: PaWorld;
beforeAll(async () => {
  w = await createPaWorld();
});
afterAll(async () => w?.t.close());

const answers = { diagnosisCodes: ['I48.91'], attestations: { medical_necessity: true } };
/** A B1 on `dateOfService`, with the app's clock on that day too (a claim may not be dated in the future). */
async function claim(member: FixtureMember, ndc: string, dateOfService: string, quantity: number) {
  w.t.setNow(new Date(`${dateOfService}T15:00:00Z`));
  try {
    return await submitClaim(w, { member, ndc, dateOfService, quantity, daysSupply: 30 });
  } finally {
    w.t.setNow(WORLD_NOW);
  }
}

const codes = (c: ClaimOutcome) => c.rejectCodes.map((r) => r.code);

async function askException(member: FixtureMember, drugGroupId: string, extra: Record<string, unknown> = {}) {
  const res = await w.call('prescriber', 'POST', '/api/prior-auth/prescriber/cases', {
    type: 'formulary_exception',
    patientHandle: handleFor(w, member),
    drugGroupId,
    quantityMilli: 60_000,
    daysSupply: 30,
    answers,
    ...extra,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  expect(res.body.status).not.toBe('approved'); // exceptions always go to a clinician
  return res.body.id as string;
}

async function approve(
  id: string,
  from: string,
  to: string,
  quantityMilli: number,
  reviewer: UserKey = 'reviewer',
) {
  const res = await w.call(reviewer, 'POST', `/api/prior-auth/review/cases/${id}/approve`, {
    effectiveFrom: from,
    effectiveTo: to,
    quantityMilliPerFill: quantityMilli,
    daysSupplyPerFill: 30,
    reason: 'Approved: the formulary alternatives were not tolerated.',
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

describe('formulary exceptions in adjudication', () => {
  it('a non-formulary drug rejects 70 before, pays at tier 3 inside the exception, and 70 again after it', async () => {
    const member = w.f.members.subscriber;
    expect(codes(await claim(member, w.f.drugs.eliquis, '2026-03-09', 60))).toContain('70');

    const id = await askException(member, w.f.groups.eliquis);
    await approve(id, '2026-03-10', '2026-05-31', 60_000);

    const paid = await claim(member, w.f.drugs.eliquis, '2026-03-10', 60);
    expect(paid, JSON.stringify(paid)).toMatchObject({ status: 'paid', tier: 3, priorAuthorizationId: id });
    // Over the approved quantity the exception does not apply.
    expect(codes(await claim(member, w.f.drugs.eliquis, '2026-04-20', 90))).toContain('70');
    // Expired: the day after the approved period.
    expect(codes(await claim(member, w.f.drugs.eliquis, '2026-06-01', 60))).toContain('70');
  });

  it('the member’s price check covers the drug while the exception is in force', async () => {
    const res = await w.call('subscriber', 'POST', '/api/benefits/price-check', {
      memberId: w.f.members.subscriber.id,
      drugGroupId: w.f.groups.eliquis,
      quantity: 60,
      daysSupply: 30,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const retail = res.body.quotes.find((q: { channel: string }) => q.channel === 'retail_30');
    expect(retail).toMatchObject({ available: true, rejectCodes: [] });
    expect(retail.messages).toContain('Formulary exception on file through 2026-05-31.');
  });

  it('a tier exception makes the member pay the lower tier’s copay', async () => {
    const member = w.f.members.single;
    // Tier 2 applies the deductible first: the member pays the whole price.
    const before = await claim(member, w.f.drugs.sumatriptan, '2026-02-01', 9);
    expect(before).toMatchObject({ status: 'paid', tier: 2 });
    expect(before.pricing?.appliedToDeductibleCents).toBeGreaterThan(1_000);

    const id = await askException(member, w.f.groups.sumatriptan, { quantityMilli: 9_000, requestedTier: 1 });
    await approve(id, '2026-03-10', '2026-09-30', 9_000);

    const after = await claim(member, w.f.drugs.sumatriptan, '2026-03-10', 9);
    expect(after, JSON.stringify(after)).toMatchObject({
      status: 'paid',
      tier: 1,
      priorAuthorizationId: id,
      pricing: { patientPayCents: 1_000, copayCents: 1_000, appliedToDeductibleCents: 0 },
    });
  });

  it('an approved appeal of a denied exception covers the excluded drug', async () => {
    const member = w.f.members.spouse;
    expect(codes(await claim(member, w.f.drugs.nexium, '2026-03-09', 30))).toContain('70');
    const id = await askException(member, w.f.groups.nexium, { quantityMilli: 30_000 });
    const denied = await w.call('reviewer', 'POST', `/api/prior-auth/review/cases/${id}/deny`, {
      reason: 'Omeprazole was not tried first.',
      criteriaNotMet: ['exception:alternatives'],
    });
    expect(denied.status, JSON.stringify(denied.body)).toBe(200);
    const appeal = await w.call('prescriber', 'POST', `/api/prior-auth/prescriber/cases/${id}/appeal`, {
      note: 'Omeprazole failed after eight weeks; chart notes attached.',
    });
    expect(appeal.status, JSON.stringify(appeal.body)).toBe(201);
    expect(codes(await claim(member, w.f.drugs.nexium, '2026-03-10', 30))).toContain('70');
    await approve(appeal.body.id, '2026-03-11', '2026-09-30', 30_000, 'reviewer2');
    const paid = await claim(member, w.f.drugs.nexium, '2026-03-11', 30);
    expect(paid, JSON.stringify(paid)).toMatchObject({ status: 'paid', tier: 3 });
  });
});
