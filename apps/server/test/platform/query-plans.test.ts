// Issue 21, the plan check: on a realistic population, every statement the member-facing reads and the claims
// path really send (captured at the driver, not a hand-kept list: a new route or query is checked for free) is
// EXPLAINed with the values it was sent with. A sequential scan of a table over 10,000 rows, or a plan costly
// enough for PostgreSQL to JIT-compile it, fails the test.
//
// Population: 12,000 members (about 25,000 prescriptions, 80,000 claims, 12,500 orders, 60,000 order events),
// so members, prescriptions, claims and orders all pass the 10,000-row line where a sequential scan loses,
// while the seed stays near a minute on PGlite (~4 ms a member on 2 shared cores); PLAN_CHECK_MEMBERS overrides.
import { schema } from '@openpbm/db';
import { seedDatabase } from '@openpbm/db/seed/index';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { b1Bytes, buildWorkload } from '../../../../bench/lib/claims-workload';
import { type Answers, MEMBER_SEARCHES, resolveRoute } from '../../../../bench/lib/member-reads';
import { apiRoutesOf } from '../../src/identity/route-registry';
import { sendSecureNotice } from '../../src/messages/secure-message-service';
import { createTestApp, type TestApp } from '../harness';
import { createTestUser, signInAs } from '../sign-in';

const MEMBERS = Number(process.env.PLAN_CHECK_MEMBERS ?? 12_000);
const BIG_TABLE_ROWS = 10_000;
const AS_OF = new Date().toISOString().slice(0, 10);

interface Captured {
  text: string;
  params: readonly unknown[];
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Total Cost': number;
  Plans?: PlanNode[];
}

let t: TestApp;
let capturing = false;
const captured = new Map<string, Captured>();
/** Up to this many distinct value sets per statement text. */
const VALUE_SETS_PER_STATEMENT = 3;
const perText = new Map<string, number>();

function capture(text: string, params: readonly unknown[]): void {
  if (!capturing || !/^\s*(with|select|insert|update|delete)\b/i.test(text)) return;
  const key = `${text}\u0000${JSON.stringify(params)}`;
  const seen = perText.get(text) ?? 0;
  if (captured.has(key) || seen >= VALUE_SETS_PER_STATEMENT) return;
  perText.set(text, seen + 1);
  captured.set(key, { text, params });
}

function* walk(node: PlanNode): Generator<PlanNode> {
  yield node;
  for (const child of node.Plans ?? []) yield* walk(child);
}

/** What is wrong with one statement's plan: big sequential scans, a JIT section or a JIT-worthy cost. */
async function planProblems(
  s: Captured,
  rowsOf: Map<string, number>,
  jitAboveCost: number,
): Promise<string[]> {
  const { rows } = await t.db.sql.query<{ 'QUERY PLAN': unknown }>(`explain (format json) ${s.text}`, [
    ...s.params,
  ]);
  const raw = rows[0]?.['QUERY PLAN'];
  const [explained] = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Array<{
    Plan: PlanNode;
    JIT?: unknown;
  }>;
  if (!explained) return ['no plan'];
  const problems: string[] = [];
  for (const node of walk(explained.Plan)) {
    const table = node['Relation Name'];
    const size = table ? (rowsOf.get(table) ?? 0) : 0;
    if (node['Node Type'] === 'Seq Scan' && size > BIG_TABLE_ROWS) {
      problems.push(`sequential scan of ${table} (${size} rows)`);
    }
  }
  if (explained.JIT) problems.push('JIT');
  if (explained.Plan['Total Cost'] > jitAboveCost) {
    problems.push(`cost ${explained.Plan['Total Cost']} above jit_above_cost ${jitAboveCost}`);
  }
  return problems;
}

// Records the seed does not create for a member (they start from the member's own action: a support case, a
// prescriber thread, a record export, an app authorization), so their one-record reads have nothing to plan here.
const NOT_SEEDED = [
  '/api/support/cases/',
  '/api/support/prescriber-threads/',
  '/api/privacy/record-exports/',
  '/api/fhir-apps/authorizations/',
];

beforeAll(async () => {
  t = await createTestApp({
    onQuery: capture,
    prepare: async (db) => {
      await seedDatabase(db, { members: MEMBERS, asOf: AS_OF });
    },
  });
}, 600_000);

afterAll(async () => {
  await t?.close();
});

describe(`query plans at ${MEMBERS.toLocaleString('en-US')} members`, () => {
  it('every member-facing read and claim is planned without big sequential scans or JIT', async () => {
    const [demo] = await t.db.db
      .select({ id: schema.users.id, memberId: schema.users.memberId })
      .from(schema.users)
      .where(eq(schema.users.username, 'demo.member'));
    if (!demo) throw new Error('the seed made no demo.member');
    const member = await signInAs(t, demo.id);
    // The seed writes no secure messages; one gives GET /api/messages/:id something to read.
    await sendSecureNotice(t.deps, 'http://127.0.0.1', {
      recipientUserIds: [demo.id],
      memberId: demo.memberId,
      kind: 'order_shipped',
      subject: 'Your order has shipped',
      body: 'Track it in the portal.',
      portalPath: '/orders',
    });

    // Claims: a few B1s that should pay, each from a pharmacy user of its pharmacy.
    const workload = (await buildWorkload(t.db.sql, t.deps.config.FIELD_ENCRYPTION_KEY, AS_OF))
      .flat()
      .slice(0, 3);
    expect(workload.length).toBeGreaterThan(0);

    capturing = true;
    const failures: string[] = [];
    const answers: Answers = new Map();
    const get = async (url: string) => {
      const res = await t.app.inject({ method: 'GET', url, headers: member.headers });
      if (res.statusCode !== 200) failures.push(`GET ${url}: ${res.statusCode}`);
      // A download (the disclosures CSV) is planned and checked like any read; only JSON lists ids for later URLs.
      else if (String(res.headers['content-type']).includes('json')) answers.set(url, res.json());
    };
    for (const read of MEMBER_SEARCHES) {
      const res = await t.app.inject({
        method: 'POST',
        url: read.url,
        headers: member.headers,
        payload: read.payload(answers),
      });
      if (res.statusCode !== 200) failures.push(`POST ${read.url}: ${res.statusCode} ${res.body}`);
      else if (read.listsFor) answers.set(read.listsFor, res.json());
    }
    const routes = apiRoutesOf(t.deps).filter((r) => r.method === 'GET' && r.roles?.includes('member'));
    expect(routes.length).toBeGreaterThan(10);
    // Fixed URLs first; then each `:param` takes the first id the URL before it lists.
    for (const route of routes.filter((r) => !r.url.includes(':'))) await get(route.url);
    // Looking up the ids for a `:param` is not itself a read under test (its parent need not be a route).
    const probe = async (url: string) => {
      const res = await t.app.inject({ method: 'GET', url, headers: member.headers });
      if (res.statusCode === 200 && String(res.headers['content-type']).includes('json'))
        answers.set(url, res.json());
    };
    for (const route of routes.filter((r) => r.url.includes(':'))) {
      const resolved = await resolveRoute(route.url, answers, probe);
      if ('url' in resolved) await get(resolved.url);
      else if (!NOT_SEEDED.some((prefix) => route.url.startsWith(prefix)))
        failures.push(`GET ${route.url}: ${resolved.missing}`);
    }
    for (const claim of workload) {
      const userId = await createTestUser(t, 'pharmacy_staff', { pharmacyId: claim.pharmacyId });
      capturing = false;
      const pharmacy = await signInAs(t, userId);
      capturing = true;
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/claims/ncpdp',
        headers: { ...pharmacy.headers, 'content-type': 'application/octet-stream' },
        payload: b1Bytes(claim, AS_OF),
      });
      if (res.statusCode !== 200) failures.push(`B1: ${res.statusCode}`);
    }
    capturing = false;
    expect(failures).toEqual([]);

    const sizes = await t.db.sql.query<{ name: string; n: number }>(
      `select relname as name, reltuples::float8 as n from pg_class
        where relkind = 'r' and relnamespace = 'public'::regnamespace`,
    );
    const rowsOf = new Map(sizes.rows.map((r) => [r.name, r.n]));
    // The check means something only where the big tables are big.
    for (const table of ['members', 'prescriptions', 'claims', 'orders']) {
      expect(rowsOf.get(table), table).toBeGreaterThan(BIG_TABLE_ROWS);
    }
    const jit = await t.db.sql.query<{ cost: number }>(
      `select boot_val::float8 as cost from pg_settings where name = 'jit_above_cost'`,
    );
    const jitAboveCost = jit.rows[0]?.cost ?? 100_000;

    const touched = new Set<string>();
    const violations: string[] = [];
    for (const statement of captured.values()) {
      for (const table of rowsOf.keys()) if (statement.text.includes(`"${table}"`)) touched.add(table);
      const problems = await planProblems(statement, rowsOf, jitAboveCost);
      if (problems.length > 0) {
        violations.push(`${problems.join('; ')}\n    ${statement.text.replace(/\s+/g, ' ').slice(0, 300)}`);
      }
    }
    expect(violations).toEqual([]);
    // The capture saw the reads and the claims path, not just the session look-ups.
    expect(captured.size).toBeGreaterThan(40);
    expect([...touched]).toEqual(expect.arrayContaining(['prescriptions', 'orders', 'claims']));
  }, 600_000);

  it('the check itself catches a sequential scan of a big table and a JIT-worthy plan', async () => {
    const sizes = new Map([['claims', BIG_TABLE_ROWS + 1]]);
    const unindexed = { text: 'select * from claims where quantity_milli = $1', params: [30_000] };
    expect(await planProblems(unindexed, sizes, 100_000)).toContain(
      `sequential scan of claims (${BIG_TABLE_ROWS + 1} rows)`,
    );
    const crossJoin = { text: 'select count(*) from claims a, claims b', params: [] };
    expect((await planProblems(crossJoin, new Map(), 1_000)).join()).toMatch(/above jit_above_cost/);
  });
});
