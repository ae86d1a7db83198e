// Changing username and e-mail: members self-service (re-auth + verification link, old address told), client users
// through their account team only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../harness';
import { createTestUser, signInAs } from '../sign-in';
import { type Family, insertFamily } from './fixtures';
import { GOOD_PASSWORD, passwordSignIn, registerMember, testClock } from './flows';

let t: TestApp;
let family: Family;
const clock = testClock('2026-03-02T15:00:00Z', '10.4.0');
const { advance, fresh } = clock;

beforeAll(async () => {
  t = await clock.start();
  family = await insertFamily(t.db);
  await registerMember(t, family.subscriber, 'avery');
});
afterAll(() => t.close());

describe('member self-service', () => {
  it('changes the username after re-authentication and tells the owner', async () => {
    const { client } = await passwordSignIn(t, 'avery', GOOD_PASSWORD, await fresh());
    advance(6 * 60);
    expect((await client.post('/api/identity/account/username', { username: 'avery.new' })).statusCode).toBe(
      403,
    );
    await client.post('/api/identity/account/reauthenticate', { password: GOOD_PASSWORD });
    const ok = await client.post('/api/identity/account/username', { username: 'avery.new' });
    expect(ok.statusCode, ok.body).toBe(204);
    await t.mailbox.waitFor(
      (m) => m.to.includes('avery@example.test') && m.subject.includes('username was changed'),
    );
    expect((await passwordSignIn(t, 'avery.new', GOOD_PASSWORD, await fresh())).res.statusCode).toBe(200);
    expect((await passwordSignIn(t, 'avery', GOOD_PASSWORD, await fresh())).res.statusCode).toBe(401);
  });

  it('changes the e-mail only when the link sent to the new address is used, and tells the old address', async () => {
    advance(60);
    const { client } = await passwordSignIn(t, 'avery.new', GOOD_PASSWORD, await fresh());
    const res = await client.post('/api/identity/account/email', { email: 'avery.new@example.test' });
    expect(res.statusCode, res.body).toBe(202);
    expect((await client.get('/api/identity/account')).json().email).toBe('avery@example.test');
    const link = await t.mailbox.waitFor(
      (m) => m.to.includes('avery.new@example.test') && m.subject.includes('Confirm'),
    );
    const token = /#token=([A-Za-z0-9_-]+)/.exec(link.text)?.[1];
    expect((await client.post('/api/identity/email/verify', { token })).statusCode).toBe(200);
    expect((await client.get('/api/identity/account')).json()).toMatchObject({
      email: 'avery.new@example.test',
      emailVerified: true,
    });
    const notice = await t.mailbox.waitFor(
      (m) => m.to.includes('avery@example.test') && m.subject.includes('e-mail address was changed'),
    );
    expect(notice.text).toContain('a***@example.test');
  });
});

describe('username probing (issue 19, item 6)', () => {
  it('answers "taken" a few times per account, then refuses every name alike for an hour', async () => {
    await registerMember(t, family.adultDependent, 'blake');
    const { client } = await passwordSignIn(t, 'blake', GOOD_PASSWORD, await fresh());
    const tryName = (username: string) => client.post('/api/identity/account/username', { username });
    for (const taken of ['avery.new', 'AVERY.NEW', 'avery.new']) {
      const res = await tryName(taken);
      expect(res.statusCode).toBe(400);
      expect(res.json().errors[0].message).toMatch(/taken/);
    }
    const probed = await tryName('avery.new');
    const free = await tryName('nobody-has-this-name');
    for (const res of [probed, free]) {
      expect(res.statusCode).toBe(429);
      expect(res.json().detail).toBe('You tried too many usernames. Please try again later.');
    }
    expect((await client.get('/api/identity/account')).json().username).toBe('blake');
    advance(61 * 60);
    const later = (await passwordSignIn(t, 'blake', GOOD_PASSWORD, await fresh())).client;
    expect((await later.post('/api/identity/account/username', { username: 'blake.later' })).statusCode).toBe(
      204,
    );
  });
});

describe('client users', () => {
  it('cannot change their own username or e-mail: they are told to contact their account team', async () => {
    const clientUser = await createTestUser(t, 'client_user', { clientId: family.clientId });
    const { headers } = await signInAs(t, clientUser);
    const overview = await t.app.inject({ url: '/api/identity/account', headers });
    expect(overview.json().selfServiceProfileChanges).toBe(false);
    for (const [url, payload] of [
      ['/api/identity/account/username', { username: 'new-name' }],
      ['/api/identity/account/email', { email: 'new@example.test' }],
    ] as const) {
      const res = await t.app.inject({ method: 'POST', url, headers, payload });
      expect(res.statusCode).toBe(403);
      expect(res.json().detail).toMatch(/contact your account team/);
    }
  });

  it('are changed by the account team (and only by it)', async () => {
    const clientUser = await createTestUser(t, 'client_user', { clientId: family.clientId });
    const team = await signInAs(t, await createTestUser(t, 'account_team'));
    const cs = await signInAs(t, await createTestUser(t, 'customer_service'));
    const payload = { username: 'hr.admin.acme', email: 'hr@acme.example' };
    const url = `/api/identity/client-users/${clientUser}/profile`;
    expect((await t.app.inject({ method: 'POST', url, headers: cs.headers, payload })).statusCode).toBe(403);
    const res = await t.app.inject({ method: 'POST', url, headers: team.headers, payload });
    expect(res.statusCode, res.body).toBe(204);
    const found = await t.app.inject({
      method: 'POST',
      url: '/api/identity/client-users/lookup',
      headers: team.headers,
      payload: { username: 'HR.ADMIN.ACME' },
    });
    expect(found.json()).toMatchObject({ id: clientUser, username: 'hr.admin.acme' });
    await t.mailbox.waitFor((m) => m.to.includes('hr@acme.example') && m.subject.includes('Confirm'));
    const member = await t.app.inject({
      method: 'POST',
      url: '/api/identity/client-users/lookup',
      headers: team.headers,
      payload: { username: 'avery.new' },
    });
    expect(member.statusCode).toBe(404); // not a client user
  });
});
