import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPage, type Mail, WIDTHS, waitForMail as waitForMailAt } from './support/checks';
import { certificateFromPage, freePort, withSecureToolsPage } from './support/client-certificates';
import {
  type DemoWorld,
  readScratch,
  signInAsDemo,
  startDemoWorld,
  withWatchedPage,
} from './support/demo-world';
import { settle } from './support/visit';

// The client portal in Chromium: an advisor registers, confirms the e-mail, chooses sign-in details (the member
// registration form), signs in, asks for plan reports for the demo client (CL1001); demo.account reviews it (domain
// match, call-back checklist) and approves; the advisor gets a certificate (key made in the page, PKCS#12) and
// opens the plan report on the secure-tools address (mTLS, Chromium presenting the file) and sees the chart. Every
// page is checked with axe; screenshots at desktop and phone width go to test-results/client-portal-*.png.

let world: DemoWorld;
let tlsPort = 0;
const PASSPHRASE = 'juniper-kettle-orbit-58';
let demoClientPfx: Promise<Buffer> | undefined;
const PASSWORD = 'violet-harbor-teacup-42';
const USERNAME = 'casey.e2e.advisor';
const EMAIL = 'casey.e2e@advisors.example';

beforeAll(async () => {
  tlsPort = await freePort();
  world = await startDemoWorld('clients', { CLIENT_TLS_PORT: String(tlsPort) });
}, 360_000);
afterAll(async () => {
  await world?.stop();
});

const check = (page: Page, name: string) => checkPage(page, `client-portal-${name}`);

const waitForMail = (match: (m: Mail) => boolean) => waitForMailAt(world.server.url, match);

/** demo.client's PKCS#12 file, made once on the Certificates page (the ordinary address). */
const demoClientCertificate = () => {
  demoClientPfx ??= withWatchedPage(world, 'client-portal-failed-certificate', async ({ page }) => {
    await signInAsDemo(page, 'demo.client');
    return certificateFromPage(page, PASSPHRASE);
  });
  return demoClientPfx.then((pfx) => ({ pfx, passphrase: PASSPHRASE }));
};

/** The advisor's password sign-in through the pages (SiteKey, then password). */
async function signInAsAdvisor(page: Page): Promise<void> {
  await page.goto('/sign-in');
  await page.getByRole('textbox', { name: 'Username' }).fill(USERNAME);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByTestId('site-key-phrase').waitFor();
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'My access' }).waitFor();
}

describe('client portal', () => {
  it('an advisor registers, asks for plan reports, the account team approves, the advisor sees the chart', {
    timeout: 300_000,
  }, async () => {
    await withWatchedPage(world, 'client-portal-failed-journey', async ({ page }) => {
      await settle(page, '/clients/register');
      await check(page, 'desktop-01-register');
      await page.getByRole('button', { name: 'Register' }).click();
      await page.getByRole('alert').filter({ hasText: 'problems' }).waitFor();
      await page.getByLabel('Full name').fill('Casey Marlow');
      await page.getByLabel('Work e-mail address').fill(EMAIL);
      await page.getByLabel('Organization').fill('Marlow Benefit Advisors');
      await page.getByLabel('An advisor or consultant working for a client').check();
      await page.getByLabel('The client you work with').fill('CL1001');
      await page.getByRole('button', { name: 'Register' }).click();
      await page.getByText('Check your e-mail').waitFor();

      const mail = await waitForMail((m) => m.to.includes(EMAIL));
      const link = /(https?:\/\/\S+#token=[A-Za-z0-9_-]+)/.exec(mail.text)?.[1] ?? '';
      await page.goto(link);
      await page.getByRole('heading', { name: 'Step 2 of 2: create your account' }).waitFor();
      expect(page.url()).not.toContain('token=');
      await page.getByRole('textbox', { name: 'Username' }).fill(USERNAME);
      await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
      await page.getByLabel('Confirm password').fill(PASSWORD);
      await page.getByText('Red lighthouse').click();
      await page.getByLabel('Your SiteKey phrase').fill('Harbor lights at dusk');
      for (let i = 0; i < 3; i++) {
        await page.getByLabel(`Question ${i + 1}`).selectOption({ index: i + 1 });
        await page.getByLabel(`Answer ${i + 1}`).fill(`answer number ${i + 1}`);
      }
      await check(page, 'desktop-02-choose-sign-in');
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.getByText('Your account is ready').waitFor();

      await page.goto('/sign-in');
      await page.getByRole('textbox', { name: 'Username' }).fill(USERNAME);
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByTestId('site-key-phrase').waitFor();
      await page.getByRole('textbox', { name: 'Password', exact: true }).fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { level: 1, name: 'My access' }).waitFor();
      await page.getByText('You have no secure tools yet.').waitFor();
      await page.getByLabel('Client number').fill('CL1001');
      await page.getByLabel('Plan reports').check();
      await page.getByRole('button', { name: 'Request access' }).click();
      await page.getByText('Request sent').waitFor();
      await page.getByText(/day 1 of 10/).waitFor();
      await check(page, 'desktop-03-my-access-waiting');
    });

    await withWatchedPage(world, 'client-portal-failed-review', async ({ page }) => {
      await signInAsDemo(page, 'demo.account');
      await settle(page, '/staff/account-team/access-requests');
      await check(page, 'desktop-04-account-team-queue');
      await page.getByRole('link', { name: 'Casey Marlow' }).click();
      await page.getByRole('heading', { level: 1, name: 'Review an access request' }).waitFor();
      await page.getByText('does not match the client’s known domains').waitFor();
      await page.getByLabel(/I called the client’s benefits contact/).check();
      await page.getByLabel(/worked for or with them|works for or with them/).check();
      await page.getByLabel(/confirmed the tools/).check();
      await page.getByLabel(/Approve/).check();
      await page.getByLabel(/Reason/).fill('Confirmed with the benefits manager by phone');
      await check(page, 'desktop-05-review');
      await page.getByRole('button', { name: 'Save decision' }).click();
      await page.getByRole('heading', { name: 'Approved' }).waitFor();
    });

    // The secure tools need a certificate: the advisor makes one on the ordinary address…
    const pfx = await withWatchedPage(world, 'client-portal-failed-certificate', async ({ page }) => {
      await signInAsAdvisor(page);
      return certificateFromPage(page, PASSPHRASE);
    });
    // …and opens the report on the secure-tools address with it.
    await withSecureToolsPage(
      world,
      tlsPort,
      { pfx, passphrase: PASSPHRASE },
      'client-portal-failed-report',
      async ({ page }) => {
        await signInAsAdvisor(page);
        await page.getByRole('link', { name: 'Plan reports' }).click();
        await page.getByRole('heading', { level: 1, name: 'Plan report' }).waitFor();
        await page.locator('.recharts-surface').first().waitFor();
        expect(await page.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);
        // The figures say when they are from, and the advisor can have them computed again now.
        expect(await page.getByText(/^Figures as of /).textContent()).toMatch(
          /^Figures as of \w{3} \d+, \d{4}/,
        );
        const refreshed = page.waitForResponse(
          (r) => r.url().includes('/reports/plan?') && r.url().includes('refresh=true'),
        );
        await page.getByRole('button', { name: 'Refresh figures now' }).click();
        expect((await refreshed).status()).toBe(200);
        await page.getByRole('button', { name: 'Refresh figures now' }).waitFor();
        await check(page, 'desktop-06-plan-report');
      },
    );
  });

  it('a client sends an 834 with a bad record, reads the report, fixes it, applies it, and the member activates', {
    timeout: 300_000,
  }, async () => {
    const groupNumber = await readScratch(world, async (db) => {
      const { rows } = await db.query<{ group_number: string }>(
        `select g.group_number from groups g join clients c on c.id = g.client_id where c.code = 'CL1001' order by g.group_number limit 1`,
      );
      return rows[0]?.group_number ?? '';
    });
    const edi = (dob: string) => {
      const body = [
        'ST*834*0001*005010X220A1',
        'BGN*00*E2E1*20260301*1200****2',
        `REF*38*${groupNumber}`,
        'INS*Y*18*021*XN*A*E**FT',
        'REF*0F*E2E834001',
        'NM1*IL*1*Okafor*Imani****ZZ*E2E834001',
        'N3*8 Willow Ct',
        'N4*Chicago*IL*60614',
        `DMG*D8*${dob}*F`,
        'DTP*348*D8*20260101',
      ];
      const isa =
        'ISA*00*          *00*          *ZZ*E2ESENDER      *ZZ*OPENPBM        *260301*1200*^*00501*000004242*0*T*:';
      return `${[isa, 'GS*BE*E2ESENDER*OPENPBM*20260301*1200*1*X*005010X220A1', ...body, `SE*${body.length + 1}*0001`, 'GE*1*1', 'IEA*1*000004242'].join('~\n')}~`;
    };
    await withSecureToolsPage(
      world,
      tlsPort,
      await demoClientCertificate(),
      'client-portal-failed-eligibility',
      async ({ page }) => {
        await signInAsDemo(page, 'demo.client');
        await settle(page, '/clients/access');
        await page.getByRole('link', { name: 'Eligibility files' }).click();
        await page.getByRole('heading', { level: 1, name: 'Send an eligibility file' }).waitFor();
        const upload = async (content: string) => {
          await page
            .locator('#eligibility-file')
            .setInputFiles({ name: 'enrollment.834', mimeType: 'text/plain', buffer: Buffer.from(content) });
          await page.getByRole('button', { name: 'Check the file' }).click();
        };
        await upload(edi('1991-13-45'));
        const report = page.getByRole('table').filter({ hasText: 'Error report' });
        await report.getByText('date_of_birth').waitFor();
        await check(page, 'desktop-07-eligibility-errors');
        await upload(edi('19910315'));
        await page.getByText('1 records, 1 to add').waitFor();
        await page.getByRole('button', { name: 'Apply 1 records' }).click();
        await page.getByRole('heading', { name: 'The file was applied' }).waitFor();
        await check(page, 'desktop-08-eligibility-applied');
      },
    );
    await withWatchedPage(world, 'client-portal-failed-activation', async ({ page }) => {
      await settle(page, '/activate');
      await page.getByLabel('Member ID').fill('E2E834001');
      await page.getByLabel('Date of birth').fill('1991-03-15');
      await page.getByLabel('Last name').fill('Okafor');
      await page.getByLabel('ZIP code').fill('60614');
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByRole('heading', { name: 'Step 2 of 2: create your account' }).waitFor();
      await page.getByText('Thanks, Imani.').waitFor();
    });
  });

  it.each(WIDTHS)('$name: the portal pages pass axe', { timeout: 240_000 }, async ({ name, viewport }) => {
    await withWatchedPage(
      world,
      `client-portal-failed-${name}`,
      async ({ page }) => {
        await settle(page, '/clients');
        await check(page, `${name}-landing`);
        await settle(page, '/clients/register');
        await check(page, `${name}-register`);
        await signInAsDemo(page, 'demo.client');
        await settle(page, '/clients/access');
        await page.getByRole('link', { name: /Manage users of/ }).waitFor();
        await check(page, `${name}-my-access`);
        await page.getByRole('link', { name: /Manage users of/ }).click();
        await page.getByRole('heading', { level: 1, name: 'Manage your users’ access' }).waitFor();
        await page.getByRole('table').waitFor();
        await check(page, `${name}-admin`);
        await page.getByRole('link', { name: 'service identities' }).click();
        await page
          .getByRole('heading', { level: 1, name: 'Service identities for your HR systems' })
          .waitFor();
        await check(page, `${name}-service-identities`);
      },
      { viewport },
    );
    await withSecureToolsPage(
      world,
      tlsPort,
      await demoClientCertificate(),
      `client-portal-failed-${name}-mtls`,
      async ({ page }) => {
        await signInAsDemo(page, 'demo.client');
        await settle(page, '/clients/access');
        await page.getByRole('link', { name: 'Plan reports' }).click();
        await page.locator('.recharts-surface').first().waitFor();
        await check(page, `${name}-plan-report`);
      },
      { viewport },
    );
  });
});
