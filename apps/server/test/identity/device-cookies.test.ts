// Lockout abuse (issue 19, item 3): a stranger's wrong guesses must not keep the owner out. A browser the owner
// signed in from before (signed device cookie) has its own failure budget; everyone else shares the account's,
// so the stranger still guesses no faster and still meets the staff lockout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVICE_COOKIE } from '../../src/identity/cookies';
import type { TestApp } from '../harness';
import { insertFamily } from './fixtures';
import {
  Client,
  createPasswordUser,
  GOOD_PASSWORD,
  passwordSignIn,
  registerMember,
  testClock,
} from './flows';

let t: TestApp;
const clock = testClock('2026-03-02T15:00:00Z', '10.7.0');
const { advance, fresh } = clock;

beforeAll(async () => {
  t = await clock.start();
  await registerMember(t, (await insertFamily(t.db)).subscriber, 'avery');
  await createPasswordUser(t, 'customer_service', 'cs.owner');
  await createPasswordUser(t, 'customer_service', 'cs.other');
});
afterAll(() => t.close());

/** The owner's browser: signed in once, so it holds a device cookie for that user; then signed out. */
async function ownersBrowser(username: string): Promise<Client> {
  const c = await fresh();
  const first = await passwordSignIn(t, username, GOOD_PASSWORD, c);
  expect(first.res.statusCode, first.res.body).toBe(200);
  expect(c.cookies.get(DEVICE_COOKIE)).toMatch(/^[\w-]+\.[\w-]+$/);
  await c.post('/api/identity/sign-out');
  return c;
}

/** One wrong password from the attacker's address (a new browser each time, as a script would). */
async function guess(username: string, attacker: string) {
  return passwordSignIn(t, username, 'wrong-password-guess', await Client.start(t, attacker));
}

describe('device cookies', () => {
  it('a stranger who locks a staff account cannot keep out the owner on a trusted browser', async () => {
    const owner = await ownersBrowser('cs.owner');
    const attacker = '203.0.113.66';
    // Paced guesses: 10 within the 30-minute window lock the account for every untrusted browser.
    for (let i = 0; i < 10; i++) {
      advance(150);
      expect((await guess('cs.owner', attacker)).res.statusCode).toBe(401);
    }
    // Still locked for the stranger, even with the right password, and from a fresh browser elsewhere.
    advance(150);
    expect((await passwordSignIn(t, 'cs.owner', GOOD_PASSWORD, await fresh())).res.statusCode).toBe(401);
    // The owner's browser is not held back.
    const signedIn = await passwordSignIn(t, 'cs.owner', GOOD_PASSWORD, owner);
    expect(signedIn.res.statusCode, signedIn.res.body).toBe(200);
    expect(signedIn.res.json().status).toBe('signed_in');
    // Signing in on a trusted browser does not reset the stranger's count: still locked for them.
    advance(150);
    expect((await passwordSignIn(t, 'cs.owner', GOOD_PASSWORD, await fresh())).res.statusCode).toBe(401);
  });

  it('a trusted browser that fails itself is slowed and locked on its own', async () => {
    const owner = await ownersBrowser('cs.other');
    const results: number[] = [];
    for (let i = 0; i < 10; i++) {
      advance(170);
      results.push((await passwordSignIn(t, 'cs.other', 'fat-fingered-password', owner)).res.statusCode);
    }
    expect(results).toEqual(Array(10).fill(401));
    // The browser's own lockout: 30 minutes, shown to it as a wait.
    advance(60);
    const locked = await passwordSignIn(t, 'cs.other', GOOD_PASSWORD, owner);
    expect(locked.res.statusCode).toBe(429);
    // Another browser (no device cookie) is not locked by the trusted browser's failures.
    expect((await passwordSignIn(t, 'cs.other', GOOD_PASSWORD, await fresh())).res.statusCode).toBe(200);
  });

  it('a member is not kept behind a stranger’s growing delay on a trusted browser', async () => {
    advance(3600 * 3);
    const owner = await ownersBrowser('avery');
    const attacker = '198.51.100.9';
    for (let i = 0; i < 6; i++) await guess('avery', attacker);
    // The account's budget is spent: any browser without the owner's device cookie waits...
    const elsewhere = await passwordSignIn(t, 'avery', GOOD_PASSWORD, await fresh());
    expect(elsewhere.res.statusCode).toBe(429);
    // ...but the owner's browser signs in at once.
    const signedIn = await passwordSignIn(t, 'avery', GOOD_PASSWORD, owner);
    expect(signedIn.res.statusCode, signedIn.res.body).toBe(200);
  });

  it('gives a stranger no faster guessing: forged and other users’ device cookies count as untrusted', async () => {
    advance(3600 * 3);
    const own = await ownersBrowser('cs.other'); // the attacker's own account on a browser they control
    const forged = await fresh();
    forged.cookies.set(DEVICE_COOKIE, 'bm9uY2U.c2lnbmF0dXJl');
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const browser = i % 2 ? own : forged;
      statuses.push((await passwordSignIn(t, 'avery', 'another-wrong-guess', browser)).res.statusCode);
    }
    // Six failures (five free, the sixth starts the delay), then a wait, exactly as without any cookie.
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 429]);
  });
});
