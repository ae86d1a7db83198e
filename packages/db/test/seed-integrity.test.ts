import { verify } from '@node-rs/argon2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/client';
import {
  activationIndex,
  decryptField,
  FIELD_CONTEXTS,
  fieldKeyFromConfig,
  memberNumberIndex,
} from '../src/field-crypto';
import { isValidDea, isValidNcpdpId, isValidNpi } from '../src/reference/identifiers';
import { DEMO_LOGINS, type SeedSummary, seedDatabase } from '../src/seed/index';
import { createTestDatabase } from '../src/testing';
import { publicTables, TEST_AS_OF } from './seed-helpers';

/** Luhn-valid runs of 13-19 digits are what card numbers look like. */
function looksLikeCardNumber(digits: string): boolean {
  if (digits.length < 13 || digits.length > 19) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

describe('seeded data', () => {
  const key = fieldKeyFromConfig();
  let db: DatabaseHandle;
  let summary: SeedSummary;
  const rows = async <T = Record<string, unknown>>(text: string, params?: unknown[]) =>
    (await db.sql.query<T>(text, params)).rows;

  beforeAll(async () => {
    db = await createTestDatabase();
    summary = await seedDatabase(db, { members: 150, seed: 3, asOf: TEST_AS_OF });
  });
  afterAll(async () => {
    await db?.close();
  });

  it('creates exactly the members asked for, with history around the as-of date', async () => {
    expect(summary.members).toBe(150);
    expect(summary.rows.members).toBe(150);
    const [claims] = await rows<{ first: string; last: string; n: number }>(
      `select min(date_of_service)::text as first, max(date_of_service)::text as last, count(*)::int as n from claims`,
    );
    expect(claims?.n).toBeGreaterThan(150);
    expect(claims?.last && claims.last <= TEST_AS_OF).toBe(true);
    expect(claims?.first && claims.first < '2025-03-15').toBe(true);
  });

  it('puts every dependent under a subscriber of the same client, covered only within the subscriber’s spans', async () => {
    const orphans = await rows(
      `select d.id from members d join members s on s.id = d.subscriber_id
       where d.id <> d.subscriber_id and (s.relationship_code <> '1' or s.client_id <> d.client_id or exists (
         select 1 from eligibility_spans ds where ds.member_id = d.id and not exists (
           select 1 from eligibility_spans ss where ss.member_id = s.id and ss.group_id = ds.group_id
             and ss.plan_id = ds.plan_id and ss.start_date <= ds.start_date
             and coalesce(ss.end_date, 'infinity'::date) >= coalesce(ds.end_date, 'infinity'::date))))`,
    );
    expect(orphans).toEqual([]);
    const uncovered = await rows(
      `select m.id from members m where not exists (select 1 from eligibility_spans e where e.member_id = m.id)`,
    );
    expect(uncovered).toEqual([]);
    const [mix] = await rows<{ dependents: number; ended: number }>(
      `select (select count(*)::int from members where id <> subscriber_id) as dependents,
              (select count(*)::int from eligibility_spans where status <> 'active') as ended`,
    );
    expect(mix?.dependents).toBeGreaterThan(0);
    expect(mix?.ended).toBeGreaterThan(0);
  });

  it('has every claim for a member eligible on the date of service, in the plan and plan year of that date', async () => {
    const outside = await rows(
      `select c.id from claims c left join plan_years py on py.id = c.plan_year_id
       where c.member_id is null or py.id is null or py.plan_id <> c.plan_id
         or c.date_of_service not between py.start_date and py.end_date
         or not exists (select 1 from eligibility_spans e where e.member_id = c.member_id and e.plan_id = c.plan_id
           and e.start_date <= c.date_of_service and (e.end_date is null or c.date_of_service <= e.end_date))`,
    );
    expect(outside).toEqual([]);
  });

  it('prices paid claims consistently: patient + plan = ingredient + fee, OOP = what the member paid', async () => {
    const wrong = await rows(
      `select id from claims where status = 'paid' and (
         patient_pay_cents + plan_pay_cents <> ingredient_cost_cents + dispensing_fee_cents
         or applied_to_oop_cents <> patient_pay_cents or applied_to_deductible_cents > patient_pay_cents
         or authorization_number is null or tier is null)`,
    );
    expect(wrong).toEqual([]);
    const codes = await rows<{ reject_codes: string[] }>(
      `select distinct reject_codes from claims where status = 'rejected'`,
    );
    // The only rejections the seed makes on purpose are refills tried too soon.
    for (const { reject_codes } of codes) expect(reject_codes).toEqual(['79']);
  });

  it('keeps accumulators equal to the sum of paid claims, per member and per family, within plan limits', async () => {
    const individual = await rows(
      `with sums as (
         select plan_year_id, member_id, sum(applied_to_deductible_cents)::int as d, sum(applied_to_oop_cents)::int as o
         from claims where transaction_code = 'B1' and status = 'paid' group by 1, 2)
       select coalesce(s.member_id, a.member_id) as member_id from sums s
       full join (select * from accumulators where scope = 'individual') a
         on a.plan_year_id = s.plan_year_id and a.member_id = s.member_id
       where coalesce(s.d, 0) <> coalesce(a.deductible_cents, 0) or coalesce(s.o, 0) <> coalesce(a.oop_cents, 0)`,
    );
    expect(individual).toEqual([]);
    const family = await rows(
      `with sums as (
         select c.plan_year_id, m.subscriber_id, sum(c.applied_to_deductible_cents)::int as d,
                sum(c.applied_to_oop_cents)::int as o
         from claims c join members m on m.id = c.member_id
         where c.transaction_code = 'B1' and c.status = 'paid'
           and exists (select 1 from eligibility_spans e where e.member_id = m.id and e.coverage_level = 'family')
         group by 1, 2)
       select coalesce(s.subscriber_id, a.member_id) as subscriber_id from sums s
       full join (select * from accumulators where scope = 'family') a
         on a.plan_year_id = s.plan_year_id and a.member_id = s.subscriber_id
       where coalesce(s.d, 0) <> coalesce(a.deductible_cents, 0) or coalesce(s.o, 0) <> coalesce(a.oop_cents, 0)`,
    );
    expect(family).toEqual([]);
    const overLimit = await rows(
      `select a.id from accumulators a join plan_years py on py.id = a.plan_year_id join plans p on p.id = py.plan_id
       where (a.scope = 'individual' and (a.deductible_cents > p.deductible_individual_cents or a.oop_cents > p.oop_max_individual_cents))
          or (a.scope = 'family' and (a.deductible_cents > p.deductible_family_cents or a.oop_cents > p.oop_max_family_cents))`,
    );
    expect(overLimit).toEqual([]);
    const [reversals] = await rows<{ b1: number; b2: number }>(
      `select count(*) filter (where transaction_code = 'B1' and status = 'reversed')::int as b1,
              count(*) filter (where transaction_code = 'B2')::int as b2 from claims`,
    );
    expect(reversals?.b2).toBe(reversals?.b1);
  });

  it('counts fills on prescriptions exactly as the paid claims show them', async () => {
    const wrong = await rows(
      `select p.id from prescriptions p left join (
         select prescription_id, count(*)::int as n, max(date_of_service) as last from claims
         where transaction_code = 'B1' and status = 'paid' group by 1) c on c.prescription_id = p.id
       where p.fill_count <> coalesce(c.n, 0) or p.last_fill_date is distinct from c.last
          or p.refills_remaining > p.refills_authorized or p.written_date > coalesce(c.last, p.written_date)`,
    );
    expect(wrong).toEqual([]);
  });

  it('stores no card numbers anywhere', async () => {
    const suspicious: string[] = [];
    for (const table of await publicTables(db)) {
      const columns = await rows<{ column_name: string }>(
        `select column_name from information_schema.columns where table_schema = 'public' and table_name = $1
         and data_type in ('text', 'character varying', 'jsonb', 'json', 'ARRAY')`,
        [table],
      );
      for (const { column_name } of columns) {
        // "Cardholder" is the insurance term for the member an ID card names (NCPDP 302-C2, 356-NU), not a payment card.
        if (/card(?!holder)|cvv|cvc|\bpan\b/i.test(column_name))
          suspicious.push(`${table}.${column_name} (name)`);
        const values = await rows<{ v: string }>(
          `select "${column_name}"::text as v from "${table}" where "${column_name}"::text ~ '[0-9]{13}'`,
        );
        for (const { v } of values) {
          for (const run of v.match(/\d+/g) ?? []) {
            if (looksLikeCardNumber(run)) suspicious.push(`${table}.${column_name}: ${run}`);
          }
        }
      }
    }
    expect(suspicious).toEqual([]);
  });

  it('encrypts member IDs, dates of birth and addresses, with blind indexes that find them', async () => {
    const members = await rows<{
      member_number_enc: string;
      member_number_bidx: string;
      date_of_birth_enc: string;
      address_line1_enc: string;
      last_name: string;
      zip: string;
      activation_bidx: string;
    }>(
      `select member_number_enc, member_number_bidx, date_of_birth_enc, address_line1_enc, last_name, zip,
              activation_bidx from members`,
    );
    for (const m of members) {
      const memberNumber = decryptField(key, m.member_number_enc, FIELD_CONTEXTS.memberNumber);
      const dateOfBirth = decryptField(key, m.date_of_birth_enc, FIELD_CONTEXTS.dateOfBirth);
      expect(memberNumber).toMatch(/^OPB\d{10}$/);
      expect(dateOfBirth).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(decryptField(key, m.address_line1_enc, FIELD_CONTEXTS.addressLine1)).toMatch(/^\d+ /);
      expect(m.member_number_bidx).toBe(memberNumberIndex(key, memberNumber));
      expect(m.activation_bidx).toBe(activationIndex(key, m.last_name, dateOfBirth, m.zip));
    }
  });

  it('gives pharmacies and prescribers valid NPI, NCPDP and DEA numbers, real ZIPs and opening hours', async () => {
    const pharmacies = await rows<{
      npi: string;
      ncpdp_id: string;
      home_delivery: boolean;
      open_24_hours: boolean;
    }>(`select npi, ncpdp_id, home_delivery, open_24_hours from pharmacies`);
    for (const p of pharmacies) {
      expect(isValidNpi(p.npi)).toBe(true);
      expect(isValidNcpdpId(p.ncpdp_id)).toBe(true);
    }
    expect(pharmacies.filter((p) => p.home_delivery)).toHaveLength(1);
    const prescribers = await rows<{ npi: string; dea: string | null }>(`select npi, dea from prescribers`);
    for (const p of prescribers) {
      expect(isValidNpi(p.npi)).toBe(true);
      if (p.dea) expect(isValidDea(p.dea)).toBe(true);
    }
    const memberships = await rows(
      `select p.id from pharmacies p where p.status = 'active'
       and not exists (select 1 from network_pharmacies n where n.pharmacy_id = p.id)`,
    );
    expect(memberships).toEqual([]);
  });

  it('creates every demo login with an argon2id hash of its password, linked to the demo records', async () => {
    const users = await rows<{
      username: string;
      role: string;
      password_hash: string;
      member_id: string | null;
      pharmacy_id: string | null;
    }>(`select username, role, password_hash, member_id, pharmacy_id from users`);
    expect(users.map((u) => u.username).sort()).toEqual(DEMO_LOGINS.map((l) => l.username).sort());
    for (const login of DEMO_LOGINS) {
      const user = users.find((u) => u.username === login.username);
      expect(user?.role).toBe(login.role);
      expect(user?.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      expect(await verify(user?.password_hash ?? '', login.password)).toBe(true);
      expect(login.password.length).toBeGreaterThanOrEqual(24);
    }
    const member = users.find((u) => u.username === 'demo.member');
    const [family] = await rows<{ size: number; prescriptions: number; paid: number }>(
      `select (select count(*)::int from members where subscriber_id = $1) as size,
              (select count(*)::int from prescriptions p join members m on m.id = p.member_id where m.subscriber_id = $1) as prescriptions,
              (select count(*)::int from claims where member_id = $1 and status = 'paid') as paid`,
      [member?.member_id],
    );
    expect(family?.size).toBeGreaterThanOrEqual(3);
    expect(family?.prescriptions).toBeGreaterThan(0);
    expect(family?.paid).toBeGreaterThan(0);
    const pharmacist = users.find((u) => u.role === 'pharmacy_staff');
    const [homeDelivery] = await rows<{ home_delivery: boolean }>(
      `select home_delivery from pharmacies where id = $1`,
      [pharmacist?.pharmacy_id],
    );
    expect(homeDelivery?.home_delivery).toBe(true);
  });

  it('asks for each open home-delivery order like the portal does: a request, and the last mail fill as estimate', async () => {
    const open = await rows<{
      order_number: string;
      total: number;
      items_total: number;
      source: string | null;
      last: number | null;
    }>(
      `select o.order_number, o.total_member_cost_cents as total, r.source,
              (select sum(i.member_cost_cents)::int from order_items i where i.order_id = o.id) as items_total,
              (select sum(last.member_cost_cents)::int
                 from order_items i join prescriptions p on p.id = i.prescription_id
                 cross join lateral (
                   select pi.member_cost_cents from order_items pi
                   join orders po on po.id = pi.order_id
                   join prescriptions pp on pp.id = pi.prescription_id
                   where po.member_id = o.member_id and pp.ndc = p.ndc and po.status in ('shipped', 'delivered')
                   order by po.created_at desc limit 1) last
                where i.order_id = o.id) as last
         from orders o left join order_requests r on r.order_id = o.id
        where o.status in ('received', 'verified')`,
    );
    expect(open.length).toBeGreaterThan(0);
    for (const order of open) {
      expect(order.source, order.order_number).toBe('member');
      expect(order.total, order.order_number).toBe(order.items_total);
      expect(order.total, order.order_number).toBe(order.last ?? 0);
    }
    // Not a placeholder: the plan leaves members a share on some of them.
    expect(open.some((o) => o.total > 0)).toBe(true);
  });
});
