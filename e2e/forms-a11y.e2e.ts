import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './support/axe';
import { type DemoWorld, signInAsDemo, startDemoWorld, withWatchedPage } from './support/demo-world';
import { labelledControls } from './support/labels';
import { resultsDir } from './support/paths';

// Issue 20, defect 6, in the browser: every form control on the member, prescriber and staff pages with forms has
// exactly one accessible name, and looking it up by that label finds exactly that control (the design system's
// Dropdown answered twice: a listbox button and a hidden <select> under one label).
// Every page is checked with axe; screenshots land in test-results/forms-a11y-*.png.

let world: DemoWorld;

beforeAll(async () => {
  world = await startDemoWorld('forms');
});

afterAll(async () => {
  await world?.stop();
});

interface FormPage {
  user: string;
  path: string;
  /** Open the first link in the page to this path prefix (a case or an order) and check that page instead. */
  follow?: string;
}

// biome-ignore format: table
const FORM_PAGES: FormPage[] = [
  { user: 'demo.member', path: '/members/prescriptions' },
  { user: 'demo.member', path: '/members/refill' },
  { user: 'demo.member', path: '/members/auto-refill' },
  { user: 'demo.member', path: '/members/ask-doctor' },
  { user: 'demo.member', path: '/members/transfers' },
  { user: 'demo.member', path: '/members/payment-methods' },
  { user: 'demo.member', path: '/members/pharmacy-locator' },
  { user: 'demo.member', path: '/members/urgent-supply' },
  { user: 'demo.member', path: '/members/notifications' },
  { user: 'demo.member', path: '/members/claims' },
  { user: 'demo.member', path: '/members/price-check' },
  { user: 'demo.member', path: '/members/coverage' },
  { user: 'demo.member', path: '/account/profile' },
  { user: 'demo.member', path: '/account/security/setup' },
  { user: 'demo.dependent', path: '/members/family' },
  { user: 'demo.prescriber', path: '/prescribers/prior-auth/new' },
  { user: 'demo.prescriber', path: '/prescribers/eprescribe' },
  { user: 'demo.pharmacy', path: '/pharmacies/home-delivery', follow: '/pharmacies/home-delivery/orders/' },
  { user: 'demo.pharmacy', path: '/pharmacies/home-delivery/transfers' },
  { user: 'demo.pharmacy', path: '/pharmacies/home-delivery/requests' },
  { user: 'demo.reviewer', path: '/staff/clinical-review', follow: '/staff/clinical-review/' },
];

async function settle(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await page.waitForLoadState('networkidle');
  await page.getByRole('heading', { level: 1 }).waitFor();
}

const shotName = (path: string) => path.replace(/^\//, '').replace(/[^a-z0-9]+/gi, '-');

/** What is wrong with the labels of the page's form controls, one line per problem. */
async function labelProblems(page: Page): Promise<string[]> {
  const problems: string[] = [];
  const main = page.locator('main');
  for (const { control, names, fieldset } of await labelledControls(page)) {
    if (names.length !== 1) {
      problems.push(`${control} has ${names.length} names: ${JSON.stringify(names)}`);
      continue;
    }
    const name = names[0] ?? '';
    const scope = fieldset === null ? main : main.locator('fieldset').nth(fieldset);
    const found = await scope.getByLabel(name).count();
    if (found !== 1)
      problems.push(`getByLabel(${JSON.stringify(name)}) finds ${found} elements (${control})`);
  }
  return problems;
}

describe('form controls: each has exactly one accessible name that finds only it', () => {
  it.each(FORM_PAGES)('$user $path', { timeout: 120_000 }, async ({ user, path, follow }) => {
    await withWatchedPage(world, 'forms-a11y-failure', async ({ page }) => {
      await signInAsDemo(page, user);
      await settle(page, path);
      let where = path;
      if (follow) {
        where = (await page.locator(`main a[href^="${follow}"]`).first().getAttribute('href')) ?? follow;
        await settle(page, where);
      }
      // The page really has a form (one that failed to load would pass with no controls).
      expect((await labelledControls(page)).length).toBeGreaterThan(0);
      expect(await labelProblems(page), where).toEqual([]);
      expect(await axeViolations(page), where).toEqual([]);
      await page.screenshot({ path: `${resultsDir()}/forms-a11y-${shotName(where)}.png`, fullPage: true });
    });
  });
});
