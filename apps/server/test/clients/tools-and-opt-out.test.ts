// The "claims and utilization" and "formulary documents" tools: 404 without a grant for the client, 403 with other
// tools only; the utilization report suppresses small cells like the plan report; and a member who opted out of
// de-identified use leaves the aggregates of both the plan report and the utilization report.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SecureTools, secureTools } from '../certificates/secure-tools';
import { createTestApp, type TestApp } from '../harness';
import { addClient, addClientUser, grant, populatedClient } from './client-world';

let t: TestApp;
/** The secure tools answer over mutual TLS with the user's certificate (issue 11). */
let tools: SecureTools;
let clientId: string;
let otherClient: string;
let headers: Record<string, string>;
let planOnly: Record<string, string>;

beforeAll(async () => {
  t = await createTestApp({ now: new Date('2026-06-02T15:00:00Z') });
  // 60 members; January 30 use the benefit, February 4 (small), March 12.
  clientId = await populatedClient(t, 60, { '2026-01': 30, '2026-02': 4, '2026-03': 12 });
  otherClient = (await addClient(t, 'Other Co')).id;
  const user = await addClientUser(t, clientId);
  await grant(t, user.userId, clientId, 'claims_reports');
  await grant(t, user.userId, clientId, 'formulary_documents');
  await grant(t, user.userId, clientId, 'plan_reports');
  headers = user.headers;
  const other = await addClientUser(t, clientId);
  await grant(t, other.userId, clientId, 'plan_reports');
  planOnly = other.headers;
  tools = await secureTools(t);
});
afterAll(async () => {
  await tools?.close();
  await t?.close();
});

const get = (url: string, h = headers) => tools.inject({ method: 'GET', url, headers: h });
const util = (id: string, csv = false) =>
  `/api/clients/${id}/reports/utilization${csv ? '.csv' : ''}?from=2026-01&to=2026-03`;

describe('claims and utilization report', () => {
  it('404 for a client without a grant, 403 for a holder of other tools only', async () => {
    expect((await get(util(otherClient))).statusCode).toBe(404);
    expect((await get(`/api/clients/${otherClient}/formulary-documents`)).statusCode).toBe(404);
    expect((await get(util(clientId), planOnly)).statusCode).toBe(403);
    expect((await get(`/api/clients/${clientId}/formulary-documents`, planOnly)).statusCode).toBe(403);
  });

  it('by month, channel and tier, with the small month and its complement suppressed', async () => {
    const res = await get(util(clientId));
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.totals).toMatchObject({ suppressed: false, claims: 46, planPaidCents: 46_000 });
    const months = Object.fromEntries(r.byMonth.map((m: { key: string }) => [m.key, m]));
    expect(months['2026-01']).toMatchObject({ suppressed: false, members: 30, claims: 30 });
    expect(months['2026-02']).toMatchObject({ suppressed: true, members: null, claims: null });
    expect(months['2026-03'].suppressed).toBe(true);
    // No published month lets the reader subtract their way to a suppressed one.
    const visible = r.byMonth.filter((m: { suppressed: boolean }) => !m.suppressed);
    expect(visible.reduce((s: number, m: { claims: number }) => s + m.claims, 0)).not.toBe(46 - 4);
    expect(r.byChannel.length).toBeGreaterThan(0);
    expect(JSON.stringify(r)).not.toMatch(/RPT[0-9a-f]{8}-/); // no member number anywhere
  });

  it('exports CSV with suppressed cells left empty', async () => {
    const res = await get(util(clientId, true));
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.body).toContain('month,2026-02,,,,,,yes');
  });
});

describe('formulary documents', () => {
  it('lists the formulary of the client’s plans and downloads its drug list', async () => {
    const res = await get(`/api/clients/${clientId}/formulary-documents`);
    expect(res.statusCode, res.body).toBe(200);
    const docs = res.json().documents;
    expect(docs.length).toBe(1);
    expect(docs[0].plans.length).toBeGreaterThan(0);
    const csv = await get(`/api/clients/${clientId}/formulary-documents/${docs[0].formularyId}/drugs.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body.split('\r\n')[0]).toBe(
      'drug,ndc,tier,prior_authorization,step_therapy,quantity_limit,excluded',
    );
    const foreign = await get(
      `/api/clients/${clientId}/formulary-documents/01900000-0000-7000-8000-000000000000/drugs.csv`,
    );
    expect(foreign.statusCode).toBe(404);
  });
});

describe('de-identified opt-out', () => {
  it('an opted-out member’s claims leave the plan report and the utilization report', async () => {
    const plan = `/api/clients/${clientId}/reports/plan?from=2026-01&to=2026-03`;
    const beforePlan = (await get(plan)).json();
    const beforeUtil = (await get(util(clientId))).json();
    expect(beforePlan.months[0]).toMatchObject({ membersUsing: 30, claims: 30 });

    // Two January users opt out of de-identified use (the privacy office's flag).
    await t.db.sql.query(
      `insert into privacy_choices (member_id, deidentified_opt_out, updated_at)
       select distinct c.member_id, true, now() from claims c
        where c.client_id = $1 and c.date_of_service = '2026-01-15' order by c.member_id limit 2`,
      [clientId],
    );
    // Their claims in the period (the same members fill in every month of the fixture).
    const { rows } = await t.db.sql.query<{ n: string; paid: string }>(
      `select count(*) as n, sum(plan_pay_cents) as paid from claims
        where client_id = $1 and member_id in (select member_id from privacy_choices where deidentified_opt_out)`,
      [clientId],
    );
    const theirClaims = Number(rows[0]?.n);
    const theirPaid = Number(rows[0]?.paid);
    expect(theirClaims).toBeGreaterThanOrEqual(2);
    const afterPlan = (await get(plan)).json();
    const afterUtil = (await get(util(clientId))).json();
    expect(afterPlan.months[0]).toMatchObject({ membersUsing: 28, claims: 28, planPaidCents: 28_000 });
    expect(afterPlan.months[0].enrolledMembers).toBe(beforePlan.months[0].enrolledMembers - 2);
    expect(afterPlan.totals.claims).toBe(beforePlan.totals.claims - theirClaims);
    expect(afterUtil.totals.claims).toBe(beforeUtil.totals.claims - theirClaims);
    expect(afterUtil.totals.planPaidCents).toBe(beforeUtil.totals.planPaidCents - theirPaid);
    expect(afterUtil.byMonth[0]).toMatchObject({ members: 28, claims: 28 });
  });
});
