// USED BY EVERY DOMAIN (through test/identity/route-matrix.test.ts, which runs it over the whole app): every /api
// route must either be declared public (`config: publicRoute`) or carry a requireRole guard; signed out it must
// answer 401, and signed in with each role it does not allow, 403. Users for all ten roles are created with the
// scope links their role needs, and signed in through the real session service (signInAs).
// Client scope: every route under /clients/:clientId answers 404 to its roles for a client they hold no grant for.
// Foreign member IDs: every route that takes a member id (params, query or body) is called with a member of
// another family: 404 for each role it allows (never 200 with data), 403 for every other role.
import { randomInt } from 'node:crypto';
import { schema } from '@openpbm/db';
import { ROLES, type Role } from '@openpbm/db/schema/users';
import { type ApiRoute, apiRoutesOf } from '../src/identity/route-registry';
import type { TestApp } from './harness';
import { createTestUser, csrfFor, signInAs } from './sign-in';

/** The row a query must have returned (a failed insert or lookup fails the test here). */
const must = <T>(value: T | null | undefined): T => {
  if (value == null) throw new Error('expected a row');
  return value;
};

export interface MatrixViolation {
  route: string;
  problem: string;
}

const digits = (n: number) => Array.from({ length: n }, () => randomInt(10)).join('');

export interface SignedInRoles {
  headers: Record<Role, Record<string, string>>;
  /** The member the `member` user is; another family's member is the foreign id. */
  ownMemberId: string;
  foreignMemberId: string;
  /** The client the `client_user` belongs to; nobody holds a grant for it (client-scoped routes answer 404). */
  clientId: string;
}

/** One signed-in user per role, and a member of another family. */
export async function signInEveryRole(t: TestApp): Promise<SignedInRoles> {
  const db = t.db.db;
  const [client] = await db
    .insert(schema.clients)
    .values({ code: `RM-${digits(6)}`, name: 'Matrix client' })
    .returning();
  const [advisor] = await db
    .insert(schema.advisors)
    .values({ firstName: 'Ada', lastName: 'Advisor', firm: 'Matrix LLP', email: 'ada@example.test' })
    .returning();
  const [prescriber] = await db
    .insert(schema.prescribers)
    .values({
      npi: digits(10),
      firstName: 'Pat',
      lastName: 'Prescriber',
      credential: 'MD',
      specialty: 'Family medicine',
      addressLine1: '1 Clinic Way',
      city: 'Chicago',
      state: 'IL',
      zip: '60601',
      phone: '312-555-0100',
    })
    .returning();
  const [pharmacy] = await db
    .insert(schema.pharmacies)
    .values({
      npi: digits(10),
      ncpdpId: digits(7),
      name: 'Matrix Pharmacy',
      addressLine1: '2 Main St',
      city: 'Chicago',
      state: 'IL',
      zip: '60601',
      latitude: 41.88,
      longitude: -87.62,
      phone: '312-555-0101',
      timeZone: 'America/Chicago',
      hours: {},
    })
    .returning();
  const { insertFamily } = await import('./identity/fixtures');
  const family = await insertFamily(t.db);
  const foreign = await insertFamily(t.db);
  const links: Partial<Record<Role, Parameters<typeof createTestUser>[2]>> = {
    member: { memberId: family.subscriber.id },
    client_user: { clientId: must(client).id },
    advisor: { advisorId: must(advisor).id },
    prescriber: { prescriberId: must(prescriber).id },
    pharmacy_staff: { pharmacyId: must(pharmacy).id },
  };
  const headers = {} as Record<Role, Record<string, string>>;
  for (const role of ROLES) {
    const userId = await createTestUser(t, role, links[role] ?? {});
    headers[role] = (await signInAs(t, userId)).headers;
  }
  return {
    headers,
    ownMemberId: family.subscriber.id,
    foreignMemberId: foreign.subscriber.id,
    clientId: must(client).id,
  };
}

/** A value that passes common path-parameter shapes (UUIDs, numbers) so the guard, not routing, answers. */
const FILLER_ID = '01900000-0000-7000-8000-000000000000';
const fillParams = (url: string) => url.replace(/:[A-Za-z0-9_]+/g, FILLER_ID);

type Body = Record<string, unknown>;

/** Bodies of the routes that take a member id in the body: valid apart from whose member it is. */
const MEMBER_ID_BODIES: Record<string, (memberId: string) => Body> = {
  'POST /api/benefits/formulary/search': (memberId) => ({ memberId, query: 'metformin' }),
  'POST /api/benefits/price-check': (memberId) => ({
    memberId,
    drugGroupId: FILLER_ID,
    quantity: 30,
    daysSupply: 30,
  }),
  'POST /api/prescriptions/search': (memberId) => ({ memberId }),
  'POST /api/pharmacy-locator/search': (memberId) => ({ memberId, zip: '60601' }),
  'POST /api/transfers': (memberId) => ({
    source: 'manual',
    memberId,
    pharmacyName: 'Other Pharmacy',
    pharmacyPhone: '312-555-0199',
    rxNumber: 'RX1234',
    drugDescription: 'Metformin 500 mg',
  }),
  'PUT /api/privacy/choices': (memberId) => ({
    memberId,
    marketingOptOut: true,
    researchOptOut: false,
    deidentifiedOptOut: false,
  }),
  'POST /api/privacy/record-exports': (memberId) => ({ memberId }),
  'POST /api/contact-requests': (memberId) => ({
    memberId,
    prescriberName: 'Dr. Other',
    prescriberPhone: '312-555-0199',
    drugDescription: 'Metformin 500 mg',
  }),
};

const CONSENT = { consentStatement: 'The member agreed on the phone.', memberConsented: true };
/** Routes that take the member id in the path and a body: the body is valid, so only whose member it is fails. */
const MEMBER_PATH_BODIES: Record<string, Body> = {
  'POST /api/support/staff/members/:memberId/reveal': {
    field: 'dateOfBirth',
    reason: 'Verifying the caller',
  },
  'POST /api/support/staff/members/:memberId/break-the-glass': { reason: 'Member on the line' },
  'POST /api/support/staff/members/:memberId/refills': { ...CONSENT, prescriptionIds: [FILLER_ID] },
  'POST /api/support/staff/members/:memberId/address': {
    ...CONSENT,
    line1: '1 Main St',
    city: 'Chicago',
    state: 'IL',
    zip: '60601',
  },
  'POST /api/support/staff/members/:memberId/auto-refill': {
    ...CONSENT,
    prescriptionId: FILLER_ID,
    on: true,
  },
  'POST /api/support/staff/members/:memberId/transfers': {
    ...CONSENT,
    pharmacyName: 'Other Pharmacy',
    pharmacyPhone: '312-555-0199',
    rxNumber: 'RX1234',
    drugDescription: 'Metformin 500 mg',
  },
  'POST /api/support/staff/members/:memberId/activation-email': CONSENT,
  'POST /api/support/staff/members/:memberId/other-coverage': {
    coverageType: '01',
    payerName: 'Other Plan',
    bin: '012345',
    cardholderId: 'OTHER123',
    effectiveDate: '2026-01-01',
    reason: 'Member called with a new employer plan',
  },
};

interface MatrixRequest {
  url: string;
  payload?: Body;
}

/** The request of a member-id route for `memberId`, or null when the matrix has no body for it. */
function memberIdRequest(route: ApiRoute, memberId: string): MatrixRequest | null {
  const path = route.url.replace(':memberId', memberId);
  const url = route.memberIdIn.includes('querystring') ? `${path}?memberId=${memberId}` : path;
  if (!route.memberIdIn.includes('body')) {
    const pathBody = MEMBER_PATH_BODIES[`${route.method} ${route.url}`];
    return { url: fillParams(url), ...(pathBody ? { payload: pathBody } : {}) };
  }
  const body = MEMBER_ID_BODIES[`${route.method} ${route.url}`];
  return body ? { url: fillParams(url), payload: body(memberId) } : null;
}

/** Checks every registered /api route; returns what is wrong (empty when the matrix holds). */
export async function checkRouteMatrix(
  t: TestApp,
): Promise<{ checked: number; violations: MatrixViolation[] }> {
  const signedIn = await signInEveryRole(t);
  const roleHeaders = signedIn.headers;
  const csrf = await csrfFor(t);
  const callers = [csrf.headers, ...Object.values(roleHeaders)];
  const violations: MatrixViolation[] = [];
  let checked = 0;
  for (const route of apiRoutesOf(t.deps)) {
    if (route.public) continue;
    const name = `${route.method} ${route.url}`;
    if (!route.roles) {
      violations.push({
        route: name,
        problem: 'neither public (config: publicRoute) nor guarded by requireRole(...)',
      });
      continue;
    }
    checked += 1;
    // A route that takes a member id is asked about another family's member (the foreign-ID case).
    const foreign =
      route.memberIdIn.length > 0 ? memberIdRequest(route, signedIn.foreignMemberId) : undefined;
    if (foreign === null) {
      violations.push({ route: name, problem: 'takes a member id in the body: add it to MEMBER_ID_BODIES' });
      continue;
    }
    const method = route.method as 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
    const request = foreign ?? {
      url: fillParams(route.url),
      ...(method === 'GET' || method === 'DELETE' ? {} : { payload: {} }),
    };
    // Each caller asks from an address of its own, so a route's per-address rate limit (10 an hour) never
    // answers 429 in place of the role check however many roles there are.
    const send = (headers: Record<string, string>, req: MatrixRequest = request) =>
      t.app.inject({
        method,
        url: req.url,
        headers,
        remoteAddress: `10.77.${callers.indexOf(headers) + 1}.1`,
        ...(req.payload ? { payload: req.payload } : {}),
      });
    const signedOut = await send(csrf.headers);
    if (signedOut.statusCode !== 401)
      violations.push({ route: name, problem: `signed out: ${signedOut.statusCode}, expected 401` });
    // A client-scoped route (/clients/:clientId/...) answers 404 to every allowed role without a grant for it.
    if (route.url.includes(':clientId')) {
      const url = fillParams(route.url.replace(':clientId', signedIn.clientId));
      for (const role of route.roles) {
        const res = await send(roleHeaders[role], {
          url,
          ...(request.payload ? { payload: request.payload } : {}),
        });
        if (res.statusCode !== 404)
          violations.push({
            route: name,
            problem: `as ${role} without a grant for the client: ${res.statusCode}, expected 404`,
          });
      }
    }
    for (const role of ROLES) {
      const allowed = route.roles.includes(role);
      if (allowed && !foreign) continue;
      // 403 for a role the route does not allow; with a foreign member id, 404 for one it does (never 200).
      const expected = allowed ? 404 : 403;
      const res = await send(roleHeaders[role]);
      const which = foreign ? ' with a foreign member id' : '';
      if (res.statusCode !== expected) {
        const problem = `as ${role}${which}: ${res.statusCode}, expected ${expected}`;
        violations.push({ route: name, problem });
      } else if (allowed && role === 'member') {
        // The member's own id must answer otherwise, so the 404 is about whose member it is, not a bad sample.
        const own = await send(roleHeaders[role], memberIdRequest(route, signedIn.ownMemberId) ?? request);
        if (own.statusCode === 404 && own.body === res.body)
          violations.push({
            route: name,
            problem: 'answers the same 404 for the member’s own id: fix the sample',
          });
      }
    }
  }
  return { checked, violations };
}
