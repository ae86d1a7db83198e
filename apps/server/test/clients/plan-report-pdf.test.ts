// The plan report as a PDF: the same de-identified cells as the JSON (suppressed ones printed as "suppressed"),
// no member identifier, behind the same grant: 404 for a client the caller holds nothing for, 403 without the tool.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SecureTools, secureTools } from '../certificates/secure-tools';
import { createTestApp, type TestApp } from '../harness';
import { parsePdf } from '../platform/pdf-text';
import { addAdvisor, addClient, addClientUser, grant, populatedClient } from './client-world';

let t: TestApp;
/** The secure tools answer over mutual TLS with the user's certificate (issue 11). */
let tools: SecureTools;
let clientId: string;
let headers: Record<string, string>;

beforeAll(async () => {
  t = await createTestApp({ now: new Date('2026-06-02T15:00:00Z') });
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

const url = (id: string) => `/api/clients/${id}/reports/plan.pdf?from=2026-01&to=2026-04`;

describe('plan report PDF', () => {
  it('prints the published cells and marks the suppressed ones', async () => {
    const res = await tools.inject({ method: 'GET', url: url(clientId), headers });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="plan-report-.*\.pdf"/);
    const pdf = await parsePdf(res.rawPayload);
    expect(pdf.tagged).toBe(true);
    expect(pdf.text).toContain('Plan report:');
    expect(pdf.text).toContain('Generated 2026-06-02 15:00 UTC');
    expect(pdf.text).toContain('figures as of 2026-06-02 15:00 UTC');
    expect(pdf.text).toMatch(/2026-01 \d+ 30 30 \$300\.00/);
    expect(pdf.text).toMatch(/2026-02 \d+ suppressed suppressed suppressed/);
    expect(pdf.text).toContain('Claims: 46');
    expect(pdf.text).toContain('Plan paid: $460.00');
    expect(pdf.text).toContain('Requests: suppressed');
    expect(pdf.text).toContain('Page 1 of');
    expect(pdf.text).not.toMatch(/OPB|RPT|Synthetic|Member\d/i);
  });

  // The grant is checked before the certificate, so these hold on the ordinary port too: no certificate needed to
  // learn nothing.
  it('keeps to the grant: 404 for another client, 403 without the tool or for a member', async () => {
    const other = await addClient(t, 'Other employer');
    expect((await t.app.inject({ method: 'GET', url: url(other.id), headers })).statusCode).toBe(404);
    const noTool = await addClientUser(t, clientId);
    await grant(t, noTool.userId, clientId, 'eligibility_files');
    const res = await t.app.inject({ method: 'GET', url: url(clientId), headers: noTool.headers });
    expect(res.statusCode).toBe(403);
    const advisor = await addAdvisor(t, []);
    const stranger = await t.app.inject({ method: 'GET', url: url(clientId), headers: advisor.headers });
    expect(stranger.statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: url(clientId) })).statusCode).toBe(401);
  });
});
