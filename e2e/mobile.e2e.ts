import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WatchedPage } from './support/browser';
import { type DemoWorld, signInAsDemo, startDemoWorld, withWatchedPage } from './support/demo-world';
import { resultsDir } from './support/paths';
import { settle, shotName } from './support/visit';

// Issue 20, Mobile: every member page at 390×844 (a phone) without horizontal scrolling, and the ID card and an
// order's tracking open without a connection after one visit (service worker, Chromium's offline mode).
// Screenshots land in test-results/mobile-*.png.

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

let world: DemoWorld;

beforeAll(async () => {
  world = await startDemoWorld('mobile');
});

afterAll(async () => {
  await world?.stop();
});

interface MemberPage {
  path: string;
  /** Open the first link in the page to this path prefix (a prescription, an order, a claim) instead. */
  follow?: string;
}

// biome-ignore format: table
const MEMBER_PAGES: MemberPage[] = [
  { path: '/members' },
  { path: '/members/prescriptions' },
  { path: '/members/prescriptions', follow: '/members/prescriptions/' },
  { path: '/members/refill' },
  { path: '/members/orders' },
  { path: '/members/orders', follow: '/members/orders/' },
  { path: '/members/auto-refill' },
  { path: '/members/transfers' },
  { path: '/members/ask-doctor' },
  { path: '/members/payment-methods' },
  { path: '/members/id-card' },
  { path: '/members/pharmacy-locator' },
  { path: '/members/urgent-supply' },
  { path: '/members/messages' },
  { path: '/members/notifications' },
  { path: '/members/family' },
  { path: '/members/claims' },
  { path: '/members/claims', follow: '/members/claims/' },
  { path: '/members/coverage' },
  { path: '/members/price-check' },
  { path: '/members/prior-auth' },
  { path: '/account' },
];

const onPhone = <T>(run: (watched: WatchedPage) => Promise<T>) =>
  withWatchedPage(world, 'mobile-failure', run, PHONE);

/**
 * How wide the page is against the screen, and which elements outside the site header stick out past its right
 * edge (inside a scrolling box too: scrolling sideways inside a table is still scrolling sideways). The header
 * and its menu belong to the navigation work; the page content is checked here.
 */
function widths(page: Page) {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const describe = (e: Element) =>
      `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${[...e.classList].map((c) => `.${c}`).join('')}`;
    const sticking = [...document.querySelectorAll('body *')]
      .filter((e) => !e.closest('header, [role=banner]'))
      .filter((e) => {
        const box = e.getBoundingClientRect();
        return box.width > 1 && box.right > width + 1;
      })
      .map((e) => `${describe(e)} ends at ${Math.round(e.getBoundingClientRect().right)}px`);
    const header = document.querySelector('header, [role=banner]');
    return {
      width,
      scrollWidth: document.documentElement.scrollWidth,
      headerWidth: header ? header.scrollWidth : 0,
      sticking: sticking.slice(0, 10),
    };
  });
}

async function expectNoSidewaysScroll(page: Page, where: string): Promise<void> {
  const { width, scrollWidth, headerWidth, sticking } = await widths(page);
  expect(sticking, `${where}: elements wider than the ${width}px screen`).toEqual([]);
  // document.documentElement.scrollWidth <= innerWidth, unless the header alone is what is wider.
  expect(scrollWidth <= width || headerWidth > width, `${where}: page is ${scrollWidth}px wide`).toBe(true);
}

describe('member pages on a phone (390×844)', () => {
  it.each(MEMBER_PAGES)('$path $follow', { timeout: 120_000 }, async ({ path, follow }) => {
    await onPhone(async ({ page }) => {
      await signInAsDemo(page, 'demo.member');
      await settle(page, path);
      let where = path;
      if (follow) {
        where = (await page.locator(`main a[href^="${follow}"]`).first().getAttribute('href')) ?? follow;
        await settle(page, where);
      }
      await page.evaluate(() => document.fonts.ready);
      await expectNoSidewaysScroll(page, where);
      await page.screenshot({
        path: `${resultsDir()}/mobile-${shotName(follow ? `${path}-detail` : path)}.png`,
        fullPage: true,
      });
    });
  });
});

describe('without a connection, after one visit', () => {
  it('opens the ID card and the order tracking', { timeout: 180_000 }, async () => {
    await onPhone(async (watched) => {
      const { page } = watched;
      await signInAsDemo(page, 'demo.member');
      await settle(page, '/members/id-card');
      await page
        .getByRole('article', { name: /Member ID card for/ })
        .first()
        .waitFor();
      // Wait until the service worker controls the page, then visit once through it.
      await page.evaluate(async () => {
        await navigator.serviceWorker.ready;
        if (!navigator.serviceWorker.controller) {
          await new Promise<void>((resolve) =>
            navigator.serviceWorker.addEventListener('controllerchange', () => resolve()),
          );
        }
      });
      await settle(page, '/members/id-card');
      await page
        .getByRole('article', { name: /Member ID card for/ })
        .first()
        .waitFor();
      await settle(page, '/members/orders');
      const orderPath = await page.locator('main a[href^="/members/orders/"]').first().getAttribute('href');
      expect(orderPath).toBeTruthy();
      await settle(page, orderPath ?? '');
      const status = ((await page.locator('.rx-order-status').textContent()) ?? '').trim();
      expect(status).toMatch(/^Order HD\d+ for /);

      await page.context().setOffline(true);
      await page.reload();
      await page.getByRole('heading', { name: 'You are offline' }).waitFor();
      expect(((await page.locator('.rx-order-status').textContent()) ?? '').trim()).toBe(status);
      await page.getByRole('list', { name: 'Order progress' }).waitFor();
      await expectNoSidewaysScroll(page, `${orderPath} offline`);
      await page.screenshot({ path: `${resultsDir()}/mobile-order-offline.png`, fullPage: true });

      await page.goto('/members/id-card');
      await page.getByRole('heading', { name: 'You are offline' }).waitFor();
      await page
        .getByRole('article', { name: /Member ID card for/ })
        .first()
        .waitFor();
      await expectNoSidewaysScroll(page, '/members/id-card offline');
      await page.screenshot({ path: `${resultsDir()}/mobile-id-card-offline.png`, fullPage: true });
      await page.context().setOffline(false);
      // Offline, the app's API calls fail before it falls back to the saved copies; Chromium logs each as an error.
      watched.errors = watched.errors.filter((e) => !e.includes('net::ERR_INTERNET_DISCONNECTED'));
    });
  });
});
