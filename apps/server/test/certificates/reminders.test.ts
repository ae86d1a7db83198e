// Renewal reminders with a moved clock: a year-long certificate is reminded 30, 7 and 1 day before its end, each
// once, even when the job runs twice a day; a renewed certificate is not reminded; a service identity's reminder
// goes to the client's primary administrator. The e-mails arrive through real SMTP and carry no secrets.
import { schema } from '@openpbm/db';
import { certificateReminders } from '@openpbm/worker/jobs/certificate-reminders';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reminderDue, runCertificateReminders } from '../../src/certificates/reminders';
import { x509 } from '../../src/certificates/x509';
import { addClient, addClientUser, grant, makePrimaryAdmin } from '../clients/client-world';
import type { TestApp } from '../harness';
import { testClock } from '../identity/flows';
import { signInAs } from '../sign-in';

const DAY_S = 86_400;
const silentLog = { info() {}, warn() {}, error() {} };
const clock = testClock('2026-03-02T15:00:00Z', '10.11.0');
let t: TestApp;

const csr = async () => {
  const keys = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, [
    'sign',
    'verify',
  ]);
  const req = await x509.Pkcs10CertificateRequestGenerator.create({
    keys,
    signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
  });
  return req.toString('pem');
};

async function emailOf(userId: string) {
  const [row] = await t.db.db
    .select({ email: schema.users.email })
    .from(schema.users)
    .where(eq(schema.users.id, userId));
  return row?.email ?? '';
}

beforeAll(async () => {
  t = await clock.start();
}, 120_000);
afterAll(() => t?.close());

describe('reminderDue', () => {
  it('picks the smallest threshold reached', () => {
    expect([31, 30, 8, 7, 6, 2, 1].map(reminderDue)).toEqual([undefined, 30, 30, 7, 7, 7, 1]);
  });
});

describe('the daily certificate-reminders job', () => {
  it('reminds 30, 7 and 1 day before the end, once each, on the right day, safe to run twice', async () => {
    const client = await addClient(t, 'Reminder Freight');
    const [ana, ben, admin] = [
      await addClientUser(t, client.id),
      await addClientUser(t, client.id),
      await addClientUser(t, client.id),
    ];
    for (const u of [ana, ben, admin])
      await grant(t, u.userId, client.id, 'eligibility_files', new Date('2028-01-01T00:00:00Z'));
    await makePrimaryAdmin(t, client.id, admin.userId);
    const issue = async (headers: Record<string, string>, url = `/api/certificates/clients/${client.id}`) => {
      const res = await t.app.inject({ method: 'POST', url, headers, payload: { csr: await csr() } });
      expect(res.statusCode, res.body).toBe(201);
      return res.json();
    };
    const anaCert = await issue(ana.headers);
    const benCert = await issue(ben.headers);
    const svc = await t.app.inject({
      method: 'POST',
      url: `/api/certificates/clients/${client.id}/service`,
      headers: admin.headers,
      payload: { serviceName: 'hr-feed', csr: await csr() },
    });
    expect(svc.statusCode, svc.body).toBe(201);
    expect(anaCert.certificate.notAfter).toBe('2027-03-02T15:00:00.000Z');

    // Day 320: Ben renews early, so his old certificate is never reminded (the new one ends in 2028).
    clock.advance(320 * DAY_S);
    const renewed = await t.app.inject({
      method: 'POST',
      url: `/api/certificates/${benCert.certificate.id}/renew`,
      headers: (await signInAs(t, ben.userId)).headers, // the day-0 session ended long ago
      payload: { csr: await csr() },
    });
    expect(renewed.statusCode, renewed.body).toBe(201);

    const [anaMail, benMail, adminMail] = [
      await emailOf(ana.userId),
      await emailOf(ben.userId),
      await emailOf(admin.userId),
    ];
    const sentOn: Record<string, number[]> = {};
    // Days 320..366 at 15:00 UTC, twice a day: once through the use case, once through the worker's job.
    for (let day = 320; day <= 366; day += 1) {
      const first = await runCertificateReminders({ ...t.deps, now: () => clock.now }, clock.now);
      const second = await certificateReminders.run(
        { db: t.db, config: t.deps.config, log: silentLog, mailer: t.deps.mailer },
        clock.now,
      );
      expect(second.reminded).toBe(0);
      if (first.reminded > 0)
        sentOn[String(365 - day)] = [...(sentOn[String(365 - day)] ?? []), first.reminded];
      clock.advance(DAY_S);
    }
    // Ana's and the service identity's certificates, on days 30, 7 and 1 before the end.
    expect(sentOn).toEqual({ '30': [2], '7': [2], '1': [2] });

    const toAna = t.mailbox.to(anaMail);
    // Delivery order over SMTP may differ from sending order; the runs above pin the days.
    expect(toAna.map((m) => m.subject).sort()).toEqual([
      'Your client certificate ends in 1 day',
      'Your client certificate ends in 30 days',
      'Your client certificate ends in 7 days',
    ]);
    expect(t.mailbox.to(benMail)).toEqual([]);
    expect(t.mailbox.to(adminMail)).toHaveLength(3);
    expect(t.mailbox.to(adminMail)[0]?.text).toContain("organization's service-identity");
    for (const mail of [...toAna, ...t.mailbox.to(adminMail)]) {
      expect(mail.text).toContain('ends on 2027-03-02 (UTC)');
      expect(mail.text).toContain('/clients/certificates');
      expect(mail.text).not.toMatch(/BEGIN|PRIVATE|Reminder Freight|hr-feed/);
      expect(mail.text).not.toContain(anaCert.certificate.serial);
    }
  }, 120_000);
});
