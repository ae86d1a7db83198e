// Password reset (link + security question, no 2FA bypass), forgot username, change password, active sessions and
// sign-in history.
import { schema } from '@openpbm/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCodeAt } from '../../src/identity/totp';
import type { TestApp } from '../harness';
import { type Family, insertFamily } from './fixtures';
import { createPasswordUser, GOOD_PASSWORD, passwordSignIn, registerMember, testClock } from './flows';

/** The row a query must have returned (a failed insert or lookup fails the test here). */
const must = <T>(value: T | null | undefined): T => {
  if (value == null) throw new Error('expected a row');
  return value;
};

let t: TestApp;
const clock = testClock('2026-03-02T15:00:07Z', '10.3.0');
const { advance, fresh } = clock;
const NEW_PASSWORD = 'quiet-meadow-lantern-7';

let family: Family;

beforeAll(async () => {
  t = await clock.start();
  family = await insertFamily(t.db);
  await registerMember(t, family.subscriber, 'avery');
});
afterAll(() => t.close());

const resetMails = (to: string) => t.mailbox.to(to).filter((m) => m.subject.includes('Reset'));
/** Mails go out after the answer: the count says when the one `since` expects has arrived (newest first). */
const resetLink = async (to: string, since: number) => {
  await t.mailbox.waitFor(() => resetMails(to).length > since);
  const mail = resetMails(to)[0];
  if (!mail) throw new Error('no reset mail');
  return { mail, token: /#token=([A-Za-z0-9_-]+)/.exec(mail.text)?.[1] as string };
};
const lastMailId = () => resetMails('avery@example.test').length;

describe('password reset', () => {
  it('answers the same for a known and an unknown account', async () => {
    const c = await fresh();
    const known = await c.post('/api/identity/password-reset/request', { usernameOrEmail: 'avery' });
    const unknown = await c.post('/api/identity/password-reset/request', {
      usernameOrEmail: 'nobody@example.test',
    });
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(known.json()).toEqual(unknown.json());
    await resetLink('avery@example.test', 0); // let the mail arrive before the next test counts
  });

  it('needs the e-mailed link AND the right answer; single use; signs out everywhere; does not sign in', async () => {
    advance(120);
    const signedIn = (await passwordSignIn(t, 'avery', GOOD_PASSWORD, await fresh())).client;
    const before = lastMailId();
    const c = await fresh();
    await c.post('/api/identity/password-reset/request', { usernameOrEmail: 'AVERY@example.test' });
    const { mail, token } = await resetLink('avery@example.test', before);
    expect(mail.text).toContain('/reset-password#token=');
    expect(mail.text).toContain('30 minutes');
    const stored = await t.db.db
      .select()
      .from(schema.oneTimeTokens)
      .where(eq(schema.oneTimeTokens.purpose, 'password_reset'));
    expect(stored.some((r) => r.tokenHash === token)).toBe(false);

    const q = await c.post('/api/identity/password-reset/question', { token });
    expect(q.statusCode, q.body).toBe(200);
    expect(q.json().question).toMatch(/\?$/);
    const answers: Record<string, string> = {
      'first-pet': ' biscuit!',
      'first-street': 'MAPLE avenue',
      'first-job': 'lifeguard',
    };
    const wrong = await c.post('/api/identity/password-reset/complete', {
      token,
      answer: 'nope',
      password: NEW_PASSWORD,
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors).toEqual([{ field: 'answer', message: 'That answer doesn’t match.' }]);
    const weak = await c.post('/api/identity/password-reset/complete', {
      token,
      answer: answers[q.json().questionId],
      password: 'password1',
    });
    expect(weak.json().errors[0].field).toBe('password');
    const ok = await c.post('/api/identity/password-reset/complete', {
      token,
      answer: answers[q.json().questionId],
      password: NEW_PASSWORD,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(c.sessionToken).toBeUndefined(); // no sign-in
    const again = await c.post('/api/identity/password-reset/complete', {
      token,
      answer: answers[q.json().questionId],
      password: `${NEW_PASSWORD}x`,
    });
    expect(again.statusCode).toBe(400);
    expect((await signedIn.get('/api/identity/session')).json().signedIn).toBe(false);
    await t.mailbox.waitFor(
      (m) => m.to.includes('avery@example.test') && m.subject.includes('password was changed'),
    );
    expect((await passwordSignIn(t, 'avery', NEW_PASSWORD, await fresh())).res.statusCode).toBe(200);
  });

  it('expires after 30 minutes and stops after 3 wrong answers', async () => {
    advance(120);
    let before = lastMailId();
    await (await fresh()).post('/api/identity/password-reset/request', { usernameOrEmail: 'avery' });
    const { token: old } = await resetLink('avery@example.test', before);
    advance(31 * 60);
    expect(
      (await (await fresh()).post('/api/identity/password-reset/question', { token: old })).statusCode,
    ).toBe(400);

    before = lastMailId();
    await (await fresh()).post('/api/identity/password-reset/request', { usernameOrEmail: 'avery' });
    const { token } = await resetLink('avery@example.test', before);
    const c = await fresh();
    for (let i = 0; i < 2; i++) {
      expect(
        (
          await c.post('/api/identity/password-reset/complete', {
            token,
            answer: `x${i}`,
            password: NEW_PASSWORD,
          })
        ).statusCode,
      ).toBe(400);
      advance(5);
    }
    advance(60);
    const third = await c.post('/api/identity/password-reset/complete', {
      token,
      answer: 'x3',
      password: NEW_PASSWORD,
    });
    expect(third.json().title).toBe('Too many wrong answers');
    expect((await c.post('/api/identity/password-reset/question', { token })).statusCode).toBe(400);
  });

  it('does not bypass an enrolled second factor', async () => {
    advance(3600);
    const { client } = await passwordSignIn(t, 'avery', NEW_PASSWORD, await fresh());
    const secret = (await client.post('/api/identity/account/totp/setup')).json().secret;
    expect(
      (await client.post('/api/identity/account/totp/confirm', { code: await totpCodeAt(secret, clock.now) }))
        .statusCode,
    ).toBe(200);
    advance(120);
    const before = lastMailId();
    await (await fresh()).post('/api/identity/password-reset/request', { usernameOrEmail: 'avery' });
    const { token } = await resetLink('avery@example.test', before);
    const c = await fresh();
    const { questionId } = (await c.post('/api/identity/password-reset/question', { token })).json();
    const answers: Record<string, string> = {
      'first-pet': 'Biscuit',
      'first-street': 'Maple Avenue',
      'first-job': 'Lifeguard',
    };
    expect(
      (
        await c.post('/api/identity/password-reset/complete', {
          token,
          answer: answers[questionId],
          password: GOOD_PASSWORD,
        })
      ).statusCode,
    ).toBe(200);
    const after = await passwordSignIn(t, 'avery', GOOD_PASSWORD, await fresh());
    expect(after.res.json().status).toBe('second_factor_required');
    advance(30);
    expect(
      (await after.client.post('/api/identity/sign-in/totp', { code: await totpCodeAt(secret, clock.now) }))
        .statusCode,
    ).toBe(200);
  });
});

describe('password reset of a family member’s own account', () => {
  const request = async (usernameOrEmail: string) => {
    const res = await (await fresh()).post('/api/identity/password-reset/request', { usernameOrEmail });
    expect(res.statusCode).toBe(202);
    return res.json();
  };

  it('sends an adult dependent with questions the link at their own address, not the subscriber’s', async () => {
    advance(120);
    await registerMember(t, family.adultDependent, 'jordan');
    const subscriberMails = resetMails('avery@example.test').length;
    await request('jordan');
    const { mail } = await resetLink('jordan@example.test', 0);
    expect(mail.text).toContain('"jordan"');
    expect(resetMails('avery@example.test')).toHaveLength(subscriberMails);
  });

  it('tells an account with no security questions yet (before its first sign-in) why no link came, same page answer', async () => {
    // Like the seeded demo logins: confirmed address, password, no SiteKey or questions.
    await createPasswordUser(t, 'member', 'gloria', GOOD_PASSWORD, { memberId: family.minorDependent.id });
    const unconfirmed = await createPasswordUser(t, 'member', 'quinn', GOOD_PASSWORD, {
      memberId: family.formerMember.id,
    });
    await t.db.db
      .update(schema.users)
      .set({ emailVerifiedAt: null })
      .where(eq(schema.users.id, unconfirmed.id));
    const nobody = await request('nobody-at-all');
    expect(await request('quinn')).toEqual(nobody);
    expect(await request('gloria')).toEqual(nobody);
    const mail = await t.mailbox.waitFor((m) => m.to.includes('gloria@example.test'));
    expect(mail.subject).toBe('Reset your OpenPBM password');
    expect(mail.text).toContain('has no security questions yet');
    expect(mail.text).toMatch(/\/sign-in and finish setting up/);
    expect(mail.text).not.toContain('#token=');
    // No confirmed address: nothing is sent at all.
    expect(t.mailbox.to('quinn@example.test')).toHaveLength(0);
  });
});

describe('forgot username', () => {
  it('mails the username to the address on file and answers the same either way', async () => {
    const c = await fresh();
    const known = await c.post('/api/identity/forgot-username', { email: 'Avery@Example.test' });
    const unknown = await c.post('/api/identity/forgot-username', { email: 'stranger@example.test' });
    expect(known.statusCode).toBe(202);
    expect(known.json()).toEqual(unknown.json());
    const mail = await t.mailbox.waitFor(
      (m) => m.to.includes('avery@example.test') && m.subject === 'Your OpenPBM username',
    );
    expect(mail.text).toContain('  avery\n');
    expect(t.mailbox.to('stranger@example.test')).toHaveLength(0);
  });
});

describe('signed in', () => {
  it('changing the password needs the current one and signs out the other sessions', async () => {
    const c = await signInWithTotp();
    const other = await signInWithTotp();
    const wrong = await c.post('/api/identity/account/password', {
      currentPassword: 'nope',
      newPassword: NEW_PASSWORD,
    });
    expect(wrong.json().errors).toEqual([
      { field: 'currentPassword', message: 'That password is not right.' },
    ]);
    const ok = await c.post('/api/identity/account/password', {
      currentPassword: GOOD_PASSWORD,
      newPassword: NEW_PASSWORD,
    });
    expect(ok.statusCode, ok.body).toBe(204);
    expect((await c.get('/api/identity/session')).json().signedIn).toBe(true);
    expect((await other.get('/api/identity/session')).json().signedIn).toBe(false);
  });

  it('lists active sessions and signs out one or all others', async () => {
    const a = await signInWithTotp(NEW_PASSWORD);
    const b = await signInWithTotp(NEW_PASSWORD);
    const c = await signInWithTotp(NEW_PASSWORD);
    const list = (await a.get('/api/identity/account/sessions')).json().sessions as {
      id: string;
      current: boolean;
      ip: string;
    }[];
    expect(list.length).toBeGreaterThanOrEqual(3);
    expect(list.filter((s) => s.current)).toHaveLength(1);
    const bId = (
      (await b.get('/api/identity/account/sessions')).json().sessions as { id: string; current: boolean }[]
    ).find((s) => s.current)?.id;
    expect((await a.request('DELETE', `/api/identity/account/sessions/${bId}`)).statusCode).toBe(204);
    expect((await b.get('/api/identity/session')).json().signedIn).toBe(false);
    const others = await a.post('/api/identity/account/sessions/sign-out-others');
    expect(others.json().signedOut).toBeGreaterThanOrEqual(1);
    expect((await c.get('/api/identity/session')).json().signedIn).toBe(false);
    expect((await a.get('/api/identity/session')).json().signedIn).toBe(true);
  });

  it('shows sign-in history with time, address, browser and result', async () => {
    const a = await signInWithTotp(NEW_PASSWORD);
    const { history } = (await a.get('/api/identity/account/login-history')).json();
    expect(history.length).toBeGreaterThan(3);
    expect(history[0]).toMatchObject({ result: 'success', method: 'password+totp' });
    expect(history[0].ip).toMatch(/^10\.3\.0\./);
    expect(
      history.some(
        (h: { result: string }) => h.result === 'bad_password' || h.result === 'bad_second_factor',
      ),
    ).toBe(history.some((h: { result: string }) => h.result !== 'success'));
  });

  /** Password + TOTP, with the code computed from the stored (encrypted) secret. */
  async function signInWithTotp(password = GOOD_PASSWORD) {
    advance(31);
    const { client, res } = await passwordSignIn(t, 'avery', password, await fresh());
    expect(res.json().status).toBe('second_factor_required');
    const [factor] = await t.db.db.select().from(schema.totpFactors);
    const { decryptField, fieldKeyFromConfig } = await import('@openpbm/db/field-crypto');
    const secret = decryptField(
      fieldKeyFromConfig(t.deps.config),
      must(factor).secretEnc,
      'totp_factors.secret',
    );
    const done = await client.post('/api/identity/sign-in/totp', {
      code: await totpCodeAt(secret, clock.now),
    });
    expect(done.statusCode, done.body).toBe(200);
    return client;
  }
});
