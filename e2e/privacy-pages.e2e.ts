import { FIELD_CONTEXTS } from '@openpbm/db/field-crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './support/axe';
import {
  type DemoWorld,
  decryptSeeded,
  readScratch,
  signInAsDemo,
  startDemoWorld,
  withWatchedPage,
} from './support/demo-world';
import { resultsDir } from './support/paths';
import { settle } from './support/visit';

// The privacy office's other pages in Chromium, each at desktop and phone width with axe and screenshots:
// (1) the officer logs a legal request and the plan sponsor's user finds the notice in the client-portal inbox
// (through the header link); (2) the account team starts the home-delivery mailing and the page follows the
// marketing-mailings job's progress (the worker runs in the server here); (3) the officer produces the research
// claims extract.

let world: DemoWorld;
beforeAll(async () => {
  world = await startDemoWorld('privacypages', { RUN_WORKER_IN_PROCESS: 'true' });
});
afterAll(async () => {
  await world?.stop();
});

const WIDTHS = [
  ['desktop', { width: 1280, height: 900 }],
  ['phone', { width: 390, height: 844 }],
] as const;

async function check(page: Page, shot: string) {
  expect(await axeViolations(page)).toEqual([]);
  // The cookie banner is fixed to the bottom; answered, it leaves the page whole for the screenshot.
  const banner = page.getByRole('region', { name: 'Cookies on OpenPBM' });
  if (await banner.isVisible()) {
    await banner.getByRole('button', { name: 'Necessary cookies only' }).click();
    await banner.waitFor({ state: 'detached' });
  }
  await page.screenshot({ path: `${resultsDir()}/${shot}.png`, fullPage: true });
}

describe('privacy office pages', () => {
  it('a logged legal request reaches the plan sponsor’s inbox', { timeout: 240_000 }, async () => {
    const memberNumber = await readScratch(world, async (c) => {
      const { rows } = await c.query<{ member_number_enc: string }>(
        `select m.member_number_enc from members m join users u on u.member_id = m.id
          where u.username = 'demo.member'`,
      );
      return decryptSeeded(rows[0]?.member_number_enc ?? '', FIELD_CONTEXTS.memberNumber);
    });
    await withWatchedPage(world, 'privacy-pages-legal-failure', async ({ page }) => {
      await signInAsDemo(page, 'demo.privacy');
      await settle(page, '/staff/privacy-office');
      const form = page.getByRole('form', { name: 'Log a legal request' });
      await form.getByLabel('Requester').fill('Cook County Circuit Court');
      await form.getByLabel('Legal basis', { exact: true }).fill('Subpoena duces tecum 2026-L-0042');
      await form.getByLabel('Due date').fill('2027-02-01');
      await form.getByLabel('Member IDs in scope').fill(memberNumber);
      await form.getByLabel('Records in scope').fill('Pharmacy claims 2025');
      await form.getByLabel('Pharmacy claims', { exact: true }).check();
      await form.getByRole('button', { name: 'Log the request' }).click();
      await page
        .getByRole('status')
        .filter({ hasText: 'The affected plan sponsors were e-mailed.' })
        .waitFor();
    });

    for (const [name, viewport] of WIDTHS) {
      await withWatchedPage(
        world,
        `privacy-inbox-${name}-failure`,
        async ({ page }) => {
          await signInAsDemo(page, 'demo.client');
          if (name === 'desktop') {
            await settle(page, '/clients/access');
            await page.getByRole('navigation').getByRole('link', { name: 'Inbox' }).first().click();
          } else {
            await settle(page, '/clients/inbox');
          }
          await page.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor();
          const message = page.getByRole('list', { name: 'Messages, newest first' }).getByRole('listitem');
          await message.first().waitFor();
          expect(await message.first().textContent()).toContain(
            'A legal disclosure involved members of your plan',
          );
          expect(await message.first().textContent()).toContain('UTC');
          await check(page, `privacy-inbox-${name}`);
        },
        { viewport },
      );
    }
  });

  it('the account team starts the mailing and follows the job’s progress', { timeout: 300_000 }, async () => {
    for (const [name, viewport] of WIDTHS) {
      await withWatchedPage(
        world,
        `privacy-mailing-${name}-failure`,
        async ({ page }) => {
          await signInAsDemo(page, 'demo.account');
          if (name === 'desktop') {
            await settle(page, '/staff/home');
            await page.getByRole('link', { name: 'Send the home-delivery invitation' }).click();
            await page.getByRole('heading', { name: 'Home-delivery invitation' }).waitFor();
            await page.getByRole('button', { name: 'Send the invitation to all clients’ members' }).click();
            await page.getByRole('status').filter({ hasText: 'Mailing started' }).waitFor();
            // The job runs every minute: the page polls until the mailing is under way or done.
            await page
              .getByTestId('mailing-progress')
              .filter({ hasText: /^(Sending|Complete):/ })
              .first()
              .waitFor({ timeout: 180_000 });
          } else {
            await settle(page, '/staff/account-team/marketing');
            await page.getByTestId('mailing-progress').first().waitFor();
          }
          await check(page, `privacy-mailing-${name}`);
        },
        { viewport },
      );
    }
    const sent = await readScratch(world, async (c) => {
      const { rows } = await c.query<{ n: number; once: boolean }>(
        `select count(*)::int as n, count(*) = count(distinct member_id) as once
           from marketing_mailing_recipients where status = 'sent'`,
      );
      return rows[0];
    });
    expect(sent?.n).toBeGreaterThan(0);
    expect(sent?.once).toBe(true);
  });

  it('the privacy officer produces the research extract', { timeout: 180_000 }, async () => {
    for (const [name, viewport] of WIDTHS) {
      await withWatchedPage(
        world,
        `privacy-research-${name}-failure`,
        async ({ page }) => {
          await signInAsDemo(page, 'demo.privacy');
          await settle(page, '/staff/privacy-office');
          await page.getByRole('link', { name: 'Research claims extract' }).click();
          const form = page.getByRole('form', { name: 'Produce the research extract' });
          await form.getByRole('button', { name: 'Produce the extract' }).click();
          await page.getByTestId('research-summary').waitFor();
          expect(await page.getByTestId('research-summary').textContent()).toMatch(/opted out of research/);
          await check(page, `privacy-research-${name}`);
        },
        { viewport },
      );
    }
  });
});
