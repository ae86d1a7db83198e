// Bad input is a 400 with a message on the field, never a 500 (issue 19 item 4): the cases the outside probe
// found, then random strings and numbers in every body field of the public routes and a few signed-in ones.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DrugRef, factories, type MemberRef } from '../factories';
import { createTestApp, type TestApp } from '../harness';
import { createTestUser, csrfFor, signInAs } from '../sign-in';

let t: TestApp;
let subscriber: MemberRef;
let single: MemberRef;
let statin: DrugRef;
type Headers = Record<string, string>;
let anonymous: Headers;
let member: Headers;
let prescriber: Headers;

beforeAll(async () => {
  t = await createTestApp({ now: new Date('2026-03-10T15:00:00Z') });
  const make = factories(t.db.db);
  const plan = await make.aPlan();
  statin = await make.aDrug({ plan, tier: 1 });
  await make.aPharmacy({ plan, homeDelivery: true }); // where a new prescription goes when none is named
  subscriber = await make.aMember({ plan });
  single = await make.aMember({ plan });
  anonymous = (await csrfFor(t)).headers;
  member = (await signInAs(t, await createTestUser(t, 'member', { memberId: subscriber.id }))).headers;
  const { id: prescriberId } = await make.aPrescriber();
  prescriber = (await signInAs(t, await createTestUser(t, 'prescriber', { prescriberId }))).headers;
});
afterAll(() => t.close());

let address = 0;
/** Each request from its own address, so the per-address rate limits do not turn the fuzzing into 429s. */
const post = (url: string, headers: Headers, payload: unknown) => {
  address = (address + 1) % 65_000;
  return t.app.inject({
    method: 'POST',
    url,
    headers,
    payload: payload as object,
    remoteAddress: `10.9.${address >> 8}.${address & 255}`,
  });
};

const newPrescription = () => ({
  patient: { memberNumber: subscriber.memberNumber, dateOfBirth: subscriber.dateOfBirth },
  ndc: statin.ndc,
  quantity: 30,
  daysSupply: 30,
  directions: 'Take one tablet by mouth daily',
  refills: 1,
});

describe('the cases the probe found', () => {
  it('refuses a prescription quantity of 1e-300 with a message on the field', async () => {
    const res = await post('/api/prescriber/prescriptions', prescriber, {
      ...newPrescription(),
      quantity: 1e-300,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ field: 'quantity', message: 'Enter a quantity of at least 0.001' }]);
    // The same request with a real quantity goes through: the 400 is the quantity's.
    expect((await post('/api/prescriber/prescriptions', prescriber, newPrescription())).statusCode).toBe(201);
  });

  it('refuses a price check for quantity 1e-300 or 5e-324 instead of quoting quantity 0', async () => {
    for (const quantity of [1e-300, 5e-324, 0.0004]) {
      const res = await post('/api/benefits/price-check', member, {
        drugGroupId: statin.groupId,
        quantity,
        daysSupply: 30,
      });
      expect(res.statusCode, String(quantity)).toBe(400);
      expect(res.json().errors[0].field).toBe('quantity');
    }
  });

  it('refuses a day that does not exist instead of failing in the database', async () => {
    const res = await post('/api/prescriber/prescriptions', prescriber, {
      ...newPrescription(),
      patient: { memberNumber: subscriber.memberNumber, dateOfBirth: '1980-02-31' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('patient.dateOfBirth');
  });
});

// ---------- fuzzing ----------

/** Any UTF-16 code unit (lone surrogates included), weighted towards the troublesome ones. */
const anyChar = fc.oneof(
  fc.constantFrom('\u0000', '\u0007', '\n', '\u0085', '\u202e', '\ud800', 'e\u0301', ' ', '%', "'"),
  fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
);
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ unit: anyChar, maxLength: 40 }),
  fc.string({ unit: anyChar, minLength: 200, maxLength: 600 }),
  fc.double(),
  fc.constantFrom(1e-300, 5e-324, -0, 1e308, 0.0005, -1, 2 ** 53, 2 ** 31),
  fc.integer(),
  fc.constantFrom(null, true, '1980-02-31', '2026-13-01', '00000000-0000-0000-0000-000000000000'),
);

/** The template with each leaf kept or replaced by a random value (at least one replaced, usually). */
function mutated(template: Record<string, unknown>): fc.Arbitrary<Record<string, unknown>> {
  const fields: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [key, value] of Object.entries(template)) {
    fields[key] =
      value !== null && typeof value === 'object'
        ? fc.oneof(mutated(value as Record<string, unknown>), anyValue)
        : fc.oneof(fc.constant(value), anyValue);
  }
  return fc.record(fields);
}

interface Target {
  url: string;
  who: () => Headers;
  body: () => Record<string, unknown>;
  /** Routes that hash a password or wait on purpose get fewer runs. */
  runs: number;
}

const targets: Target[] = [
  {
    url: '/api/identity/sign-in/site-key',
    who: () => anonymous,
    body: () => ({ username: 'a.member' }),
    runs: 30,
  },
  {
    url: '/api/identity/sign-in/password',
    who: () => anonymous,
    body: () => ({ username: 'a.member', password: 'Correct-Horse-9' }),
    runs: 12,
  },
  {
    url: '/api/identity/password-reset/request',
    who: () => anonymous,
    body: () => ({ usernameOrEmail: 'a.member' }),
    runs: 8,
  },
  {
    url: '/api/identity/password-reset/question',
    who: () => anonymous,
    body: () => ({ token: 'x'.repeat(43) }),
    runs: 20,
  },
  {
    url: '/api/identity/password-reset/complete',
    who: () => anonymous,
    body: () => ({ token: 'x'.repeat(43), answer: 'rex', password: 'Correct-Horse-9' }),
    runs: 20,
  },
  {
    url: '/api/identity/forgot-username',
    who: () => anonymous,
    body: () => ({ email: 'a@example.test' }),
    runs: 8,
  },
  {
    url: '/api/identity/activation',
    who: () => anonymous,
    body: () => ({
      memberId: single.memberNumber,
      dateOfBirth: single.dateOfBirth,
      lastName: 'Member',
      zip: '62701',
    }),
    runs: 20,
  },
  {
    url: '/api/identity/email/verify',
    who: () => anonymous,
    body: () => ({ token: 'x'.repeat(43) }),
    runs: 20,
  },
  {
    url: '/api/benefits/price-check',
    who: () => member,
    body: () => ({ drugGroupId: statin.groupId, quantity: 30, daysSupply: 30 }),
    runs: 25,
  },
  { url: '/api/benefits/formulary/search', who: () => member, body: () => ({ query: 'ator' }), runs: 25 },
  {
    url: '/api/prescriptions/search',
    who: () => member,
    body: () => ({ query: 'ator', status: 'all' }),
    runs: 25,
  },
  {
    url: '/api/pharmacy-locator/search',
    who: () => member,
    body: () => ({ zip: '62701', radiusMiles: 10 }),
    runs: 25,
  },
  {
    url: '/api/transfers',
    who: () => member,
    body: () => ({
      source: 'manual',
      pharmacyName: 'Corner Drug',
      rxNumber: 'RX-12345',
      drugDescription: 'Lisinopril',
    }),
    runs: 25,
  },
  {
    url: '/api/contact-requests',
    who: () => member,
    body: () => ({
      prescriberName: 'Dr. Quinn',
      prescriberPhone: '217-555-0100',
      drugDescription: 'Lisinopril 10 mg',
    }),
    runs: 25,
  },
  { url: '/api/prescriber/prescriptions', who: () => prescriber, body: newPrescription, runs: 30 },
  {
    url: '/api/prior-auth/prescriber/members/lookup',
    who: () => prescriber,
    body: () => ({
      memberNumber: subscriber.memberNumber,
      dateOfBirth: subscriber.dateOfBirth,
    }),
    runs: 25,
  },
];

describe('random input never gives a 500', () => {
  for (const target of targets) {
    it(`POST ${target.url}`, async () => {
      await fc.assert(
        fc.asyncProperty(mutated(target.body()), async (body) => {
          const res = await post(target.url, target.who(), body);
          expect(res.statusCode, `${JSON.stringify(body)} → ${res.body}`).toBeLessThan(500);
          if (res.statusCode === 400)
            expect(res.headers['content-type']).toContain('application/problem+json');
        }),
        { numRuns: target.runs },
      );
    });
  }
});
