// Sessions as a client sees them: cookie token → principal, idle and absolute timeouts, CSRF, sign-out.
import { schema } from '@openpbm/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../src/identity/cookies';
import { hashToken } from '../../src/identity/secrets';
import { createTestApp, type TestApp } from '../harness';
import { createTestUser, csrfFor, signInAs } from '../sign-in';

let t: TestApp;
let userId: string;
const start = new Date('2026-03-02T15:00:00Z');
const minutes = (n: number) => new Date(start.getTime() + n * 60_000);

beforeAll(async () => {
  t = await createTestApp({ now: start });
  userId = await createTestUser(t, 'customer_service');
});
afterAll(() => t.close());

const session = (headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url: '/api/identity/session', headers });

describe('sessions', () => {
  it('is signed out without a cookie', async () => {
    t.setNow(start);
    const res = await session();
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ signedIn: false, stage: null, user: null, idleTimeoutSeconds: 900 });
  });

  it('resolves the principal from the session cookie and stores only a hash of the token', async () => {
    t.setNow(start);
    const { headers, sessionId } = await signInAs(t, userId);
    const res = await session(headers);
    expect(res.json()).toMatchObject({
      signedIn: true,
      stage: 'full',
      user: { id: userId, role: 'customer_service' },
    });
    const token = headers.cookie?.match(new RegExp(`${SESSION_COOKIE}=([^;]+)`))?.[1] ?? '';
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 bits, base64url
    const [row] = await t.db.db.select().from(schema.sessions).where(eq(schema.sessions.id, sessionId));
    expect(row?.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
  });

  it('ends after 15 idle minutes', async () => {
    t.setNow(start);
    const { headers } = await signInAs(t, userId);
    t.setNow(minutes(14));
    expect((await session(headers)).json().signedIn).toBe(true);
    t.setNow(minutes(14 + 15));
    expect((await session(headers)).json().signedIn).toBe(false);
    t.setNow(minutes(14 + 16));
    expect((await session(headers)).json().signedIn).toBe(false);
  });

  it('ends 12 hours after sign-in however active the user is', async () => {
    t.setNow(start);
    const { headers } = await signInAs(t, userId);
    for (let m = 10; m < 12 * 60; m += 10) {
      t.setNow(minutes(m));
      expect((await session(headers)).json().signedIn, `at +${m} min`).toBe(true);
    }
    t.setNow(minutes(12 * 60));
    expect((await session(headers)).json().signedIn).toBe(false);
  });

  it('refuses a state-changing request with a session cookie but no CSRF token', async () => {
    t.setNow(start);
    const { headers } = await signInAs(t, userId);
    const noToken = await t.app.inject({
      method: 'POST',
      url: '/api/identity/sign-out',
      headers: { cookie: headers.cookie ?? '' },
    });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.headers['content-type']).toContain('application/problem+json');
    expect(noToken.json()).toMatchObject({ type: 'urn:openpbm:problem:csrf', status: 403 });
    const wrongToken = await t.app.inject({
      method: 'POST',
      url: '/api/identity/sign-out',
      headers: { ...headers, 'x-csrf-token': 'forged' },
    });
    expect(wrongToken.statusCode).toBe(403);
    expect((await session(headers)).json().signedIn).toBe(true);
  });

  it('refuses identity POSTs without a CSRF token even when signed out (login CSRF)', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/identity/sign-out' });
    expect(res.statusCode).toBe(403);
    const csrf = await csrfFor(t);
    const ok = await t.app.inject({ method: 'POST', url: '/api/identity/sign-out', headers: csrf.headers });
    expect(ok.statusCode).toBe(204);
  });

  it('signs out: the session is revoked server-side and the cookie cleared', async () => {
    t.setNow(start);
    const { headers, sessionId } = await signInAs(t, userId);
    const res = await t.app.inject({ method: 'POST', url: '/api/identity/sign-out', headers });
    expect(res.statusCode).toBe(204);
    const cleared = res.cookies.find((c) => c.name === SESSION_COOKIE);
    expect(cleared?.value).toBe('');
    expect((await session(headers)).json().signedIn).toBe(false);
    const [row] = await t.db.db.select().from(schema.sessions).where(eq(schema.sessions.id, sessionId));
    expect(row?.revokedReason).toBe('signed_out');
    const audit = await t.db.db
      .select()
      .from(schema.auditEvents)
      .where(eq(schema.auditEvents.resourceId, sessionId));
    expect(audit.map((a) => a.action)).toContain('signed_out');
  });

  it('sets the CSRF secret as a __Host- cookie: Secure, HttpOnly, SameSite=Strict, Path=/', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/identity/csrf' });
    const raw = String(res.headers['set-cookie']);
    expect(raw).toMatch(/^__Host-openpbm_csrf=/);
    expect(raw).toMatch(/Secure/);
    expect(raw).toMatch(/HttpOnly/);
    expect(raw).toMatch(/SameSite=Strict/);
    expect(raw).toMatch(/Path=\//);
    expect(raw).not.toMatch(/Domain=/);
  });
});
