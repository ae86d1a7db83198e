// Client portal, end to end through HTTP: an advisor registers (e-mail link first, then the identity rules for
// username, password, SiteKey and questions), asks for plan reports, the account team reviews (domain match,
// call-back checklist) and approves, and the advisor reads the report; the 10-day clock reminds and escalates.
import { runAccessRequestDeadlines } from '@openpbm/server/clients/deadlines';
import { clientAccessDeadlines } from '@openpbm/worker/jobs/client-access-deadlines';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SecureTools, secureTools } from '../certificates/secure-tools';
import { createTestApp, type TestApp } from '../harness';
import { ANSWERS, Client, GOOD_PASSWORD, passwordSignIn } from '../identity/flows';
import { createTestUser, signInAs } from '../sign-in';
import { withoutLinks } from '../support/mail-text';
import { addClient } from './client-world';

let t: TestApp;
/** The secure tools answer over mutual TLS with the user's certificate (issue 11). */
let tools: SecureTools;
let clientCode: string;
let clientId: string;
let staff: Record<string, string>;
const start = new Date('2026-03-02T15:00:00Z');
const silentLog = { info() {}, warn() {}, error() {} };

beforeAll(async () => {
  t = await createTestApp({ now: start });
  const client = await addClient(t, 'Harborview Logistics', 'harborview.example');
  clientCode = client.code;
  clientId = client.id;
  staff = (await signInAs(t, await createTestUser(t, 'account_team'))).headers;
  tools = await secureTools(t);
});
afterAll(async () => {
  await tools?.close();
  await t?.close();
});

const registration = {
  fullName: 'Rowan Quill',
  email: 'rowan.quill@harborview.example',
  organization: 'Quill Benefits Consulting',
  kind: 'advisor',
};

describe('registration', () => {
  it('names an unknown client in a field error', async () => {
    const c = await Client.start(t);
    const res = await c.post('/api/clients/registrations', {
      ...registration,
      clientReference: 'No Such Co',
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'clientReference' })]);
  });

  let username = '';
  it('verifies the e-mail, then takes sign-in details under the member rules', async () => {
    const c = await Client.start(t);
    const started = await c.post('/api/clients/registrations', {
      ...registration,
      clientReference: 'harborview logistics',
    });
    expect(started.statusCode).toBe(202);
    const mail = await t.mailbox.waitFor((m) => m.to.includes(registration.email));
    expect(withoutLinks(mail.text)).not.toMatch(/Rowan|Harborview|Quill/);
    const token = /#token=([A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
    const confirmed = await c.post('/api/clients/registrations/confirm', { token });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({ firstName: 'Rowan', email: registration.email });
    // The link works once.
    expect((await c.post('/api/clients/registrations/confirm', { token })).statusCode).toBe(400);

    const ticket = confirmed.json().registrationToken as string;
    const details = {
      registrationToken: ticket,
      username: 'rowan.quill',
      siteKey: { imageId: 'anchor', phrase: 'salt and pepper' },
      challengeAnswers: ANSWERS,
    };
    const weak = await c.post('/api/clients/registrations/account', { ...details, password: 'password' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'password' })]),
    );
    const created = await c.post('/api/clients/registrations/account', {
      ...details,
      password: GOOD_PASSWORD,
    });
    expect(created.statusCode, created.body).toBe(201);
    username = created.json().username;
    expect(
      (await c.post('/api/clients/registrations/account', { ...details, password: GOOD_PASSWORD }))
        .statusCode,
    ).toBe(400);
  });

  it('signs in through the identity flows and holds no secure tool yet', async () => {
    const { client, res } = await passwordSignIn(t, username, GOOD_PASSWORD);
    expect(res.statusCode, res.body).toBe(200);
    const me = await client.request('GET', '/api/clients/me/access');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ role: 'advisor', grants: [], requests: [] });
    // Over mutual TLS with a certificate of theirs: still nothing, the grant decides.
    const report = await tools.inject({
      url: `/api/clients/${clientId}/reports/plan?from=2026-01&to=2026-02`,
      headers: client.headers,
    });
    expect(report.statusCode).toBe(404);
  });

  it('requests plan reports; the account team reviews and approves; the advisor reads the report', async () => {
    const { client } = await passwordSignIn(t, username, GOOD_PASSWORD);
    const bad = await client.request('POST', '/api/clients/access-requests', { clientCode, tools: [] });
    expect(bad.statusCode).toBe(400);
    const asked = await client.request('POST', '/api/clients/access-requests', {
      clientCode,
      tools: ['plan_reports'],
    });
    expect(asked.statusCode, asked.body).toBe(201);
    expect(asked.json()).toMatchObject({
      status: 'pending',
      expectedBy: '2026-03-12T15:00:00.000Z',
      daysWaiting: 0,
    });
    const again = await client.request('POST', '/api/clients/access-requests', {
      clientCode,
      tools: ['plan_reports'],
    });
    expect(again.statusCode).toBe(409);

    const queue = await t.app.inject({
      method: 'GET',
      url: '/api/clients/account-team/access-requests',
      headers: staff,
    });
    expect(queue.statusCode).toBe(200);
    const item = queue.json().requests.find((r: { clientCode: string }) => r.clientCode === clientCode);
    expect(item).toMatchObject({
      emailDomainMatches: true,
      knownDomains: ['harborview.example'],
      requester: { displayName: 'Rowan Quill', role: 'advisor', organization: 'Quill Benefits Consulting' },
    });

    const decide = (payload: object) =>
      t.app.inject({
        method: 'POST',
        url: `/api/clients/account-team/access-requests/${item.id}/decision`,
        headers: staff,
        payload,
      });
    const unticked = await decide({
      decision: 'approve',
      reason: 'Confirmed by phone',
      checklist: { calledClientContact: true, confirmedEmployment: false, confirmedToolsNeeded: true },
    });
    expect(unticked.statusCode).toBe(400);
    expect(unticked.json().errors[0].field).toBe('checklist');
    const approved = await decide({
      decision: 'approve',
      reason: 'Confirmed by phone with the benefits manager',
      checklist: { calledClientContact: true, confirmedEmployment: true, confirmedToolsNeeded: true },
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(
      (await decide({ decision: 'deny', reason: 'Too late', checklist: approved.json().checklist }))
        .statusCode,
    ).toBe(409);

    const me = (await client.request('GET', '/api/clients/me/access')).json();
    expect(me.grants).toEqual([
      expect.objectContaining({ clientCode, tool: 'plan_reports', expiresAt: '2027-03-02T15:00:00.000Z' }),
    ]);
    expect(me.requests[0]).toMatchObject({
      status: 'approved',
      decisionReason: 'Confirmed by phone with the benefits manager',
    });
    const report = await tools.inject({
      url: `/api/clients/${clientId}/reports/plan?from=2026-01&to=2026-02`,
      headers: client.headers,
    });
    expect(report.statusCode, report.body).toBe(200);
    expect(report.json().client.code).toBe(clientCode);
  });

  it('a denial grants nothing and keeps the reason for the requester', async () => {
    const other = await addClient(t, 'Denied Co');
    const userId = await createTestUser(t, 'client_user', { clientId: other.id });
    const headers = (await signInAs(t, userId)).headers;
    const asked = await t.app.inject({
      method: 'POST',
      url: '/api/clients/access-requests',
      headers,
      payload: { clientCode: other.code, tools: ['eligibility_files'] },
    });
    expect(asked.statusCode).toBe(201);
    const denied = await t.app.inject({
      method: 'POST',
      url: `/api/clients/account-team/access-requests/${asked.json().id}/decision`,
      headers: staff,
      payload: {
        decision: 'deny',
        reason: 'Could not reach the client',
        checklist: { calledClientContact: true, confirmedEmployment: false, confirmedToolsNeeded: false },
      },
    });
    expect(denied.statusCode).toBe(200);
    expect(denied.json().emailDomainMatches).toBe(false);
    const me = (await t.app.inject({ method: 'GET', url: '/api/clients/me/access', headers })).json();
    expect(me.grants).toEqual([]);
    expect(me.requests[0]).toMatchObject({ status: 'denied', decisionReason: 'Could not reach the client' });
    // A client user may ask only for their own client.
    const foreign = await t.app.inject({
      method: 'POST',
      url: '/api/clients/access-requests',
      headers,
      payload: { clientCode, tools: ['plan_reports'] },
    });
    expect(foreign.statusCode).toBe(400);
  });
});

describe('the 10-day verification clock', () => {
  it('reminds the account team on day 7 and escalates on day 10, once each', async () => {
    const c = await addClient(t, 'Clockwork Co');
    const userId = await createTestUser(t, 'client_user', { clientId: c.id });
    const headers = (await signInAs(t, userId)).headers;
    const asked = await t.app.inject({
      method: 'POST',
      url: '/api/clients/access-requests',
      headers,
      payload: { clientCode: c.code, tools: ['plan_reports'] },
    });
    expect(asked.statusCode).toBe(201);
    const run = (at: string) =>
      runAccessRequestDeadlines({ ...t.deps, now: () => new Date(at) }, new Date(at));
    expect(await run('2026-03-08T15:00:00Z')).toEqual({ reminded: 0, escalated: 0 });
    expect(await run('2026-03-09T15:00:01Z')).toEqual({ reminded: 1, escalated: 0 });
    const reminder = await t.mailbox.waitFor((m) => m.subject.includes('waiting 7 days'));
    expect(reminder.text).toContain('/staff/account-team/access-requests');
    expect(withoutLinks(reminder.text)).not.toContain('Clockwork');
    expect(await run('2026-03-10T15:00:00Z')).toEqual({ reminded: 0, escalated: 0 });
    // Through the worker's job definition (pg-boss calls it the same way).
    const escalated = await clientAccessDeadlines.run(
      { db: t.db, config: t.deps.config, log: silentLog, mailer: t.deps.mailer },
      new Date('2026-03-12T15:00:01Z'),
    );
    expect(escalated).toEqual({ reminded: 0, escalated: 1 });
    await t.mailbox.waitFor((m) => m.subject.startsWith('Escalation'));
    const review = await t.app.inject({
      method: 'GET',
      url: `/api/clients/account-team/access-requests/${asked.json().id}`,
      headers: staff,
    });
    expect(review.json()).toMatchObject({
      remindedAt: '2026-03-09T15:00:01.000Z',
      escalatedAt: '2026-03-12T15:00:01.000Z',
    });
  });
});
