// The role matrix over the whole application: every /api route of every domain is public by declaration or
// refuses signed-out callers (401) and every role it does not allow (403); a route that takes a member id answers
// another family's member with 404 for the roles it allows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutesOf } from '../../src/identity/route-registry';
import { createTestApp, type TestApp } from '../harness';
import { checkRouteMatrix } from '../route-matrix';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: new Date('2026-03-02T15:00:00Z') });
});
afterAll(() => t.close());

describe('route matrix', () => {
  it('knows the routes of every domain', () => {
    const urls = apiRoutesOf(t.deps).map((r) => `${r.method} ${r.url}`);
    expect(urls).toContain('GET /api/identity/account');
    expect(urls).toContain('POST /api/identity/sign-in/password');
    expect(urls).toContain('GET /api/clients/:clientId/reports/plan');
  });

  it('every non-public /api route answers 401 signed out, 403 to every other role, 404 for a foreign member id', {
    timeout: 120_000,
  }, async () => {
    const { checked, violations } = await checkRouteMatrix(t);
    expect(violations).toEqual([]);
    expect(checked).toBeGreaterThan(10);
  });

  it('finds the routes that take a member id (the foreign-ID cases)', () => {
    const takes = apiRoutesOf(t.deps)
      .filter((r) => !r.public && r.memberIdIn.length > 0)
      .map((r) => `${r.method} ${r.url}`);
    expect(takes).toEqual(
      expect.arrayContaining([
        'GET /api/id-card',
        'GET /api/benefits/members/:memberId/claims',
        'POST /api/benefits/price-check',
        'POST /api/transfers',
      ]),
    );
    // A prescriber names a patient by a look-up's handle, never by a member id.
    expect(takes.filter((name) => name.includes('/prescriber/'))).toEqual([]);
  });

  it('lists the public routes (review this list when it changes)', () => {
    const publicRoutes = apiRoutesOf(t.deps)
      .filter((r) => r.public && r.url.startsWith('/api/identity/'))
      .map((r) => `${r.method} ${r.url}`)
      .sort();
    expect(publicRoutes).toEqual([
      'GET /api/identity/challenge-questions',
      'GET /api/identity/csrf',
      'GET /api/identity/session',
      'GET /api/identity/site-key-images',
      'POST /api/identity/activation',
      'POST /api/identity/email/verify',
      'POST /api/identity/forgot-username',
      'POST /api/identity/password-reset/complete',
      'POST /api/identity/password-reset/question',
      'POST /api/identity/password-reset/request',
      'POST /api/identity/registration',
      'POST /api/identity/sign-in/passkey',
      'POST /api/identity/sign-in/passkey/options',
      'POST /api/identity/sign-in/password',
      'POST /api/identity/sign-in/recovery-code',
      'POST /api/identity/sign-in/site-key',
      'POST /api/identity/sign-in/totp',
      'POST /api/identity/sign-out',
    ]);
  });
});
