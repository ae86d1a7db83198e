// USED BY EVERY DOMAIN (through test/identity/route-matrix.test.ts, which runs it over the whole app): every /api
// route must either be declared public (`config: publicRoute`) or carry a requireRole guard; signed out it must
// answer 401, and signed in with each role it does not allow, 403. Users for all ten roles are created with the
// scope links their role needs, and signed in through the real session service (signInAs).
import { randomInt } from 'node:crypto';
import { schema } from '@openpbm/db';
import { ROLES, type Role } from '@openpbm/db/schema/users';
import { apiRoutesOf } from '../src/identity/route-registry';
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

/** One signed-in user per role; returns the request headers for each. */
export async function signInEveryRole(t: TestApp): Promise<Record<Role, Record<string, string>>> {
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
  return headers;
}

/** A value that passes common path-parameter shapes (UUIDs, numbers) so the guard, not routing, answers. */
const fillParams = (url: string) => url.replace(/:[A-Za-z0-9_]+/g, '01900000-0000-7000-8000-000000000000');

/** Checks every registered /api route; returns what is wrong (empty when the matrix holds). */
export async function checkRouteMatrix(
  t: TestApp,
): Promise<{ checked: number; violations: MatrixViolation[] }> {
  const roleHeaders = await signInEveryRole(t);
  const csrf = await csrfFor(t);
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
    const url = fillParams(route.url);
    const method = route.method as 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
    const payload = method === 'GET' || method === 'DELETE' ? undefined : {};
    const signedOut = await t.app.inject({
      method,
      url,
      headers: csrf.headers,
      ...(payload ? { payload } : {}),
    });
    if (signedOut.statusCode !== 401)
      violations.push({ route: name, problem: `signed out: ${signedOut.statusCode}, expected 401` });
    for (const role of ROLES) {
      if (route.roles.includes(role)) continue;
      const res = await t.app.inject({
        method,
        url,
        headers: roleHeaders[role],
        ...(payload ? { payload } : {}),
      });
      if (res.statusCode !== 403)
        violations.push({ route: name, problem: `as ${role}: ${res.statusCode}, expected 403` });
    }
  }
  return { checked, violations };
}
