import { FIELD_CONTEXTS } from '@openpbm/db/field-crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './support/axe';
import type { WatchedPage } from './support/browser';
import {
  type DemoWorld,
  decryptSeeded,
  readScratch,
  signInAsDemo,
  startDemoWorld,
  withWatchedPage,
} from './support/demo-world';
import { resultsDir } from './support/paths';

// Member pharmacy journeys in the browser, with screenshots in test-results/ (member-pharmacy-*.png):
//  1. the demo prescriber e-prescribes two maintenance drugs; the demo member adds a card, refills both by home
//     delivery, and follows the order while the demo pharmacist verifies, fills, ships and delivers it;
//  2. the member turns on automatic refills for one of them;
//  3. the member finds in-network pharmacies by ZIP code (list and map);
//  4. the member opens the ID card, the browser goes offline, and the installed app still shows it.
// The server runs on a scratch PostgreSQL database so the test can read what the visit needs (the member's card
// details and two covered drugs). Every page is checked with axe (WCAG 2.1 A/AA).

let world: DemoWorld;
let s: Scenario;

beforeAll(async () => {
  world = await startDemoWorld('rx');
  s = await scenario();
});

afterAll(async () => {
  await world?.stop();
});

interface Scenario {
  memberNumber: string;
  dateOfBirth: string;
  zip: string;
  drugs: Array<{ name: string; ndc: string }>;
}

/** The member's card details and two covered, everyday generic drugs (no PA, no limits, not controlled). */
async function scenario(): Promise<Scenario> {
  return readScratch(world, async (client) => {
    const { rows: members } = await client.query<{
      id: string;
      member_number_enc: string;
      date_of_birth_enc: string;
      zip: string;
      plan_id: string;
      formulary_id: string;
    }>(
      `select m.id, m.member_number_enc, m.date_of_birth_enc, m.zip, s.plan_id, pl.formulary_id
         from users u join members m on m.id = u.member_id
         join eligibility_spans s on s.member_id = m.id and s.status = 'active'
         join plans pl on pl.id = s.plan_id
        where u.username = 'demo.member' order by s.start_date desc limit 1`,
    );
    const member = members[0];
    if (!member) throw new Error('demo.member not found');
    const { rows: drugs } = await client.query<{ name: string; ndc: string; class_id: string }>(
      `select distinct on (g.therapeutic_class_id) dp.name, dp.ndc, g.therapeutic_class_id as class_id
         from formulary_entries e
         join drug_groups g on g.id = e.drug_group_id
         join drug_products dp on dp.drug_group_id = g.id and dp.unit = 'EA' and dp.obsolete_date is null and dp.source = 'generic'
        where e.formulary_id = $1 and e.tier = 1 and not e.requires_prior_auth and not e.excluded and not e.requires_step_therapy
          and not e.has_quantity_limit and g.maintenance and not g.specialty and g.dea_schedule is null
          and exists (select 1 from drug_prices pr where pr.ndc = dp.ndc)
          and exists (select 1 from plan_cost_shares cs where cs.plan_id = $2 and cs.tier = 1 and cs.channel = 'home_delivery_90')
          and not exists (select 1 from prescriptions p where p.member_id = $3 and p.drug_group_id = g.id)
        order by g.therapeutic_class_id, dp.name limit 12`,
      [member.formulary_id, member.plan_id, member.id],
    );
    const picked = drugs.slice(0, 2);
    expect(picked, 'two covered everyday drugs').toHaveLength(2);
    return {
      memberNumber: decryptSeeded(member.member_number_enc, FIELD_CONTEXTS.memberNumber),
      dateOfBirth: decryptSeeded(member.date_of_birth_enc, FIELD_CONTEXTS.dateOfBirth),
      zip: member.zip,
      drugs: picked.map((d) => ({ name: d.name, ndc: d.ndc })),
    };
  });
}

async function open(page: Page, path: string, h1: string | RegExp): Promise<void> {
  await page.goto(path);
  await page.getByRole('heading', { level: 1, name: h1 }).waitFor();
}

async function check(page: Page, name: string): Promise<void> {
  expect(await axeViolations(page), `accessibility of ${name}`).toEqual([]);
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: `${resultsDir()}/member-pharmacy-${name}.png`, fullPage: true });
}

const withPage = <T>(run: (watched: WatchedPage) => Promise<T>) =>
  withWatchedPage(world, 'member-pharmacy-failure', run);

describe('member pharmacy journeys', () => {
  let orderNumber = '';

  it('refills two prescriptions by home delivery and follows the order through the pharmacy to delivered', {
    timeout: 240_000,
  }, async () => {
    // The prescriber sends two new prescriptions to home delivery.
    await withPage(async ({ page }) => {
      await signInAsDemo(page, 'demo.prescriber');
      await open(page, '/prescribers/eprescribe', 'Send a new prescription');
      for (const drug of s.drugs) {
        await page.getByLabel('Member ID (from the patient’s card)').fill(s.memberNumber);
        await page.getByLabel('Date of birth (YYYY-MM-DD)').fill(s.dateOfBirth);
        await page.getByLabel('NDC (11 digits)').fill(drug.ndc);
        await page.getByLabel('Quantity').fill('90');
        await page.getByLabel('Days supply').fill('90');
        await page.getByLabel('Directions (sig)').fill('Take 1 tablet by mouth once daily');
        await page.getByLabel('Refills', { exact: true }).fill('3');
        await page.getByRole('button', { name: 'Send prescription' }).click();
        await page.getByRole('heading', { name: 'Prescription sent' }).waitFor();
        await page
          .getByRole('cell', { name: new RegExp(drug.name.slice(0, 12), 'i') })
          .first()
          .waitFor();
      }
      await check(page, '01-prescriber-sent');
    });

    // The member adds a card, picks both refills and places the order.
    await withPage(async ({ page }) => {
      await signInAsDemo(page, 'demo.member');
      await open(page, '/members/payment-methods', 'Payment cards');
      await page.getByLabel('Card number').fill('4111 1111 1111 1111');
      await page.getByLabel('Expiry month').fill('12');
      await page.getByLabel('Expiry year').fill('2031');
      await page.getByRole('button', { name: 'Save card' }).click();
      await page.getByRole('heading', { name: 'Card saved' }).waitFor();
      // The card list refetches after the notice appears: wait for it, then check the card is listed once.
      await page.getByText('Visa ending in 1111, expires 12/2031 (default)').first().waitFor();
      expect(await page.getByText('Visa ending in 1111, expires 12/2031 (default)').count()).toBe(1);
      await check(page, '02-card-saved');

      await open(page, '/members/prescriptions', 'Prescriptions');
      for (const drug of s.drugs) {
        await page.getByRole('checkbox', { name: `Refill ${drug.name}` }).check();
      }
      await page.getByText('2 selected for').waitFor();
      await check(page, '03-prescriptions-selected');
      await page.getByRole('button', { name: 'Refill selected by home delivery' }).click();
      await page.getByRole('heading', { level: 1, name: 'Refill by home delivery' }).waitFor();
      const place = page.getByRole('button', { name: /^Place order/ });
      await place.waitFor();
      await check(page, '04-checkout');
      await place.click();
      await page.getByRole('heading', { level: 1, name: 'Order status' }).waitFor();
      await page.locator('.rx-order-status').waitFor();
      const status = (await page.locator('.rx-order-status').textContent()) ?? '';
      orderNumber = /HD\d{8}/.exec(status)?.[0] ?? '';
      expect(orderNumber).toMatch(/^HD\d{8}$/);
      expect(status).toContain('Order received');
      await check(page, '05-order-received');
    });

    // The home-delivery pharmacist verifies (reviewing any DUR warning), fills, ships and delivers it.
    await withPage(async ({ page }) => {
      await signInAsDemo(page, 'demo.pharmacy');
      await open(page, '/pharmacies/home-delivery', 'Order queue');
      await page.getByRole('link', { name: orderNumber }).click();
      await page.getByRole('heading', { level: 1, name: 'Order' }).waitFor();
      await page.getByRole('heading', { name: 'Pharmacist verification' }).waitFor();
      await check(page, '06-staff-verify');
      const dur = page.getByRole('checkbox', { name: /I reviewed the/ });
      if (await dur.count()) await dur.check();
      await page.getByRole('button', { name: 'Verify order' }).click();
      await page.getByRole('button', { name: 'Mark filled' }).click();
      await page.getByLabel('Tracking number').waitFor();
      await page.getByLabel('Tracking number').fill('1Z999AA10123456784');
      await page.getByRole('button', { name: 'Mark shipped' }).click();
      await page.getByRole('button', { name: 'Mark delivered' }).click();
      await page.getByText('This order is complete.').waitFor();
      const history = await page.locator('.hd-events li').allInnerTexts();
      expect(history.map((line) => line.split(' · ')[0])).toEqual([
        'Order received',
        'Checked by a pharmacist',
        'Filled and packed',
        'Shipped',
        'Delivered',
      ]);
      await check(page, '07-staff-delivered');
    });

    // The member sees every step with its time, and the tracking link.
    await withPage(async ({ page }) => {
      await signInAsDemo(page, 'demo.member');
      await open(page, '/members/orders', 'Home-delivery orders');
      await page.getByRole('link', { name: orderNumber }).click();
      await page.getByRole('heading', { level: 1, name: 'Order status' }).waitFor();
      const steps = page.getByRole('list', { name: 'Order progress' }).getByRole('listitem');
      await steps.nth(4).waitFor(); // the page title shows before the order has loaded
      expect(await steps.count()).toBe(5);
      expect(await page.locator('.rx-timeline__step--done').count()).toBe(5);
      expect(
        await page.getByRole('link', { name: 'Track your package on the UPS site' }).getAttribute('href'),
      ).toBe('https://www.ups.com/track?tracknum=1Z999AA10123456784');
      await check(page, '08-order-delivered');
    });
  });

  it('turns on automatic refills', async () => {
    await withPage(async ({ page }) => {
      await signInAsDemo(page, 'demo.member');
      await open(page, '/members/auto-refill', 'Automatic refills');
      const prescription = page.getByLabel('Prescription', { exact: true });
      const option = prescription.locator('option', { hasText: s.drugs[0]?.name ?? '' }).first();
      await prescription.selectOption((await option.getAttribute('value')) ?? '');
      await page.getByRole('button', { name: 'Turn on automatic refills' }).click();
      await page.getByRole('heading', { level: 3, name: s.drugs[0]?.name ?? '' }).waitFor();
      expect(await page.getByText(/^On\. Next refill ordered on/).count()).toBe(1);
      await check(page, '09-auto-refill-on');
    });
  });

  it('finds in-network pharmacies by ZIP code, nearest first, in a list and on a map', async () => {
    await withPage(async ({ page }) => {
      await signInAsDemo(page, 'demo.member');
      await open(page, '/members/pharmacy-locator', 'Find a pharmacy');
      await page.getByLabel('ZIP code').fill(s.zip);
      await page.getByLabel('Within', { exact: true }).selectOption({ label: '25 miles' });
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      const results = page.getByRole('list', { name: 'Pharmacies, nearest first' });
      await results.waitFor();
      const items = await results.getByRole('listitem').allInnerTexts();
      expect(items.length).toBeGreaterThan(0);
      const miles = items.map((text) => Number(/· ([\d.]+) mi/.exec(text)?.[1]));
      expect([...miles].sort((a, b) => a - b)).toEqual(miles);
      expect(items.every((text) => text.includes('In network'))).toBe(true);
      expect(await page.getByRole('img', { name: /Map of \d+ pharmacies within 25 miles/ }).count()).toBe(1);
      // One numbered pin per pharmacy, none hidden under another.
      const pins = await page
        .locator('.locator-map__pin')
        .evaluateAll((circles) =>
          circles.map((c) => ({ x: Number(c.getAttribute('cx')), y: Number(c.getAttribute('cy')) })),
        );
      expect(pins).toHaveLength(items.length);
      for (const [i, a] of pins.entries()) {
        for (const b of pins.slice(i + 1)) expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThan(20);
      }
      await check(page, '10-locator');
    });
  });

  it('opens the ID card without a connection in the installed app', async () => {
    await withPage(async (watched) => {
      const { page } = watched;
      await signInAsDemo(page, 'demo.member');
      await open(page, '/members/id-card', 'Member ID card');
      await page
        .getByRole('article', { name: /Member ID card for/ })
        .first()
        .waitFor();
      expect(await page.getByText(s.memberNumber).count()).toBeGreaterThan(0);
      const manifest = await page.evaluate(async () => (await fetch('/manifest.webmanifest')).json());
      expect(manifest).toMatchObject({ display: 'standalone', start_url: '/members/prescriptions' });
      // Wait until the service worker controls the page, then load once through it.
      await page.evaluate(async () => {
        await navigator.serviceWorker.ready;
        if (!navigator.serviceWorker.controller) {
          await new Promise<void>((resolve) =>
            navigator.serviceWorker.addEventListener('controllerchange', () => resolve()),
          );
        }
      });
      await page.reload();
      await page
        .getByRole('article', { name: /Member ID card for/ })
        .first()
        .waitFor();
      await check(page, '11-id-card');
      // Printable: the print view keeps the card without the print button; Chromium saves it as a PDF.
      await page.emulateMedia({ media: 'print' });
      expect(await page.getByRole('button', { name: 'Print or save as PDF' }).isVisible()).toBe(false);
      expect(
        await page
          .getByRole('article', { name: /Member ID card for/ })
          .first()
          .isVisible(),
      ).toBe(true);
      const pdf = await page.pdf({ path: `${resultsDir()}/member-pharmacy-11-id-card.pdf` });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      await page.emulateMedia({ media: 'screen' });

      await page.context().setOffline(true);
      await page.reload();
      await page.getByRole('heading', { name: 'You are offline' }).waitFor();
      await page
        .getByRole('article', { name: /Member ID card for/ })
        .first()
        .waitFor();
      expect(await page.getByText(s.memberNumber).count()).toBeGreaterThan(0);
      await page.screenshot({
        path: `${resultsDir()}/member-pharmacy-12-id-card-offline.png`,
        fullPage: true,
      });
      await page.context().setOffline(false);
      // Offline, the app's API calls fail before it falls back to the saved card; Chromium logs each as an error.
      watched.errors = watched.errors.filter((e) => !e.includes('net::ERR_INTERNET_DISCONNECTED'));
    });
    // The service worker's first install caches every loaded asset, and the test prints a PDF: 8 s on a quiet
    // machine, over a minute once with the PostgreSQL suite running beside it on the same 2 cores.
  }, 120_000);
});
