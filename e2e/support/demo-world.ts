// The world most journeys run in: the real server on a scratch PostgreSQL database (TEST_DATABASE_URL's server,
// default 127.0.0.1:5432) seeded with the demo set, Debian's Chromium, and the demo users signed in through the
// identity API. The test can read the scratch database for what a real visit brings along (a member's card).
import { openMigratedDatabase } from '@openpbm/db';
import { decryptField, type FIELD_CONTEXTS, fieldKeyFromConfig } from '@openpbm/db/field-crypto';
import { STAFF_ROLES } from '@openpbm/db/schema/users';
import { createScratchDatabase } from '@openpbm/db/scratch-database';
import { DEMO_LOGINS, DEMO_STAFF_TOTP_SECRET, seedDemoIfEmpty } from '@openpbm/db/seed/index';
import { loadConfig } from '@openpbm/shared/config';
import pg from 'pg';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { expect } from 'vitest';
import { totpCodeAt } from '../../apps/server/src/identity/totp';
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

/**
 * Creates and seeds a scratch database (named `openpbm_e2e_<tag>_…`), then starts the server and the browser.
 * `env` adds server settings (a fixed PORT and PUBLIC_URL when a journey needs the OAuth issuer's address).
 */
export async function startDemoWorld(tag: string, env: Record<string, string> = {}): Promise<DemoWorld> {
  const scratch = await createScratchDatabase(ADMIN_URL, `openpbm_e2e_${tag}`);
  // Seeded here as well as by the server's start (which does nothing when data exists), so a test may read it
  // before the server is up.
  const handle = await openMigratedDatabase({ url: scratch.url });
  try {
    await seedDemoIfEmpty(handle);
  } finally {
    await handle.close();
  }
  const server = await startServer({ env: { ...env, DATABASE_URL: scratch.url } });
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

const TOTP_SCRIPT = `async ({ code }) => {
  const { token } = await (await fetch('/api/identity/csrf')).json();
  const headers = { 'content-type': 'application/json', 'x-csrf-token': token };
  const res = await fetch('/api/identity/sign-in/totp', { method: 'POST', headers, body: JSON.stringify({ code }) });
  return { status: res.status, body: await res.json() };
}`;

const SIGN_IN_SCRIPT = `async ({ username, password }) => {
  const { token } = await (await fetch('/api/identity/csrf')).json();
  const headers = { 'content-type': 'application/json', 'x-csrf-token': token };
  await fetch('/api/identity/sign-in/site-key', { method: 'POST', headers, body: JSON.stringify({ username }) });
  const res = await fetch('/api/identity/sign-in/password', { method: 'POST', headers, body: JSON.stringify({ username, password }) });
  return { status: res.status, body: await res.json() };
}`;

type SignInOutcome = { status: number; body: { status?: string } };

const STEP_MS = 30_000;
/** Per user, the last time step whose code a journey sent (the server accepts each step once, in order). */
const lastStepSent = new Map<string, number>();

/**
 * The demo authenticator's next unused code for `username` (DEMO_STAFF_TOTP_SECRET, printed by npm start). The
 * server takes codes for the previous, current and next 30-second step, each step once and only later than the
 * last: so a second sign-in in the same window uses the next step's code instead of waiting for it. The first code
 * is the current step's, never the previous one's: on a busy machine the request may reach the server after the
 * step has turned, and the previous step's code would then be two steps old.
 */
async function nextDemoCode(username: string): Promise<string> {
  const now = Math.floor(Date.now() / STEP_MS);
  const step = Math.max(now, (lastStepSent.get(username) ?? Number.NEGATIVE_INFINITY) + 1);
  if (step > now + 1)
    await new Promise((resolve) => setTimeout(resolve, (step - 1) * STEP_MS - Date.now() + 500));
  lastStepSent.set(username, step);
  return totpCodeAt(DEMO_STAFF_TOTP_SECRET, new Date(step * STEP_MS));
}

async function demoTotpStep(page: Page, username: string): Promise<SignInOutcome> {
  const code = await nextDemoCode(username);
  return (await page.evaluate(`(${TOTP_SCRIPT})(${JSON.stringify({ code })})`)) as SignInOutcome;
}

/**
 * Signs a demo user in through the identity API from inside the page (the browser then holds the session
 * cookie). The sign-in pages themselves are covered by e2e/identity-journeys.e2e.ts.
 */
export async function signInAsDemo(page: Page, username: string): Promise<void> {
  const found = DEMO_LOGINS.find((l) => l.username === username);
  if (!found) throw new Error(`DEMO_LOGINS has no ${username}`);
  await page.goto('/');
  let outcome = (await page.evaluate(
    `(${SIGN_IN_SCRIPT})(${JSON.stringify({ username, password: found.password })})`,
  )) as SignInOutcome;
  if (outcome.body.status === 'second_factor_required') outcome = await demoTotpStep(page, username);
  expect(outcome, `sign-in of ${username}`).toMatchObject({ status: 200, body: { status: 'signed_in' } });
}

// A returning user: the first sign-in's setup (SiteKey and security questions) done once, through the API.
const FINISH_SETUP_SCRIPT = `async ({ username, password, code }) => {
  const csrf = async () => (await (await fetch('/api/identity/csrf')).json()).token;
  const call = async (method, url, body) => {
    const headers = { 'x-csrf-token': await csrf() };
    if (body) headers['content-type'] = 'application/json';
    return fetch(url, { method, headers, body: body && JSON.stringify(body) });
  };
  await call('POST', '/api/identity/sign-in/site-key', { username });
  let signedIn = await (await call('POST', '/api/identity/sign-in/password', { username, password })).json();
  if (signedIn.status === 'second_factor_required') {
    signedIn = await (await call('POST', '/api/identity/sign-in/totp', { code })).json();
  }
  const needs = signedIn.setupRequired ?? [];
  const results = [];
  if (needs.includes('site_key')) {
    const { images } = await (await fetch('/api/identity/site-key-images')).json();
    results.push((await call('PUT', '/api/identity/account/site-key', { imageId: images[0].imageId, phrase: 'blue harbor morning' })).status);
  }
  if (needs.includes('challenge_questions')) {
    const { questions } = await (await fetch('/api/identity/challenge-questions')).json();
    const answers = questions.slice(0, 3).map((q, i) => ({ questionId: q.id, answer: 'answer number ' + (i + 1) }));
    results.push((await call('PUT', '/api/identity/account/challenge-answers', { answers })).status);
  }
  await call('POST', '/api/identity/sign-out');
  return results;
}`;

/**
 * Signs a demo user in on the sign-in page, as a returning user does (username → SiteKey → password), and waits
 * until the page has moved on. THE one place journeys go through the sign-in page for any role: when staff need a second
 * factor, answer it here.
 */
export async function signInOnPage(page: Page, username: string): Promise<void> {
  const found = DEMO_LOGINS.find((l) => l.username === username);
  if (!found) throw new Error(`DEMO_LOGINS has no ${username}`);
  await page.goto('/sign-in');
  const setup = (await page.evaluate(
    `(${FINISH_SETUP_SCRIPT})(${JSON.stringify({ username, password: found.password, code: await nextDemoCode(username) })})`,
  )) as number[];
  expect(
    setup.filter((status) => status >= 300),
    `first-time setup of ${username}`,
  ).toEqual([]);
  await page.reload();
  await page.getByRole('textbox', { name: 'Username' }).fill(username);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByTestId('site-key-phrase').waitFor();
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(found.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  if (STAFF_ROLES.has(found.role)) {
    const codeField = page.getByRole('textbox', { name: 'Code from your authenticator app' });
    await codeField.fill(await nextDemoCode(username));
    await page.getByRole('button', { name: 'Continue' }).click();
  }
  await page.waitForURL((url) => url.pathname !== '/sign-in');
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
