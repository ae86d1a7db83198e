// Test world for prior authorization: the shared benefits fixture plus methotrexate (the step before a TNF
// inhibitor), verified and unverified prescribers, two clinical reviewers, member accounts, an admin, and
// helpers for HTTP calls, paid claims through the claims endpoint, and the prescriber's submission.
import { schema } from '@openpbm/db';
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { issuePatientHandle } from '../../src/prior-auth/patient-handle';
import { type BenefitsFixture, buildBenefitsFixture, type FixtureMember } from '../fixtures/benefits';
import { createTestApp, type TestApp, type TestAppOptions } from '../harness';
import { createTestUser, signInAs } from '../sign-in';

/** 2026-03-10, 9:00 in Chicago (the fixture members' zone). */
export const WORLD_NOW = new Date('2026-03-10T15:00:00Z');
export const METHOTREXATE_NDC = '99902000801';

export type UserKey =
  | 'prescriber'
  | 'otherPrescriber'
  | 'unverifiedPrescriber'
  | 'reviewer'
  | 'reviewer2'
  | 'subscriber'
  | 'spouse'
  | 'single'
  | 'admin'
  | 'pharmacy';

/** Tests read response fields one by one; the body is the parsed JSON (or the raw bytes). */
// biome-ignore lint/suspicious/noExplicitAny: see above
export type Reply = { status: number; body: any };

export interface PaWorld {
  t: TestApp;
  f: BenefitsFixture;
  methotrexateGroupId: string;
  users: Record<UserKey, string>;
  /** The prescriber row of each prescriber user. */
  prescriberIds: Record<'prescriber' | 'otherPrescriber' | 'unverifiedPrescriber', string>;
  as(user: UserKey): Promise<Record<string, string>>;
  call(user: UserKey | null, method: 'GET' | 'POST', url: string, payload?: unknown): Promise<Reply>;
}

async function insertPrescriber(t: TestApp, npi: string, lastName: string, verified: boolean) {
  const [row] = await t.db.db
    .insert(schema.prescribers)
    .values({
      npi,
      firstName: 'Test',
      lastName,
      credential: 'MD',
      specialty: 'Rheumatology',
      addressLine1: '3 Clinic Way',
      city: 'Springfield',
      state: 'IL',
      zip: '62701',
      phone: '2175550123',
    })
    .returning({ id: schema.prescribers.id });
  if (!row) throw new Error('prescriber insert returned nothing');
  if (verified) await verify(t, row.id, npi);
  return row.id;
}

async function verify(t: TestApp, prescriberId: string, npi: string) {
  await t.db.db
    .insert(schema.prescriberNpiVerifications)
    .values({ prescriberId, npi, method: 'registry_match', verifiedAt: WORLD_NOW });
}

async function addMethotrexate(t: TestApp, f: BenefitsFixture): Promise<string> {
  const db = t.db.db;
  const [cls] = await db
    .insert(schema.therapeuticClasses)
    .values({ code: 'antimetabolites', name: 'Antimetabolites' })
    .returning({ id: schema.therapeuticClasses.id });
  const [group] = await db
    .insert(schema.drugGroups)
    .values({
      code: 'fixture|methotrexate',
      name: 'methotrexate 2.5 mg oral tablet',
      ingredients: ['methotrexate'],
      strength: '2.5 mg',
      dosageForm: 'tablet',
      route: 'oral',
      therapeuticClassId: cls?.id ?? '',
      maintenance: true,
    })
    .returning({ id: schema.drugGroups.id });
  if (!group) throw new Error('group insert returned nothing');
  await db.insert(schema.drugProducts).values({
    ndc: METHOTREXATE_NDC,
    name: 'Methotrexate 2.5 mg tablet',
    source: 'generic',
    labeler: 'Fixture Labs (fictional)',
    drugGroupId: group.id,
    packageSizeMilli: 30_000,
    unit: 'EA',
  });
  await db.insert(schema.drugPrices).values({
    ndc: METHOTREXATE_NDC,
    priceType: 'nadac',
    unitPriceMicros: 300_000,
    effectiveDate: '2020-01-01',
    source: 'fixture',
  });
  await db
    .insert(schema.formularyEntries)
    .values({ formularyId: f.formularyId, drugGroupId: group.id, tier: 1 });
  return group.id;
}

export async function createPaWorld(
  options: Pick<TestAppOptions, 'env' | 'logStream'> = {},
): Promise<PaWorld> {
  const t = await createTestApp({ now: WORLD_NOW, ...options });
  const f = await buildBenefitsFixture(t.db.db);
  const methotrexateGroupId = await addMethotrexate(t, f);
  await verify(t, f.prescriberId, f.prescriberNpi);
  const other = await insertPrescriber(t, '1999999984', 'Other', true);
  const unverified = await insertPrescriber(t, '1999999976', 'Unverified', false);
  const users: Record<UserKey, string> = {
    prescriber: await createTestUser(t, 'prescriber', { prescriberId: f.prescriberId }),
    otherPrescriber: await createTestUser(t, 'prescriber', { prescriberId: other }),
    unverifiedPrescriber: await createTestUser(t, 'prescriber', { prescriberId: unverified }),
    reviewer: await createTestUser(t, 'clinical_reviewer'),
    reviewer2: await createTestUser(t, 'clinical_reviewer'),
    subscriber: await createTestUser(t, 'member', { memberId: f.members.subscriber.id }),
    spouse: await createTestUser(t, 'member', { memberId: f.members.spouse.id }),
    single: await createTestUser(t, 'member', { memberId: f.members.single.id }),
    admin: await createTestUser(t, 'admin'),
    pharmacy: f.pharmacyUsers.retail,
  };
  // Sessions expire with the (moved) clock: one sign-in per user and clock reading.
  const cache = new Map<string, Record<string, string>>();
  const as = async (user: UserKey) => {
    const key = `${user}@${t.deps.now().getTime()}`;
    let headers = cache.get(key);
    if (!headers) {
      headers = (await signInAs(t, users[user])).headers;
      cache.set(key, headers);
    }
    return headers;
  };
  return {
    t,
    f,
    methotrexateGroupId,
    users,
    prescriberIds: { prescriber: f.prescriberId, otherPrescriber: other, unverifiedPrescriber: unverified },
    as,
    async call(user, method, url, payload) {
      const headers = user ? await as(user) : {};
      const res = await t.app.inject({
        method,
        url,
        headers,
        ...(payload === undefined ? {} : { payload: payload as object }),
      });
      const isJson = (res.headers['content-type'] ?? '').toString().includes('json');
      return { status: res.statusCode, body: isJson ? res.json() : res.rawPayload };
    },
  };
}

let rx = 700_000;

/** What the tests read of POST /api/claims' answer. */
export interface ClaimOutcome {
  status: string;
  tier: number | null;
  priorAuthorizationId: string | null;
  rejectCodes: Array<{ code: string }>;
  pricing: { patientPayCents: number; copayCents: number; appliedToDeductibleCents: number } | null;
}

/** A B1 through POST /api/claims as the fixture's retail pharmacy; returns the claim result. */
export async function submitClaim(
  w: PaWorld,
  o: { member: FixtureMember; ndc: string; dateOfService: string; quantity: number; daysSupply: number },
) {
  const res = await w.call('pharmacy', 'POST', '/api/claims', {
    transactionCode: 'B1',
    bin: w.f.routing.bin,
    processorControlNumber: w.f.routing.pcn,
    groupId: w.f.routing.group,
    serviceProvider: { idQualifier: '01', id: w.f.pharmacies.retail.npi },
    dateOfService: o.dateOfService,
    cardholder: { id: o.member.memberNumber, personCode: o.member.personCode },
    patient: { dateOfBirth: o.member.dateOfBirth },
    claim: {
      rxNumber: String(++rx),
      fillNumber: 0,
      ndc: o.ndc,
      quantityDispensed: o.quantity,
      daysSupply: o.daysSupply,
      prescriberNpi: w.f.prescriberNpi,
      ingredientCostSubmittedCents: 900_000,
      dispensingFeeSubmittedCents: 200,
      usualAndCustomaryCents: 999_999,
      grossAmountDueCents: 900_200,
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as ClaimOutcome;
}

/** Three paid 30-day methotrexate fills (90 days of therapy) before WORLD_NOW. */
export async function giveMethotrexateHistory(w: PaWorld, member: FixtureMember): Promise<void> {
  for (const dateOfService of ['2026-01-05', '2026-02-04', '2026-03-06']) {
    const result = await submitClaim(w, {
      member,
      ndc: METHOTREXATE_NDC,
      dateOfService,
      quantity: 30,
      daysSupply: 30,
    });
    expect(result.status, JSON.stringify(result)).toBe('paid');
  }
}

export const tnfAnswers = (overrides: Record<string, unknown> = {}) => ({
  diagnosisCodes: ['M05.79'],
  triedDrugs: [],
  labs: [],
  attestations: {},
  notes: 'Active RA despite methotrexate.',
  ...overrides,
});

/**
 * The patient handle the member look-up gives `user` for `member` (issued directly, as signInAs issues a session;
 * prescriber-requests.test.ts proves the look-up itself).
 */
export function handleFor(
  w: PaWorld,
  member: FixtureMember,
  user: 'prescriber' | 'otherPrescriber' | 'unverifiedPrescriber' = 'prescriber',
): string {
  return issuePatientHandle(w.t.deps, w.prescriberIds[user], member.id).patientHandle;
}

/** The prescriber submits a PA for adalimumab (0.8 mL per 28 days) for a member. */
export async function submitAdalimumab(
  w: PaWorld,
  member: FixtureMember,
  extra: Record<string, unknown> = {},
  user: 'prescriber' | 'otherPrescriber' | 'unverifiedPrescriber' = 'prescriber',
) {
  return w.call(user, 'POST', '/api/prior-auth/prescriber/cases', {
    type: 'prior_auth',
    patientHandle: handleFor(w, member, user),
    drugGroupId: w.f.groups.adalimumab,
    quantityMilli: 800,
    daysSupply: 28,
    answers: tnfAnswers(),
    ...extra,
  });
}

export async function caseRow(w: PaWorld, id: string) {
  const [row] = await w.t.db.db
    .select()
    .from(schema.priorAuthorizations)
    .where(eq(schema.priorAuthorizations.id, id));
  if (!row) throw new Error('no such case');
  return row;
}
