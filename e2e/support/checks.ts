// What most journeys share: the two widths they look at, the axe-and-screenshot check of a page, and waiting for
// a mail in the server's capture mailbox.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { axeViolations } from './axe';
import { resultsDir } from './paths';

export const WIDTHS = [
  { name: 'desktop', viewport: { width: 1280, height: 900 } },
  { name: 'phone', viewport: { width: 390, height: 844 } },
] as const;

/** No axe violations, fonts loaded, then a full-page screenshot to test-results/<file>.png. */
export async function checkPage(page: Page, file: string, { waitForH1 = true } = {}): Promise<void> {
  if (waitForH1) await page.locator('h1').first().waitFor();
  expect(await axeViolations(page), `axe on ${file}`).toEqual([]);
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: `${resultsDir()}/${file}.png`, fullPage: true });
}

export interface Mail {
  to: string[];
  subject: string;
  text: string;
}

/** The first mail in the server's capture mailbox that matches, polled for up to `tries` × 200 ms. */
export async function waitForMail(
  serverUrl: string,
  match: (m: Mail) => boolean,
  tries = 150,
): Promise<Mail> {
  for (let i = 0; i < tries; i++) {
    const { mails } = (await (await fetch(`${serverUrl}/dev/mailbox.json`)).json()) as { mails: Mail[] };
    const found = mails.find(match);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('mail did not arrive');
}
