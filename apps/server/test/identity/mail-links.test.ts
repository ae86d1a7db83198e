// Links in e-mails come from configuration only (issue 19, item 2): a forged Host header must not move a reset
// or username link to another site, and pick-up links say https when the server speaks only HTTPS.
import { loadConfig } from '@openpbm/shared/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifyMember } from '../../src/messages/notify';
import { createTestApp, type TestApp } from '../harness';
import { type Family, insertFamily } from './fixtures';
import { Client, registerMember } from './flows';

let t: TestApp;
let family: Family;

beforeAll(async () => {
  t = await createTestApp({ env: { HOST: '127.0.0.1', PORT: '3456' } });
  family = await insertFamily(t.db);
  await registerMember(t, family.subscriber, 'morgan');
});
afterAll(() => t.close());

/** A signed-out request with a forged Host header. */
async function forged(url: string, payload: object) {
  const c = await Client.start(t, '10.9.0.1');
  return t.app.inject({
    method: 'POST',
    url,
    payload,
    remoteAddress: c.remoteAddress,
    headers: { ...c.headers, host: 'evil.example' },
  });
}

describe('links in e-mails', () => {
  it('ignores a forged Host header in the reset link', async () => {
    const res = await forged('/api/identity/password-reset/request', { usernameOrEmail: 'morgan' });
    expect(res.statusCode).toBe(202);
    const mail = await t.mailbox.waitFor(
      (m) => m.to.includes('morgan@example.test') && m.subject.includes('Reset'),
    );
    expect(mail.text).toContain('http://127.0.0.1:3456/reset-password#token=');
    expect(mail.text).not.toContain('evil.example');
  });

  it('ignores a forged Host header in the forgot-username mail', async () => {
    const res = await forged('/api/identity/forgot-username', { email: 'morgan@example.test' });
    expect(res.statusCode).toBe(202);
    const mail = await t.mailbox.waitFor(
      (m) => m.to.includes('morgan@example.test') && m.subject === 'Your OpenPBM username',
    );
    expect(mail.text).toContain('http://127.0.0.1:3456/sign-in');
    expect(mail.text).not.toContain('evil.example');
  });

  it('gives secure-message pick-up links https when the server speaks only HTTPS', async () => {
    const tls = loadConfig({
      NODE_ENV: 'test',
      PORT: '8443',
      TLS_CERT_FILE: '/etc/openpbm/cert.pem',
      TLS_KEY_FILE: '/etc/openpbm/key.pem',
    });
    await notifyMember(
      { ...t.deps, config: tls },
      {
        kind: 'order_placed',
        memberId: family.subscriber.id,
        subject: 'Order placed',
        body: 'Your order was placed.',
      },
    );
    const mail = await t.mailbox.waitFor(
      (m) => m.to.includes('morgan@example.test') && m.subject.includes('secure message'),
    );
    expect(mail.text).toContain('https://127.0.0.1:8443/messages/open#token=');
  });
});

describe('PUBLIC_URL', () => {
  it('is required in production and used as given elsewhere', () => {
    const secrets = {
      NODE_ENV: 'production',
      APP_SECRET: 'x'.repeat(40),
      FIELD_ENCRYPTION_KEY: 'ab'.repeat(32),
      SMTP_URL: 'smtp://relay.example.test',
      VAULT_URL: 'http://127.0.0.1:7001',
      VAULT_CALLER_SECRET: 'y'.repeat(40),
      CA_KEY_ENCRYPTION_KEY: 'cd'.repeat(32),
    };
    expect(() => loadConfig(secrets)).toThrow(/PUBLIC_URL/);
    expect(loadConfig({ ...secrets, PUBLIC_URL: 'https://pbm.example.test/' }).publicUrl).toBe(
      'https://pbm.example.test',
    );
    expect(loadConfig({ HOST: '0.0.0.0', PORT: '8080' }).publicUrl).toBe('http://localhost:8080');
  });
});
