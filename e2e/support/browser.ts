import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Browser, type BrowserContextOptions, chromium, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Debian's Chromium (apt `chromium`); waits a while if it is still being installed. */
export async function launchBrowser(waitMs = 120_000): Promise<Browser> {
  const deadline = Date.now() + waitMs;
  while (!existsSync(CHROMIUM_PATH)) {
    if (Date.now() > deadline) throw new Error(`${CHROMIUM_PATH} not found: apt-get install chromium`);
    await sleep(2_000);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface WatchedPage {
  page: Page;
  /** Console errors and uncaught exceptions seen so far (CSP violations show up here too). */
  errors: string[];
  /** Every response with an error status, as "status METHOD /path", to explain a console error. */
  failedRequests: string[];
  close(): Promise<void>;
}

/** A page in a fresh context that records what went wrong in the browser. */
export async function openPage(
  browser: Browser,
  baseURL: string,
  options: BrowserContextOptions = {},
): Promise<WatchedPage> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 800 }, ...options });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  const failedRequests: string[] = [];
  page.on('response', (res) => {
    if (res.status() >= 400)
      failedRequests.push(`${res.status()} ${res.request().method()} ${new URL(res.url()).pathname}`);
  });
  return { page, errors, failedRequests, close: () => context.close() };
}
