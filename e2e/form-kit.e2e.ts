import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './support/axe';
import { type DemoWorld, signInAsDemo, startDemoWorld, withWatchedPage } from './support/demo-world';
import { resultsDir } from './support/paths';
import { settle } from './support/visit';

// The form kit (apps/web/src/components/form) in the browser, on the change-password page: the shared zod schema
// checks the form before it is sent, the error summary takes focus and links to each field, the server's
// field-level problem+json lands on its field, and a success resets the form. At desktop and phone width.

let world: DemoWorld;

beforeAll(async () => {
  world = await startDemoWorld('formkit');
});

afterAll(async () => {
  await world?.stop();
});

const WIDTHS = [
  { name: 'desktop', viewport: { width: 1280, height: 900 } },
  { name: 'phone', viewport: { width: 390, height: 844 } },
];

describe('form kit on the change-password page', () => {
  it.each(WIDTHS)(
    '$name: summary, field errors, server errors',
    { timeout: 120_000 },
    async ({ name, viewport }) => {
      await withWatchedPage(
        world,
        `form-kit-${name}-failure`,
        async (watched) => {
          const { page } = watched;
          await signInAsDemo(page, 'demo.member');
          await settle(page, '/account/password');
          const submit = page.getByRole('button', { name: 'Change password' });

          // Nothing filled in: the schema's messages, listed at the top (focused) and beside the fields.
          await submit.click();
          const summary = page.getByRole('alert').filter({ hasText: 'There are 2 problems' });
          await summary.waitFor();
          expect(await summary.evaluate((el) => el.contains(document.activeElement))).toBe(true);
          await summary.getByRole('link', { name: 'Enter a new password.' }).click();
          expect(await page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('password');
          expect(await page.getByLabel('New password', { exact: true }).getAttribute('aria-invalid')).toBe(
            'true',
          );
          expect(await axeViolations(page)).toEqual([]);
          await page.screenshot({ path: `${resultsDir()}/form-kit-${name}-empty.png`, fullPage: true });

          // The confirmation is checked in the browser (it never leaves it).
          await page.getByLabel('Current password').fill('not the password');
          await page.getByLabel('New password', { exact: true }).fill('a brand new passphrase 7');
          await page.getByLabel('Confirm new password').fill('a different passphrase 7');
          await submit.click();
          await page.getByRole('alert').filter({ hasText: 'The two passwords don’t match.' }).waitFor();

          // The server's field-level answer lands on its field.
          await page.getByLabel('Confirm new password').fill('a brand new passphrase 7');
          await submit.click();
          await page.getByRole('alert').filter({ hasText: 'That password is not right.' }).waitFor();
          expect(await page.getByLabel('Current password').getAttribute('aria-invalid')).toBe('true');
          await page.screenshot({
            path: `${resultsDir()}/form-kit-${name}-server-error.png`,
            fullPage: true,
          });
          // Chromium logs the expected 400 as a console error; it is the point of this step.
          watched.errors = watched.errors.filter((e) => !e.includes('status of 400'));
        },
        { viewport },
      );
    },
  );
});
