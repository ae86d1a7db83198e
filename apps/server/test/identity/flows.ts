// Identity flows through HTTP for tests: activate → register → verify e-mail, and password sign-in.
import { schema } from '@openpbm/db';
import { normalizeUsername, type Role } from '@openpbm/db/schema/users';
import { expect } from 'vitest';
import { SESSION_COOKIE } from '../../src/identity/cookies';
import { hashSecret } from '../../src/identity/passwords';
import { createTestApp, type TestApp, type TestAppOptions } from '../harness';
import { csrfFor } from '../sign-in';
import type { FixtureMember } from './fixtures';

export const GOOD_PASSWORD = 'violet-harbor-teacup-42';

export const ANSWERS = [
  { questionId: 'first-pet', answer: 'Biscuit' },
  { questionId: 'first-street', answer: 'Maple Avenue' },
  { questionId: 'first-job', answer: 'Lifeguard' },
];

export interface Registered {
  username: string;
  email: string;
  password: string;
}

/** A browser-like client: keeps cookies between requests and sends the CSRF header. */
export class Client {
  cookies = new Map<string, string>();
  csrf = '';
  constructor(
    readonly t: TestApp,
    readonly remoteAddress = '127.0.0.1',
  ) {}

  static async start(t: TestApp, remoteAddress?: string): Promise<Client> {
    const c = new Client(t, remoteAddress);
    const csrf = await csrfFor(t);
    const [name, value] = csrf.cookie.split('=') as [string, string];
    c.cookies.set(name, value);
    c.csrf = csrf.token;
    return c;
  }

  get headers(): Record<string, string> {
    return {
      cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      'x-csrf-token': this.csrf,
    };
  }

  async request(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) {
    const res = await this.t.app.inject({
      method,
      url,
      headers: this.headers,
      remoteAddress: this.remoteAddress,
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
    for (const c of res.cookies) {
      if (c.value === '' || (c.maxAge !== undefined && c.maxAge <= 0)) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return res;
  }

  post = (url: string, payload?: unknown) => this.request('POST', url, payload ?? {});
  get = (url: string) => this.request('GET', url);

  get sessionToken(): string | undefined {
    return this.cookies.get(SESSION_COOKIE);
  }
}

/**
 * The moved clock and fresh clients of one identity test file. `advance` moves the clock the app sees; every
 * `fresh()` client comes from its own address in `subnet` (one subnet per file), so per-address rate limits
 * never carry over from one step to the next.
 *
 *   const clock = testClock('2026-03-02T15:00:07Z', '10.3.0');
 *   const { advance, fresh } = clock;
 *   beforeAll(async () => { t = await clock.start(); });   // ... totpCodeAt(secret, clock.now)
 */
export function testClock(start: string, subnet: string) {
  let app: TestApp | undefined;
  let ip = 0;
  const clock = {
    now: new Date(start),
    /** Starts the test app with its clock at `now`. */
    async start(options: Omit<TestAppOptions, 'now'> = {}): Promise<TestApp> {
      app = await createTestApp({ ...options, now: clock.now });
      return app;
    },
    advance(seconds: number): void {
      clock.now = new Date(clock.now.getTime() + seconds * 1000);
      app?.setNow(clock.now);
    },
    fresh(): Promise<Client> {
      if (!app) throw new Error('testClock: call start() first');
      ip += 1;
      return Client.start(app, `${subnet}.${ip}`);
    },
  };
  return clock;
}

export const activationBody = (m: FixtureMember) => ({
  memberId: m.memberNumber,
  dateOfBirth: m.dateOfBirth,
  lastName: m.lastName,
  zip: m.zip,
});

/** Activation + registration + the e-mailed verification link. */
export async function registerMember(
  t: TestApp,
  member: FixtureMember,
  username: string,
): Promise<Registered> {
  const c = await Client.start(t);
  const activated = await c.post('/api/identity/activation', activationBody(member));
  expect(activated.statusCode, activated.body).toBe(200);
  const email = `${username}@example.test`;
  const registered = await c.post('/api/identity/registration', {
    registrationToken: activated.json().registrationToken,
    username,
    email,
    password: GOOD_PASSWORD,
    siteKey: { imageId: 'lighthouse', phrase: 'Grandma’s blue teapot' },
    challengeAnswers: ANSWERS,
  });
  expect(registered.statusCode, registered.body).toBe(201);
  const mail = await t.mailbox.waitFor((m) => m.to.includes(email) && m.subject.includes('Confirm'));
  const token = /#token=([A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
  const verified = await c.post('/api/identity/email/verify', { token });
  expect(verified.statusCode, verified.body).toBe(200);
  return { username, email, password: GOOD_PASSWORD };
}

/** Username → SiteKey → password; returns the client (signed in, or waiting for a second factor) and the answer. */
export async function passwordSignIn(t: TestApp, username: string, password: string, client?: Client) {
  const c = client ?? (await Client.start(t));
  const siteKey = await c.post('/api/identity/sign-in/site-key', { username });
  expect(siteKey.statusCode).toBe(200);
  const res = await c.post('/api/identity/sign-in/password', { username, password });
  return { client: c, res };
}

/** An active user with a password and no SiteKey or questions (like the seeded demo and staff accounts). */
export async function createPasswordUser(
  t: TestApp,
  role: Role,
  username: string,
  password = GOOD_PASSWORD,
  links: { memberId?: string } = {},
) {
  const [row] = await t.db.db
    .insert(schema.users)
    .values({
      username,
      usernameNormalized: normalizeUsername(username),
      email: `${username}@example.test`,
      emailVerifiedAt: new Date('2026-01-01T00:00:00Z'),
      passwordHash: await hashSecret(password),
      role,
      displayName: `Demo ${role}`,
      ...links,
    })
    .returning();
  if (!row) throw new Error('insert failed');
  return row;
}
