// ASVS 6.3.2 for staff (issue 19, item 3): every staff role needs a second factor. A staff user without one is
// signed in only to the account's own security settings until they enrol an authenticator app; afterwards every
// sign-in asks for the code.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCodeAt } from '../../src/identity/totp';
import type { TestApp } from '../harness';
import { type Client, createPasswordUser, GOOD_PASSWORD, passwordSignIn, testClock } from './flows';

let t: TestApp;
const clock = testClock('2026-03-02T15:00:07Z', '10.8.0');
const { advance, fresh } = clock;

beforeAll(async () => {
  t = await clock.start();
  await createPasswordUser(t, 'admin', 'new.admin');
  await createPasswordUser(t, 'clinical_reviewer', 'new.reviewer');
});
afterAll(() => t.close());

/** An admin-only route: 404 for an unknown user once allowed, 403 while refused. */
const adminAction = (c: Client) => c.post(`/api/identity/users/${randomUUID()}/sign-out-everywhere`);

describe('second factor for staff', () => {
  it('keeps a staff user without one in setup until an authenticator app is enrolled', async () => {
    const { client: c, res } = await passwordSignIn(t, 'new.admin', GOOD_PASSWORD, await fresh());
    expect(res.json()).toMatchObject({ status: 'signed_in' });
    expect(res.json().setupRequired).toContain('second_factor');

    const refused = await adminAction(c);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().type).toBe('urn:openpbm:problem:second-factor-required');
    // The account's own security settings stay open: that is where the setup happens.
    expect((await c.get('/api/identity/account')).statusCode).toBe(200);

    const setup = await c.post('/api/identity/account/totp/setup');
    expect(setup.statusCode, setup.body).toBe(200);
    const secret = setup.json().secret as string;
    const confirmed = await c.post('/api/identity/account/totp/confirm', {
      code: await totpCodeAt(secret, clock.now),
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect((await c.get('/api/identity/session')).json().setupRequired).not.toContain('second_factor');
    expect((await adminAction(c)).statusCode).not.toBe(403);

    // From now on the password alone is not enough.
    advance(60);
    const next = await passwordSignIn(t, 'new.admin', GOOD_PASSWORD, await fresh());
    expect(next.res.json()).toMatchObject({
      status: 'second_factor_required',
      methods: ['totp', 'recovery_code'],
    });
    expect((await adminAction(next.client)).statusCode).toBe(401);
    const done = await next.client.post('/api/identity/sign-in/totp', {
      code: await totpCodeAt(secret, clock.now),
    });
    expect(done.statusCode, done.body).toBe(200);
    expect((await adminAction(next.client)).statusCode).not.toBe(403);
  });

  it('applies to every staff role, not only administrators', async () => {
    const { client: c } = await passwordSignIn(t, 'new.reviewer', GOOD_PASSWORD, await fresh());
    const queue = await c.get('/api/prior-auth/review/queue');
    expect(queue.statusCode).toBe(403);
    expect(queue.json().type).toBe('urn:openpbm:problem:second-factor-required');
  });
});
