// Test world for the member benefits pages: the shared benefits fixture, a family with a child under 18 and an
// adult child, member login accounts, and helpers to insert processed claims with their accumulators.
import { schema } from '@openpbm/db';
import { encryptField, FIELD_CONTEXTS } from '@openpbm/db/field-crypto';
import type { DurResponseEntry } from '@openpbm/db/schema/claims';
import type { PriceCheckResponse, PriceQuote } from '@openpbm/shared/benefits';
import { eq, sql } from 'drizzle-orm';
import { expect } from 'vitest';
import {
  addMember,
  type BenefitsFixture,
  buildBenefitsFixture,
  type FixtureMember,
} from '../fixtures/benefits';
import { createTestApp, type TestApp, type TestAppOptions } from '../harness';
import { createTestUser, signInAs } from '../sign-in';

/** 2026-03-10, 9:00 in Chicago (the fixture members' zone). */
export const WORLD_NOW = new Date('2026-03-10T15:00:00Z');

export interface MemberWorld {
  t: TestApp;
  f: BenefitsFixture;
  /** Family: subscriber + spouse (fixture), a 10-year-old and a 21-year-old child. */
  child: FixtureMember;
  adultChild: FixtureMember;
  users: Record<'subscriber' | 'spouse' | 'single' | 'child' | 'adultChild', string>;
  headersFor(user: keyof MemberWorld['users']): Promise<Record<string, string>>;
}

async function makeChild(t: TestApp, f: BenefitsFixture, personCode: string, dateOfBirth: string) {
  const child = await addMember(t.db.db, f, {
    coverageLevel: 'family',
    subscriberId: f.members.subscriber.id,
    personCode,
  });
  await t.db.db
    .update(schema.members)
    .set({
      relationshipCode: '3',
      firstName: personCode === '003' ? 'Robin' : 'Sam',
      dateOfBirthEnc: encryptField(f.fieldKey, dateOfBirth, FIELD_CONTEXTS.dateOfBirth),
    })
    .where(eq(schema.members.id, child.id));
  return { ...child, dateOfBirth };
}

export async function createMemberWorld(options: TestAppOptions = {}): Promise<MemberWorld> {
  const t = await createTestApp({ now: WORLD_NOW, ...options });
  const f = await buildBenefitsFixture(t.db.db);
  const child = await makeChild(t, f, '003', '2015-05-05');
  const adultChild = await makeChild(t, f, '004', '2004-03-11'); // 21 (22 tomorrow)
  const users = {
    subscriber: await createTestUser(t, 'member', { memberId: f.members.subscriber.id }),
    spouse: await createTestUser(t, 'member', { memberId: f.members.spouse.id }),
    single: await createTestUser(t, 'member', { memberId: f.members.single.id }),
    child: await createTestUser(t, 'member', { memberId: child.id }),
    adultChild: await createTestUser(t, 'member', { memberId: adultChild.id }),
  };
  const cache = new Map<string, Record<string, string>>();
  return {
    t,
    f,
    child,
    adultChild,
    users,
    async headersFor(user) {
      const cached = cache.get(user);
      if (cached) return cached;
      const { headers } = await signInAs(t, users[user]);
      cache.set(user, headers);
      return headers;
    },
  };
}

export interface ClaimAmounts {
  ingredientCostCents: number;
  dispensingFeeCents: number;
  patientPayCents: number;
  planPayCents: number;
  appliedToDeductibleCents: number;
  appliedToOopCents: number;
}

let rxCounter = 0;

/**
 * A processed B1 claim (paid, reversed, rejected with its codes, or captured) and, when paid, its effect on the
 * plan-year accumulators.
 */
export async function insertClaim(
  world: Pick<MemberWorld, 't' | 'f'>,
  options: {
    memberId: string;
    subscriberId: string;
    ndc: string;
    drugGroupId: string;
    dateOfService: string;
    amounts: ClaimAmounts;
    status?: 'paid' | 'reversed' | 'rejected' | 'captured';
    /** Rejected claims: the NCPDP codes (70 by default) and the DUR response stored with them. */
    rejectCodes?: string[];
    durResponse?: DurResponseEntry[];
    /** A claim rejected before the plan year's row existed has none. */
    withoutPlanYear?: boolean;
    quantityMilli?: number;
    daysSupply?: number;
    tier?: 1 | 2 | 3 | 4;
  },
): Promise<string> {
  const { t, f } = world;
  rxCounter += 1;
  const status = options.status ?? 'paid';
  const [row] = await t.db.db
    .insert(schema.claims)
    .values({
      transactionCode: 'B1',
      bin: f.routing.bin,
      pcn: f.routing.pcn,
      rxGroup: f.routing.group,
      serviceProviderId: f.pharmacies.retail.npi,
      pharmacyId: f.pharmacies.retail.id,
      memberId: options.memberId,
      clientId: f.clientId,
      planId: f.planId,
      planYearId: options.withoutPlanYear ? null : f.planYearId,
      prescriberId: f.prescriberId,
      rxNumber: `RX${String(rxCounter).padStart(7, '0')}`,
      fillNumber: 0,
      ndc: options.ndc,
      drugGroupId: options.drugGroupId,
      quantityMilli: options.quantityMilli ?? 30_000,
      daysSupply: options.daysSupply ?? 30,
      dateOfService: options.dateOfService,
      status,
      rejectCodes: status === 'rejected' ? (options.rejectCodes ?? ['70']) : [],
      durResponse: options.durResponse ?? null,
      tier: options.tier ?? 1,
      channel: 'retail_30',
      ...(status === 'rejected' || status === 'captured' ? {} : options.amounts),
      authorizationNumber: status === 'rejected' ? null : `AUTH${rxCounter}`,
      reversedAt: status === 'reversed' ? new Date('2026-03-02T12:00:00Z') : null,
    })
    .returning({ id: schema.claims.id });
  if (!row) throw new Error('claim insert returned nothing');
  if (status === 'paid') {
    const add = async (scope: 'individual' | 'family', memberId: string) => {
      await t.db.db
        .insert(schema.accumulators)
        .values({
          planYearId: f.planYearId,
          scope,
          memberId,
          deductibleCents: options.amounts.appliedToDeductibleCents,
          oopCents: options.amounts.appliedToOopCents,
        })
        .onConflictDoUpdate({
          target: [schema.accumulators.planYearId, schema.accumulators.scope, schema.accumulators.memberId],
          set: {
            deductibleCents: sql`${schema.accumulators.deductibleCents} + ${options.amounts.appliedToDeductibleCents}`,
            oopCents: sql`${schema.accumulators.oopCents} + ${options.amounts.appliedToOopCents}`,
            version: sql`${schema.accumulators.version} + 1`,
          },
        });
    };
    await add('individual', options.memberId);
    await add('family', options.subscriberId);
  }
  return row.id;
}

/** POST /api/benefits/price-check as one of the world's users; the answer must be 200. */
export async function priceCheckAs(
  w: MemberWorld,
  body: Record<string, unknown>,
  user: keyof MemberWorld['users'] = 'single',
): Promise<PriceCheckResponse> {
  const res = await w.t.app.inject({
    method: 'POST',
    url: '/api/benefits/price-check',
    headers: await w.headersFor(user),
    payload: body,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as PriceCheckResponse;
}

/** The quote of one channel in a price-check answer (fails the test when there is none). */
export function quoteFor(response: PriceCheckResponse, channel: PriceQuote['channel']): PriceQuote {
  const found = response.quotes.find((q) => q.channel === channel);
  if (!found) throw new Error(`no ${channel} quote`);
  return found;
}
