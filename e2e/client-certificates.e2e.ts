import { readFile } from 'node:fs/promises';
import { request as httpsRequest } from 'node:https';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { privateKeyPem } from '../apps/server/src/certificates/ca';
import { x509 } from '../apps/server/src/certificates/x509';
import { axeViolations } from './support/axe';
import { expectFailedLoads, freePort, withSecureToolsPage } from './support/client-certificates';
import { type DemoWorld, signInAsDemo, startDemoWorld, withWatchedPage } from './support/demo-world';
import { resultsDir } from './support/paths';
import { settle } from './support/visit';

// Client certificates in Chromium: demo.client gets a certificate on the Certificates page with the key made in
// the page (a form error first: no passphrase), downloads the PKCS#12 file, and a Node https client presents that
// file (pfx + passphrase) with demo.client's session to upload an eligibility file over the mTLS listener. On the
// ordinary address a secure tool page shows how to get a certificate instead; Chromium presenting the file
// (Playwright clientCertificates) opens the secure tools on the mTLS address and sends a file from the page. Then
// demo.account sees it in the inventory. axe on every page; screenshots at desktop and phone width.

let world: DemoWorld;
let tlsPort = 0;
const PASSPHRASE = 'amber-otter-lattice-19';
// The eligibility CSV header alone: a well-formed file with no changes.
const CSV =
  'member_id,subscriber_id,relationship,first_name,last_name,date_of_birth,gender,address,city,state,zip,group_number,action,start_date,end_date\n';

let pfx: Buffer | undefined;
let clientId = '';

beforeAll(async () => {
  tlsPort = await freePort();
  world = await startDemoWorld('certs', { CLIENT_TLS_PORT: String(tlsPort) });
}, 360_000);
afterAll(async () => {
  await world?.stop();
});

async function check(page: Page, name: string): Promise<void> {
  await page.locator('h1').first().waitFor();
  expect(await axeViolations(page), `axe on ${name}`).toEqual([]);
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: `${resultsDir()}/client-certificates-${name}.png`, fullPage: true });
}

function overMtls(
  path: string,
  tls: { ca: string } & ({ pfx: Buffer; passphrase: string } | { cert: string; key: string }),
  headers: Record<string, string>,
  body: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      {
        host: '127.0.0.1',
        port: tlsPort,
        path,
        method: 'POST',
        ...tls,
        agent: false,
        headers: { ...headers, 'content-type': 'application/json' },
      },
      (res) => {
        let data = '';
        res.on('data', (c) => {
          data += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(data || '{}') }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

describe('client certificates', () => {
  it('a client user makes the key in the page, downloads PKCS#12, and a Node client uploads over mTLS', {
    timeout: 300_000,
  }, async () => {
    await withWatchedPage(world, 'client-certificates-failed-journey', async (watched) => {
      const { page } = watched;
      await signInAsDemo(page, 'demo.client');
      await settle(page, '/clients/certificates');
      await check(page, 'desktop-01-page');
      // The PKCS#12 option is refused without a passphrase.
      await page.getByRole('button', { name: 'Get certificate' }).click();
      await page.getByRole('alert').filter({ hasText: 'passphrase of at least 8' }).waitFor();
      await check(page, 'desktop-02-no-passphrase');
      await page.getByLabel('Passphrase for the file').fill(PASSPHRASE);
      await page.getByLabel('Passphrase again').fill(PASSPHRASE);
      const downloading = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Get certificate' }).click();
      const download = await downloading;
      expect(download.suggestedFilename()).toBe('openpbm-client-certificate.p12');
      pfx = await readFile(await download.path());
      await page.getByText('Your certificate is ready').waitFor();
      await page.getByRole('table').getByText('Active').waitFor();
      await check(page, 'desktop-03-issued');

      // The browser's session, used by a Node client that presents the downloaded file.
      const session = (await page.evaluate(async () => ({
        token: (await (await fetch('/api/identity/csrf')).json()).token,
        clientId: (await (await fetch('/api/clients/me/access')).json()).grants[0].clientId,
      }))) as { token: string; clientId: string };
      const token = session.token;
      clientId = session.clientId;
      const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
      const ca = await (await fetch(`${world.server.url}/api/certificates/ca.pem`)).text();
      const path = `/api/clients/${clientId}/eligibility-files/preview`;
      const tls = { pfx, passphrase: PASSPHRASE, ca };
      const got = await overMtls(path, tls, { cookie, 'x-csrf-token': token }, { content: CSV });
      expect(got.status, JSON.stringify(got.json)).toBe(200);
      expect(got.json).toMatchObject({ records: 0 });
      // The same file without the session's user: the secure tool needs both.
      const alone = await overMtls(path, tls, {}, { content: CSV });
      expect(alone.status).toBe(401);
      // A wrong passphrase does not open the file.
      await expect(overMtls(path, { ...tls, passphrase: 'wrong-passphrase' }, {}, {})).rejects.toThrow();

      // The ordinary address: the secure tool's page says how to get a certificate and links the secure tools.
      await settle(page, `/clients/${clientId}/eligibility-files`);
      await page.getByRole('heading', { name: 'This tool needs your client certificate' }).waitFor();
      const open = page.getByRole('link', { name: 'Open this page at the secure-tools address' });
      expect(await open.getAttribute('href')).toBe(
        `https://127.0.0.1:${tlsPort}/clients/${clientId}/eligibility-files`,
      );
      expect(
        await page.getByRole('link', { name: 'Get or renew your certificate' }).getAttribute('href'),
      ).toBe(`${world.server.url}/clients/certificates`);
      await check(page, 'desktop-04-ordinary-address');
      expect(expectFailedLoads(watched, 401)).toBeGreaterThan(0);
    });
  });

  it('Chromium presents the PKCS#12 file on the secure-tools address: a file sent from the page, the plan report', {
    timeout: 300_000,
  }, async () => {
    expect(pfx, 'the first journey downloaded the file').toBeDefined();
    const certificate = { pfx: pfx as Buffer, passphrase: PASSPHRASE };
    for (const [name, viewport] of [
      ['desktop', { width: 1280, height: 900 }],
      ['phone', { width: 390, height: 844 }],
    ] as const)
      await withSecureToolsPage(
        world,
        tlsPort,
        certificate,
        `client-certificates-failed-mtls-${name}`,
        async ({ page }) => {
          await signInAsDemo(page, 'demo.client');
          expect(new URL(page.url()).origin).toBe(`https://127.0.0.1:${tlsPort}`);
          await settle(page, `/clients/${clientId}/eligibility-files`);
          await page.getByRole('heading', { level: 1, name: 'Send an eligibility file' }).waitFor();
          await page
            .locator('#eligibility-file')
            .setInputFiles({ name: 'enrollment.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
          await page.getByRole('button', { name: 'Check the file' }).click();
          await page.getByText('CSV file: 0 records').waitFor();
          await check(page, `${name}-05-mtls-eligibility`);
          await settle(page, `/clients/${clientId}/reports/plan`);
          await page.getByRole('heading', { level: 1, name: 'Plan report' }).waitFor();
          await page.locator('.recharts-surface').first().waitFor();
          await check(page, `${name}-06-mtls-plan-report`);
        },
        { viewport },
      );
  });

  it('the primary administrator issues a service identity from a CSR on its page; the HR system uploads with no session', {
    timeout: 300_000,
  }, async () => {
    // The HR system makes its key and request itself; only the request goes into the page.
    const keys = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
      'sign',
      'verify',
    ])) as CryptoKeyPair;
    const csr = await x509.Pkcs10CertificateRequestGenerator.create({
      name: 'CN=payroll-sync',
      keys,
      signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
    });
    const cert = await withWatchedPage(world, 'client-certificates-failed-service', async ({ page }) => {
      await signInAsDemo(page, 'demo.client');
      await settle(page, `/clients/${clientId}/service-identities`);
      await check(page, 'desktop-07-service-identities');
      await page.getByLabel('Service name').fill('payroll-sync');
      await page.getByLabel('Certificate request of the system (PEM)').fill(csr.toString('pem'));
      const downloading = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Issue certificate' }).click();
      const download = await downloading;
      expect(download.suggestedFilename()).toBe('payroll-sync.pem');
      await page.getByRole('table').getByText('payroll-sync').waitFor();
      await check(page, 'desktop-08-service-issued');
      return readFile(await download.path(), 'utf8');
    });
    const ca = await (await fetch(`${world.server.url}/api/certificates/ca.pem`)).text();
    const tls = { cert, key: await privateKeyPem(keys.privateKey), ca };
    const got = await overMtls(
      '/api/certificates/service/eligibility-files/preview',
      tls,
      {},
      { content: CSV },
    );
    expect(got.status, JSON.stringify(got.json)).toBe(200);
    expect(got.json).toMatchObject({ format: 'csv', records: 0, errors: [] });
  });

  it('the pages read well on a phone, and the account team sees the certificate in its inventory', {
    timeout: 300_000,
  }, async () => {
    await withWatchedPage(
      world,
      'client-certificates-failed-phone',
      async (watched) => {
        const { page } = watched;
        await signInAsDemo(page, 'demo.client');
        await settle(page, '/clients/certificates');
        await check(page, 'phone-01-page');
        await settle(page, `/clients/${clientId}/reports/plan`);
        await page.getByRole('heading', { name: 'This tool needs your client certificate' }).waitFor();
        await check(page, 'phone-04-ordinary-address');
        expect(expectFailedLoads(watched, 401)).toBeGreaterThan(0);
      },
      { viewport: { width: 390, height: 844 } },
    );
    for (const [name, viewport] of [
      ['desktop', { width: 1280, height: 900 }],
      ['phone', { width: 390, height: 844 }],
    ] as const)
      await withWatchedPage(
        world,
        `client-certificates-failed-inventory-${name}`,
        async ({ page }) => {
          await signInAsDemo(page, 'demo.account');
          await settle(page, '/staff/account-team/certificates');
          await page.getByRole('table').first().waitFor();
          await check(page, `${name}-04-inventory`);
        },
        { viewport },
      );
  });
});
