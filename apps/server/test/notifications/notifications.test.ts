// Notifications: every kind of member notice lands as a secure message in the portal; e-mail (per preference)
// carries only a pick-up link — no e-mail names any drug from the drug reference — and web push (per preference)
// reaches the browser's push service with VAPID, carrying no health data.
import { execFileSync } from 'node:child_process';
import { createECDH, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadReferenceData } from '@openpbm/db/reference/index';
import { refillReminders } from '@openpbm/worker/jobs/member-pharmacy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usePushAgent } from '../../src/messages/push';
import { type BenefitsFixture, buildBenefitsFixture } from '../fixtures/benefits';
import { addPrescription } from '../fixtures/pharmacy';
import { createTestApp, type TestApp } from '../harness';
import { createTestUser, signInAs } from '../sign-in';
import { startTestVault, type TestVault } from '../vault';

let t: TestApp;
let vault: TestVault;
let f: BenefitsFixture;
type Headers = Record<string, string>;
let member: Headers;
let staff: Headers;
let prescriber: Headers;
let pushServer: Server;
let pushUrl: string;
let tlsDir: string;
const pushRequests: Array<{
  path: string;
  headers: Record<string, string | string[] | undefined>;
  bytes: number;
}> = [];
let pushStatus = 201;

const post = (url: string, headers: Headers, payload: unknown = {}) =>
  t.app.inject({ method: 'POST', url, headers, payload: payload as object });
const get = (url: string, headers: Headers) => t.app.inject({ method: 'GET', url, headers });

beforeAll(async () => {
  tlsDir = mkdtempSync(join(tmpdir(), 'openpbm-push-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      join(tlsDir, 'key.pem'),
      '-out',
      join(tlsDir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  const cert = readFileSync(join(tlsDir, 'cert.pem'));
  // A stand-in for the browser vendor's push service.
  pushServer = createServer({ cert, key: readFileSync(join(tlsDir, 'key.pem')) }, (req, res) => {
    let bytes = 0;
    req.on('data', (c: Buffer) => {
      bytes += c.length;
    });
    req.on('end', () => {
      pushRequests.push({ path: req.url ?? '', headers: req.headers, bytes });
      res.writeHead(pushStatus).end();
    });
  });
  await new Promise<void>((resolve) => pushServer.listen(0, '127.0.0.1', resolve));
  pushUrl = `https://127.0.0.1:${(pushServer.address() as AddressInfo).port}`;
  usePushAgent(new Agent({ ca: cert }));

  vault = await startTestVault();
  t = await createTestApp({
    now: new Date('2026-03-10T15:00:00Z'),
    vault: vault.client,
    prepare: async (db) => {
      f = await buildBenefitsFixture(db.db);
    },
  });
  member = (await signInAs(t, await createTestUser(t, 'member', { memberId: f.members.subscriber.id })))
    .headers;
  staff = (await signInAs(t, f.pharmacyUsers.homeDelivery)).headers;
  prescriber = (await signInAs(t, await createTestUser(t, 'prescriber', { prescriberId: f.prescriberId })))
    .headers;
});
afterAll(async () => {
  usePushAgent(undefined);
  await t?.close();
  await vault?.close();
  pushServer?.close();
  if (tlsDir) rmSync(tlsDir, { recursive: true, force: true });
});

describe('preferences and push', () => {
  it('starts with e-mail on and push off for every kind', async () => {
    const prefs = (await get('/api/notification-preferences', member)).json();
    expect(prefs.preferences.every((p: { email: boolean; push: boolean }) => p.email && !p.push)).toBe(true);
    expect(prefs.vapidPublicKey).toMatch(/^[A-Za-z0-9_-]{87}$/);
    expect((await get('/api/notification-preferences', staff)).statusCode).toBe(403);
  });

  it('pushes "new message" to a subscribed browser, and respects e-mail off', async () => {
    const browserKey = createECDH('prime256v1');
    browserKey.generateKeys();
    const sub = {
      endpoint: `${pushUrl}/push/device-1`,
      keys: {
        p256dh: browserKey.getPublicKey().toString('base64url'),
        auth: randomBytes(16).toString('base64url'),
      },
    };
    expect((await post('/api/push-subscriptions', member, sub)).statusCode).toBe(204);
    const saved = await t.app.inject({
      method: 'PUT',
      url: '/api/notification-preferences',
      headers: member,
      payload: { preferences: [{ kind: 'new_prescription', email: false, push: true }] },
    });
    expect(saved.json().pushDevices).toBe(1);

    const mailsBefore = t.mailbox.list().length;
    const rx = await post('/api/prescriber/prescriptions', prescriber, {
      patient: {
        memberNumber: f.members.subscriber.memberNumber,
        dateOfBirth: f.members.subscriber.dateOfBirth,
      },
      ndc: f.drugs.atorvastatin,
      quantity: 30,
      daysSupply: 30,
      directions: 'Take 1 tablet daily',
      refills: 2,
    });
    expect(rx.statusCode).toBe(201);
    expect(pushRequests).toHaveLength(1);
    const [push] = pushRequests;
    expect(push?.path).toBe('/push/device-1');
    expect(push?.headers['content-encoding']).toBe('aes128gcm');
    expect(String(push?.headers.authorization)).toMatch(/^vapid t=.+, k=/);
    expect(push?.bytes).toBeGreaterThan(0);
    expect(t.mailbox.list().length).toBe(mailsBefore); // e-mail turned off for this kind
    const messages = (await get('/api/messages', member)).json().messages;
    expect(messages[0]).toMatchObject({ kind: 'new_prescription' });

    pushStatus = 410;
    await post('/api/prescriber/prescriptions', prescriber, {
      patient: {
        memberNumber: f.members.subscriber.memberNumber,
        dateOfBirth: f.members.subscriber.dateOfBirth,
      },
      ndc: f.drugs.omeprazole,
      quantity: 30,
      daysSupply: 30,
      directions: 'Take 1 capsule daily',
      refills: 2,
    });
    expect((await get('/api/notification-preferences', member)).json().pushDevices).toBe(0);
  });

  it('only accepts HTTPS push endpoints', async () => {
    const bad = await post('/api/push-subscriptions', member, {
      endpoint: 'http://example.test/push',
      keys: { p256dh: 'x'.repeat(30), auth: 'y'.repeat(10) },
    });
    expect(bad.statusCode).toBe(400);
  });
});

describe('e-mails carry no drug names', () => {
  it('sends only pick-up links for every kind of notice, while the secure messages name the drugs', async () => {
    // Orders: placed, payment problem, exception, shipped, delivered.
    const statin = await addPrescription(t.db.db, f, {
      memberId: f.members.subscriber.id,
      drug: 'atorvastatin',
    });
    const ppi = await addPrescription(t.db.db, f, { memberId: f.members.subscriber.id, drug: 'omeprazole' });
    const declined = (
      await post('/api/payment-methods', member, {
        cardNumber: '4000000000000002',
        expMonth: 1,
        expYear: 2031,
      })
    ).json();
    const good = (
      await post('/api/payment-methods', member, {
        cardNumber: '4111111111111111',
        expMonth: 1,
        expYear: 2031,
      })
    ).json();
    const order = (
      await post('/api/orders', member, {
        prescriptionIds: [statin.id, ppi.id],
        paymentMethodId: declined.id,
      })
    ).json();
    await post(`/api/home-delivery/orders/${order.id}/verify`, staff, { durReviewed: true });
    await post(`/api/home-delivery/orders/${order.id}/fill`, staff, {});
    await post(`/api/orders/${order.id}/payment-method`, member, { paymentMethodId: good.id });
    await post(`/api/home-delivery/orders/${order.id}/fill`, staff, {});
    await post(`/api/home-delivery/orders/${order.id}/exception`, staff, {
      reason: 'Label printer jam, shipping tomorrow',
    });
    await post(`/api/home-delivery/orders/${order.id}/resume`, staff, {});
    await post(`/api/home-delivery/orders/${order.id}/ship`, staff, {
      carrier: 'UPS',
      trackingNumber: '1Z999AA10123456784',
    });
    await post(`/api/home-delivery/orders/${order.id}/deliver`, staff, {});
    // Transfer rejected, refill due, new prescription.
    const retail = await addPrescription(t.db.db, f, {
      memberId: f.members.subscriber.id,
      drug: 'simvastatin',
      pharmacy: 'retail',
    });
    const transfer = (
      await post('/api/transfers', member, { source: 'prescription', prescriptionId: retail.id })
    ).json();
    await post(`/api/home-delivery/transfers/${transfer.id}/reject`, staff, {
      reason: 'The prescription was already filled there.',
    });
    await addPrescription(t.db.db, f, {
      memberId: f.members.subscriber.id,
      drug: 'clarithromycin',
      lastFillDate: '2026-02-15',
    });
    await refillReminders.run(
      { db: t.db, config: t.deps.config, log: { info() {}, warn() {}, error() {} }, mailer: t.deps.mailer },
      new Date('2026-03-10T18:00:00Z'),
    );

    const kinds = new Set(
      ((await get('/api/messages', member)).json().messages as Array<{ kind: string }>).map((m) => m.kind),
    );
    expect([...kinds].sort()).toEqual(
      [
        'new_prescription',
        'order_delivered',
        'order_exception',
        'order_placed',
        'order_shipped',
        'payment_problem',
        'refill_due',
        'transfer_update',
      ].sort(),
    );

    // Every drug name the system knows: the fixture's products and groups, and the whole reference list.
    const { rows } = await t.db.sql.query<{ name: string }>(
      `select name from drug_products union select brand_name from drug_products where brand_name is not null
       union select name from drug_groups union select unnest(ingredients) from drug_groups`,
    );
    const reference = loadReferenceData({ dataDir: null });
    const names = new Set(
      [
        ...rows.map((r) => r.name),
        ...reference.products.map((p) => p.name),
        ...reference.products.flatMap((p) => (p.brandName ? [p.brandName] : [])),
        ...reference.groups.map((g) => g.name),
        ...reference.groups.flatMap((g) => g.ingredients),
      ].map((n) => n.toLowerCase()),
    );
    expect(names.size).toBeGreaterThan(50);

    const mails = t.mailbox.list();
    expect(mails.length).toBeGreaterThanOrEqual(7);
    for (const mail of mails) {
      const text = `${mail.subject}\n${mail.text}\n${mail.html ?? ''}`.toLowerCase();
      for (const name of names) expect(text, `e-mail mentions ${name}`).not.toContain(name);
      expect(mail.text).toMatch(/\/messages\/open#token=/);
    }
    // The scan is not vacuous: the secure messages themselves do name the drugs.
    const { rows: bodies } = await t.db.sql.query<{ body: string }>('select body from secure_messages');
    expect(bodies.some((b) => b.body.toLowerCase().includes('atorvastatin'))).toBe(true);
  });
});
