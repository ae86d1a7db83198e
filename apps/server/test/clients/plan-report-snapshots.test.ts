// Plan report snapshots (report-snapshot-repo.ts): a computed report is served for up to a day with the time it is
// from, `refresh=true` computes it now, an eligibility change drops the client's snapshots at once (the opt-out
// case is in tools-and-opt-out.test.ts), and the nightly job drops old snapshots and computes each readable
// client's default period ahead of the first reader. On PGlite and PostgreSQL.
import { planReportRefresh } from '@openpbm/worker/jobs/plan-report-refresh';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SecureTools, secureTools } from '../certificates/secure-tools';
import { createTestApp, type TestApp } from '../harness';
import { signInAs } from '../sign-in';
import { addClientUser, addPaidClaims, grant, populatedClient } from './client-world';

const NOW = new Date('2026-06-02T15:00:00Z');
let t: TestApp;
let tools: SecureTools;
let clientId: string;
let userId: string;
let headers: Record<string, string>;

/** Moves the clock and signs in again (a session idles out within the hours these tests skip). */
async function moveTo(at: Date) {
  t.setNow(at);
  headers = (await signInAs(t, userId)).headers;
}

beforeAll(async () => {
  t = await createTestApp({ now: NOW });
  clientId = await populatedClient(t, 40, { '2026-01': 20 });
  const user = await addClientUser(t, clientId);
  await grant(t, user.userId, clientId, 'plan_reports');
  userId = user.userId;
  headers = user.headers;
  tools = await secureTools(t);
});
afterAll(async () => {
  await tools?.close();
  await t?.close();
});

const read = async (query = '') => {
  const res = await tools.inject({
    method: 'GET',
    url: `/api/clients/${clientId}/reports/plan?from=2026-01&to=2026-03${query}`,
    headers,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { asOf: string; totals: { claims: number | null } };
};

/** `n` more paid January claims of the client's synthetic members. */
const moreClaims = (n: number) => addPaidClaims(t, clientId, '2026-01-20', n);

const snapshotsOf = async () =>
  (
    await t.db.sql.query<{ from_month: string; to_month: string; computed_at: Date }>(
      'select from_month, to_month, computed_at from plan_report_snapshots where client_id = $1 order by 1, 2',
      [clientId],
    )
  ).rows;

describe('plan report snapshots', () => {
  it('serves the computed figures for a day, with when they are from; refresh computes them now', async () => {
    const first = await read();
    expect(first).toMatchObject({ asOf: NOW.toISOString(), totals: { claims: 20 } });

    await moreClaims(15);
    await moveTo(new Date(NOW.getTime() + 60 * 60 * 1000));
    expect(await read()).toEqual(first);

    const fresh = await read('&refresh=true');
    expect(fresh).toMatchObject({ asOf: '2026-06-02T16:00:00.000Z', totals: { claims: 35 } });
    expect(await read()).toEqual(fresh);

    // A day after it was computed, the snapshot is no longer served.
    await moreClaims(5);
    await moveTo(new Date('2026-06-03T16:00:01Z'));
    expect(await read()).toMatchObject({ asOf: '2026-06-03T16:00:01.000Z', totals: { claims: 40 } });
  });

  it('a bad refresh value is a field error', async () => {
    const res = await tools.inject({
      method: 'GET',
      url: `/api/clients/${clientId}/reports/plan?from=2026-01&to=2026-03&refresh=yes`,
      headers,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('querystring.refresh');
  });

  it('an eligibility change, or a member moved to another client, is on the next read', async () => {
    const before = await read();
    await moveTo(new Date(t.deps.now().getTime() + 60_000));
    expect(await read()).toEqual(before);
    await t.db.sql.query(
      `update eligibility_spans set end_date = '2026-02-28'
        where member_id = (select id from members where client_id = $1 and last_name like 'Member%' order by id limit 1)`,
      [clientId],
    );
    const afterSpan = await read();
    expect(afterSpan.asOf).toBe(t.deps.now().toISOString());

    await moveTo(new Date(t.deps.now().getTime() + 60_000));
    const otherClient = await populatedClient(t, 1, {});
    await moveTo(new Date(t.deps.now().getTime() + 60_000));
    expect((await read()).asOf).toBe(afterSpan.asOf);
    await t.db.sql.query(
      `update members set client_id = $2
        where id = (select id from members where client_id = $1 and last_name like 'Member%' order by id limit 1)`,
      [clientId, otherClient],
    );
    expect((await read()).asOf).toBe(t.deps.now().toISOString());
  });

  it('a snapshot of an older generation (computed while a change committed) is not served', async () => {
    // The computation read generation G; the opt-out moves it to G + 1 before the snapshot is written.
    const { rows } = await t.db.sql.query<{ generation: string }>(
      'select generation from plan_report_generations where client_id = $1',
      [clientId],
    );
    await t.db.sql.query(
      `insert into plan_report_snapshots (client_id, from_month, to_month, computed_at, generation, report)
       select client_id, '2026-01', '2026-02', $2, $3, report from plan_report_snapshots where client_id = $1 limit 1`,
      [clientId, t.deps.now(), Number(rows[0]?.generation ?? 0) - 1],
    );
    const res = await tools.inject({
      method: 'GET',
      url: `/api/clients/${clientId}/reports/plan?from=2026-01&to=2026-02`,
      headers,
    });
    expect(res.json().period).toEqual({ from: '2026-01', to: '2026-02' });
  });

  it('the nightly job drops snapshots past a day and computes the default period of readable clients', async () => {
    await read();
    const night = new Date('2026-06-05T02:30:00Z');
    await moveTo(night);
    const result = await planReportRefresh.run(
      { db: t.db, config: t.deps.config, log: { info() {}, warn() {}, error() {} } },
      night,
    );
    expect(result.dropped).toBeGreaterThanOrEqual(1);
    expect(result.computed).toBeGreaterThanOrEqual(1);
    expect(await snapshotsOf()).toEqual([{ from_month: '2026-01', to_month: '2026-06', computed_at: night }]);
    // The day's first reader of the default period is served the night's figures.
    const res = await tools.inject({
      method: 'GET',
      url: `/api/clients/${clientId}/reports/plan?from=2026-01&to=2026-06`,
      headers,
    });
    expect(res.json()).toMatchObject({ asOf: night.toISOString(), totals: { claims: 40 } });
  });

  it('refuses more than 30 reads a minute from one address (a read may run the aggregates)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      const res = await tools.inject({
        method: 'GET',
        url: `/api/clients/${clientId}/reports/plan?from=2026-02&to=2026-03&refresh=true`,
        headers,
      });
      statuses.push(res.statusCode);
    }
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(30);
    expect(statuses.at(-1)).toBe(429);
  });
});
