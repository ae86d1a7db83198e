// Two app nodes, two processes, one PostgreSQL database: node B answers claims with reference data (formulary,
// cost shares) from its in-process cache, and a change committed through node A's connection is what B's very
// next claim adjudicates with. No waiting in between: the change's trigger bumps the version and NOTIFYs in A's
// transaction, and B's per-member statement reads the versions anyway (a claim made with an older part is read
// again). PGlite is one process by nature; this runs on PostgreSQL (TEST_DATABASE_URL).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClaimResult } from '../../src/claims/schemas';
import { addMember } from '../fixtures/benefits';
import {
  askSecondNode,
  type SecondNode,
  sameServerUrl,
  startSecondNode,
} from '../identity/second-node-process';
import { f, formOf, headersOf, t, useClaimsHttp } from './claims-http-world';

const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
let b: SecondNode;

if (onPostgres) useClaimsHttp();
beforeAll(async () => {
  if (!onPostgres) return;
  const { rows } = await t.db.sql.query<{ name: string }>('select current_database() as name');
  b = await startSecondNode(sameServerUrl(rows[0]?.name ?? ''), { TEST_NOW: '2026-03-10T15:00:00Z' });
}, 120_000);
afterAll(async () => {
  if (!onPostgres || !b) return;
  b.child.disconnect();
  await new Promise((r) => b.child.once('exit', r));
});

/** A new member's B1 for the NDC, adjudicated by node B. */
async function claimOnB(ndc: string): Promise<ClaimResult> {
  const member = await addMember(t.db.db, f);
  const res = await fetch(`${b.origin}/api/claims`, {
    method: 'POST',
    headers: { ...headersOf.retail, 'content-type': 'application/json' },
    body: JSON.stringify(formOf({ member, ndc }, 'retail')),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as ClaimResult;
}
const cacheOnB = () => askSecondNode<{ hits: number; misses: number }>(b, 'reference-cache');
const sql = (text: string, params: unknown[]) => t.db.sql.query(text, params);

describe.runIf(onPostgres)('reference-data cache across two nodes (two processes)', () => {
  it('a formulary tier changed on node A is what node B’s very next claim sees, every time', async () => {
    expect((await claimOnB(f.drugs.omeprazole)).tier).toBe(1);
    for (const tier of [3, 2, 1, 3]) {
      const before = await cacheOnB();
      const warm = await claimOnB(f.drugs.omeprazole);
      expect((await cacheOnB()).misses).toBe(before.misses); // B answered every part from memory
      expect(warm.status).toBe('paid');

      await sql('update formulary_entries set tier = $3 where formulary_id = $1 and drug_group_id = $2', [
        f.formularyId,
        f.groups.omeprazole,
        tier,
      ]);
      const after = await claimOnB(f.drugs.omeprazole);
      expect(after.status).toBe('paid');
      expect(after.tier).toBe(tier);
    }
  });

  it('a copay changed on node A prices node B’s very next claim', async () => {
    const before = await claimOnB(f.drugs.lipitor);
    expect(before.pricing?.patientPayCents).toBe(1_000);
    await sql(
      `update plan_cost_shares set copay_cents = 650 where plan_id = $1 and tier = 1 and channel = 'retail_30'`,
      [f.planId],
    );
    expect((await claimOnB(f.drugs.lipitor)).pricing?.patientPayCents).toBe(650);
  });
});
