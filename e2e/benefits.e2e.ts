import { DEMO_LOGINS } from '@openpbm/db/seed/index';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './support/axe';
import { launchBrowser, openPage, type WatchedPage } from './support/browser';
import { resultsDir } from './support/paths';
import { type RunningServer, startServer } from './support/server';

// A demo member's benefits journey: sign in, search the plan's drug list, run a price check (including a form
// error, then at a pharmacy they used), open the claims history (a rejected claim and its reason) and a receipt,
// and print them. Screenshots (and a PDF of the receipt) go to
// test-results/; every page is checked with axe (WCAG 2.1 A/AA).

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const demoMember = DEMO_LOGINS.find((login) => login.username === 'demo.member');

async function withPage(run: (watched: WatchedPage) => Promise<void>) {
  const watched = await openPage(browser, server.url);
  try {
    await run(watched);
    expect(watched.errors, 'errors in the browser console').toEqual([]);
  } catch (error) {
    await watched.page
      .screenshot({ path: `${resultsDir()}/benefits-failure.png`, fullPage: true })
      .catch(() => {});
    throw error;
  } finally {
    await watched.close();
  }
}

const SIGN_IN_SCRIPT = `async ({ username, password }) => {
  const { token } = await (await fetch('/api/identity/csrf')).json();
  const headers = { 'content-type': 'application/json', 'x-csrf-token': token };
  await fetch('/api/identity/sign-in/site-key', { method: 'POST', headers, body: JSON.stringify({ username }) });
  const res = await fetch('/api/identity/sign-in/password', {
    method: 'POST',
    headers,
    body: JSON.stringify({ username, password }),
  });
  return { status: res.status, body: await res.json() };
}`;

/**
 * Signs in through the identity API from inside the page, so the browser holds the session cookie exactly as
 * after the sign-in form (username → password; demo members have no second factor set up).
 */
async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/members');
  // A string, not a function: the test transpiler would wrap named inner functions in helpers the page lacks.
  const outcome = await page.evaluate(`(${SIGN_IN_SCRIPT})(${JSON.stringify({ username, password })})`);
  expect(outcome, 'password sign-in').toMatchObject({ status: 200, body: { status: 'signed_in' } });
}

/** Waits for the page's one h1 (pages load on demand, so the URL changes before the heading does). */
async function expectH1(page: Page, text: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name: text }).waitFor();
  expect(await page.locator('h1').count()).toBe(1);
}

async function expectAccessible(page: Page): Promise<void> {
  expect(await axeViolations(page)).toEqual([]);
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: `${resultsDir()}/${name}.png`, fullPage: true });
}

describe('member benefits journey', () => {
  it('signed out, the benefits pages ask the visitor to sign in', async () => {
    await withPage(async ({ page }) => {
      await page.goto('/members/claims');
      await expectH1(page, 'Claims and receipts');
      await page.getByRole('heading', { name: 'Sign in to see your claims' }).waitFor();
      await expectAccessible(page);
    });
  });

  it('search a drug, check its price, read claims and print a receipt', async () => {
    if (!demoMember) throw new Error('DEMO_LOGINS has no demo.member');
    await withPage(async ({ page }) => {
      await signIn(page, demoMember.username, demoMember.password);

      // Drug coverage search, reached from the main navigation shown to signed-in members.
      await page.goto('/members');
      const nav = page.getByRole('navigation', { name: 'Main' });
      await nav.getByRole('button', { name: 'Costs & coverage' }).click();
      await nav.getByRole('link', { name: 'Drug coverage' }).click();
      await page.waitForURL('**/members/coverage');
      await expectH1(page, 'Is my drug covered?');
      await page.getByLabel('Drug name').fill('atorvastatin');
      await page.getByRole('button', { name: 'Search' }).click();
      await page.getByRole('heading', { level: 2, name: 'Results for “atorvastatin”' }).waitFor();
      const firstResult = page.locator('.formulary-result').first();
      expect((await firstResult.getByRole('heading', { level: 3 }).textContent())?.toLowerCase()).toContain(
        'atorvastatin',
      );
      expect(await firstResult.getByText(/Covered|Not covered|Not on your plan/).count()).toBeGreaterThan(0);
      await expectAccessible(page);
      await screenshot(page, 'benefits-coverage-search');

      // Price check from the search result: first a form error, then a real quote.
      await firstResult.getByRole('link', { name: /Check the price/ }).click();
      await page.waitForURL('**/members/price-check');
      await expectH1(page, 'Check what a drug will cost you');
      await page.getByLabel('Quantity').fill('');
      await page.getByRole('button', { name: 'Check price' }).click();
      const summary = page.getByRole('heading', { name: 'There is a problem' });
      await summary.waitFor();
      await page.getByRole('link', { name: 'Enter a quantity' }).click();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('price-quantity');
      await expectAccessible(page);
      await screenshot(page, 'benefits-price-check-error');

      await page.getByLabel('Quantity').fill('30');
      await page.getByLabel('Days supply').fill('30');
      await page.getByRole('button', { name: 'Check price' }).click();
      const quotes = page.getByRole('table', { name: /Estimated cost of/ });
      await quotes.waitFor();
      const channels = await quotes.getByRole('rowheader').allInnerTexts();
      expect(channels.map((text) => text.split('\n')[0])).toEqual([
        'Retail pharmacy, 30-day supply',
        'Retail pharmacy, 90-day supply',
        'Home delivery, 90-day supply',
      ]);
      expect(await quotes.getByText(/\$\d/).count()).toBeGreaterThan(0);
      await page.getByRole('heading', { level: 2, name: 'What you’ve paid so far' }).waitFor();
      await expectAccessible(page);
      await screenshot(page, 'benefits-price-check');

      // The same fill at a pharmacy the member used: its own contract (and cash price when known).
      const pharmacies = page.getByRole('group', { name: 'Pharmacy' });
      const atPharmacy = pharmacies.getByRole('radio').nth(1);
      const pharmacyName =
        ((await pharmacies.locator('label').nth(1).textContent()) ?? '').split(',')[0] ?? '';
      expect(pharmacyName.length).toBeGreaterThan(0);
      await atPharmacy.check();
      await page.getByRole('button', { name: 'Check price' }).click();
      await page.getByText(`as of today, at ${pharmacyName}.`, { exact: false }).waitFor();
      expect(await quotes.getByText(`at ${pharmacyName}`).count()).toBeGreaterThan(0);
      await expectAccessible(page);
      await screenshot(page, 'benefits-price-check-pharmacy');
      await page.setViewportSize({ width: 390, height: 844 });
      await screenshot(page, 'benefits-price-check-pharmacy-phone');
      await page.setViewportSize({ width: 1280, height: 800 });

      // Claims history and its print view.
      await nav.getByRole('button', { name: 'Costs & coverage' }).click();
      await nav.getByRole('link', { name: 'Claims' }).click();
      await page.waitForURL('**/members/claims');
      await expectH1(page, 'Claims and receipts');
      await page.getByRole('heading', { level: 2, name: 'Claims' }).waitFor();
      const claims = page.getByRole('table', { name: /Pharmacy claims for/ });
      if ((await claims.count()) === 0) {
        // Early in a plan year there may be no claims yet: the year picker offers the previous one.
        await page.getByLabel('Plan year', { exact: true }).selectOption({ index: 1 });
        await claims.waitFor();
      }
      expect(await claims.count(), 'the demo member has claims').toBe(1);
      // The seed's early refill: rejected, with its reason and next step in plain words and no amounts.
      const rejected = claims.locator('tr.claims-table__rejected').first();
      await rejected.waitFor();
      expect(await rejected.getByText('Why it was not paid').count()).toBe(1);
      expect(await rejected.getByText('It is too soon to refill', { exact: false }).count()).toBe(1);
      expect(await rejected.getByText(/You can fill it on or after \w+ \d+, \d{4}/).count()).toBe(1);
      expect(await rejected.getByText(/\$\d/).count(), 'no amounts on a rejected claim').toBe(0);
      await expectAccessible(page);
      await screenshot(page, 'benefits-claims');
      await page.getByLabel('Show', { exact: true }).selectOption('notPaid');
      expect(await claims.getByRole('link', { name: /View receipt/ }).count()).toBe(0);
      await page.setViewportSize({ width: 390, height: 844 });
      await screenshot(page, 'benefits-claims-not-paid-phone');
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.getByLabel('Show', { exact: true }).selectOption('all');
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.site-header').isVisible()).toBe(false);
      expect(await page.getByRole('button', { name: 'Print claims' }).isVisible()).toBe(false);
      await screenshot(page, 'benefits-claims-print');
      await page.emulateMedia({ media: 'screen' });

      // A receipt (explanation of benefits), printed.
      await claims
        .getByRole('link', { name: /View receipt/ })
        .first()
        .click();
      await page.waitForURL('**/members/claims/*/*');
      await expectH1(page, /^Receipt: /);
      await page.getByRole('heading', { level: 2, name: 'Who paid what' }).waitFor();
      expect(await page.getByText('You paid', { exact: true }).count()).toBe(1);
      await expectAccessible(page);
      await screenshot(page, 'benefits-receipt');
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.site-header').isVisible()).toBe(false);
      expect(await page.getByRole('button', { name: 'Print receipt' }).isVisible()).toBe(false);
      await screenshot(page, 'benefits-receipt-print');
      await page.pdf({ path: `${resultsDir()}/benefits-receipt.pdf`, format: 'Letter' });
    });
  }, 240_000);
});
