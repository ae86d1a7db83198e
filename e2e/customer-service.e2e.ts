import { FIELD_CONTEXTS } from '@openpbm/db/field-crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WatchedPage } from './support/browser';
import { checkPage, type Mail, WIDTHS, waitForMail as waitForMailAt } from './support/checks';
import {
  type DemoWorld,
  decryptSeeded,
  readScratch,
  signInAsDemo,
  startDemoWorld,
  withWatchedPage,
} from './support/demo-world';

// Customer service in the browser, with axe on every page and screenshots at desktop and phone width
// (test-results/customer-service-*.png):
//  1. the demo member searches the help center, writes to customer service, demo.support answers in the console,
//     the member gets a pick-up e-mail (no content) and reads the answer;
//  2. demo.support looks up the member with a reason, places a refill with the member's recorded consent, and the
//     member sees "done for you by customer service";
//  3. demo.editor writes a help article (a taken address name is refused on its field), changes it, publishes it,
//     and the public help search finds its new words with a highlighted snippet;
//  4. a walk through every customer-service page as each of its users (member, customer service, prescriber,
//     editor) at both widths.
// The server runs on a scratch PostgreSQL database seeded with the demo set (demo.support serves the demo
// member's employer); the test adds one refillable home-delivery prescription for journey 2.

let world: DemoWorld;
let s: Scenario;

const SIZES = WIDTHS;

interface Scenario {
  memberNumber: string;
  email: string;
  rxNumber: string;
}

beforeAll(async () => {
  world = await startDemoWorld('cs');
  s = await scenario();
});

afterAll(async () => {
  await world?.stop();
});

/** The member's ID and e-mail, and a refillable home-delivery prescription of an everyday generic for them. */
async function scenario(): Promise<Scenario> {
  return readScratch(world, async (client) => {
    const { rows } = await client.query<{
      id: string;
      member_number_enc: string;
      email: string;
      formulary_id: string;
      plan_id: string;
    }>(
      `select m.id, m.member_number_enc, u.email, pl.formulary_id, pl.id as plan_id
         from users u join members m on m.id = u.member_id
         join eligibility_spans s on s.member_id = m.id and s.status = 'active' join plans pl on pl.id = s.plan_id
        where u.username = 'demo.member' order by s.start_date desc limit 1`,
    );
    const member = rows[0];
    if (!member) throw new Error('demo.member not found');
    const { rows: drugs } = await client.query<{ ndc: string; group_id: string }>(
      `select dp.ndc, g.id as group_id
         from formulary_entries e join drug_groups g on g.id = e.drug_group_id
         join drug_products dp on dp.drug_group_id = g.id and dp.unit = 'EA' and dp.obsolete_date is null and dp.source = 'generic'
        where e.formulary_id = $1 and e.tier = 1 and not e.requires_prior_auth and not e.excluded and not e.requires_step_therapy
          and not e.has_quantity_limit and g.maintenance and not g.specialty and g.dea_schedule is null
          and exists (select 1 from drug_prices pr where pr.ndc = dp.ndc)
          and not exists (select 1 from prescriptions p where p.member_id = $2 and p.drug_group_id = g.id)
        order by dp.name limit 1`,
      [member.formulary_id, member.id],
    );
    const drug = drugs[0];
    if (!drug) throw new Error('no everyday generic on the formulary');
    const rxNumber = `9${String(Date.now()).slice(-8)}`;
    await client.query(
      `insert into prescriptions (id, rx_number, member_id, prescriber_id, pharmacy_id, ndc, drug_group_id, quantity_milli,
         days_supply, directions, refills_authorized, refills_remaining, written_date, expiry_date, status, last_fill_date, fill_count)
       select gen_random_uuid(), $1, $2, p.prescriber_id, ph.pharmacy_id, $3, $4, 90000, 90, 'Take 1 tablet by mouth daily',
              3, 3, current_date - 100, current_date + 265, 'active', current_date - 85, 1
         from users p, users ph where p.username = 'demo.prescriber' and ph.username = 'demo.pharmacy'`,
      [rxNumber, member.id, drug.ndc, drug.group_id],
    );
    return {
      memberNumber: decryptSeeded(member.member_number_enc, FIELD_CONTEXTS.memberNumber),
      email: member.email,
      rxNumber,
    };
  });
}

const check = (page: Page, name: string) => checkPage(page, `customer-service-${name}`, { waitForH1: false });

async function open(page: Page, path: string, h1: string | RegExp): Promise<void> {
  await page.goto(path);
  await page.getByRole('heading', { level: 1, name: h1 }).waitFor();
}

const waitForMail = (match: (m: Mail) => boolean) => waitForMailAt(world.server.url, match);

const withPage = <T>(
  run: (watched: WatchedPage) => Promise<T>,
  viewport: { width: number; height: number } = SIZES[0].viewport,
) => withWatchedPage(world, 'customer-service-failure', run, { viewport });

const ADD_CARD_SCRIPT = `(async () => {
  const token = (await (await fetch('/api/identity/csrf')).json()).token;
  const res = await fetch('/api/payment-methods', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': token },
    body: JSON.stringify({ cardNumber: '4111111111111111', expMonth: 12, expYear: 2031 }),
  });
  return res.status;
})()`;

describe('customer service journeys', () => {
  it('a member finds help, writes to us, and reads the answer customer service gives in the console', async () => {
    const subject = 'Question about my delivery';
    for (const size of SIZES) {
      await withPage(async ({ page }) => {
        await open(page, '/help', 'How can we help?');
        await page.getByRole('searchbox', { name: 'Search the help center' }).fill('refilling prescriptions');
        await page.getByRole('button', { name: 'Search' }).click();
        // The article list shows before the search answers (without highlights), so wait for the highlights.
        await page.locator('.help-result mark').first().waitFor();
        await page.getByRole('link', { name: 'How do I refill a prescription?' }).waitFor();
        await check(page, `01-help-search-${size.name}`);
        await page.getByRole('link', { name: 'How do I refill a prescription?' }).click();
        await page.getByRole('heading', { level: 1, name: 'How do I refill a prescription?' }).waitFor();
        await check(page, `02-help-article-${size.name}`);
      }, size.viewport);
    }
    await withPage(async ({ page }) => {
      await signInAsDemo(page, 'demo.member');
      await open(page, '/members/help/contact', 'Contact customer service');
      await page.getByRole('button', { name: 'Send message' }).click();
      await page.getByRole('heading', { name: /There (is a problem|are \d+ problems)/ }).waitFor();
      await page.getByLabel('What is it about?').first().selectOption('order');
      await page.getByLabel('Subject').fill(subject);
      await page
        .getByLabel('Your message')
        .fill('My last order has not arrived yet. Can you check where it is?');
      await check(page, '03-contact-desktop');
      await page.getByRole('button', { name: 'Send message' }).click();
      await page.getByRole('heading', { name: 'Your message was sent' }).waitFor();
    });
    await withPage(async ({ page }) => {
      await signInAsDemo(page, 'demo.support');
      await open(page, '/staff/customer-service', 'Customer service console');
      await page.getByRole('link', { name: /^CS-/ }).first().waitFor();
      await check(page, '04-console-queue-desktop');
      await page.getByRole('link', { name: /^CS-/ }).first().click();
      await page.getByRole('heading', { level: 2, name: subject }).waitFor();
      await page
        .getByRole('textbox', { name: 'Reply', exact: true })
        .fill('Your order shipped yesterday; it arrives on Friday.');
      await page.getByRole('button', { name: 'Send reply' }).click();
      await page.getByText('Your order shipped yesterday').waitFor();
      await check(page, '05-console-case-desktop');
    });
    const mail = await waitForMail((m) => m.to.includes(s.email) && /secure message/.test(m.subject));
    expect(mail.text).not.toMatch(/shipped|Friday|delivery/i);
    const link = (/(https?:\/\/\S+#token=[A-Za-z0-9_-]+)/.exec(mail.text)?.[1] ?? '').replace(
      /^https?:\/\/[^/]+/,
      '',
    );
    for (const size of SIZES) {
      await withPage(async ({ page }) => {
        await signInAsDemo(page, 'demo.member');
        if (size.name === 'desktop') {
          await page.goto(link);
          await page.getByText('Your order shipped yesterday').waitFor();
          await page.getByRole('link', { name: 'Open the details' }).click();
        } else {
          await open(page, '/members/help', 'Your questions and answers');
          await page.getByRole('link', { name: /^CS-/ }).first().click();
        }
        await page.getByRole('heading', { level: 1, name: 'Your message to customer service' }).waitFor();
        await page.getByText('Your order shipped yesterday').waitFor();
        await check(page, `06-member-reads-answer-${size.name}`);
      }, size.viewport);
    }
  }, 300_000);

  it('customer service looks a member up with a reason, places a refill with consent, and the member sees it', async () => {
    // Agents never take card numbers: the member has a card on file for the refill's copay.
    await withPage(async ({ page }) => {
      await signInAsDemo(page, 'demo.member');
      const status = await page.evaluate(ADD_CARD_SCRIPT);
      expect(status).toBe(201);
    });
    await withPage(async ({ page }) => {
      await signInAsDemo(page, 'demo.support');
      await open(page, '/staff/customer-service', 'Customer service console');
      await page.getByLabel('Member ID').fill(s.memberNumber);
      await page.getByRole('button', { name: 'Find member' }).click();
      await expect.poll(() => page.getByText('Say why you look this member up').count()).toBeGreaterThan(0);
      await page.getByLabel('Reason for this look-up').fill('Member called to order a refill');
      await page.getByRole('button', { name: 'Find member' }).click();
      const result = page.locator('.cs-results a').first();
      await result.waitFor();
      await check(page, '07-console-search-desktop');
      await result.click();
      await page.getByRole('heading', { level: 2, name: 'Prescriptions' }).waitFor();
      await check(page, '08-member-360-desktop');
      const refill = page.getByRole('form', { name: 'Place a refill' });
      await refill.getByLabel(new RegExp(`Rx ${s.rxNumber}`)).check();
      await refill
        .getByLabel('What the member agreed to')
        .fill('We send this refill by home delivery, charged to your card on file.');
      await refill.getByLabel('The member said yes').check();
      await refill.getByRole('button', { name: 'Place refill' }).click();
      await refill.getByRole('heading', { name: 'Done' }).waitFor();
      await check(page, '09-refill-placed-desktop');
      // Other coverage (coordination of benefits), starting next year so no claim of this journey changes.
      const cob = page.getByRole('form', { name: 'Add other coverage' });
      await cob.getByLabel('The other plan pays').selectOption('01');
      await cob.getByLabel("Other plan's name").fill('Lakeside Employer Rx');
      await cob.getByLabel('BIN', { exact: true }).fill('012345');
      await cob.getByLabel('Member ID on the other card').fill('LK0099887766');
      await cob.getByLabel('Covered from').fill('2027-01-01');
      await cob.getByLabel('Why', { exact: true }).fill('Member called with a new employer plan');
      await cob.getByRole('button', { name: 'Add other coverage' }).click();
      await cob.getByRole('heading', { name: 'Saved' }).waitFor();
      await page.getByText(/Lakeside Employer Rx · Primary \(bill it first\) · BIN 012345/).waitFor();
      expect(await page.getByText('LK0099887766').count()).toBe(0);
      await check(page, '09b-other-coverage-desktop');
    });
    for (const size of SIZES) {
      await withPage(async ({ page }) => {
        await signInAsDemo(page, 'demo.member');
        await open(page, '/members/help', 'Your questions and answers');
        await page.getByText(/Placed a refill — done for you by customer service on/).waitFor();
        await check(page, `10-done-for-you-${size.name}`);
      }, size.viewport);
    }
  }, 300_000);

  it('a help-center editor changes an article, publishes it, and the public search finds the new words', async () => {
    for (const size of SIZES) {
      await withPage(async ({ page }) => {
        await signInAsDemo(page, 'demo.editor');
        await open(page, '/staff/help-editor', 'Help-center articles');
        await page.getByRole('link', { name: 'How do I refill a prescription?' }).waitFor();
        await check(page, `11-editor-articles-${size.name}`);
      }, size.viewport);
    }
    await withPage(async (watched) => {
      const { page } = watched;
      await signInAsDemo(page, 'demo.editor');
      await open(page, '/staff/help-editor', 'Help-center articles');
      await page.getByRole('link', { name: 'Write a new article' }).click();
      await page.getByRole('heading', { level: 1, name: 'Write a new article' }).waitFor();
      await page.getByLabel('Title').fill('Travelling? Ask for a vacation supply');
      await page.getByLabel('Topic').selectOption('refills');
      // An address name another article has: the server's problem+json lands on the field.
      await page.getByLabel('Address name').fill('refill-a-prescription');
      await page
        .getByLabel('Answer')
        .fill(
          'Before a long trip you can ask for an early refill, so your medicine lasts while you are away.',
        );
      await page.getByLabel('Link to the portal page').fill('/members/prescriptions');
      await page.getByLabel('Words on the link button').fill('Refill a prescription');
      await page.getByRole('button', { name: 'Save the article' }).click();
      await page.getByText('Another article already uses this address name').first().waitFor();
      await check(page, '12-editor-slug-taken-desktop');
      // The browser logs the expected 409 as a failed load; nothing else may be in the console.
      const expected = watched.errors.filter((e) => /status of 409/.test(e));
      expect(expected).toHaveLength(1);
      watched.errors.splice(watched.errors.indexOf(expected[0] as string), 1);
      await page.getByLabel('Address name').fill('vacation-supply');
      await page.getByRole('button', { name: 'Save the article' }).click();
      await page.getByRole('heading', { level: 1, name: 'Travelling? Ask for a vacation supply' }).waitFor();
      await page.getByText('Only editors see it.').waitFor();
      const answer = page.getByLabel('Answer');
      await answer.fill(
        `${await answer.inputValue()}\n\nSnowbird members who spend the winter in another state can also move their home delivery address for those months.`,
      );
      await page
        .getByRole('article', { name: 'Preview of the article' })
        .getByText('Snowbird members')
        .waitFor();
      await page.getByRole('button', { name: 'Save changes' }).click();
      await page.getByRole('heading', { name: 'Saved' }).waitFor();
      await page.getByRole('button', { name: 'Publish', exact: true }).click();
      await page.getByRole('button', { name: 'Unpublish' }).waitFor();
      await check(page, '13-editor-published-desktop');
    });
    for (const size of SIZES) {
      await withPage(async ({ page }) => {
        await open(page, '/help', 'How can we help?');
        await page.getByRole('searchbox', { name: 'Search the help center' }).fill('snowbird winter');
        await page.getByRole('button', { name: 'Search' }).click();
        await page.getByRole('link', { name: 'Travelling? Ask for a vacation supply' }).waitFor();
        // The article is also in the topic list shown before the search answers: wait for the highlighted result.
        await page.locator('.help-result mark', { hasText: 'Snowbird' }).first().waitFor();
        expect(await page.locator('.help-result mark').allInnerTexts()).toEqual(
          expect.arrayContaining(['Snowbird']),
        );
        await check(page, `14-help-finds-new-words-${size.name}`);
      }, size.viewport);
    }
  }, 300_000);

  it('every customer-service page, as each of its users, at both widths', async () => {
    // The member writes to the prescriber's office about the scenario's prescription, so both sides have a thread.
    await withPage(async ({ page }) => {
      await signInAsDemo(page, 'demo.member');
      const status = await page.evaluate(`(async () => {
        const token = (await (await fetch('/api/identity/csrf')).json()).token;
        const found = await fetch('/api/prescriptions/search', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': token },
          body: '{}',
        });
        const rx = (await found.json()).prescriptions.find((p) => p.rxNumber === ${JSON.stringify(s.rxNumber)});
        const res = await fetch('/api/support/prescriber-threads', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': token },
          body: JSON.stringify({ prescriptionId: rx.id, subject: 'Generic instead?', body: 'Could this be a generic?' }),
        });
        return res.status;
      })()`);
      expect(status).toBe(201);
    });
    const walks: Array<[string, Array<[string, string | RegExp]>]> = [
      [
        'demo.member',
        [
          ['/members/help', 'Your questions and answers'],
          ['/members/help/contact', 'Contact customer service'],
          ['/members/messages/prescriber', 'Messages with your prescriber’s office'],
        ],
      ],
      [
        'demo.support',
        [
          ['/staff/home', 'Customer service'],
          ['/staff/customer-service', 'Customer service console'],
        ],
      ],
      ['demo.prescriber', [['/prescribers/messages', 'Messages from patients']]],
      ['demo.editor', [['/staff/home', 'Help center']]],
    ];
    for (const size of SIZES) {
      for (const [user, pages] of walks) {
        await withPage(async ({ page }) => {
          await signInAsDemo(page, user);
          for (const [path, h1] of pages) {
            await open(page, path, h1);
            await page.locator('.page-loading').first().waitFor({ state: 'detached' });
            await check(page, `15-walk-${user.slice(5)}-${path.replace(/\//g, '_')}-${size.name}`);
          }
        }, size.viewport);
      }
    }
  }, 400_000);
});
