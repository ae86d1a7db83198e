import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPage, WIDTHS } from './support/checks';
import { type DemoWorld, signInAsDemo, startDemoWorld, withWatchedPage } from './support/demo-world';
import { settle } from './support/visit';

// The client portal's content hub in Chromium, and a walk of the portal as each of its people. A visitor reads the
// landing page's latest items, filters the hub, reads a public item in full and gets the teaser and a sign-in
// prompt for a registered-only one; an advisor reads that item in full; the account team writes, previews and
// publishes an item that then shows in the hub. Then, at desktop and phone width, the registrant (advisor), the
// client's administrator and the account team open each of their pages. A client user registers for a webinar
// ("You're registered"), downloads its .ics file, a publication PDF and a flyer PDF, and lists past webinars.
// Every page is checked with axe; screenshots go to test-results/content-hub-*.png.

let world: DemoWorld;

beforeAll(async () => {
  world = await startDemoWorld('content');
}, 360_000);
afterAll(async () => {
  await world?.stop();
});

const check = (page: Page, name: string) => checkPage(page, `content-hub-${name}`);

/** Fails on a link in the main content that leads to a page the app does not have. */
async function noDeadLinks(page: Page): Promise<void> {
  const hrefs = await page
    .locator('main a[href^="/"]')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  for (const href of new Set(hrefs)) {
    if (href.startsWith('/api/')) continue;
    const res = await page.request.get(href);
    expect(res.status(), href).toBe(200);
  }
  await expect(page.getByText(/coming soon/i).count()).resolves.toBe(0);
}

describe('content hub', () => {
  it('a visitor, an advisor and the account team', { timeout: 300_000 }, async () => {
    await withWatchedPage(world, 'content-hub-failed-visitor', async ({ page }) => {
      await settle(page, '/clients');
      await page.getByRole('link', { name: 'Adalimumab biosimilars move to the preferred tier' }).waitFor();
      await page
        .getByRole('link', { name: 'Webinar: managing GLP-1 spend without cutting access' })
        .waitFor();
      await check(page, 'desktop-01-landing');
      await page.getByRole('link', { name: 'Browse all news and insights' }).click();
      await page.getByRole('heading', { level: 1, name: 'News and insights' }).waitFor();
      await page.getByRole('list', { name: 'Hub items' }).waitFor();
      await check(page, 'desktop-02-hub');
      await page.getByLabel('Type').selectOption('webinar');
      await page.getByRole('button', { name: 'Show' }).click();
      await page.getByRole('link', { name: 'Webinar: specialty site-of-care strategies' }).waitFor();
      await expect(page.getByRole('link', { name: /Adalimumab/ }).count()).resolves.toBe(0);
      await page.getByRole('link', { name: 'Webinar: specialty site-of-care strategies' }).click();
      await page.getByRole('heading', { name: 'For registered users' }).waitFor();
      await expect(page.getByText('Watch the recording').count()).resolves.toBe(0);
      await check(page, 'desktop-03-registered-teaser');
      await settle(page, '/clients/hub/biosimilar-adalimumab-preferred');
      await page.getByRole('heading', { level: 2, name: 'What changes' }).waitFor();
      await check(page, 'desktop-04-public-item');
    });

    await withWatchedPage(world, 'content-hub-failed-advisor', async ({ page }) => {
      await signInAsDemo(page, 'demo.advisor');
      await settle(page, '/clients/hub/specialty-pipeline-briefing');
      await page.getByRole('heading', { level: 2, name: 'The short list' }).waitFor();
      await check(page, 'desktop-05-registered-item-signed-in');
    });

    await withWatchedPage(world, 'content-hub-failed-editor', async ({ page }) => {
      await signInAsDemo(page, 'demo.account');
      await settle(page, '/staff/account-team/content');
      await page.getByRole('table').getByText('Draft').first().waitFor();
      await check(page, 'desktop-06-editor-list');
      await page.getByRole('link', { name: 'Write a new item' }).click();
      await page.getByRole('heading', { level: 1, name: 'Write a new item' }).waitFor();
      await page.getByRole('button', { name: 'Save draft' }).click();
      await page.getByRole('alert').filter({ hasText: 'problem' }).waitFor();
      await page.getByLabel('Title').fill('Rebate pass-through explained');
      await page.getByLabel('Address').fill('rebate-pass-through');
      await page.getByLabel('Registered users (visitors see the teaser)').check();
      await page.getByLabel('Cost trend').check();
      await page
        .getByLabel('Teaser', { exact: true })
        .fill('How rebates reach your plan, and what to ask for at renewal.');
      await page
        .getByLabel('Body (Markdown)')
        .fill('## Three questions\n\n1. What share is passed through?\n2. When?');
      await page.getByRole('button', { name: 'Preview' }).click();
      await page.getByRole('heading', { level: 2, name: 'Three questions' }).waitFor();
      await page.getByRole('button', { name: 'Save draft' }).click();
      await page.getByRole('heading', { level: 1, name: 'Rebate pass-through explained' }).waitFor();
      await check(page, 'desktop-07-editor-item');
      await page.getByRole('button', { name: 'Publish now' }).click();
      await page.getByText(/State: Published/).waitFor();
      await settle(page, '/clients/hub?topic=cost-trend');
      await page.getByRole('link', { name: 'Rebate pass-through explained' }).waitFor();
    });
  });

  it('a client user registers for a webinar and downloads its calendar file, a publication and a flyer', {
    timeout: 300_000,
  }, async () => {
    const download = async (page: Page, link: string): Promise<string> => {
      const [file] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: link }).click(),
      ]);
      const path = await file.path();
      return readFileSync(path, 'latin1');
    };
    for (const { name, viewport } of WIDTHS)
      await withWatchedPage(
        world,
        `content-hub-failed-webinar-${name}`,
        async ({ page }) => {
          await signInAsDemo(page, 'demo.client');
          await settle(page, '/clients/hub/webinar-managing-glp1-spend');
          // Answer the cookie banner so the screenshots show the page under it.
          const banner = page.getByRole('region', { name: 'Cookies on OpenPBM' });
          if (await banner.isVisible()) {
            await banner.getByRole('button', { name: 'Necessary cookies only' }).click();
            await banner.waitFor({ state: 'detached' });
          }
          // Registering is idempotent: the first pass registers, the second finds the registration.
          if (name === 'desktop')
            await page.getByRole('button', { name: 'Register for this webinar' }).click();
          await page.getByRole('heading', { name: 'You’re registered' }).waitFor();
          await check(page, `${name}-08-webinar-registered`);
          const ics = await download(page, 'Add to my calendar (.ics file)');
          expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/);
          expect(ics).toMatch(/\r\nDTSTART:\d{8}T\d{6}Z\r\n/);
          await settle(page, '/clients/hub/guide-to-plan-reports');
          await page.getByRole('link', { name: 'Download as PDF' }).waitFor();
          await check(page, `${name}-09-publication`);
          expect((await download(page, 'Download as PDF')).startsWith('%PDF-')).toBe(true);
          await settle(page, '/clients/hub/flyer-home-delivery');
          await page.getByRole('link', { name: 'Download the flyer (PDF)' }).waitFor();
          await check(page, `${name}-10-flyer`);
          expect((await download(page, 'Download the flyer (PDF)')).startsWith('%PDF-')).toBe(true);
          await settle(page, '/clients/hub?type=webinar&when=past');
          await page.getByRole('link', { name: 'Webinar: specialty site-of-care strategies' }).waitFor();
          await expect(page.getByRole('link', { name: /GLP-1/ }).count()).resolves.toBe(0);
          await check(page, `${name}-11-past-webinars`);
        },
        { viewport },
      );
  });

  it.each(WIDTHS)(
    '$name: each person’s portal pages pass axe and lead somewhere',
    { timeout: 300_000 },
    async ({ name, viewport }) => {
      await withWatchedPage(
        world,
        `content-hub-failed-walk-visitor-${name}`,
        async ({ page }) => {
          for (const path of ['/clients', '/clients/hub', '/clients/hub/specialty-pipeline-briefing']) {
            await settle(page, path);
            await noDeadLinks(page);
            await check(page, `${name}-visitor${path.replace(/\//g, '-')}`);
          }
        },
        { viewport },
      );
      await withWatchedPage(
        world,
        `content-hub-failed-walk-advisor-${name}`,
        async ({ page }) => {
          await signInAsDemo(page, 'demo.advisor');
          await settle(page, '/clients/access');
          await page.getByRole('link', { name: 'Plan reports' }).waitFor();
          await noDeadLinks(page);
          await check(page, `${name}-advisor-access`);
          await settle(page, '/clients/hub');
          await check(page, `${name}-advisor-hub`);
        },
        { viewport },
      );
      await withWatchedPage(
        world,
        `content-hub-failed-walk-client-${name}`,
        async (watched) => {
          const { page } = watched;
          await signInAsDemo(page, 'demo.client');
          await settle(page, '/clients/access');
          await page.getByRole('link', { name: /Manage users of/ }).waitFor();
          await noDeadLinks(page);
          await check(page, `${name}-client-access`);
          const links = page.locator('main a[href^="/clients/"]');
          const tools = await links.evaluateAll((as) =>
            as.map((a) => a.getAttribute('href') ?? '').filter((h) => /\/clients\/[0-9a-f-]{36}\//.test(h)),
          );
          for (const href of [...new Set(tools)]) {
            await settle(page, href);
            await page.waitForLoadState('networkidle');
            await check(
              page,
              `${name}-client${href.replace(/\/clients\/[0-9a-f-]{36}/, '').replace(/[/?=&]/g, '-')}`,
            );
          }
          // On the ordinary address the secure tools answer 401 certificate-required (issue 11) and each tool page
          // shows how to get the certificate instead; the browser logs each such 401 as a failed load. Exactly
          // those are taken out of the console errors; anything else still fails the walk.
          const certificateRequired = watched.failedRequests.filter((r) =>
            /^401 GET \/api\/(certificates\/presented|clients\/[0-9a-f-]{36}\/)/.test(r),
          );
          expect(certificateRequired.length).toBeGreaterThan(0);
          for (const _ of certificateRequired) {
            const at = watched.errors.findIndex((e) => /status of 401/.test(e));
            if (at >= 0) watched.errors.splice(at, 1);
          }
        },
        { viewport },
      );
      await withWatchedPage(
        world,
        `content-hub-failed-walk-account-${name}`,
        async ({ page }) => {
          await signInAsDemo(page, 'demo.account');
          for (const path of ['/staff/account-team/access-requests', '/staff/account-team/content']) {
            await settle(page, path);
            await page.waitForLoadState('networkidle');
            await check(page, `${name}-account${path.replace(/\//g, '-')}`);
          }
        },
        { viewport },
      );
    },
  );
});
