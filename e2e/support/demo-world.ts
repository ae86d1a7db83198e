// The world most journeys run in: the real server on a scratch PostgreSQL database (TEST_DATABASE_URL's server,
// default 127.0.0.1:5432) seeded with the demo set, Debian's Chromium, and the demo users signed in through the
// identity API. The test can read the scratch database for what a real visit brings along (a member's card).
import { openMigratedDatabase } from '@openpbm/db';
import { decryptField, type FIELD_CONTEXTS, fieldKeyFromConfig } from '@openpbm/db/field-crypto';
import { createScratchDatabase } from '@openpbm/db/scratch-database';
import { DEMO_LOGINS, seedDemoIfEmpty } from '@openpbm/db/seed/index';
import { loadConfig } from '@openpbm/shared/config';
import pg from 'pg';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { expect } from 'vitest';
import { launchBrowser, openPage, type WatchedPage } from './browser';
import { resultsDir } from './paths';
import { type RunningServer, startServer } from './server';

const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface DemoWorld {
  server: RunningServer;
  browser: Browser;
  /** The scratch database's URL. */
  dbUrl: string;
  stop(): Promise<void>;
}

/** Creates and seeds a scratch database (named `openpbm_e2e_<tag>_…`), then starts the server and the browser. */
export async function startDemoWorld(tag: string): Promise<DemoWorld> {
  const scratch = await createScratchDatabase(ADMIN_URL, `openpbm_e2e_${tag}`);
  // Seeded here as well as by the server's start (which does nothing when data exists), so a test may read it
  // before the server is up.
  const handle = await openMigratedDatabase({ url: scratch.url });
  try {
    await seedDemoIfEmpty(handle);
  } finally {
    await handle.close();
  }
  const server = await startServer({ env: { DATABASE_URL: scratch.url } });
  const browser = await launchBrowser();
  return {
    server,
    browser,
    dbUrl: scratch.url,
    async stop() {
      await browser.close();
      await server.stop();
      await scratch.drop();
    },
  };
}

/** Runs `read` with a client on the scratch database. */
export async function readScratch<T>(world: DemoWorld, read: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: world.dbUrl });
  await client.connect();
  try {
    return await read(client);
  } finally {
    await client.end();
  }
}

/** A field the seed stored encrypted (member number, date of birth), read with the test configuration's key. */
export function decryptSeeded(
  stored: string,
  context: (typeof FIELD_CONTEXTS)[keyof typeof FIELD_CONTEXTS],
): string {
  return decryptField(fieldKeyFromConfig(loadConfig({ NODE_ENV: 'test' })), stored, context);
}

const SIGN_IN_SCRIPT = `async ({ username, password }) => {
  const { token } = await (await fetch('/api/identity/csrf')).json();
  const headers = { 'content-type': 'application/json', 'x-csrf-token': token };
  await fetch('/api/identity/sign-in/site-key', { method: 'POST', headers, body: JSON.stringify({ username }) });
  const res = await fetch('/api/identity/sign-in/password', { method: 'POST', headers, body: JSON.stringify({ username, password }) });
  return { status: res.status, body: await res.json() };
}`;

/**
 * Signs a demo user in through the identity API from inside the page (the browser then holds the session
 * cookie). The sign-in pages themselves are covered by e2e/identity-journeys.e2e.ts.
 */
export async function signInAsDemo(page: Page, username: string): Promise<void> {
  const found = DEMO_LOGINS.find((l) => l.username === username);
  if (!found) throw new Error(`DEMO_LOGINS has no ${username}`);
  await page.goto('/');
  const outcome = await page.evaluate(
    `(${SIGN_IN_SCRIPT})(${JSON.stringify({ username, password: found.password })})`,
  );
  expect(outcome, `sign-in of ${username}`).toMatchObject({ status: 200, body: { status: 'signed_in' } });
}

/**
 * Runs `run` in a fresh browser context (`options`: e.g. a phone's viewport) and fails on any console error (with
 * the failed requests that explain it); on failure it keeps a screenshot `<failureShot>.png` in test-results/.
 */
export async function withWatchedPage<T>(
  world: DemoWorld,
  failureShot: string,
  run: (watched: WatchedPage) => Promise<T>,
  options: BrowserContextOptions = {},
): Promise<T> {
  const watched = await openPage(world.browser, world.server.url, options);
  try {
    const result = await run(watched);
    expect(watched.errors, `errors in the browser console (${watched.failedRequests.join(', ')})`).toEqual(
      [],
    );
    return result;
  } catch (error) {
    await watched.page
      .screenshot({ path: `${resultsDir()}/${failureShot}.png`, fullPage: true })
      .catch(() => {});
    throw error;
  } finally {
    await watched.close();
  }
}
