// E-mail leaves over real SMTP and lands in the capture mailbox, which developers read at /dev/mailbox
// (never in production).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../harness';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('mail', () => {
  it('delivers over SMTP and shows the mail at /dev/mailbox', async () => {
    await t.deps.mailer.send({
      to: 'pat@example.test',
      subject: 'You have a new secure message',
      text: 'Sign in to read it: https://openpbm.test/messages/pick-up/abc123',
    });
    const mail = await t.mailbox.waitFor((m) => m.to.includes('pat@example.test'));
    expect(mail.subject).toBe('You have a new secure message');
    expect(mail.from).toContain('no-reply@openpbm.local');

    const list = await t.app.inject('/dev/mailbox.json');
    expect(list.json().mails[0]).toMatchObject({ id: mail.id, subject: mail.subject });
    const page = await t.app.inject(`/dev/mailbox/${mail.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<a href="https://openpbm.test/messages/pick-up/abc123">');
    const missing = await t.app.inject('/dev/mailbox/99999');
    expect(missing.statusCode).toBe(404);
  });

  it('shows the mailbox only to loopback requests', async () => {
    for (const remoteAddress of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) {
      const res = await t.app.inject({ url: '/dev/mailbox.json', remoteAddress });
      expect(res.statusCode, remoteAddress).toBe(200);
    }
    for (const remoteAddress of ['203.0.113.5', '10.0.0.7', '::ffff:192.0.2.1', '2001:db8::1']) {
      for (const url of ['/dev/mailbox', '/dev/mailbox.json', '/dev/mailbox/1']) {
        const res = await t.app.inject({ url, remoteAddress });
        expect(res.statusCode, `${remoteAddress} ${url}`).toBe(404);
        expect(res.body).not.toContain('pat@example.test');
      }
    }
  });

  it('has no mailbox routes when mail goes to an SMTP relay', async () => {
    const relayed = await createTestApp({ env: { SMTP_URL: 'smtp://127.0.0.1:2525' } });
    try {
      const res = await relayed.app.inject({ url: '/dev/mailbox.json', remoteAddress: '127.0.0.1' });
      expect(res.statusCode).toBe(404);
    } finally {
      await relayed.close();
    }
  });

  it('has no mailbox routes in production', async () => {
    const prod = await createTestApp({
      env: {
        NODE_ENV: 'production',
        APP_SECRET: 'a-production-secret-that-is-long-enough-0123456789',
        FIELD_ENCRYPTION_KEY: 'ab'.repeat(32),
        SMTP_URL: 'smtp://127.0.0.1:2525',
        PUBLIC_URL: 'https://pbm.example.test',
        VAULT_URL: 'http://127.0.0.1:9',
        VAULT_CALLER_SECRET: 'a-vault-caller-secret-that-is-long-enough-0123',
        CA_KEY_ENCRYPTION_KEY: 'cd'.repeat(32),
      },
    });
    try {
      const res = await prod.app.inject('/dev/mailbox');
      expect(res.statusCode).toBe(404);
    } finally {
      await prod.close();
    }
  });
});
