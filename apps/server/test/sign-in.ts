// USED BY OTHER DOMAINS' TESTS: signs a user in through the real session service (no bypass) and returns the
// headers app.inject needs for authenticated, CSRF-protected requests:
//
//   const { headers } = await signInAs(t, userId);
//   await t.app.inject({ method: 'POST', url: '/api/...', headers, payload });
//
// The user must exist (insert it in `prepare` or with createTestUser below). The session is a full one (as after
// password + second factor), with a fresh re-authentication, and expires like any other (idle / absolute).
import { schema } from '@openpbm/db';
import type { Role } from '@openpbm/db/schema/users';
import { normalizeUsername } from '@openpbm/db/schema/users';
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE } from '../src/identity/cookies';
import { createSessionService } from '../src/identity/session-service';
import type { TestApp } from './harness';

export interface SignedIn {
  headers: Record<string, string>;
  sessionId: string;
}

export async function signInAs(testApp: TestApp, userId: string): Promise<SignedIn> {
  // Password and a second factor, as every staff session needs (a member's would have only what it enrolled).
  const { token, session } = await createSessionService(testApp.deps).issue(
    userId,
    'full',
    ['test', 'totp'],
    {
      ip: '127.0.0.1',
      userAgent: 'vitest',
    },
  );
  const csrf = await csrfFor(testApp);
  return {
    sessionId: session.id,
    headers: { cookie: `${SESSION_COOKIE}=${token}; ${csrf.cookie}`, [CSRF_HEADER]: csrf.token },
  };
}

/** A CSRF secret cookie and matching token, for requests made signed out (sign-in, activation). */
export async function csrfFor(
  testApp: TestApp,
): Promise<{ cookie: string; token: string; headers: Record<string, string> }> {
  const res = await testApp.app.inject({ method: 'GET', url: '/api/identity/csrf' });
  const set = res.cookies.find((c) => c.name === CSRF_COOKIE);
  if (!set) throw new Error('GET /api/identity/csrf did not set the CSRF cookie');
  const cookie = `${CSRF_COOKIE}=${set.value}`;
  const token = (res.json() as { token: string }).token;
  return { cookie, token, headers: { cookie, [CSRF_HEADER]: token } };
}

let counter = 0;

/**
 * Inserts an active user for a role that needs no scope link, or pass the link (memberId, clientId, …).
 * No password: sign in with signInAs.
 */
export async function createTestUser(
  testApp: TestApp,
  role: Role,
  links: Partial<
    Pick<
      typeof schema.users.$inferInsert,
      'memberId' | 'clientId' | 'advisorId' | 'prescriberId' | 'pharmacyId'
    >
  > = {},
): Promise<string> {
  counter += 1;
  const username = `test-${role}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
  const [row] = await testApp.db.db
    .insert(schema.users)
    .values({
      username,
      usernameNormalized: normalizeUsername(username),
      email: `${username}@example.test`,
      role,
      displayName: `Test ${role}`,
      ...links,
    })
    .returning({ id: schema.users.id });
  if (!row) throw new Error('user insert returned nothing');
  return row.id;
}
