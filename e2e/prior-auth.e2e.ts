import { FIELD_CONTEXTS } from '@openpbm/db/field-crypto';
import { CLASS_CRITERIA } from '@openpbm/domain';
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

// Prior authorization end to end: the demo prescriber submits a request in the prescriber portal, the demo
// clinical reviewer approves it in the review console, the demo member sees "Approved" on their status page, and
// the demo home-delivery pharmacy's B1 claim, rejected 75 before, pays.
//
// The server runs on a scratch PostgreSQL database (TEST_DATABASE_URL's server, default 127.0.0.1:5432) so the
// test can read what a real visit would bring along: the member ID card (member ID, date of birth, BIN/PCN/group)
// and a drug on the member's formulary that needs prior authorization.

let world: DemoWorld;

beforeAll(async () => {
  world = await startDemoWorld('pa');
});

afterAll(async () => {
  await world?.stop();
});

interface Scenario {
  memberNumber: string;
  personCode: string;
  dateOfBirth: string;
  timeZone: string;
  bin: string;
  pcn: string;
  group: string;
  prescriberNpi: string;
  pharmacyNpi: string;
  drug: { groupId: string; name: string; ndc: string };
  daysSupply: number;
}

/** What the visit brings along: the member's card, and a drug on their formulary that needs approval. */
async function scenario(): Promise<Scenario> {
  return readScratch(world, async (client) => {
    const one = async <T extends object>(sql: string, params: unknown[] = []): Promise<T> => {
      const { rows } = await client.query(sql, params);
      if (!rows[0]) throw new Error(`no row for: ${sql.slice(0, 80)}`);
      return rows[0] as T;
    };
    const member = await one<{
      id: string;
      member_number_enc: string;
      date_of_birth_enc: string;
      person_code: string;
      time_zone: string;
      plan_id: string;
    }>(
      `select m.id, m.member_number_enc, m.date_of_birth_enc, m.person_code, m.time_zone, s.plan_id
         from users u join members m on m.id = u.member_id
         join eligibility_spans s on s.member_id = m.id and s.status = 'active' and s.start_date <= current_date
          and (s.end_date is null or s.end_date >= current_date)
        where u.username = 'demo.member'`,
    );
    const plan = await one<{
      bin: string;
      pcn: string;
      rx_group: string;
      formulary_id: string;
      pharmacy_network_id: string;
      max_days: number | null;
    }>(
      `select bin, pcn, rx_group, formulary_id, pharmacy_network_id,
              (max_days_supply->>'home_delivery_90')::int as max_days from plans where id = $1`,
      [member.plan_id],
    );
    const prescriber = await one<{ npi: string }>(
      `select p.npi from users u join prescribers p on p.id = u.prescriber_id where u.username = 'demo.prescriber'`,
    );
    const pharmacy = await one<{ id: string; npi: string }>(
      `select ph.id, ph.npi from users u join pharmacies ph on ph.id = u.pharmacy_id where u.username = 'demo.pharmacy'`,
    );
    // A covered, non-specialty drug that needs PA (no step, no quantity limit), whose class has no automatic
    // policy (so a clinician decides), payable at home delivery, that neither duplicates nor interacts with
    // anything the member took in the last 400 days.
    const drug = await one<{ group_id: string; name: string; ndc: string }>(
      `with history as (
         select g.therapeutic_class_id, g.ingredients from claims c join drug_groups g on g.id = c.drug_group_id
          where c.member_id = $1 and c.status = 'paid' and c.date_of_service >= current_date - 400
       ), taken as (select distinct unnest(ingredients) as i from history)
       select g.id as group_id, g.name, p.ndc
         from formulary_entries e
         join drug_groups g on g.id = e.drug_group_id
         join therapeutic_classes tc on tc.id = g.therapeutic_class_id
         join lateral (
           select dp.ndc from drug_products dp
            where dp.drug_group_id = g.id and dp.unit = 'EA' and dp.obsolete_date is null
              and exists (select 1 from drug_prices pr where pr.ndc = dp.ndc)
              and not exists (select 1 from formulary_entries x where x.formulary_id = e.formulary_id and x.ndc = dp.ndc)
            order by dp.source desc, dp.ndc limit 1
         ) p on true
        where e.formulary_id = $2 and e.requires_prior_auth and not e.excluded and not e.requires_step_therapy
          and not e.has_quantity_limit and not g.specialty and g.dea_schedule is null
          and tc.code <> all($3::text[])
          and exists (select 1 from plan_cost_shares cs where cs.plan_id = $4 and cs.tier = e.tier and cs.channel = 'home_delivery_90')
          and g.therapeutic_class_id not in (select therapeutic_class_id from history)
          and not exists (select 1 from drug_interactions di
                           where (di.ingredient_a = any(g.ingredients) and di.ingredient_b in (select i from taken))
                              or (di.ingredient_b = any(g.ingredients) and di.ingredient_a in (select i from taken)))
          and not exists (select 1 from prior_authorizations pa where pa.member_id = $1 and pa.drug_group_id = g.id)
        order by g.name limit 1`,
      [member.id, plan.formulary_id, Object.keys(CLASS_CRITERIA), member.plan_id],
    );
    const inNetwork = await client.query(
      'select 1 from network_pharmacies where network_id = $1 and pharmacy_id = $2',
      [plan.pharmacy_network_id, pharmacy.id],
    );
    expect(inNetwork.rows.length, 'the demo pharmacy is in the member’s network').toBe(1);
    return {
      memberNumber: decryptSeeded(member.member_number_enc, FIELD_CONTEXTS.memberNumber),
      personCode: member.person_code,
      dateOfBirth: decryptSeeded(member.date_of_birth_enc, FIELD_CONTEXTS.dateOfBirth),
      timeZone: member.time_zone,
      bin: plan.bin,
      pcn: plan.pcn,
      group: plan.rx_group,
      prescriberNpi: prescriber.npi,
      pharmacyNpi: pharmacy.npi,
      drug: { groupId: drug.group_id, name: drug.name, ndc: drug.ndc },
      daysSupply: Math.min(90, plan.max_days ?? 90),
    };
  });
}

const withPage = (run: (watched: WatchedPage) => Promise<void>) =>
  withWatchedPage(world, 'prior-auth-failure', run);

const POST_SCRIPT = `async ({ url, body }) => {
  const { token } = await (await fetch('/api/identity/csrf')).json();
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': token }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}`;

interface Posted {
  status: number;
  body: {
    status?: string;
    npi?: string;
    revoked?: boolean;
    rejectCodes?: Array<{ code: string }>;
  };
}

async function postFromPage(page: Page, url: string, body: unknown): Promise<Posted> {
  return page.evaluate(`(${POST_SCRIPT})(${JSON.stringify({ url, body })})`) as Promise<Posted>;
}

async function expectAccessible(page: Page): Promise<void> {
  expect(await axeViolations(page)).toEqual([]);
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: `${resultsDir()}/${name}.png`, fullPage: true });
}

const today = (timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(),
  );

function claimBody(s: Scenario, rxNumber: string) {
  return {
    transactionCode: 'B1',
    bin: s.bin,
    processorControlNumber: s.pcn,
    groupId: s.group,
    serviceProvider: { idQualifier: '01', id: s.pharmacyNpi },
    dateOfService: today(s.timeZone),
    cardholder: { id: s.memberNumber, personCode: s.personCode },
    patient: { dateOfBirth: s.dateOfBirth },
    claim: {
      rxNumber,
      fillNumber: 0,
      ndc: s.drug.ndc,
      quantityDispensed: s.daysSupply,
      daysSupply: s.daysSupply,
      prescriberNpi: s.prescriberNpi,
      ingredientCostSubmittedCents: 5_000_000,
      dispensingFeeSubmittedCents: 0,
      usualAndCustomaryCents: 9_999_999,
      grossAmountDueCents: 5_000_000,
    },
  };
}

// axe runs on every page; on 2 busy cores one step can take half a minute.
describe('prior authorization journey', { timeout: 150_000 }, () => {
  let s: Scenario;
  let caseNumber = '';

  it('the seed verified the demo prescriber’s NPI (no admin step); before approval the claim rejects 75', async () => {
    s = await scenario();
    await withPage(async ({ page }) => {
      await signInAsDemo(page, 'demo.prescriber');
      const me = await page.evaluate(async () => (await fetch('/api/prior-auth/prescriber/me')).json());
      expect(me).toMatchObject({ npi: s.prescriberNpi, npiVerified: true });
    });
    await withPage(async ({ page }) => {
      await signInAsDemo(page, 'demo.pharmacy');
      const claim = await postFromPage(page, '/api/claims', claimBody(s, '880001'));
      expect(claim.status).toBe(200);
      expect(claim.body.status).toBe('rejected');
      expect((claim.body.rejectCodes ?? []).map((r) => r.code)).toContain('75');
    });
  });

  it('the prescriber submits the request with the questionnaire the drug needs', async () => {
    await withPage(async ({ page }) => {
      await signInAsDemo(page, 'demo.prescriber');
      await page.goto('/prescribers/prior-auth');
      await page.getByRole('heading', { level: 1, name: 'Coverage requests' }).waitFor();
      await page.getByRole('link', { name: 'Start a request' }).click();
      await page.waitForURL('**/prescribers/prior-auth/new');
      await page.getByLabel('Member ID').fill(s.memberNumber);
      await page.getByLabel('Date of birth').fill(s.dateOfBirth);
      await page.getByRole('button', { name: 'Find patient' }).click();
      await page.getByRole('heading', { name: '2. Choose the drug' }).waitFor();
      await page.getByLabel('Drug name').fill(s.drug.name);
      await page.getByRole('button', { name: 'Search' }).click();
      await page.getByRole('button', { name: `Choose ${s.drug.name}`, exact: true }).click();
      await page.getByRole('heading', { name: '3. Answer the criteria questions' }).waitFor();
      await expectAccessible(page);
      await page.getByLabel('Diagnosis (ICD-10-CM codes)').fill('I10');
      await page.getByLabel(/states the drug is medically necessary/).check();
      await page.getByLabel('Quantity per fill').fill(String(s.daysSupply));
      await page.getByLabel('Days supply').fill(String(s.daysSupply));
      await page.getByLabel('Clinical notes').fill('Uncontrolled on the current regimen.');
      await screenshot(page, 'prior-auth-prescriber-form');
      await page.getByRole('button', { name: 'Send request' }).click();
      await page.waitForURL(/\/prescribers\/prior-auth\/[0-9a-f-]{36}$/);
      const heading = page.getByRole('heading', { level: 2, name: /^Prior authorization PA\d\d-/ });
      await heading.waitFor();
      caseNumber = ((await heading.textContent()) ?? '').replace('Prior authorization ', '').trim();
      expect(await page.getByText('Received', { exact: true }).count()).toBeGreaterThan(0);
      await expectAccessible(page);
      await screenshot(page, 'prior-auth-prescriber-case');
    });
    expect(caseNumber).toMatch(/^PA\d\d-[0-9A-Z]{6}$/);
  });

  it('the clinical reviewer finds it in the queue and approves it', async () => {
    await withPage(async ({ page }) => {
      await signInAsDemo(page, 'demo.reviewer');
      await page.goto('/staff/clinical-review');
      await page.getByRole('heading', { level: 1, name: 'Clinical review queue' }).waitFor();
      await expectAccessible(page);
      await screenshot(page, 'prior-auth-review-queue');
      await page.getByRole('link', { name: caseNumber }).click();
      await page.getByRole('heading', { level: 2, name: `Prior authorization ${caseNumber}` }).waitFor();
      await page.getByRole('button', { name: 'Start review' }).click();
      await page.getByRole('button', { name: 'Start review' }).waitFor({ state: 'detached' });
      await expectAccessible(page);
      await page
        .getByLabel('Reason (the member and prescriber read it)')
        .fill('Approved: the prescriber documented medical necessity.');
      await page.getByRole('button', { name: 'Approve', exact: true }).click();
      await page.getByText('Approved', { exact: true }).first().waitFor();
      await page.getByRole('heading', { level: 2, name: 'Decision' }).waitFor();
      await screenshot(page, 'prior-auth-review-approved');
    });
  });

  it('the member sees the approval in plain language', async () => {
    await withPage(async ({ page }) => {
      await signInAsDemo(page, 'demo.member');
      // Reached from the main navigation shown to signed-in members.
      await page.goto('/members');
      const nav = page.getByRole('navigation', { name: 'Main' });
      await nav.getByRole('button', { name: 'Costs & coverage' }).click();
      await nav.getByRole('link', { name: 'Prior authorizations' }).click();
      await page.waitForURL('**/members/prior-auth');
      await page.getByRole('heading', { level: 1, name: 'Prior authorizations and appeals' }).waitFor();
      const card = page.locator('.pa-case-card', { hasText: caseNumber });
      await card.waitFor();
      expect(await card.textContent()).toContain(`Approved. Your plan covers ${s.drug.name} from`);
      await expectAccessible(page);
      await screenshot(page, 'prior-auth-member-status');
    });
  });

  it('the pharmacy claim now pays', async () => {
    await withPage(async ({ page }) => {
      await signInAsDemo(page, 'demo.pharmacy');
      const claim = await postFromPage(page, '/api/claims', claimBody(s, '880002'));
      expect(claim.status).toBe(200);
      expect(claim.body, JSON.stringify(claim.body)).toMatchObject({ status: 'paid' });
    });
  });
});
