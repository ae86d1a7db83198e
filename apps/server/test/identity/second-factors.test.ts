// Second factors end to end over HTTP: TOTP (single-use codes), recovery codes, passkeys (as second step and
// passwordless), re-authentication before changes, other sessions signed out after a change.
import { schema } from '@openpbm/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCodeAt } from '../../src/identity/totp';
import type { TestApp } from '../harness';
import { insertFamily } from './fixtures';
import { GOOD_PASSWORD, passwordSignIn, registerMember, testClock } from './flows';
import { SoftAuthenticator } from './soft-authenticator';

let t: TestApp;
const clock = testClock('2026-03-02T15:00:07Z', '10.2.0');
const { advance, fresh } = clock;
let secret = '';
let recoveryCodes: string[] = [];
const passkey = new SoftAuthenticator('http://localhost');

beforeAll(async () => {
  t = await clock.start();
  const family = await insertFamily(t.db);
  await registerMember(t, family.subscriber, 'avery');
});
afterAll(() => t.close());

async function signedInClient() {
  const { client, res } = await passwordSignIn(t, 'avery', GOOD_PASSWORD, await fresh());
  return { client, res };
}

describe('authenticator app (TOTP)', () => {
  it('is set up with a first code, returns 10 recovery codes, signs out other sessions and e-mails the owner', async () => {
    const other = (await signedInClient()).client;
    const { client } = await signedInClient();
    const setup = await client.post('/api/identity/account/totp/setup');
    expect(setup.statusCode, setup.body).toBe(200);
    secret = setup.json().secret;
    expect(setup.json().otpauthUri).toMatch(/^otpauth:\/\/totp\/OpenPBM:avery\?secret=/);
    const wrong = await client.post('/api/identity/account/totp/confirm', { code: '000000' });
    expect(wrong.statusCode).toBe(400);
    const confirmed = await client.post('/api/identity/account/totp/confirm', {
      code: await totpCodeAt(secret, clock.now),
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    recoveryCodes = confirmed.json().recoveryCodes;
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    expect(recoveryCodes[0]).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const stored = await t.db.db.select().from(schema.recoveryCodes);
    expect(stored.every((r) => r.codeHash.startsWith('$argon2id$'))).toBe(true);
    const [factor] = await t.db.db.select().from(schema.totpFactors);
    expect(factor?.secretEnc).not.toContain(secret);

    expect((await other.get('/api/identity/session')).json().signedIn).toBe(false);
    expect((await client.get('/api/identity/session')).json().signedIn).toBe(true);
    await t.mailbox.waitFor((m) => m.to.includes('avery@example.test') && m.subject.includes('was added'));
  });

  it('is asked for after the password; the partial session grants nothing', async () => {
    advance(60);
    const { client, res } = await signedInClient();
    expect(res.json()).toEqual({ status: 'second_factor_required', methods: ['totp', 'recovery_code'] });
    expect((await client.get('/api/identity/session')).json()).toMatchObject({
      signedIn: false,
      stage: 'partial',
    });
    expect((await client.get('/api/identity/account')).statusCode).toBe(401);
    const wrong = await client.post('/api/identity/sign-in/totp', { code: '123456' });
    expect(wrong.statusCode).toBe(400);
    const ok = await client.post('/api/identity/sign-in/totp', { code: await totpCodeAt(secret, clock.now) });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().status).toBe('signed_in');
    expect((await client.get('/api/identity/account')).json()).toMatchObject({
      totpEnabled: true,
      recoveryCodesLeft: 10,
    });
  });

  it('accepts each code only once', async () => {
    advance(60);
    const code = await totpCodeAt(secret, clock.now);
    const first = (await signedInClient()).client;
    expect((await first.post('/api/identity/sign-in/totp', { code })).statusCode).toBe(200);
    const second = (await signedInClient()).client;
    expect((await second.post('/api/identity/sign-in/totp', { code })).statusCode).toBe(400);
    advance(30);
    expect(
      (await second.post('/api/identity/sign-in/totp', { code: await totpCodeAt(secret, clock.now) }))
        .statusCode,
    ).toBe(200);
  });

  it('refuses codes without a pending sign-in', async () => {
    const res = await (await fresh()).post('/api/identity/sign-in/totp', {
      code: await totpCodeAt(secret, clock.now),
    });
    expect(res.statusCode).toBe(401);
  });
});

describe('recovery codes', () => {
  it('each work once instead of the authenticator', async () => {
    advance(60);
    const code = recoveryCodes[0] as string;
    const a = (await signedInClient()).client;
    const used = await a.post('/api/identity/sign-in/recovery-code', {
      code: code.toLowerCase().replace(/-/g, ' '),
    });
    expect(used.statusCode, used.body).toBe(200);
    const b = (await signedInClient()).client;
    expect((await b.post('/api/identity/sign-in/recovery-code', { code })).statusCode).toBe(400);
    expect((await a.get('/api/identity/account')).json().recoveryCodesLeft).toBe(9);
    const audit = await t.db.db
      .select()
      .from(schema.auditEvents)
      .where(eq(schema.auditEvents.action, 'recovery_code_used'));
    expect(audit).toHaveLength(1);
  });
});

describe('passkeys', () => {
  async function fullySignedIn() {
    advance(60);
    const { client } = await signedInClient();
    const res = await client.post('/api/identity/sign-in/totp', {
      code: await totpCodeAt(secret, clock.now),
    });
    expect(res.statusCode, res.body).toBe(200);
    return client;
  }

  it('are registered with user verification required', async () => {
    const client = await fullySignedIn();
    const options = await client.post('/api/identity/account/passkeys/options');
    expect(options.statusCode, options.body).toBe(200);
    const { challengeId, options: o } = options.json();
    expect(o.authenticatorSelection).toMatchObject({ residentKey: 'required', userVerification: 'required' });
    expect(o.rp).toEqual({ name: 'OpenPBM', id: 'localhost' });

    const sloppy = new SoftAuthenticator('http://localhost', 'localhost', false);
    const noUv = await client.post('/api/identity/account/passkeys', {
      challengeId,
      name: 'No UV',
      response: sloppy.create(o),
    });
    expect(noUv.statusCode).toBe(400);

    const again = (await client.post('/api/identity/account/passkeys/options')).json();
    const saved = await client.post('/api/identity/account/passkeys', {
      challengeId: again.challengeId,
      name: 'Laptop',
      response: passkey.create(again.options),
    });
    expect(saved.statusCode, saved.body).toBe(201);
    expect(saved.json().recoveryCodes).toBeNull(); // codes exist already
    const list = (await client.get('/api/identity/account/passkeys')).json().passkeys;
    expect(list).toMatchObject([{ name: 'Laptop', lastUsedAt: null }]);
  });

  it('sign a user in without a password (passwordless)', async () => {
    advance(60);
    const c = await fresh();
    const options = (await c.post('/api/identity/sign-in/passkey/options')).json();
    expect(options.options.userVerification).toBe('required');
    expect(options.options.allowCredentials ?? []).toEqual([]);
    const res = await c.post('/api/identity/sign-in/passkey', {
      challengeId: options.challengeId,
      response: passkey.get(options.options),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('signed_in');
    expect((await c.get('/api/identity/session')).json()).toMatchObject({
      signedIn: true,
      user: { username: 'avery' },
    });
    const replay = await c.post('/api/identity/sign-in/passkey', {
      challengeId: options.challengeId,
      response: passkey.get(options.options),
    });
    expect(replay.statusCode).toBe(401); // the challenge was used
  });

  it('serve as the second step after a password', async () => {
    advance(60);
    const { client, res } = await signedInClient();
    expect(res.json().methods).toEqual(['totp', 'passkey', 'recovery_code']);
    const options = (await client.post('/api/identity/sign-in/passkey/options')).json();
    expect(options.options.allowCredentials).toEqual([
      { id: passkey.id, type: 'public-key', transports: ['internal'] },
    ]);
    const ok = await client.post('/api/identity/sign-in/passkey', {
      challengeId: options.challengeId,
      response: passkey.get(options.options),
    });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('refuse a passkey the server does not know', async () => {
    const c = await fresh();
    const options = (await c.post('/api/identity/sign-in/passkey/options')).json();
    const stranger = new SoftAuthenticator('http://localhost');
    const res = await c.post('/api/identity/sign-in/passkey', {
      challengeId: options.challengeId,
      response: stranger.get(options.options),
    });
    expect(res.statusCode).toBe(401);
  });
});

describe('removing factors', () => {
  it('needs a fresh re-authentication and drops recovery codes with the last factor', async () => {
    advance(60);
    const { client } = await signedInClient();
    await client.post('/api/identity/sign-in/totp', { code: await totpCodeAt(secret, clock.now) });
    advance(6 * 60);
    const stale = await client.request('DELETE', '/api/identity/account/totp');
    expect(stale.statusCode).toBe(403);
    expect(stale.json().type).toBe('urn:openpbm:problem:reauthentication-required');
    expect(
      (await client.post('/api/identity/account/reauthenticate', { password: GOOD_PASSWORD })).statusCode,
    ).toBe(204);
    expect((await client.request('DELETE', '/api/identity/account/totp')).statusCode).toBe(204);
    const [key] = (await client.get('/api/identity/account/passkeys')).json().passkeys;
    expect((await client.request('DELETE', `/api/identity/account/passkeys/${key.id}`)).statusCode).toBe(204);
    expect((await client.get('/api/identity/account')).json()).toMatchObject({
      totpEnabled: false,
      passkeyCount: 0,
      recoveryCodesLeft: 0,
    });
    await t.mailbox.waitFor((m) => m.to.includes('avery@example.test') && m.subject.includes('was removed'));
    advance(60);
    expect((await signedInClient()).res.json().status).toBe('signed_in');
  });
});
