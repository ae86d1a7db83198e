// Activation (member facts from eligibility) and registration (username, password rules, SiteKey, questions,
// e-mail verification) through HTTP.
import { schema } from '@openpbm/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../harness';
import { withoutLinks } from '../support/mail-text';
import { type Family, insertFamily } from './fixtures';
import { ANSWERS, activationBody, Client, GOOD_PASSWORD, passwordSignIn } from './flows';

/** The row a query must have returned (a failed insert or lookup fails the test here). */
const must = <T>(value: T | null | undefined): T => {
  if (value == null) throw new Error('expected a row');
  return value;
};

let t: TestApp;
let family: Family;
let ip = 0;
/** Each test its own client address, so the per-IP brakes of one test do not slow another. */
const fresh = () => Client.start(t, `10.0.0.${++ip}`);

beforeAll(async () => {
  t = await createTestApp({ now: new Date('2026-03-02T15:00:00Z') });
  family = await insertFamily(t.db);
});
afterAll(() => t.close());

describe('activation', () => {
  it('accepts the member facts however they are typed (case, dashes, accents)', async () => {
    const c = await fresh();
    const m = family.subscriber;
    const res = await c.post('/api/identity/activation', {
      memberId: ` ${m.memberNumber.toLowerCase().slice(0, 6)}-${m.memberNumber.slice(6).toLowerCase()} `,
      dateOfBirth: m.dateOfBirth,
      lastName: 'obrien nunez',
      zip: `${m.zip}-1234`,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ firstName: 'Avery', expiresInMinutes: 30 });
    expect(res.json().registrationToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('answers every mismatch with the same generic failure', async () => {
    const m = family.subscriber;
    const attempts = [
      { ...activationBody(m), dateOfBirth: '1980-05-18' },
      { ...activationBody(m), lastName: 'Smith' },
      { ...activationBody(m), zip: '60615' },
      { ...activationBody(m), memberId: 'OPB000000000' },
      activationBody(family.minorDependent),
      activationBody(family.formerMember),
    ];
    const bodies = new Set<string>();
    for (const body of attempts) {
      const res = await (await fresh()).post('/api/identity/activation', body);
      expect(res.statusCode).toBe(400);
      const { instance: _instance, ...problem } = res.json();
      bodies.add(JSON.stringify(problem));
    }
    expect(bodies.size).toBe(1);
    expect([...bodies][0]).toContain('activation-failed');
  });

  it('lets an adult dependent activate their own account', async () => {
    const res = await (await fresh()).post('/api/identity/activation', activationBody(family.adultDependent));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().firstName).toBe('Jordan');
  });

  it('slows down repeated failures from one address with growing delays', async () => {
    const c = await fresh();
    for (let i = 0; i < 6; i++) {
      const guess = { ...activationBody(family.subscriber), memberId: `OPB99999900${i}` };
      expect((await c.post('/api/identity/activation', guess)).statusCode).toBe(400);
    }
    const blocked = await c.post('/api/identity/activation', activationBody(family.adultDependent));
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().detail).toMatch(/wait \d+ seconds/);
  });

  it('slows down guesses at one member ID from many addresses', async () => {
    // One failure for this member is already counted by the generic-failure test above: 5 more make 6.
    for (let i = 0; i < 5; i++) {
      const guess = { ...activationBody(family.formerMember), dateOfBirth: `1990-01-1${i}` };
      expect((await (await fresh()).post('/api/identity/activation', guess)).statusCode).toBe(400);
    }
    const blocked = await (await fresh()).post(
      '/api/identity/activation',
      activationBody(family.formerMember),
    );
    expect(blocked.statusCode).toBe(429);
    const audit = await t.db.db
      .select()
      .from(schema.auditEvents)
      .where(eq(schema.auditEvents.action, 'activation_failed'));
    expect(audit.length).toBeGreaterThanOrEqual(11);
  });
});

describe('registration', () => {
  // Past the per-member delays the failure tests above earned.
  beforeAll(() => t.setNow(new Date('2026-03-02T18:00:00Z')));

  async function ticket(member = family.subscriber) {
    const c = await fresh();
    const res = await c.post('/api/identity/activation', activationBody(member));
    expect(res.statusCode, res.body).toBe(200);
    return { c, token: res.json().registrationToken as string };
  }

  const body = (registrationToken: string, over: Record<string, unknown> = {}) => ({
    registrationToken,
    username: 'avery.obrien',
    email: 'avery@example.test',
    password: GOOD_PASSWORD,
    siteKey: { imageId: 'kite', phrase: 'Sunday pancakes' },
    challengeAnswers: ANSWERS,
    ...over,
  });

  it('refuses short, common and username-containing passwords with field errors', async () => {
    const { c, token } = await ticket();
    const cases: [string, RegExp][] = [
      ['short7!', /at least 8/],
      ['password123', /too common/],
      ['iloveyou2', /too common/],
      ['xx-avery.obrien-xx', /username/],
      ['my-openpbm-login-2024', /name of this service/],
      ['avery-and-some-words', /e-mail/],
    ];
    for (const [password, message] of cases) {
      const res = await c.post('/api/identity/registration', body(token, { password }));
      expect(res.statusCode, password).toBe(400);
      const errors = res.json().errors as { field: string; message: string }[];
      expect(errors.find((e) => e.field === 'password')?.message, password).toMatch(message);
    }
    const long = await c.post('/api/identity/registration', body(token, { password: 'x'.repeat(129) }));
    expect(long.json().errors[0].message).toMatch(/at most 128/);
  });

  it('needs three different questions and an e-mail address', async () => {
    const { c, token } = await ticket();
    const same = await c.post(
      '/api/identity/registration',
      body(token, { challengeAnswers: [ANSWERS[0], ANSWERS[0], ANSWERS[1]] }),
    );
    expect(same.statusCode).toBe(400);
    expect(same.json().errors[0]).toMatchObject({ field: 'challengeAnswers' });
    const badEmail = await c.post('/api/identity/registration', body(token, { email: 'not-an-email' }));
    expect(badEmail.statusCode).toBe(400);
    expect(badEmail.json().errors[0]).toMatchObject({ field: 'email' });
  });

  it('creates a pending account that signs in only after the e-mailed link is used', async () => {
    const { c, token } = await ticket();
    const res = await c.post('/api/identity/registration', body(token));
    expect(res.statusCode, res.body).toBe(201);
    const [user] = await t.db.db
      .select()
      .from(schema.users)
      .where(eq(schema.users.usernameNormalized, 'avery.obrien'));
    expect(user).toMatchObject({
      status: 'pending',
      role: 'member',
      memberId: family.subscriber.id,
      emailVerifiedAt: null,
    });
    expect(user?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const answers = await t.db.db
      .select()
      .from(schema.challengeAnswers)
      .where(eq(schema.challengeAnswers.userId, must(user).id));
    expect(answers).toHaveLength(3);
    for (const a of answers) expect(a.answerHash).toMatch(/^\$argon2id\$/);
    const [siteKey] = await t.db.db
      .select()
      .from(schema.siteKeys)
      .where(eq(schema.siteKeys.userId, must(user).id));
    expect(siteKey?.phraseEnc).not.toContain('pancakes');

    const early = await passwordSignIn(t, 'avery.obrien', GOOD_PASSWORD);
    expect(early.res.statusCode).toBe(403);
    expect(early.res.json().type).toBe('urn:openpbm:problem:email-unverified');

    // Trying to sign in with the right password sent a fresh link; the newest one is the one that works.
    await t.mailbox.waitFor(() => t.mailbox.to('avery@example.test').length === 2);
    const [mail, first] = t.mailbox.to('avery@example.test');
    if (!mail || !first) throw new Error('expected two mails');
    const oldToken = /#token=([A-Za-z0-9_-]+)/.exec(first.text)?.[1];
    expect((await c.post('/api/identity/email/verify', { token: oldToken })).statusCode).toBe(400);
    expect(withoutLinks(mail.text)).not.toMatch(/OPB|1980|60614/); // no member data in the mail
    const link = /(http\S+)#token=([A-Za-z0-9_-]+)/.exec(mail.text);
    expect(link?.[1]).toMatch(/\/verify-email$/);
    const verified = await c.post('/api/identity/email/verify', { token: link?.[2] });
    expect(verified.json()).toEqual({ verified: true, username: 'avery.obrien' });
    expect((await c.post('/api/identity/email/verify', { token: link?.[2] })).statusCode).toBe(400); // single use

    const signedIn = await passwordSignIn(t, 'AVERY.OBRIEN', GOOD_PASSWORD);
    expect(signedIn.res.statusCode, signedIn.res.body).toBe(200);
    expect(signedIn.res.json()).toEqual({ status: 'signed_in', setupRequired: [] });
  });

  it('refuses a taken username, uses a registration token once, and tells a registered member so', async () => {
    const { c, token } = await ticket(family.adultDependent);
    const taken = await c.post(
      '/api/identity/registration',
      body(token, { username: 'Avery.OBrien', email: 'jordan@example.test' }),
    );
    expect(taken.statusCode).toBe(400);
    expect(taken.json().errors).toEqual([
      { field: 'username', message: 'That username is taken. Choose another.' },
    ]);
    const first = await c.post(
      '/api/identity/registration',
      body(token, { username: 'jordan1', email: 'jordan@example.test' }),
    );
    expect(first.statusCode, first.body).toBe(201);
    const again = await c.post(
      '/api/identity/registration',
      body(token, { username: 'jordan2', email: 'jordan@example.test' }),
    );
    expect(again.statusCode).toBe(400);
    expect(again.json().type).toBe('urn:openpbm:problem:registration-expired');
    const reactivate = await (await fresh()).post(
      '/api/identity/activation',
      activationBody(family.adultDependent),
    );
    expect(reactivate.statusCode).toBe(409);
  });
});
