import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './support/axe';
import { launchBrowser, openPage, type WatchedPage } from './support/browser';
import { resultsDir } from './support/paths';
import { type RunningServer, startServer } from './support/server';

// The web shell as a person meets it: the home page, each audience's landing page reached through
// the main navigation, the sign-in placeholder, the not-found page, keyboard skip link and a phone screen.

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

const landingPages = [
  {
    link: 'Members',
    path: '/members',
    title: 'Members | OpenPBM',
    h1: 'Your pharmacy benefits, in one place',
  },
  {
    link: 'Plan sponsors',
    path: '/clients',
    title: 'Plan sponsors and advisors | OpenPBM',
    h1: 'Insight and tools for the plans you manage',
  },
  {
    link: 'Prescribers',
    path: '/prescribers',
    title: 'Prescribers | OpenPBM',
    h1: 'Get your patients the medicines they need',
  },
  { link: 'Pharmacies', path: '/pharmacies', title: 'Pharmacies | OpenPBM', h1: 'Claims processing' },
  { link: 'Sign in', path: '/sign-in', title: 'Sign in | OpenPBM', h1: 'Sign in to OpenPBM' },
] as const;

async function withPage(run: (watched: WatchedPage) => Promise<void>, options = {}) {
  const watched = await openPage(browser, server.url, options);
  try {
    await run(watched);
    expect(watched.errors, 'errors in the browser console').toEqual([]);
  } finally {
    await watched.close();
  }
}

async function h1Text(page: Page): Promise<string> {
  const h1 = page.locator('h1');
  await h1.first().waitFor();
  expect(await h1.count()).toBe(1);
  return ((await h1.textContent()) ?? '').trim();
}

async function expectAccessible(page: Page): Promise<void> {
  expect(await axeViolations(page)).toEqual([]);
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: `${resultsDir()}/${name}.png`, fullPage: true });
}

function header(page: Page) {
  return page.getByRole('banner');
}

function mainNav(page: Page) {
  return page.getByRole('navigation', { name: 'Main' });
}

describe('web shell', () => {
  it('home page: landmarks, the four audiences, accessible', async () => {
    await withPage(async ({ page }) => {
      const response = await page.goto('/');
      expect(response?.status()).toBe(200);
      expect(await h1Text(page)).toBe('Pharmacy benefits that are clear for everyone involved');
      expect(await page.title()).toBe('OpenPBM');

      expect(await page.getByRole('banner').count()).toBe(1);
      expect(await page.getByRole('main').count()).toBe(1);
      expect(await page.getByRole('contentinfo').count()).toBe(1);

      const audiences = page.getByRole('region', { name: 'Who are you?' }).getByRole('heading', { level: 3 });
      expect(await audiences.allInnerTexts()).toEqual([
        'Members',
        'Plan sponsors and advisors',
        'Prescribers',
        'Pharmacies',
      ]);

      await expectAccessible(page);
      await screenshot(page, 'shell-home');
    });
  });

  it('header navigation reaches every landing page without a page reload', async () => {
    await withPage(async ({ page }) => {
      await page.goto('/');
      await page.getByRole('heading', { level: 1 }).waitFor();
      // A full reload would lose this marker; client-side navigation keeps it.
      await page.evaluate(() => {
        (window as unknown as { spaMarker: boolean }).spaMarker = true;
      });

      for (const landing of landingPages) {
        await header(page).getByRole('link', { name: landing.link, exact: true }).click();
        await page.waitForURL(`**${landing.path}`);
        await page.getByRole('heading', { level: 1, name: landing.h1 }).waitFor();

        expect(await h1Text(page)).toBe(landing.h1);
        expect(await page.title()).toBe(landing.title);
        const current = header(page).locator('[aria-current="page"]');
        expect((await current.textContent())?.trim()).toBe(landing.link);
        // Focus moves to the new page's heading so screen readers announce it.
        expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
        expect(await page.evaluate(() => (window as unknown as { spaMarker?: boolean }).spaMarker)).toBe(
          true,
        );

        await expectAccessible(page);
        await screenshot(page, `shell${landing.path.replace('/', '-')}`);
      }
    });
  });

  it('landing pages show what each audience can do', async () => {
    await withPage(async ({ page }) => {
      const cardTitles = async (path: string) => {
        await page.goto(path);
        await page.getByRole('heading', { level: 1 }).waitFor();
        return page.locator('main h3').allInnerTexts();
      };
      expect(await cardTitles('/members')).toEqual([
        'Prescriptions',
        'Refills',
        'Home delivery',
        'Price check',
        'Claims',
        'ID card',
        'Pharmacy locator',
      ]);
      expect(await cardTitles('/prescribers')).toEqual([
        'Prior authorization',
        'Formulary exceptions',
        'Appeals',
      ]);

      // Landing pages are lazy chunks: wait for the page's heading before reading its content.
      await page.goto('/clients');
      await page.getByRole('heading', { level: 1 }).waitFor();
      const h2s = await page.locator('main h2').allInnerTexts();
      expect(h2s).toEqual(
        expect.arrayContaining(['News', 'Webinars', 'Publications', 'Request secure access']),
      );

      await page.goto('/pharmacies');
      await page.getByRole('heading', { level: 1 }).waitFor();
      expect(await page.locator('main dt').allInnerTexts()).toEqual(['BIN', 'PCN', 'Group']);
      expect(await page.getByRole('heading', { level: 2, name: 'NCPDP D.0 endpoint' }).count()).toBe(1);
      const transactions = page.getByRole('table', { name: 'Transactions we accept' });
      expect(await transactions.getByRole('rowheader').allInnerTexts()).toEqual(['E1', 'B1', 'B2']);
    });
  });

  it('sign-in starts with the username alone (the full journeys are in identity-journeys.e2e.ts)', async () => {
    await withPage(async ({ page }) => {
      await page.goto('/sign-in');
      const username = page.getByLabel('Username', { exact: true });
      await username.waitFor();
      expect(await username.getAttribute('autocomplete')).toBe('username');
      expect(await page.locator('input[type="password"]').count()).toBe(0);
      await expectAccessible(page);
      await screenshot(page, 'shell-sign-in');
    });
  });

  it('an unknown address shows the not-found page inside the site layout', async () => {
    await withPage(async ({ page }) => {
      await page.goto('/no-such-page');
      await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
      // The title is set just after the page renders.
      await expect.poll(() => page.title()).toBe('Page not found | OpenPBM');
      expect(await mainNav(page).count()).toBe(1);

      await expectAccessible(page);
      await screenshot(page, 'shell-not-found');

      await page.getByRole('link', { name: 'Go to the OpenPBM home page' }).click();
      await page.waitForURL((url) => url.pathname === '/');
      // The home page is its own chunk: until it arrives the not-found heading is still on screen.
      await page
        .getByRole('heading', { level: 1, name: 'Pharmacy benefits that are clear for everyone involved' })
        .waitFor();
      expect(await h1Text(page)).toBe('Pharmacy benefits that are clear for everyone involved');
    });
  });

  it('the shell paints from the HTML alone; the app takes it over without replacing it', async () => {
    // Without scripts: the frame (header, footer, cookie banner) is already in the page the server sends.
    const noScript = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await noScript.newPage();
      await page.goto(`${server.url}/members`);
      expect(await page.getByRole('banner').getByRole('link', { name: 'OpenPBM home' }).isVisible()).toBe(
        true,
      );
      expect(await page.getByRole('contentinfo').isVisible()).toBe(true);
      expect(await page.getByRole('region', { name: 'Cookies on OpenPBM' }).isVisible()).toBe(true);
    } finally {
      await noScript.close();
    }

    await withPage(async ({ page }) => {
      await page.addInitScript(() => {
        const seen = { removed: [] as string[] };
        (window as unknown as { shell: typeof seen }).shell = seen;
        new MutationObserver((records) => {
          for (const record of records)
            for (const node of record.removedNodes)
              if (
                node instanceof Element &&
                node.matches('.app-shell, .site-header, .site-footer, .cookie-banner')
              )
                seen.removed.push(node.className);
        }).observe(document, { childList: true, subtree: true });
      });
      await page.goto('/members');
      await page.getByRole('heading', { level: 1, name: 'Your pharmacy benefits, in one place' }).waitFor();
      expect(
        await page.evaluate(() => (window as unknown as { shell: { removed: string[] } }).shell.removed),
      ).toEqual([]);
      // What the HTML could not know, the app sets on the same elements: this page's link is the current one.
      expect((await header(page).locator('[aria-current="page"]').textContent())?.trim()).toBe('Members');

      // Once the visitor has chosen, the server sends the page without the banner: it never flashes up.
      const banner = page.getByRole('region', { name: 'Cookies on OpenPBM' });
      await banner.getByRole('button', { name: 'Necessary cookies only' }).click();
      await banner.waitFor({ state: 'detached' });
      const html = await page.evaluate(async () =>
        (await fetch('/members', { headers: { accept: 'text/html' } })).text(),
      );
      expect(html).toContain('<header class="site-header"');
      expect(html).not.toContain('cookie-banner');
    });
  });

  it('the first Tab reaches the skip link, which moves focus to the main content', async () => {
    await withPage(async ({ page }) => {
      await page.goto('/members');
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => document.activeElement?.textContent?.trim());
      expect(focused).toBe('Skip to main content');
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('main-content');
    });
  });

  it('phone-sized screen: navigation stays usable and nothing scrolls sideways', async () => {
    await withPage(
      async ({ page }) => {
        await page.goto('/');
        await page.getByRole('heading', { level: 1 }).waitFor();
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow).toBeLessThanOrEqual(0);
        await expectAccessible(page);
        await screenshot(page, 'shell-home-mobile');

        // The navigation folds behind one Menu button on a phone.
        await mainNav(page).getByRole('button', { name: 'Menu' }).click();
        await mainNav(page).getByRole('link', { name: 'Members', exact: true }).click();
        await page.getByRole('heading', { level: 1, name: 'Your pharmacy benefits, in one place' }).waitFor();
        expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(0);
        await screenshot(page, 'shell-members-mobile');
      },
      { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
    );
  });
});
