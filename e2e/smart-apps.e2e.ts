// SMART on FHIR in Chromium: an administrator registers a third-party app on the admin page; the app (a tiny
// loopback server, e2e/support/smart-app.ts) launches SMART standalone with PKCE; the member, signed out, is sent
// from the consent page to sign-in and back, allows the app, which reads Patient and ExplanationOfBenefit; the
// member removes the app on the connected-apps page and the app's next read fails. Axe and screenshots at 1280
// and 390 wide on the admin, consent and connected-apps pages.
import { createServer } from 'node:net';
import { DEMO_LOGINS } from '@openpbm/db/seed/index';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './support/axe';
import {
  type DemoWorld,
  signInAsDemo,
  signInOnPage,
  startDemoWorld,
  withWatchedPage,
} from './support/demo-world';
import { resultsDir } from './support/paths';
import { type SmartTestApp, startSmartTestApp } from './support/smart-app';
import { settle } from './support/visit';

let world: DemoWorld;
let app: SmartTestApp;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  // The OAuth issuer and FHIR base are PUBLIC_URL: the server needs its address before it starts.
  const port = await freePort();
  world = await startDemoWorld('smart', { PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}` });
  app = await startSmartTestApp(world.server.url);
}, 240_000);
afterAll(async () => {
  await app?.stop();
  await world?.stop();
});

/** Axe, then full-page screenshots at 1280 and 390 wide (axe again on the phone). */
async function checkBothWidths(page: Page, name: string) {
  // The cookie banner would cover the page in the screenshots: choose once per browser context.
  const banner = page.getByRole('region', { name: 'Cookies on OpenPBM' });
  if (await banner.isVisible()) {
    await banner.getByRole('button', { name: 'Necessary cookies only' }).click();
    await banner.waitFor({ state: 'detached' });
  }
  expect(await axeViolations(page)).toEqual([]);
  await page.screenshot({ path: `${resultsDir()}/${name}-desktop.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await axeViolations(page)).toEqual([]);
  await page.screenshot({ path: `${resultsDir()}/${name}-phone.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
}

describe('third-party app on the FHIR API', () => {
  it('admin registers, member connects and consents, app reads, member revokes, app is cut off', {
    timeout: 300_000,
  }, async () => {
    await withWatchedPage(world, 'smart-admin-failure', async ({ page }) => {
      await signInAsDemo(page, 'demo.admin');
      await settle(page, '/staff/fhir-apps');
      const form = page.getByRole('form', { name: 'Register an app' });
      await form.getByLabel('App name').fill('Budget Health App');
      await form.getByLabel('Redirect URIs').fill(app.redirectUri);
      await form.getByLabel(/^Public/).check();
      await form.getByRole('button', { name: 'Register the app' }).click();
      const done = page.getByRole('status').filter({ hasText: 'Budget Health App is registered' });
      await done.waitFor();
      app.setClientId(String(await done.locator('code').first().textContent()));
      await page.getByRole('cell', { name: app.redirectUri }).waitFor();
      await checkBothWidths(page, 'smart-admin-apps');
    });

    // The member has signed in on this site before (first-time setup done), but not in this browser.
    await withWatchedPage(world, 'smart-setup-failure', async ({ page }) =>
      signInOnPage(page, 'demo.member'),
    );

    await withWatchedPage(world, 'smart-member-failure', async ({ page }) => {
      await page.goto(app.origin);
      await page.getByRole('link', { name: 'Connect my pharmacy plan' }).click();
      await page.waitForURL(/\/members\/connected-apps\/authorize\//);
      const consentUrl = new URL(page.url()).pathname;
      await page.getByRole('main').getByRole('link', { name: 'Sign in' }).click();
      await page.waitForURL(/\/sign-in\?next=/);

      const member = DEMO_LOGINS.find((l) => l.username === 'demo.member');
      await page.getByRole('textbox', { name: 'Username' }).fill('demo.member');
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByTestId('site-key-phrase').waitFor();
      await page.getByRole('textbox', { name: 'Password', exact: true }).fill(String(member?.password));
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL((url) => url.pathname === consentUrl);

      const consent = page.getByRole('form', { name: 'Allow Budget Health App' });
      await consent.waitFor();
      await page.getByText('Read your claims (explanations of benefits)', { exact: false }).waitFor();
      const choices = consent.getByRole('radio');
      expect(await choices.count()).toBeGreaterThan(1); // self and the children under 18
      expect(await consent.getByRole('radio', { name: /\(you\)$/ }).isChecked()).toBe(true);
      await checkBothWidths(page, 'smart-consent');

      await consent.getByRole('button', { name: 'Allow' }).click();
      await page.waitForURL((url) => url.origin === app.origin && url.pathname === '/callback');
      const result = await page.locator('#result').textContent();
      expect(result).toMatch(/^Read \S+ \S+: [1-9]\d* claims$/);

      await settle(page, '/members/connected-apps');
      await page.getByRole('heading', { name: 'Budget Health App' }).waitFor();
      expect(await page.getByText('Not yet').count()).toBe(0); // the app's reads stamped "Last used"
      await checkBothWidths(page, 'smart-connected-apps');
      await page.getByRole('button', { name: 'Remove access for Budget Health App' }).click();
      await page.getByRole('status').filter({ hasText: 'Access removed' }).waitFor();
      await page.getByText('No apps are connected to your records.').waitFor();
      await page.screenshot({
        path: `${resultsDir()}/smart-connected-apps-removed-desktop.png`,
        fullPage: true,
      });

      await page.goto(`${app.origin}/read`);
      expect(await page.locator('#result').textContent()).toBe(
        'Read failed: Patient 401, ExplanationOfBenefit 401',
      );
    });
  });
});
