// Role boundaries of the client portal: grants are per client and per tool (404 for a client the caller holds
// nothing for, 403 for a tool they lack), an advisor's grant lives only while the client authorizes them, grants
// expire after 12 months unless the primary administrator re-certifies them, and only the primary administrator
// manages the client's users. hasGrant is the API issue 11 (client certificates) builds on.
import { createClientAccess } from '@openpbm/server/clients/client-access';
import { apiRoutesOf } from '@openpbm/server/identity/route-registry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SecureTools, secureTools } from '../certificates/secure-tools';
import { createTestApp, type TestApp } from '../harness';
import { createTestUser, signInAs } from '../sign-in';
import { addAdvisor, addClient, addClientUser, grant, makePrimaryAdmin } from './client-world';

let t: TestApp;
/** The secure tools answer over mutual TLS with the user's certificate (issue 11). */
let tools: SecureTools;
let clientA: string;
let clientB: string;
const start = new Date('2026-03-02T15:00:00Z');
const report = (clientId: string) => `/api/clients/${clientId}/reports/plan?from=2026-01&to=2026-02`;

beforeAll(async () => {
  t = await createTestApp({ now: start });
  clientA = (await addClient(t, 'Alpha Foods')).id;
  clientB = (await addClient(t, 'Beta Mills')).id;
  tools = await secureTools(t);
});
afterAll(async () => {
  await tools?.close();
  await t?.close();
});

/** Reports are secure tools: over mutual TLS with the session user's certificate; the rest on the ordinary port. */
const get = (url: string, headers: Record<string, string>) =>
  url.includes('/reports/')
    ? tools.inject({ method: 'GET', url, headers })
    : t.app.inject({ method: 'GET', url, headers });

describe('grants per client and per tool', () => {
  it('lists the public client portal routes (review this list when it changes)', () => {
    const open = apiRoutesOf(t.deps)
      .filter((r) => r.public && r.url.startsWith('/api/clients'))
      .map((r) => `${r.method} ${r.url}`)
      .sort();
    expect(open).toEqual([
      'POST /api/clients/registrations',
      'POST /api/clients/registrations/account',
      'POST /api/clients/registrations/confirm',
    ]);
  });

  it('a user holding plan reports for A gets 404 for B and 403 for a tool of A they lack', async () => {
    const reporter = await addClientUser(t, clientA);
    await grant(t, reporter.userId, clientA, 'plan_reports');
    expect((await get(report(clientA), reporter.headers)).statusCode).toBe(200);
    const other = await get(report(clientB), reporter.headers);
    expect(other.statusCode).toBe(404);
    expect(other.headers['content-type']).toContain('application/problem+json');
    // Same 404 for a client that does not exist: nothing tells B exists.
    // (No certificate can name a client that does not exist, so this one asks on the ordinary port, where the grant
    // is checked before the certificate.)
    const missing = await t.app.inject({
      url: report('01900000-0000-7000-8000-000000000000'),
      headers: reporter.headers,
    });
    expect({ ...missing.json(), instance: '' }).toEqual({ ...other.json(), instance: '' });

    const formularyOnly = await addClientUser(t, clientA);
    await grant(t, formularyOnly.userId, clientA, 'formulary_documents');
    expect((await get(report(clientA), formularyOnly.headers)).statusCode).toBe(403);

    const access = createClientAccess(t.deps);
    expect(await access.hasGrant(reporter.userId, clientA, 'plan_reports')).toBe(true);
    expect(await access.hasGrant(reporter.userId, clientA, 'eligibility_files')).toBe(false);
    expect(await access.hasGrant(reporter.userId, clientB, 'plan_reports')).toBe(false);
  });

  it('scoping is checked before validation: a bad query for a foreign client is still 404', async () => {
    const reporter = await addClientUser(t, clientA);
    await grant(t, reporter.userId, clientA, 'plan_reports');
    expect((await get(`/api/clients/${clientB}/reports/plan?from=bad`, reporter.headers)).statusCode).toBe(
      404,
    );
    const own = await get(`/api/clients/${clientA}/reports/plan?from=2026-05&to=2026-01`, reporter.headers);
    expect(own.statusCode).toBe(400);
    expect(own.json().errors).toEqual([expect.objectContaining({ field: 'to' })]);
  });

  it('an advisor sees only clients that authorize them', async () => {
    const advisor = await addAdvisor(t, [clientA]);
    await grant(t, advisor.userId, clientA, 'plan_reports');
    await grant(t, advisor.userId, clientB, 'plan_reports');
    expect((await get(report(clientA), advisor.headers)).statusCode).toBe(200);
    // A grant for B without B's authorization counts for nothing.
    expect((await get(report(clientB), advisor.headers)).statusCode).toBe(404);
    const me = (await get('/api/clients/me/access', advisor.headers)).json();
    expect(me.grants.map((g: { clientId: string }) => g.clientId)).toEqual([clientA]);
  });

  it('a grant expires after 12 months', async () => {
    const reporter = await addClientUser(t, clientA);
    await grant(t, reporter.userId, clientA, 'plan_reports', new Date('2026-04-01T00:00:00Z'));
    expect((await get(report(clientA), reporter.headers)).statusCode).toBe(200);
    t.setNow(new Date('2026-04-01T00:00:01Z'));
    try {
      const fresh = (await signInAs(t, reporter.userId)).headers;
      expect((await get(report(clientA), fresh)).statusCode).toBe(404);
    } finally {
      t.setNow(start);
    }
  });

  it('other roles cannot reach client tools at all', async () => {
    for (const role of ['account_team', 'customer_service', 'admin'] as const) {
      const headers = (await signInAs(t, await createTestUser(t, role))).headers;
      expect((await get(report(clientA), headers)).statusCode).toBe(403);
    }
  });
});

describe('the primary administrator', () => {
  it('lists the client’s users, grants, re-certifies and revokes; nobody else may', async () => {
    const admin = await addClientUser(t, clientA);
    await makePrimaryAdmin(t, clientA, admin.userId);
    const colleague = await addClientUser(t, clientA);
    const outsider = await addClientUser(t, clientB);
    const base = `/api/clients/${clientA}/admin`;

    const list = await get(`${base}/users`, admin.headers);
    expect(list.statusCode, list.body).toBe(200);
    const ids = list.json().users.map((u: { userId: string }) => u.userId);
    expect(ids).toEqual(expect.arrayContaining([admin.userId, colleague.userId]));
    expect(ids).not.toContain(outsider.userId);

    const post = (url: string, payload: object, headers = admin.headers) =>
      t.app.inject({ method: 'POST', url, headers, payload });
    expect(
      (await post(`${base}/grants`, { userId: colleague.userId, tool: 'eligibility_files' })).statusCode,
    ).toBe(204);
    // A user of another client cannot be granted A's tools.
    expect((await post(`${base}/grants`, { userId: outsider.userId, tool: 'plan_reports' })).statusCode).toBe(
      404,
    );
    expect(await createClientAccess(t.deps).hasGrant(colleague.userId, clientA, 'eligibility_files')).toBe(
      true,
    );

    const granted = (await get(`${base}/users`, admin.headers))
      .json()
      .users.find((u: { userId: string }) => u.userId === colleague.userId);
    const grantId = granted.grants[0].id as string;
    t.setNow(new Date('2026-12-01T00:00:00Z'));
    try {
      const adminNow = (await signInAs(t, admin.userId)).headers;
      const recert = await post(`${base}/grants/${grantId}/recertify`, {}, adminNow);
      expect(recert.statusCode, recert.body).toBe(200);
      expect(recert.json().expiresAt).toBe('2027-12-01T00:00:00.000Z');
    } finally {
      t.setNow(start);
    }
    const revoked = await t.app.inject({
      method: 'DELETE',
      url: `${base}/grants/${grantId}`,
      headers: admin.headers,
    });
    expect(revoked.statusCode).toBe(204);
    expect(await createClientAccess(t.deps).hasGrant(colleague.userId, clientA, 'eligibility_files')).toBe(
      false,
    );

    // A colleague holding a tool is told 403; a user of another client 404.
    await grant(t, colleague.userId, clientA, 'plan_reports');
    expect((await get(`${base}/users`, colleague.headers)).statusCode).toBe(403);
    expect((await get(`${base}/users`, outsider.headers)).statusCode).toBe(404);
  });

  it('deactivates a colleague: their sessions end and their grants stop working', async () => {
    const admin = await addClientUser(t, clientB);
    await makePrimaryAdmin(t, clientB, admin.userId);
    const colleague = await addClientUser(t, clientB);
    await grant(t, colleague.userId, clientB, 'plan_reports');
    const url = `/api/clients/${clientB}/admin/users/${colleague.userId}/status`;
    const self = await t.app.inject({
      method: 'POST',
      url: `/api/clients/${clientB}/admin/users/${admin.userId}/status`,
      headers: admin.headers,
      payload: { active: false },
    });
    expect(self.statusCode).toBe(400);
    const off = await t.app.inject({
      method: 'POST',
      url,
      headers: admin.headers,
      payload: { active: false },
    });
    expect(off.statusCode).toBe(204);
    // Their session is gone, so no secure tool answers them (the ordinary port says why: not signed in).
    expect(
      (await t.app.inject({ method: 'GET', url: report(clientB), headers: colleague.headers })).statusCode,
    ).toBe(401);
    expect(await createClientAccess(t.deps).hasGrant(colleague.userId, clientB, 'plan_reports')).toBe(false);
  });
});
