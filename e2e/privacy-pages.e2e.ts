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
// claims extract; (4) a court order with notification prohibited: the client is not told and the member's
// accounting leaves it out until the end date; the end date is then moved into the past (the journey cannot move
// the server's clock) and the privacy-office job is queued in pg-boss as its 5-minute schedule would: the client
// is e-mailed and finds the notice in the inbox, and the member's accounting shows the disclosure.

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

interface Mail {
  to: string[];
  subject: string;
}
async function mailsTo(address: string): Promise<Mail[]> {
  const { mails } = (await (await fetch(`${world.server.url}/dev/mailbox.json`)).json()) as { mails: Mail[] };
  return mails.filter((m) => m.to.includes(address));
}

async function demoMemberNumber(): Promise<string> {
  return readScratch(world, async (c) => {
    const { rows } = await c.query<{ member_number_enc: string }>(
      `select m.member_number_enc from members m join users u on u.member_id = m.id
        where u.username = 'demo.member'`,
    );
    return decryptSeeded(rows[0]?.member_number_enc ?? '', FIELD_CONTEXTS.memberNumber);
  });
}

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
    const memberNumber = await demoMemberNumber();
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

  it('a prohibited court order reaches the client and the accounting only after its end date', {
    timeout: 300_000,
  }, async () => {
    const court = 'Appellate Court of Illinois';
    const memberNumber = await demoMemberNumber();
    const clientEmail = await readScratch(world, async (c) => {
      const { rows } = await c.query<{ email: string }>(
        `select email from users where username = 'demo.client'`,
      );
      return rows[0]?.email ?? '';
    });
    const inboxText = async (page: Page) => {
      await settle(page, '/clients/inbox');
      return (await page.getByRole('main').textContent()) ?? '';
    };
    const accountingText = async (page: Page) => {
      await settle(page, '/members/privacy');
      const section = page.getByRole('region', { name: 'Disclosures of this record' }).first();
      await section.getByRole('link', { name: 'Download the accounting (PDF)' }).waitFor();
      return (await section.textContent()) ?? '';
    };

    await withWatchedPage(world, 'privacy-held-failure', async ({ page }) => {
      await signInAsDemo(page, 'demo.privacy');
      await settle(page, '/staff/privacy-office');
      const form = page.getByRole('form', { name: 'Log a legal request' });
      await form.getByLabel('Kind of request').selectOption('court_order');
      await form.getByLabel('Requester').fill(court);
      await form.getByLabel('Legal basis', { exact: true }).fill('Order 2026-CV-118');
      await form.getByLabel('Due date').fill('2027-01-15');
      await form.getByLabel('Member IDs in scope').fill(memberNumber);
      await form.getByLabel('Records in scope').fill('Prescriptions 2026');
      await form.getByLabel('Prescriptions', { exact: true }).check();
      await form.getByLabel('Notification of the plan sponsor is prohibited').check();
      await form.getByLabel('Legal basis of the prohibition').fill('Non-disclosure order, same case');
      await form.getByLabel('Prohibition ends on').fill('2027-06-30');
      await form.getByRole('button', { name: 'Log the request' }).click();
      await page.getByRole('status').filter({ hasText: 'Notification is held until 2027-06-30' }).waitFor();
      await check(page, 'privacy-held-logged');
    });
    const clientMailsBefore = (await mailsTo(clientEmail)).length;
    await withWatchedPage(world, 'privacy-held-client-failure', async ({ page }) => {
      await signInAsDemo(page, 'demo.client');
      expect(await inboxText(page)).not.toContain(court);
    });
    await withWatchedPage(world, 'privacy-held-member-failure', async ({ page }) => {
      await signInAsDemo(page, 'demo.member');
      expect(await accountingText(page)).not.toContain(court);
    });

    // Past the end date: the held notice goes out with the privacy-office job's next run.
    await readScratch(world, async (c) => {
      // The request's end date, and the copy of it its disclosure lines are hidden until.
      await c.query(`update legal_requests set prohibited_until = current_date - 1 where requester = $1`, [
        court,
      ]);
      await c.query(
        `update disclosures set hidden_until = current_date - 1
          where legal_request_id = (select id from legal_requests where requester = $1)`,
        [court],
      );
      await c.query(
        `insert into pgboss.job (name, data, policy) values ('privacy-office', '{}', 'singleton')`,
      );
    });
    for (let i = 0; i < 120 && (await mailsTo(clientEmail)).length === clientMailsBefore; i++) {
      await new Promise((r) => setTimeout(r, 1000));
    }
    expect((await mailsTo(clientEmail)).length).toBe(clientMailsBefore + 1);

    for (const [name, viewport] of WIDTHS) {
      await withWatchedPage(
        world,
        `privacy-held-after-${name}-failure`,
        async ({ page }) => {
          await signInAsDemo(page, 'demo.client');
          // The job sends the e-mail and writes the portal message one after the other: look until it is there.
          await expect.poll(() => inboxText(page), { timeout: 30_000 }).toContain(court);
          await check(page, `privacy-held-inbox-${name}`);
        },
        { viewport },
      );
    }
    await withWatchedPage(world, 'privacy-held-accounting-failure', async ({ page }) => {
      await signInAsDemo(page, 'demo.member');
      expect(await accountingText(page)).toContain(`Prescriptions 2026, to ${court}`);
      await check(page, 'privacy-held-accounting');
    });
  });
});
