// A password sign-in is limited by the server's per-statement work (building and sending each one), so its round
// trips are counted here: a member on a browser they used before, without a second factor, sends at most
// SIGN_IN_STATEMENTS statements (bench: `npm run bench sign-in` reports the same count as roundTripsPerSignIn).
// The test also checks that the fewer statements still write all a sign-in writes, and that a browser new to the
// account still brings the new-device e-mail. On PGlite and PostgreSQL.
import { schema } from '@openpbm/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVICE_COOKIE } from '../../src/identity/cookies';
import { hashToken } from '../../src/identity/secrets';
import { verifyAuditChain } from '../../src/privacy/audit';
import type { TestApp } from '../harness';
import { insertFamily } from './fixtures';
import { type Client, passwordSignIn, type Registered, registerMember, testClock } from './flows';

/**
 * Two reads (the account's state, the failure counters), BEGIN, the session, the sign-in's other writes (one
 * statement), the audit chain's lock, its last hash, the audit row, COMMIT, and the rate-limit counter (was 24).
 */
const SIGN_IN_STATEMENTS = 10;

let t: TestApp;
let member: Registered;
const clock = testClock('2026-03-04T09:00:00Z', '10.9.0');
let capturing = false;
const sent: string[] = [];

beforeAll(async () => {
  t = await clock.start({
    onQuery: (text) => {
      if (capturing) sent.push(text);
    },
  });
  member = await registerMember(t, (await insertFamily(t.db)).subscriber, 'rowan');
});
afterAll(() => t?.close());

/** Statements sent while `run` runs. PGlite sends its transactions' BEGIN and COMMIT itself, unseen: added. */
async function statementsOf(run: () => Promise<unknown>): Promise<string[]> {
  sent.length = 0;
  capturing = true;
  try {
    await run();
  } finally {
    capturing = false;
  }
  const texts = [...sent];
  if (t.db.kind === 'pglite' && texts.some((s) => /pg_advisory_xact_lock/.test(s)))
    texts.push('begin (PGlite)', 'commit (PGlite)');
  return texts;
}

const newDeviceMails = () =>
  t.mailbox.to(member.email).filter((m) => m.subject === 'New sign-in to your OpenPBM account');

async function signIn(c?: Client, password = member.password) {
  return passwordSignIn(t, member.username, password, c ?? (await clock.fresh()));
}

describe('password sign-in round trips', () => {
  it('a member on a trusted browser signs in with few statements, writing all a sign-in writes', async () => {
    // The browser's first sign-in makes it trusted (the account's first device: no new-device e-mail).
    const first = await signIn();
    expect(first.res.json()).toEqual({ status: 'signed_in', setupRequired: [] });
    const browser = first.client;
    const deviceToken = browser.cookies.get(DEVICE_COOKIE) as string;
    expect(deviceToken).toBeTruthy();
    await browser.post('/api/identity/sign-out');
    // A wrong password from that browser counts against the browser's own budget.
    clock.advance(60);
    expect((await signIn(browser, 'not-the-password-at-all')).res.statusCode).toBe(401);
    const userId = (
      await t.db.db
        .select({ id: schema.users.id })
        .from(schema.users)
        .where(eq(schema.users.username, member.username))
    )[0]?.id as string;
    const deviceKey = `device:${hashToken(deviceToken)}:${userId}`;
    const counters = () =>
      t.db.db.select({ key: schema.authFailureCounters.key }).from(schema.authFailureCounters);
    expect((await counters()).map((c) => c.key)).toContain(deviceKey);

    clock.advance(60);
    const signedInAt = clock.now;
    const auditsBefore = await t.db.db
      .select({ id: schema.auditEvents.id })
      .from(schema.auditEvents)
      .where(eq(schema.auditEvents.action, 'signed_in'));
    let res: Awaited<ReturnType<typeof signIn>>['res'] | undefined;
    // The SiteKey step first (not counted): the password step is what the bench measures.
    expect(
      (await browser.post('/api/identity/sign-in/site-key', { username: member.username })).statusCode,
    ).toBe(200);
    const statements = await statementsOf(async () => {
      res = await browser.post('/api/identity/sign-in/password', {
        username: member.username,
        password: member.password,
      });
    });
    expect(res?.json()).toEqual({ status: 'signed_in', setupRequired: [] });
    // PGlite keeps the rate-limit counters in memory (rate-limit-store.ts): one statement fewer there.
    const limit = SIGN_IN_STATEMENTS - (t.db.kind === 'pglite' ? 1 : 0);
    expect(statements.length, statements.join('\n')).toBeLessThanOrEqual(limit);
    expect(statements.filter((s) => /^\s*(savepoint|release)\b/i.test(s))).toEqual([]);

    // The session, the last sign-in time, the history row, the device seen now, the browser's counter cleared.
    const [session] = await t.db.db
      .select()
      .from(schema.sessions)
      .where(and(eq(schema.sessions.userId, userId), eq(schema.sessions.createdAt, signedInAt)));
    expect(session?.stage).toBe('full');
    const [user] = await t.db.db.select().from(schema.users).where(eq(schema.users.id, userId));
    expect(user?.lastLoginAt).toEqual(signedInAt);
    const history = await t.db.db
      .select()
      .from(schema.loginHistory)
      .where(and(eq(schema.loginHistory.userId, userId), eq(schema.loginHistory.at, signedInAt)));
    expect(history).toMatchObject([{ result: 'success', method: 'password', userAgent: 'lightMyRequest' }]);
    const devices = await t.db.db
      .select()
      .from(schema.knownDevices)
      .where(eq(schema.knownDevices.userId, userId));
    expect(devices).toHaveLength(1);
    expect(devices[0]?.lastSeenAt).toEqual(signedInAt);
    expect(devices[0]?.firstSeenAt).not.toEqual(signedInAt);
    expect((await counters()).map((c) => c.key)).not.toContain(deviceKey);
    // One audit row for the sign-in, chained.
    const audits = await t.db.db
      .select()
      .from(schema.auditEvents)
      .where(eq(schema.auditEvents.action, 'signed_in'));
    expect(audits).toHaveLength(auditsBefore.length + 1);
    expect(audits.at(-1)).toMatchObject({
      actorUserId: userId,
      resourceType: 'session',
      resourceId: session?.id,
      detail: { methods: ['password'], newDevice: false },
    });
    expect(await verifyAuditChain(t.db.db)).toBeNull();
    expect(newDeviceMails()).toHaveLength(0);
  });

  it('a browser new to an account that has one brings the new-device e-mail, once', async () => {
    clock.advance(60);
    const other = await signIn();
    expect(other.res.statusCode, other.res.body).toBe(200);
    await t.mailbox.waitFor((m) => m.to.includes(member.email) && m.subject.startsWith('New sign-in'));
    const audits = await t.db.db
      .select()
      .from(schema.auditEvents)
      .where(eq(schema.auditEvents.action, 'signed_in'));
    expect(audits.at(-1)?.detail).toEqual({ methods: ['password'], newDevice: true });
    // The same browser again: known now, no second e-mail.
    await other.client.post('/api/identity/sign-out');
    clock.advance(60);
    expect((await signIn(other.client)).res.statusCode).toBe(200);
    expect(newDeviceMails()).toHaveLength(1);
  });
});
