import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './support/axe';
import { type Mail, waitForMail as waitForMailAt } from './support/checks';
import {
  type DemoWorld,
  readScratch,
  signInAsDemo,
  startDemoWorld,
  withWatchedPage,
} from './support/demo-world';
import { resultsDir } from './support/paths';
import { settle } from './support/visit';

// The privacy office in Chromium: (1) before the cookie choice only strictly necessary cookies exist, proven from
// every Set-Cookie header and from document.cookie; (2) the privacy officer publishes a notice, the member gets the
// e-mail (capture mailbox), follows its link, acknowledges and opts out of de-identified data, and reads who has
// seen their record. Axe and screenshots at desktop and phone width.

let world: DemoWorld;
beforeAll(async () => {
  world = await startDemoWorld('privacy');
});
afterAll(async () => {
  await world?.stop();
});

/** Cookies the server sets to work at all: session, CSRF secret, trusted device. */
const STRICTLY_NECESSARY = new Set([
  '__Host-openpbm_session',
  '__Host-openpbm_csrf',
  '__Host-openpbm_device',
]);
const PHONE = { width: 390, height: 844 };

const waitForMail = (match: (m: Mail) => boolean) => waitForMailAt(world.server.url, match);

describe('privacy journeys', () => {
  it('sets only strictly necessary cookies before the visitor chooses', { timeout: 120_000 }, async () => {
    await withWatchedPage(world, 'privacy-cookies-failure', async ({ page }) => {
      const setCookies: string[] = [];
      page.on('response', async (res) => {
        for (const h of await res.headersArray()) {
          if (h.name.toLowerCase() === 'set-cookie') setCookies.push(h.value.split('=')[0] ?? '');
        }
      });
      for (const path of ['/', '/privacy', '/members', '/sign-in']) await settle(page, path);
      // Signing in sets the session and device cookies: still strictly necessary.
      await signInAsDemo(page, 'demo.member');
      await settle(page, '/members/privacy');
      await page.getByRole('heading', { name: 'Your choices' }).waitFor();
      expect(setCookies.length).toBeGreaterThan(0);
      expect(setCookies.filter((name) => !STRICTLY_NECESSARY.has(name))).toEqual([]);
      expect(await page.evaluate(() => document.cookie)).toBe('');
      const jar = (await page.context().cookies()).map((c) => c.name);
      expect(jar.filter((name) => !STRICTLY_NECESSARY.has(name))).toEqual([]);

      const banner = page.getByRole('region', { name: 'Cookies on OpenPBM' });
      await banner.waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({ path: `${resultsDir()}/privacy-cookie-banner-desktop.png` });
      await banner.getByRole('button', { name: 'Necessary cookies only' }).click();
      await banner.waitFor({ state: 'detached' });
      expect(await page.evaluate(() => document.cookie)).toBe('openpbm_cookie_consent=necessary');
    });
  });

  it('officer publishes a notice; the member gets the e-mail, acknowledges, opts out and sees who read their record', {
    timeout: 240_000,
  }, async () => {
    await withWatchedPage(world, 'privacy-officer-failure', async ({ page }) => {
      await signInAsDemo(page, 'demo.privacy');
      await settle(page, '/staff/privacy-office');
      const form = page.getByRole('form', { name: 'Publish a notice' });
      await form.getByLabel('Title').fill('Notice of privacy practices');
      await form.getByLabel('Effective date').fill('2027-01-01');
      await form.getByLabel('Summary of changes').fill('We explain how to opt out of de-identified reports.');
      await form
        .getByLabel('Notice text (Markdown)')
        .fill('# Your rights\n\nYou may ask for a copy of your record.');
      await form.getByRole('button', { name: 'Publish and e-mail everyone' }).click();
      await page.getByRole('status').filter({ hasText: 'Version 1 is public' }).waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({ path: `${resultsDir()}/privacy-office-desktop.png`, fullPage: true });
    });

    const email = await readScratch(world, async (c) => {
      const { rows } = await c.query<{ email: string }>(
        `select email from users where username = 'demo.member'`,
      );
      return rows[0]?.email ?? '';
    });
    const mail = await waitForMail(
      (m) => m.to.includes(email) && m.subject === 'We have updated our privacy notice',
    );
    expect(mail.text).toContain('We explain how to opt out of de-identified reports.');
    const link = new URL(/(https?:\/\/\S+\/members\/privacy)\b/.exec(mail.text)?.[1] ?? '');

    for (const [name, viewport] of [
      ['desktop', { width: 1280, height: 900 }],
      ['phone', PHONE],
    ] as const) {
      await withWatchedPage(
        world,
        `privacy-member-${name}-failure`,
        async ({ page }) => {
          await signInAsDemo(page, 'demo.member');
          await settle(page, link.pathname);
          if (name === 'desktop') {
            await page.getByRole('button', { name: 'I have read this notice' }).click();
          }
          await page.getByRole('status').filter({ hasText: 'You acknowledged this notice' }).waitFor();
          if (name === 'desktop') {
            const choices = page.getByRole('form', { name: 'Privacy choices' });
            await choices
              .getByLabel('Leave my records out of de-identified reports and data extracts')
              .check();
            await choices.getByRole('button', { name: 'Save my choices' }).click();
            await page.getByRole('status').filter({ hasText: 'Your choices are saved' }).waitFor();
          } else {
            expect(
              await page
                .getByLabel('Leave my records out of de-identified reports and data extracts')
                .isChecked(),
            ).toBe(true);
          }
          const accesses = page.getByRole('table', { name: 'Accesses to this record, newest first' });
          await accesses.waitFor();
          expect(await accesses.getByRole('row').count()).toBeGreaterThan(1);
          expect(await axeViolations(page)).toEqual([]);
          await page.screenshot({ path: `${resultsDir()}/privacy-member-${name}.png`, fullPage: true });
          await settle(page, '/privacy');
          await page.getByText('We explain how to opt out of de-identified reports.').first().waitFor();
          expect(await axeViolations(page)).toEqual([]);
          await page.screenshot({ path: `${resultsDir()}/privacy-notice-${name}.png`, fullPage: true });
        },
        { viewport },
      );
    }

    // The member opted out: the de-identified extract now leaves them out.
    const optedOut = await readScratch(world, async (c) => {
      const { rows } = await c.query<{ n: number }>(
        `select count(*)::int as n from privacy_choices pc join users u on u.member_id = pc.member_id
          where u.username = 'demo.member' and pc.deidentified_opt_out`,
      );
      return rows[0]?.n;
    });
    expect(optedOut).toBe(1);
  });

  it('the privacy officer searches the audit log and checks the chain, at both widths', {
    timeout: 180_000,
  }, async () => {
    for (const [name, viewport] of [
      ['desktop', { width: 1280, height: 900 }],
      ['phone', PHONE],
    ] as const) {
      await withWatchedPage(
        world,
        `privacy-audit-${name}-failure`,
        async ({ page }) => {
          await signInAsDemo(page, 'demo.privacy');
          await settle(page, '/staff/privacy-office');
          await page.getByRole('link', { name: 'Search the audit log' }).click();
          const form = page.getByRole('form', { name: 'Search the audit log' });
          await form.getByLabel('Action (optional)').fill('signed_in');
          await form.getByRole('button', { name: 'Search' }).click();
          await page
            .getByTestId('audit-page-status')
            .filter({ hasText: 'links into the hash chain' })
            .waitFor();
          await page.getByRole('button', { name: 'Check the whole chain' }).click();
          await page.getByRole('status').filter({ hasText: 'The audit chain is intact' }).waitFor();
          expect(await axeViolations(page)).toEqual([]);
          await page.screenshot({ path: `${resultsDir()}/privacy-audit-${name}.png`, fullPage: true });
        },
        { viewport },
      );
    }
  });
});
