// Username-first sign-in: SiteKey (real or decoy, indistinguishable), password step, rotation, brute-force brakes,
// staff lockout, and the first sign-in of an account without a SiteKey.
import { schema } from '@openpbm/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../src/identity/cookies';
import { createTestApp, type TestApp } from '../harness';
import { signInAs } from '../sign-in';
import { insertFamily } from './fixtures';
import { Client, createPasswordUser, GOOD_PASSWORD, passwordSignIn, registerMember } from './flows';

/** The row a query must have returned (a failed insert or lookup fails the test here). */
const must = <T>(value: T | null | undefined): T => {
  if (value == null) throw new Error('expected a row');
  return value;
};

let t: TestApp;
const start = new Date('2026-03-02T15:00:00Z');
const later = (seconds: number) => new Date(start.getTime() + seconds * 1000);
let ip = 0;
const fresh = () => Client.start(t, `10.1.0.${++ip}`);

beforeAll(async () => {
  t = await createTestApp({ now: start });
  const family = await insertFamily(t.db);
  await registerMember(t, family.subscriber, 'avery');
});
afterAll(() => t.close());

describe('SiteKey step', () => {
  it('shows the chosen picture and phrase for a known username', async () => {
    const res = await (await fresh()).post('/api/identity/sign-in/site-key', { username: ' Avery ' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.json()).toEqual({
      siteKey: {
        imageId: 'lighthouse',
        imageUrl: '/site-keys/lighthouse.svg',
        imageAlt: 'Red lighthouse',
        phrase: 'Grandma’s blue teapot',
      },
    });
  });

  it('gives an unknown username a stable decoy of the same shape', async () => {
    const c = await fresh();
    const a = (await c.post('/api/identity/sign-in/site-key', { username: 'nobody-here' })).json();
    const b = (await c.post('/api/identity/sign-in/site-key', { username: 'NOBODY-HERE' })).json();
    const other = (await c.post('/api/identity/sign-in/site-key', { username: 'someone-else' })).json();
    expect(a).toEqual(b);
    expect(Object.keys(a.siteKey).sort()).toEqual(['imageAlt', 'imageId', 'imageUrl', 'phrase']);
    expect(a.siteKey.imageUrl).toMatch(/^\/site-keys\/[a-z]+\.svg$/);
    expect(a.siteKey.phrase.length).toBeGreaterThan(3);
    expect(other).not.toEqual(a);
  });

  it('takes the same time for known and unknown usernames', async () => {
    // The route allows 60 requests a minute per address: spread the samples over several addresses.
    let c = await fresh();
    let sent = 0;
    const timeOne = async (username: string) => {
      if (++sent % 50 === 0) c = await fresh();
      const t0 = process.hrtime.bigint();
      const res = await c.post('/api/identity/sign-in/site-key', { username });
      expect(res.statusCode).toBe(200);
      return Number(process.hrtime.bigint() - t0) / 1e6;
    };
    for (let i = 0; i < 6; i++) await timeOne(i % 2 ? 'avery' : 'unknown-warmup'); // warm up
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 60; i++) {
      // Interleaved, so drift in machine load hits both samples alike.
      known.push(await timeOne('avery'));
      unknown.push(await timeOne(`ghost-${i}`));
    }
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] as number;
    const [mk, mu] = [median(known), median(unknown)];
    if (process.env.SHOW_TIMING)
      console.log(`site-key step median: known ${mk.toFixed(2)} ms, unknown ${mu.toFixed(2)} ms`);
    // Same status and shape are asserted above; timing: medians within 2 ms or 10% of each other.
    expect(Math.abs(mk - mu), `known ${mk.toFixed(2)} ms vs unknown ${mu.toFixed(2)} ms`).toBeLessThan(
      Math.max(2, 0.1 * Math.max(mk, mu)),
    );
  });
});

describe('password step', () => {
  it('signs in with a new session token (rotation) and records history and audit', async () => {
    t.setNow(start);
    const c = await fresh();
    const first = await passwordSignIn(t, 'avery', GOOD_PASSWORD, c);
    expect(first.res.statusCode, first.res.body).toBe(200);
    const firstToken = c.sessionToken;
    expect(firstToken).toBeDefined();
    const raw = String(first.res.headers['set-cookie']);
    expect(raw).toMatch(new RegExp(`${SESSION_COOKIE}=[^;]+; Path=/; HttpOnly; Secure; SameSite=Strict`));

    const second = await passwordSignIn(t, 'avery', GOOD_PASSWORD, c);
    expect(second.res.statusCode).toBe(200);
    expect(c.sessionToken).not.toBe(firstToken);
    const stale = await t.app.inject({
      method: 'GET',
      url: '/api/identity/session',
      headers: { cookie: `${SESSION_COOKIE}=${firstToken}` },
    });
    expect(stale.json().signedIn).toBe(false);
    expect((await c.get('/api/identity/session')).json()).toMatchObject({
      signedIn: true,
      user: { username: 'avery' },
    });

    const [user] = await t.db.db
      .select()
      .from(schema.users)
      .where(eq(schema.users.usernameNormalized, 'avery'));
    const history = await t.db.db
      .select()
      .from(schema.loginHistory)
      .where(eq(schema.loginHistory.userId, must(user).id));
    expect(history.filter((h) => h.result === 'success').length).toBeGreaterThanOrEqual(2);
    const audit = await t.db.db
      .select()
      .from(schema.auditEvents)
      .where(eq(schema.auditEvents.actorUserId, must(user).id));
    expect(audit.map((a) => a.action)).toContain('signed_in');
  });

  it('answers a wrong password and an unknown username identically', async () => {
    const c = await fresh();
    const wrong = await c.post('/api/identity/sign-in/password', {
      username: 'avery',
      password: 'not-the-password',
    });
    const unknown = await c.post('/api/identity/sign-in/password', {
      username: 'ghost',
      password: 'not-the-password',
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().detail).toBe('The username or password is incorrect.');
  });

  it('slows an account down after 5 failures with growing delays, then lets the owner in', async () => {
    const owner = await fresh();
    t.setNow(later(3600 * 3));
    const attack = async (i: number) =>
      (await fresh()).post('/api/identity/sign-in/password', { username: 'avery', password: `guess-${i}` });
    for (let i = 0; i < 6; i++) expect((await attack(i)).statusCode).toBe(401);
    const blocked = await passwordSignIn(t, 'avery', GOOD_PASSWORD, owner);
    expect(blocked.res.statusCode).toBe(429);
    expect(Number(blocked.res.headers['retry-after'])).toBe(2);
    t.setNow(later(3600 * 3 + 3));
    expect((await attack(7)).statusCode).toBe(401); // 7th failure: 4 s
    t.setNow(later(3600 * 3 + 5));
    expect((await passwordSignIn(t, 'avery', GOOD_PASSWORD, owner)).res.statusCode).toBe(429);
    t.setNow(later(3600 * 3 + 8));
    const ok = await passwordSignIn(t, 'avery', GOOD_PASSWORD, owner);
    expect(ok.res.statusCode, ok.res.body).toBe(200);
  });

  it('treats unknown usernames the same way (no tell-tale difference in throttling)', async () => {
    t.setNow(later(3600 * 6));
    for (let i = 0; i < 6; i++) {
      const res = await (await fresh()).post('/api/identity/sign-in/password', {
        username: 'ghost-2',
        password: 'x',
      });
      expect(res.statusCode).toBe(401);
    }
    expect(
      (await (await fresh()).post('/api/identity/sign-in/password', { username: 'ghost-2', password: 'x' }))
        .statusCode,
    ).toBe(429);
  });

  it('locks a staff account for 30 minutes after 10 failures in 30 minutes, and e-mails its owner', async () => {
    const base = 3600 * 10;
    t.setNow(later(base));
    const staff = await createPasswordUser(t, 'customer_service', 'cs.jones');
    for (let i = 0; i < 10; i++) {
      t.setNow(later(base + i * 100)); // 100 s apart: past each growing delay, all inside 30 minutes
      const res = await (await fresh()).post('/api/identity/sign-in/password', {
        username: 'cs.jones',
        password: `guess-${i}`,
      });
      expect(res.statusCode, `attempt ${i}`).toBe(401);
    }
    t.setNow(later(base + 1000 + 200));
    const locked = await passwordSignIn(t, 'cs.jones', GOOD_PASSWORD);
    expect(locked.res.statusCode).toBe(401);
    const mail = await t.mailbox.waitFor((m) => m.to.includes(staff.email) && m.subject.includes('locked'));
    expect(mail.text).toContain('30 minutes');
    t.setNow(later(base + 900 + 1800 + 60));
    const unlocked = await passwordSignIn(t, 'cs.jones', GOOD_PASSWORD);
    expect(unlocked.res.statusCode, unlocked.res.body).toBe(200);
  });

  it('signs in an account that has no SiteKey yet and asks it to choose one (seeded demo and staff users)', async () => {
    t.setNow(later(3600 * 20));
    await createPasswordUser(t, 'admin', 'demo.admin');
    const c = await fresh();
    const siteKey = await c.post('/api/identity/sign-in/site-key', { username: 'demo.admin' });
    expect(Object.keys(siteKey.json().siteKey).sort()).toEqual(['imageAlt', 'imageId', 'imageUrl', 'phrase']);
    const res = await c.post('/api/identity/sign-in/password', {
      username: 'demo.admin',
      password: GOOD_PASSWORD,
    });
    const all = ['site_key', 'challenge_questions', 'second_factor'];
    expect(res.json()).toEqual({ status: 'signed_in', setupRequired: all });
    expect((await c.get('/api/identity/session')).json().setupRequired).toEqual(all);

    const chosen = await c.request('PUT', '/api/identity/account/site-key', {
      imageId: 'anchor',
      phrase: 'Harbor at noon',
    });
    expect(chosen.statusCode, chosen.body).toBe(204);
    const answers = await c.request('PUT', '/api/identity/account/challenge-answers', {
      answers: [
        { questionId: 'first-car', answer: 'Volvo' },
        { questionId: 'first-job', answer: 'Paper route' },
        { questionId: 'childhood-hero', answer: 'My aunt' },
      ],
    });
    expect(answers.statusCode, answers.body).toBe(204);
    // Staff: a second factor is still to come (staff-second-factor.test.ts).
    expect((await c.get('/api/identity/session')).json().setupRequired).toEqual(['second_factor']);
    const shown = await (await fresh()).post('/api/identity/sign-in/site-key', { username: 'demo.admin' });
    expect(shown.json().siteKey).toMatchObject({ imageId: 'anchor', phrase: 'Harbor at noon' });

    // Changing it later needs the password again (re-authentication older than 5 minutes).
    t.setNow(later(3600 * 20 + 6 * 60));
    const change = await c.request('PUT', '/api/identity/account/site-key', {
      imageId: 'kite',
      phrase: 'Windy day',
    });
    expect(change.statusCode).toBe(403);
    expect(change.json().type).toBe('urn:openpbm:problem:reauthentication-required');
    const wrong = await c.post('/api/identity/account/reauthenticate', { password: 'nope-nope' });
    expect(wrong.statusCode).toBe(400);
    const before = c.sessionToken;
    expect(
      (await c.post('/api/identity/account/reauthenticate', { password: GOOD_PASSWORD })).statusCode,
    ).toBe(204);
    expect(c.sessionToken).not.toBe(before); // re-authentication rotates the token
    const stale = await t.app.inject({
      url: '/api/identity/session',
      headers: { cookie: `${SESSION_COOKIE}=${before}` },
    });
    expect(stale.json().signedIn).toBe(false);
    const changed = await c.request('PUT', '/api/identity/account/site-key', {
      imageId: 'kite',
      phrase: 'Windy day',
    });
    expect(changed.statusCode).toBe(204);
    await t.mailbox.waitFor((m) => m.to.includes('demo.admin@example.test') && m.subject.includes('SiteKey'));
  });

  it('needs a recent password for the first SiteKey and questions too (an old session cannot plant them)', async () => {
    t.setNow(later(3600 * 21));
    await createPasswordUser(t, 'customer_service', 'cs.stale');
    const { client: c, res } = await passwordSignIn(t, 'cs.stale', GOOD_PASSWORD, await fresh());
    expect(res.statusCode, res.body).toBe(200);
    t.setNow(later(3600 * 21 + 6 * 60));
    const questions = {
      answers: [
        { questionId: 'first-car', answer: 'Volvo' },
        { questionId: 'first-job', answer: 'Paper route' },
        { questionId: 'childhood-hero', answer: 'My aunt' },
      ],
    };
    const siteKey = { imageId: 'anchor', phrase: 'Harbor at noon' };
    for (const [url, body] of [
      ['/api/identity/account/site-key', siteKey],
      ['/api/identity/account/challenge-answers', questions],
    ] as const) {
      const refused = await c.request('PUT', url, body);
      expect(refused.statusCode, url).toBe(403);
      expect(refused.json().type).toBe('urn:openpbm:problem:reauthentication-required');
    }
    expect((await c.get('/api/identity/session')).json().setupRequired).toEqual(
      expect.arrayContaining(['site_key', 'challenge_questions']),
    );
    await c.post('/api/identity/account/reauthenticate', { password: GOOD_PASSWORD });
    expect((await c.request('PUT', '/api/identity/account/site-key', siteKey)).statusCode).toBe(204);
    expect((await c.request('PUT', '/api/identity/account/challenge-answers', questions)).statusCode).toBe(
      204,
    );
  });

  it('lets an administrator end every session of a user', async () => {
    t.setNow(later(3600 * 22));
    const target = await passwordSignIn(t, 'avery', GOOD_PASSWORD, await fresh());
    const admin = await signInAs(t, (await createPasswordUser(t, 'admin', 'root.admin')).id);
    const [user] = await t.db.db
      .select()
      .from(schema.users)
      .where(eq(schema.users.usernameNormalized, 'avery'));
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/identity/users/${user?.id}/sign-out-everywhere`,
      headers: admin.headers,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().signedOut).toBeGreaterThanOrEqual(1);
    expect((await target.client.get('/api/identity/session')).json().signedIn).toBe(false);
  });

  it('rotates away a session the browser already had', async () => {
    t.setNow(later(3600 * 23));
    const [user] = await t.db.db
      .select()
      .from(schema.users)
      .where(eq(schema.users.usernameNormalized, 'avery'));
    const { headers } = await signInAs(t, must(user).id);
    const c = await fresh();
    const old = /__Host-openpbm_session=([^;]+)/.exec(headers.cookie ?? '')?.[1] ?? '';
    c.cookies.set(SESSION_COOKIE, old);
    expect((await passwordSignIn(t, 'avery', GOOD_PASSWORD, c)).res.statusCode).toBe(200);
    expect(c.sessionToken).not.toBe(old);
    expect((await t.app.inject({ url: '/api/identity/session', headers })).json().signedIn).toBe(false);
  });
});
