import type { DatabaseHandle } from '@openpbm/db';
import { createTestDatabase } from '@openpbm/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMemberBenefitContext } from '../../src/benefits/member-benefit-context';
import { type BenefitsFixture, buildBenefitsFixture } from '../fixtures/benefits';

let handle: DatabaseHandle;
let f: BenefitsFixture;

beforeAll(async () => {
  handle = await createTestDatabase();
  f = await buildBenefitsFixture(handle.db);
});
afterAll(async () => handle?.close());

describe('loadMemberBenefitContext', () => {
  it('returns eligibility, plan design, plan year, accumulators and formulary entries', async () => {
    const ctx = await loadMemberBenefitContext(handle.db, {
      memberId: f.members.spouse.id,
      dateOfService: '2026-03-10',
      drugs: [
        { ndc: f.drugs.atorvastatin },
        { drugGroupId: f.groups.adalimumab },
        { ndc: f.drugs.nexium },
        { ndc: f.drugs.eliquis },
        { ndc: '00000000000' },
        { ndc: f.drugs.sumatriptan },
      ],
    });
    expect(ctx).not.toBeNull();
    if (!ctx) return;
    expect(ctx.member.subscriberId).toBe(f.members.subscriber.id);
    expect(ctx.eligibility.inForce?.planId).toBe(f.planId);
    expect(ctx.eligibility.coverageLevel).toBe('family');
    expect(ctx.plan?.benefit.deductible).toEqual({ individualCents: 50_000, familyCents: 100_000 });
    expect(ctx.plan?.benefit.costShare[1].retail_30).toEqual({
      kind: 'copay',
      copayCents: 1_000,
      deductibleApplies: false,
    });
    expect(ctx.planYear).toEqual({
      id: f.planYearId,
      year: 2026,
      startDate: '2026-01-01',
      endDate: '2026-12-31',
    });
    expect(ctx.accumulators.values).toEqual({
      individualDeductibleCents: 0,
      individualOopCents: 0,
      familyDeductibleCents: 0,
      familyOopCents: 0,
    });
    expect(ctx.network?.benchmark).toBe('nadac');
    const [ator, ada, nexium, eliquis, unknown, suma] = ctx.drugs;
    expect(ator?.drug).toMatchObject({
      ndc: f.drugs.atorvastatin,
      isGeneric: true,
      unitPriceMicrodollars: 100_000,
      macUnitPriceMicrodollars: 80_000,
    });
    expect(ator?.formularyEntry).toMatchObject({ tier: 1, status: 'covered', requiresPriorAuth: false });
    expect(ada?.product?.ndc).toBe(f.drugs.adalimumab);
    expect(ada?.formularyEntry).toMatchObject({ tier: 4, requiresPriorAuth: true });
    expect(nexium?.formularyEntry?.status).toBe('excluded');
    expect(nexium?.formularyEntry?.preferredAlternatives).toEqual([
      {
        name: 'omeprazole 20 mg oral capsule',
        drugGroupId: f.groups.omeprazole,
        tier: 1,
        ndc: f.drugs.omeprazole,
      },
    ]);
    expect(eliquis?.drug?.ndc).toBe(f.drugs.eliquis);
    expect(eliquis?.formularyEntry).toBeNull();
    expect(unknown?.drug).toBeNull();
    expect(unknown?.product).toBeNull();
    expect(suma?.formularyEntry?.quantityLimitMilli).toMatchObject({ retail_30: 9_000, retail_90: 27_000 });
  });

  it('uses the instant in the member time zone and reports no coverage after termination', async () => {
    const ctx = await loadMemberBenefitContext(handle.db, {
      memberId: f.members.termed.id,
      at: new Date('2026-02-01T03:00:00Z'), // still Jan 31 in Chicago
    });
    expect(ctx?.dateOfService).toBe('2026-01-31');
    expect(ctx?.eligibility.inForce).not.toBeNull();
    const later = await loadMemberBenefitContext(handle.db, {
      memberId: f.members.termed.id,
      dateOfService: '2026-02-01',
    });
    expect(later?.eligibility.inForce).toBeNull();
    expect(later?.plan).toBeNull();
  });

  it('returns null for an unknown member', async () => {
    expect(
      await loadMemberBenefitContext(handle.db, {
        memberId: '01900000-0000-7000-8000-000000000000',
        dateOfService: '2026-03-10',
      }),
    ).toBeNull();
  });
});
