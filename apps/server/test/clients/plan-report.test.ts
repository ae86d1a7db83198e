// The de-identified plan report: aggregates only, cells of fewer than 11 members suppressed with a complement so
// the published total does not give them away, no member identifier anywhere, CSV export, and an audit row.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SecureTools, secureTools } from '../certificates/secure-tools';
import { createTestApp, type TestApp } from '../harness';
import { addClientUser, grant, populatedClient } from './client-world';

let t: TestApp;
/** The secure tools answer over mutual TLS with the user's certificate (issue 11). */
let tools: SecureTools;
let clientId: string;
let headers: Record<string, string>;

beforeAll(async () => {
  t = await createTestApp({ now: new Date('2026-06-02T15:00:00Z') });
  // 60 members; January 30 use the benefit, February 4 (small), March 12, April 0.
  clientId = await populatedClient(t, 60, { '2026-01': 30, '2026-02': 4, '2026-03': 12 });
  const user = await addClientUser(t, clientId);
  await grant(t, user.userId, clientId, 'plan_reports');
  headers = user.headers;
  tools = await secureTools(t);
});
afterAll(async () => {
  await tools?.close();
  await t?.close();
});

const url = (from: string, to: string, csv = false) =>
  `/api/clients/${clientId}/reports/plan${csv ? '.csv' : ''}?from=${from}&to=${to}`;

describe('plan report', () => {
  it('suppresses the small month and its complement; the total is published', async () => {
    const res = await tools.inject({ method: 'GET', url: url('2026-01', '2026-04'), headers });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const r = res.json();
    const byMonth = Object.fromEntries(r.months.map((m: { month: string }) => [m.month, m]));
    expect(byMonth['2026-01']).toMatchObject({
      suppressed: false,
      membersUsing: 30,
      claims: 30,
      planPaidCents: 30_000,
    });
    // February (4 members) is hidden; March (12) is its complement, so total − January does not reveal February.
    expect(byMonth['2026-02']).toMatchObject({
      suppressed: true,
      membersUsing: null,
      claims: null,
      planPaidCents: null,
    });
    expect(byMonth['2026-03']).toMatchObject({ suppressed: true, claims: null });
    expect(byMonth['2026-04']).toMatchObject({ suppressed: false, membersUsing: 0, claims: 0 });
    expect(r.totals).toMatchObject({
      suppressed: false,
      claims: 46,
      planPaidCents: 46_000,
      memberPaidCents: 23_000,
    });
    expect(r.totals.homeDeliveryShare).toBeGreaterThan(0);
    // Enrolment: 60 members (plus the fixture family) each month; cost per member per month.
    expect(byMonth['2026-01'].enrolledMembers).toBeGreaterThanOrEqual(60);
    expect(byMonth['2026-01'].planPaidPmpmCents).toBe(
      Math.round(30_000 / byMonth['2026-01'].enrolledMembers),
    );
    // Fewer than 11 prior authorizations: hidden.
    expect(r.priorAuthorization).toEqual({ suppressed: true, requests: null, approvalRate: null });
    // No member identifiers anywhere in the answer.
    expect(res.body).not.toMatch(/member_?(id|number)|OPB|RPT|Synthetic|Member\d/i);
  });

  it('hides everything for a period that describes fewer than 11 members', async () => {
    const r = (await tools.inject({ method: 'GET', url: url('2026-02', '2026-02'), headers })).json();
    expect(r.totals).toMatchObject({ suppressed: true, claims: null, genericDispensingRate: null });
    expect(r.months[0]).toMatchObject({ suppressed: true, claims: null });
  });

  it('exports the same cells as CSV, suppressed ones empty', async () => {
    const res = await tools.inject({ method: 'GET', url: url('2026-01', '2026-04', true), headers });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="plan-report-.*\.csv"/);
    expect(res.body).toContain('2026-02,yes,');
    expect(res.body).toMatch(/\n2026-02,yes,\d*,,,,,/);
    expect(res.body).toContain('total,no,,30,46,46000,23000');
  });

  it('refuses a period over 24 months with a field error', async () => {
    const res = await tools.inject({ method: 'GET', url: url('2024-01', '2026-04'), headers });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('to');
  });

  it('records who viewed the report', async () => {
    const { rows } = await t.db.sql.query<{ n: number }>(
      `select count(*)::int as n from audit_events where resource_type = 'plan_report' and resource_id = $1 and member_id is null`,
      [clientId],
    );
    expect(rows[0]?.n).toBeGreaterThan(0);
  });
});
