import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './support/axe';
import { type DemoWorld, signInOnPage, startDemoWorld, withWatchedPage } from './support/demo-world';
import { resultsDir } from './support/paths';

// A home for every role: each demo user signs in on the sign-in page and lands on their own home page of what
// needs them now (the member's with the family they manage), checked with axe and photographed at 1280 and 390 px
// wide. Also the member's grouped header (one row at 1280 px, a menu on a phone) and landing pages that say only
// what is true.

let world: DemoWorld;

beforeAll(async () => {
  world = await startDemoWorld('dash');
});

afterAll(async () => {
  await world?.stop();
});

async function expectH1(page: Page, text: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: text }).waitFor();
  expect(await page.locator('h1').count()).toBe(1);
}

const noSidewaysScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: `${resultsDir()}/${name}.png`, fullPage: true });
}

/** axe and a screenshot at 1280 px, then the same on a 390 × 844 phone without sideways scrolling. */
async function checkAtBothWidths(page: Page, name: string): Promise<void> {
  expect(await axeViolations(page)).toEqual([]);
  await shot(page, `${name}-1280`);
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await noSidewaysScroll(page)).toBe(true);
  expect(await axeViolations(page)).toEqual([]);
  await shot(page, `${name}-390`);
  await page.setViewportSize({ width: 1280, height: 800 });
}

const mainNav = (page: Page) => page.getByRole('navigation', { name: 'Main' });

describe('member home', () => {
  it('lands on their home after sign-in, with the family they manage and the ID card one tap away', async () => {
    await withWatchedPage(world, 'dashboards-member-failure', async ({ page }) => {
      await signInOnPage(page, 'demo.member');
      await page.waitForURL('**/members/home');
      await expectH1(page, 'Your home');
      const sections = page.getByRole('heading', { level: 2, name: /^For / });
      await sections.first().waitFor();
      // demo.member is the subscriber: themselves first, then the children under 18 they manage.
      const names = await sections.allInnerTexts();
      expect(names[0]).toBe('For you');
      expect(names.length).toBeGreaterThanOrEqual(2);
      const forYou = page.getByRole('region', { name: 'For you' });
      for (const tile of [
        'Refills due',
        'Orders on the way',
        'Prior authorizations',
        'Deductible and out-of-pocket',
      ]) {
        await forYou.getByRole('heading', { level: 3, name: tile }).waitFor();
      }
      await page.getByRole('link', { name: 'Show my ID card' }).waitFor();
      await checkAtBothWidths(page, 'dashboards-member');

      await page.getByRole('link', { name: 'Show my ID card' }).click();
      await page.waitForURL('**/members/id-card');
    });
  });

  it('header: one row at 1280 px with the name clear of Sign out; groups open and close from the keyboard', async () => {
    await withWatchedPage(world, 'dashboards-header-failure', async ({ page }) => {
      await signInOnPage(page, 'demo.member');
      await expectH1(page, 'Your home');
      const layout = await page.evaluate(() => {
        const box = (el: Element | null) => el?.getBoundingClientRect() ?? null;
        const items = [...document.querySelectorAll('nav[aria-label="Main"] > ul > li')].map((li) => box(li));
        const brand = box(document.querySelector('header a[aria-label="OpenPBM home"]'));
        const name = box(document.querySelector('header a[href="/account"]'));
        const signOut = box(
          [...document.querySelectorAll('header button')].find((b) => b.textContent === 'Sign out') ?? null,
        );
        return { items, brand, name, signOut };
      });
      expect(layout.items.length).toBe(4);
      const tops = new Set(layout.items.map((b) => Math.round(b?.top ?? -1)));
      expect(tops.size, 'every top-level item on one row').toBe(1);
      const [top] = [...tops];
      if (!layout.brand || !layout.name || !layout.signOut || top === undefined)
        throw new Error('header parts missing');
      // The navigation shares the brand's row, and the name ends before Sign out starts.
      expect(top).toBeLessThan(layout.brand.bottom);
      expect(layout.name.top).toBeLessThan(layout.brand.bottom);
      expect(layout.name.right).toBeLessThan(layout.signOut.left);

      const nav = mainNav(page);
      const group = nav.getByRole('button', { name: 'Prescriptions & orders' });
      await group.focus();
      await page.keyboard.press('Enter');
      expect(await group.getAttribute('aria-expanded')).toBe('true');
      await nav.getByRole('link', { name: 'Orders', exact: true }).waitFor();
      await shot(page, 'dashboards-member-menu-1280');
      await page.keyboard.press('Escape');
      expect(await group.getAttribute('aria-expanded')).toBe('false');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Prescriptions & orders');
      await group.click();
      await nav.getByRole('link', { name: 'Orders', exact: true }).click();
      await page.waitForURL('**/members/orders');
    });
  });

  it('phone: the navigation is one Menu button, and its groups reach every page without sideways scrolling', async () => {
    await withWatchedPage(world, 'dashboards-phone-failure', async ({ page }) => {
      await page.setViewportSize({ width: 390, height: 844 });
      await signInOnPage(page, 'demo.member');
      await expectH1(page, 'Your home');
      const nav = mainNav(page);
      expect(await nav.getByRole('link', { name: 'Home' }).isVisible()).toBe(false);
      await nav.getByRole('button', { name: 'Menu' }).click();
      await nav.getByRole('button', { name: 'Costs & coverage' }).click();
      expect(await noSidewaysScroll(page)).toBe(true);
      expect(await axeViolations(page)).toEqual([]);
      await shot(page, 'dashboards-member-menu-390');
      await nav.getByRole('link', { name: 'ID card' }).click();
      await page.waitForURL('**/members/id-card');
      expect(await nav.getByRole('link', { name: 'Home' }).isVisible()).toBe(false);
    });
  });

  it('landing pages say only what is true, signed out and signed in', async () => {
    await withWatchedPage(world, 'dashboards-landing-failure', async ({ page }) => {
      await page.goto('/members');
      await expectH1(page, 'Your pharmacy benefits, in one place');
      expect(await page.getByText('Coming soon').count()).toBe(0);
      // Every service card opens its page.
      const cards = page.getByRole('region', { name: 'What you can do' }).getByRole('listitem');
      const links = page
        .getByRole('region', { name: 'What you can do' })
        .getByRole('link', { name: /^Open / });
      expect(await links.count()).toBe(await cards.count());
      await page.getByRole('link', { name: 'Sign in to your account' }).waitFor();

      await signInOnPage(page, 'demo.member');
      for (const path of ['/', '/members', '/prescribers', '/clients']) {
        await page.goto(path);
        await page.getByRole('link', { name: 'Go to my home page' }).first().waitFor();
        expect(
          await page
            .getByRole('main')
            .getByRole('link', { name: /sign in/i })
            .count(),
          path,
        ).toBe(0);
        expect(
          await page
            .getByRole('contentinfo')
            .getByRole('link', { name: /sign in/i })
            .count(),
          path,
        ).toBe(0);
      }
      await page.getByRole('contentinfo').getByRole('link', { name: 'My home page' }).waitFor();
      await shot(page, 'dashboards-members-landing-signed-in');
    });
  });
});

describe('homes of the other roles', () => {
  it('prescriber: open requests and requests for information with due times', async () => {
    await withWatchedPage(world, 'dashboards-prescriber-failure', async ({ page }) => {
      await signInOnPage(page, 'demo.prescriber');
      await page.waitForURL('**/prescribers/home');
      await expectH1(page, 'Your open requests');
      await page.getByRole('heading', { level: 2, name: 'Renewal requests from patients' }).waitFor();
      await page.getByRole('heading', { level: 2, name: 'Open coverage requests' }).waitFor();
      await checkAtBothWidths(page, 'dashboards-prescriber');
    });
  });

  it('home-delivery pharmacist: queue counts by step', async () => {
    await withWatchedPage(world, 'dashboards-pharmacy-failure', async ({ page }) => {
      await signInOnPage(page, 'demo.pharmacy');
      await page.waitForURL('**/pharmacies/home');
      await expectH1(page, 'Your pharmacy today');
      for (const step of [
        'Order received',
        'Checked by a pharmacist',
        'Filled and packed',
        'Shipped',
        'Needs attention',
      ]) {
        await page.getByRole('heading', { level: 3, name: step }).waitFor();
      }
      expect(await page.getByText(/^\d+ orders?$/).count()).toBe(5);
      await checkAtBothWidths(page, 'dashboards-pharmacy');
    });
  });

  it('clinical reviewer: cases by deadline', async () => {
    await withWatchedPage(world, 'dashboards-reviewer-failure', async ({ page }) => {
      await signInOnPage(page, 'demo.reviewer');
      await page.waitForURL('**/staff/home');
      await expectH1(page, 'Coverage cases by deadline');
      await page.getByRole('heading', { level: 3, name: 'Overdue' }).waitFor();
      await page.getByRole('heading', { level: 2, name: 'Next deadlines' }).waitFor();
      await checkAtBothWidths(page, 'dashboards-reviewer');
    });
  });

  const staff = [
    { username: 'demo.support', h1: 'Customer service' },
    { username: 'demo.account', h1: 'Account team' },
    { username: 'demo.privacy', h1: 'Privacy office' },
    { username: 'demo.admin', h1: 'Administration' },
  ];
  for (const { username, h1 } of staff) {
    it(`${username}: lands on a home that says what they can do`, async () => {
      await withWatchedPage(world, `dashboards-${username}-failure`, async ({ page }) => {
        await signInOnPage(page, username);
        await page.waitForURL('**/staff/home');
        await expectH1(page, h1);
        await page.getByRole('region', { name: 'What you can do here' }).waitFor();
        await checkAtBothWidths(page, `dashboards-${username.replace('demo.', '')}`);
      });
    });
  }
});
