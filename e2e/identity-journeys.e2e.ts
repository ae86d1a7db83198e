import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCodeAt } from '../apps/server/src/identity/totp';
import type { Family, FixtureMember } from '../apps/server/test/identity/fixtures';
import { launchBrowser, openPage, type WatchedPage } from './support/browser';
import { checkPage, type Mail, waitForMail as waitForMailAt } from './support/checks';
import { resultsDir } from './support/paths';
import { type RunningServer, startServer } from './support/server';

// Identity journeys in Chromium against the real server: activate → register (SiteKey, security questions) →
// confirm e-mail → sign in with SiteKey → set up an authenticator app → sign out → sign in with SiteKey + TOTP;
// passkey sign-in with Chromium's virtual authenticator (CDP WebAuthn); password reset through the e-mailed link
// and a security question. Every page is checked with axe; screenshots go to test-results/identity-*.png.

let server: RunningServer;
let browser: Browser;
let family: Family;
/** WebAuthn needs a host name as RP ID (not an IP address): the journeys use http://localhost:<port>. */
let base: string;

beforeAll(async () => {
  server = await startServer({ entry: 'e2e/support/identity-server.ts', timeoutMs: 300_000 });
  const line = server
    .output()
    .split('\n')
    .find((l) => l.startsWith('E2E_FAMILY '));
  family = JSON.parse(line?.slice('E2E_FAMILY '.length) ?? 'null');
  base = server.url.replace('127.0.0.1', 'localhost');
  browser = await launchBrowser();
}, 360_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Each journey: a few dozen page loads and argon2 hashes on a shared 2-core machine. */
const JOURNEY_MS = 300_000;
const PASSWORD = 'violet-harbor-teacup-42';
const NEW_PASSWORD = 'quiet-meadow-lantern-7';
const ANSWERS: Record<string, string> = {
  'What was the name of your first pet?': 'Biscuit',
  'What was the name of the street you grew up on?': 'Maple Avenue',
  'What was your first job?': 'Lifeguard',
};

async function withPage(run: (watched: WatchedPage) => Promise<void>) {
  const watched = await openPage(browser, base);
  try {
    await run(watched).catch(async (err: unknown) => {
      await watched.page.screenshot({
        path: `${resultsDir()}/identity-failed-${Date.now()}.png`,
        fullPage: true,
      });
      throw err;
    });
    expect(
      watched.errors.filter((e) => !/status of 40[0-9]/.test(e)),
      'errors in the browser console',
    ).toEqual([]);
  } finally {
    await watched.close();
  }
}

const check = (page: Page, name: string) => checkPage(page, `identity-${name}`);

const waitForMail = (match: (m: Mail) => boolean) => waitForMailAt(server.url, match);

const linkIn = (mail: Mail) => {
  const url = /(https?:\/\/\S+#token=[A-Za-z0-9_-]+)/.exec(mail.text)?.[1] ?? '';
  return url.replace('127.0.0.1', 'localhost');
};

async function activateAndRegister(page: Page, member: FixtureMember, username: string, shots: boolean) {
  const email = `${username}@example.test`;
  await page.goto('/sign-in');
  if (shots) await check(page, '01-sign-in');
  await page.getByRole('link', { name: 'New member? Activate your account' }).click();
  await page.getByLabel('Member ID').fill(member.memberNumber);
  await page.getByLabel('Date of birth').fill(member.dateOfBirth);
  await page.getByLabel('Last name').fill(member.lastName);
  await page.getByLabel('ZIP code').fill(member.zip);
  if (shots) await check(page, '02-activate');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'Step 2 of 2: create your account' }).waitFor();

  await page.getByRole('textbox', { name: 'Username' }).fill(username);
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Confirm password').fill(PASSWORD);
  await page.getByText('Red lighthouse').click();
  await page.getByLabel('Your SiteKey phrase').fill('Grandma’s blue teapot');
  const questions = Object.keys(ANSWERS);
  for (let i = 0; i < 3; i++) {
    await page.getByLabel(`Question ${i + 1}`).selectOption({ label: questions[i] as string });
    await page.getByLabel(`Answer ${i + 1}`).fill(ANSWERS[questions[i] as string] as string);
  }
  if (shots) await check(page, '03-register');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByText('Check your e-mail').waitFor();
  if (shots) await check(page, '04-check-email');

  const mail = await waitForMail((m) => m.to.includes(email) && m.subject.includes('Confirm'));
  await page.goto(linkIn(mail));
  await page.getByText('Your e-mail address is confirmed').waitFor();
  expect(page.url()).not.toContain('token='); // taken out of the address bar
  if (shots) await check(page, '05-email-confirmed');
}

async function signInWithPassword(page: Page, username: string, password: string, shots = false) {
  await page.goto('/sign-in');
  await page.getByRole('textbox', { name: 'Username' }).fill(username);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByTestId('site-key-phrase').waitFor();
  if (shots) await check(page, '06-site-key');
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** A member lands on their home page after sign-in; the account pages are one step away. */
async function landOnHomeThenAccount(page: Page) {
  await page.getByRole('heading', { level: 1, name: 'Your home' }).waitFor();
  await page.goto('/account');
  await page.getByRole('heading', { name: 'My account and security' }).waitFor();
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await page.getByRole('heading', { name: 'Sign in to OpenPBM' }).waitFor();
  const session = await page.evaluate(async () => (await fetch('/api/identity/session')).json());
  expect(session.signedIn).toBe(false);
}

/** The next 30-second TOTP step (codes are single use: the one used to confirm cannot sign in). */
async function nextTotpCode(secret: string, after: string): Promise<string> {
  for (;;) {
    const code = await totpCodeAt(secret, new Date());
    if (code !== after) return code;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

describe('identity journeys', () => {
  it(
    'activate → register → sign in with SiteKey + authenticator app → sign out',
    async () => {
      await withPage(async ({ page }) => {
        await activateAndRegister(page, family.subscriber, 'avery.e2e', true);

        // The SiteKey shown for the real account is the one chosen; an unknown username gets a decoy.
        await signInWithPassword(page, 'avery.e2e', PASSWORD, true);
        await expect.poll(() => page.getByTestId('site-key-phrase').count(), { timeout: 30_000 }).toBe(0);
        await landOnHomeThenAccount(page);
        await check(page, '07-account');

        await page.getByRole('link', { name: 'Set up an authenticator app' }).click();
        await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
        const secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').trim();
        expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
        await check(page, '08-totp-setup');
        const firstCode = await totpCodeAt(secret, new Date());
        await page.getByLabel('Code from the app').fill(firstCode);
        await page.getByRole('button', { name: 'Turn on' }).click();
        await expect
          .poll(async () => await page.getByTestId('recovery-codes').locator('li').count(), {
            timeout: 30_000,
          })
          .toBe(10);
        await check(page, '09-recovery-codes');
        await signOut(page);

        await signInWithPassword(page, 'avery.e2e', PASSWORD);
        await page.getByRole('heading', { name: 'Step 3: confirm it’s you' }).waitFor();
        await check(page, '10-second-factor');
        await page
          .getByRole('textbox', { name: 'Code from your authenticator app' })
          .fill(await nextTotpCode(secret, firstCode));
        await page.getByRole('button', { name: 'Continue' }).click();
        await landOnHomeThenAccount(page);

        await page.goto('/account/login-history');
        await page.getByRole('cell', { name: 'password + authenticator app' }).first().waitFor();
        await check(page, '11-login-history');
        await page.goto('/account/sessions');
        await page.getByText('(this browser)').waitFor();
        await check(page, '12-sessions');
        await signOut(page);
      });
    },
    JOURNEY_MS,
  );

  it(
    'an unknown username sees a decoy SiteKey, and the same failure as a wrong password',
    async () => {
      await withPage(async ({ page }) => {
        await page.goto('/sign-in');
        await page.getByRole('textbox', { name: 'Username' }).fill('nobody-at-all');
        await page.getByRole('button', { name: 'Continue' }).click();
        const phrase = await page.getByTestId('site-key-phrase').textContent();
        expect(phrase).not.toBe('Grandma’s blue teapot');
        await page.getByRole('textbox', { name: 'Password', exact: true }).fill('whatever-password');
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.getByText('The username or password is incorrect.').waitFor();
      });
    },
    JOURNEY_MS,
  );

  it(
    'passkey: add one, then sign in without a password (Chromium virtual authenticator)',
    async () => {
      await withPage(async ({ page }) => {
        const cdp = await page.context().newCDPSession(page);
        await cdp.send('WebAuthn.enable');
        await cdp.send('WebAuthn.addVirtualAuthenticator', {
          options: {
            protocol: 'ctap2',
            transport: 'internal',
            hasResidentKey: true,
            hasUserVerification: true,
            isUserVerified: true,
            automaticPresenceSimulation: true,
          },
        });
        await activateAndRegister(page, family.adultDependent, 'jordan.e2e', false);
        await signInWithPassword(page, 'jordan.e2e', PASSWORD);
        await landOnHomeThenAccount(page);
        await page.getByRole('link', { name: 'Manage passkeys' }).click();
        await page.getByLabel('Name for the new passkey').fill('Virtual authenticator');
        await page.getByRole('button', { name: 'Add a passkey' }).click();
        await expect
          .poll(async () => await page.getByTestId('recovery-codes').locator('li').count(), {
            timeout: 30_000,
          })
          .toBe(10);
        await page.getByTestId('passkey-list').getByText('Virtual authenticator', { exact: true }).waitFor();
        await check(page, '13-passkeys');
        await signOut(page);

        await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
        await landOnHomeThenAccount(page);
        const session = await page.evaluate(async () => (await fetch('/api/identity/session')).json());
        expect(session.user.username).toBe('jordan.e2e');
        await signOut(page);
      });
    },
    JOURNEY_MS,
  );

  it(
    'password reset: e-mailed link + security question, then sign in with the new password',
    async () => {
      await withPage(async ({ page }) => {
        await page.goto('/sign-in');
        await page.getByRole('link', { name: 'Forgot your password?' }).click();
        await page.getByLabel('Username or e-mail address').fill('avery.e2e');
        await check(page, '14-forgot-password');
        await page.getByRole('button', { name: 'Send reset link' }).click();
        await page.getByText('Check your e-mail').waitFor();

        const mail = await waitForMail(
          (m) => m.to.includes('avery.e2e@example.test') && m.subject.includes('Reset'),
        );
        await page.goto(linkIn(mail));
        const label = page.locator('label').filter({ hasText: '?' }).first();
        await label.waitFor();
        const asked = ((await label.textContent()) ?? '').trim();
        const answer = Object.entries(ANSWERS).find(([q]) => asked.startsWith(q))?.[1];
        expect(answer, `answer for "${asked}"`).toBeDefined();
        await page.getByLabel(asked).fill(answer as string);
        await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
        await page.getByLabel('Confirm new password').fill(NEW_PASSWORD);
        await check(page, '15-reset-password');
        await page.getByRole('button', { name: 'Change password' }).click();
        await page.getByText('Your password was changed').waitFor();

        await signInWithPassword(page, 'avery.e2e', NEW_PASSWORD);
        // The reset did not remove the authenticator app: the second step is still asked for.
        await page.getByRole('heading', { name: 'Step 3: confirm it’s you' }).waitFor();
      });
    },
    JOURNEY_MS,
  );
});
