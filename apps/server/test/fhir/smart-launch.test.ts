// A third-party app runs the SMART App Launch standalone flow against the running server over HTTP (real OAuth
// redirects, PKCE, the member's consent through the portal API), then reads with fhir-kit-client: Patient,
// Coverage, EOB pages; refreshes its token; and is cut off when the member revokes it.
import { Client } from 'fhir-kit-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertClaim } from '../benefits/member-world';
import { createSmartWorld, launch, registerTestApp, type SmartWorld, tokenRequest } from './smart-world';

let w: SmartWorld;
let app: { clientId: string; redirectUri: string };

beforeAll(async () => {
  w = await createSmartWorld();
  app = await registerTestApp(w);
  const amounts = {
    ingredientCostCents: 1234,
    dispensingFeeCents: 150,
    patientPayCents: 1000,
    planPayCents: 384,
    appliedToDeductibleCents: 1000,
    appliedToOopCents: 1000,
  };
  for (let day = 1; day <= 5; day += 1) {
    await insertClaim(w, {
      memberId: w.f.members.subscriber.id,
      subscriberId: w.f.members.subscriber.id,
      ndc: w.f.drugs.atorvastatin,
      drugGroupId: w.f.groups.atorvastatin,
      dateOfService: `2026-02-0${day}`,
      amounts,
    });
  }
}, 60_000);
afterAll(() => w?.t.close());

describe('SMART standalone launch with a real FHIR client', () => {
  it('discovers, authorizes with PKCE, reads Patient, Coverage and EOB pages, refreshes, and is cut off on revoke', async () => {
    const discovery = new Client({ baseUrl: w.fhirBase });
    const metadata = await discovery.smartAuthMetadata();
    expect(String(metadata.authorizeUrl)).toBe(`${w.origin}/oauth/auth`);
    expect(String(metadata.tokenUrl)).toBe(`${w.origin}/oauth/token`);

    const token = await launch(w, app);
    expect(token.patient).toBe(w.f.members.subscriber.id);
    expect(token.refresh_token).toBeTruthy();

    const fhir = new Client({ baseUrl: w.fhirBase, bearerToken: token.access_token });
    const patient = (await fhir.read({ resourceType: 'Patient', id: token.patient })) as unknown as {
      id: string;
    };
    expect(patient.id).toBe(token.patient);

    const coverage = (await fhir.search({
      resourceType: 'Coverage',
      searchParams: { patient: token.patient },
    })) as unknown as {
      entry: unknown[];
    };
    expect(coverage.entry.length).toBeGreaterThan(0);

    const page1 = (await fhir.search({
      resourceType: 'ExplanationOfBenefit',
      searchParams: { patient: token.patient, _count: 2 },
    })) as unknown as {
      total: number;
      entry: Array<{ resource: { id: string } }>;
      link: Array<{ relation: string }>;
    };
    expect(page1.total).toBe(5);
    expect(page1.entry).toHaveLength(2);
    const page2 = (await fhir.nextPage({ bundle: page1 as never })) as unknown as {
      entry: Array<{ resource: { id: string } }>;
    };
    expect(page2.entry).toHaveLength(2);
    expect(page2.entry[0]?.resource.id).not.toBe(page1.entry[0]?.resource.id);

    const refreshed = await tokenRequest(w, {
      grant_type: 'refresh_token',
      refresh_token: String(token.refresh_token),
      client_id: app.clientId,
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.patient).toBe(token.patient);
    const fresh = new Client({ baseUrl: w.fhirBase, bearerToken: String(refreshed.body.access_token) });
    await expect(fresh.read({ resourceType: 'Patient', id: token.patient })).resolves.toBeTruthy();

    const connected = await w.t.app.inject({
      method: 'GET',
      url: '/api/fhir-apps/connected',
      headers: await w.headersFor('subscriber'),
    });
    const apps = (connected.json() as { apps: Array<{ grantId: string; clientName: string }> }).apps;
    expect(apps.map((a) => a.clientName)).toContain('Budget Health App');
    const revoke = await w.t.app.inject({
      method: 'DELETE',
      url: `/api/fhir-apps/connected/${apps[0]?.grantId}`,
      headers: await w.headersFor('subscriber'),
    });
    expect(revoke.statusCode).toBe(204);
    const after = await fetch(`${w.fhirBase}/Patient/${token.patient}`, {
      headers: { authorization: `Bearer ${String(refreshed.body.access_token)}` },
    });
    expect(after.status).toBe(401);
    expect(((await after.json()) as { resourceType: string }).resourceType).toBe('OperationOutcome');
    const refreshAgain = await tokenRequest(w, {
      grant_type: 'refresh_token',
      refresh_token: String(refreshed.body.refresh_token ?? token.refresh_token),
      client_id: app.clientId,
    });
    expect(refreshAgain.status).toBe(400);
    expect(refreshAgain.body.error).toBe('invalid_grant');
  });
});
