// The nightly eligibility-expiry job: a span whose last covered day has passed in the member's own time zone
// becomes 'expired' (and only then), whether run directly with a moved clock or through pg-boss.
import { startWorker } from '@openpbm/worker';
import { eligibilityExpiry } from '@openpbm/worker/jobs/eligibility-expiry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factories, type MemberRef } from '../factories';
import { createTestApp, type TestApp } from '../harness';

let t: TestApp;
let lapsing: MemberRef;
let covered: MemberRef;
let later: MemberRef;
const silentLog = { info() {}, warn() {}, error() {} };

beforeAll(async () => {
  t = await createTestApp();
  const make = factories(t.db.db);
  const plan = await make.aPlan();
  // Covered through 2026-01-31, still 'active' until the job runs (America/Chicago, the factory's default).
  lapsing = await make.aMember({ plan, endDate: '2026-01-31' });
  covered = await make.aMember({ plan });
  later = await make.aMember({ plan });
});
afterAll(() => t.close());

async function spanStatus(memberId: string): Promise<string | undefined> {
  const { rows } = await t.db.sql.query<{ status: string }>(
    'select status from eligibility_spans where member_id = $1',
    [memberId],
  );
  return rows[0]?.status;
}

const run = (at: string) =>
  eligibilityExpiry.run({ db: t.db, config: t.deps.config, log: silentLog }, new Date(at));

describe('eligibility-expiry job', () => {
  it('keeps a span active through its last day in the member’s time zone', async () => {
    // At 05:00 UTC on Feb 1 it is still Jan 31 in Chicago.
    expect(await run('2026-02-01T05:00:00Z')).toEqual({ expired: 0 });
    expect(await spanStatus(lapsing.id)).toBe('active');
  });

  it('expires it the next local day, and only it', async () => {
    expect(await run('2026-02-01T07:00:00Z')).toEqual({ expired: 1 });
    expect(await spanStatus(lapsing.id)).toBe('expired');
    expect(await spanStatus(covered.id)).toBe('active');
    expect(await run('2026-02-02T07:00:00Z')).toEqual({ expired: 0 });
  });

  it('runs through pg-boss on this database', async () => {
    const late = await t.db.sql.query<{ id: string }>(
      `update eligibility_spans set end_date = '2026-03-31' where member_id = $1 returning id`,
      [later.id],
    );
    expect(late.rows).toHaveLength(1);
    const worker = await startWorker({
      db: t.db,
      config: t.deps.config,
      log: silentLog,
      now: () => new Date('2026-04-02T12:00:00Z'),
      jobs: [eligibilityExpiry],
      pollingIntervalSeconds: 0.5,
    });
    try {
      await worker.boss.send(eligibilityExpiry.name, {});
      const deadline = Date.now() + 20_000;
      while ((await spanStatus(later.id)) !== 'expired' && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 250));
      }
    } finally {
      await worker.stop();
    }
    expect(await spanStatus(later.id)).toBe('expired');
  });
});
