// A third-party app runs the SMART App Launch standalone flow against the running server over HTTP (real OAuth
// redirects, PKCE, the member's consent through the portal API), then reads with fhir-kit-client: Patient,
// Coverage, EOB pages; refreshes its token; and is cut off when the member revokes it.
import { schema } from '@openpbm/db';
import { Client } from 'fhir-kit-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertClaim } from '../benefits/member-world';
import {
  authorize,
  createSmartWorld,
  launch,
  registerTestApp,
  type SmartWorld,
  tokenRequest,
} from './smart-world';

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

describe('OAuth errors from the specification', () => {
  const authorizeUrl = (params: Record<string, string>) => {
    const url = new URL(`${w.origin}/oauth/auth`);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: app.clientId,
      redirect_uri: app.redirectUri,
      scope: 'openid launch/patient patient/*.rs',
      state: 's1',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
      ...params,
    }).toString();
    return url;
  };

  it('a PKCE mismatch at the token endpoint is invalid_grant', async () => {
    const auth = await authorize(w, app);
    const res = await tokenRequest(w, {
      grant_type: 'authorization_code',
      code: String(auth.code),
      redirect_uri: app.redirectUri,
      client_id: app.clientId,
      code_verifier: `${auth.verifier}x`,
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_grant');
  });

  it('an authorization without PKCE goes back to the app with invalid_request', async () => {
    const url = authorizeUrl({});
    url.searchParams.delete('code_challenge');
    url.searchParams.delete('code_challenge_method');
    const res = await fetch(url, { redirect: 'manual' });
    const back = new URL(res.headers.get('location') ?? '');
    expect(back.origin + back.pathname).toBe(app.redirectUri);
    expect(back.searchParams.get('error')).toBe('invalid_request');
  });

  it('a wrong redirect URI or an unregistered client is refused without a redirect', async () => {
    const wrong = await fetch(authorizeUrl({ redirect_uri: 'https://evil.example/cb' }), {
      redirect: 'manual',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.headers.get('location')).toBeNull();
    expect(await wrong.text()).toContain('invalid_redirect_uri');
    const unknown = await fetch(authorizeUrl({ client_id: 'app-not-registered' }), { redirect: 'manual' });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain('invalid_client');
  });

  it('the member can deny: the app gets access_denied', async () => {
    const auth = await authorize(w, { ...app, approve: false });
    expect(auth.code).toBeNull();
    expect(auth.error).toBe('access_denied');
    expect(auth.state).toBe(auth.expectedState);
  });

  it('a confidential app authenticates at the token endpoint with its secret', async () => {
    const confidential = await registerTestApp(w, { confidential: true });
    expect(confidential.clientSecret).toBeTruthy();
    const auth = await authorize(w, confidential);
    const form = {
      grant_type: 'authorization_code',
      code: String(auth.code),
      redirect_uri: confidential.redirectUri,
      code_verifier: auth.verifier,
    };
    const wrongSecret = Buffer.from(`${confidential.clientId}:nope`).toString('base64');
    expect((await tokenRequest(w, form, wrongSecret)).body.error).toBe('invalid_client');
    const basic = Buffer.from(`${confidential.clientId}:${confidential.clientSecret}`).toString('base64');
    const ok = await tokenRequest(w, form, basic);
    expect(ok.status).toBe(200);
    expect(ok.body.patient).toBe(w.f.members.subscriber.id);
    // The secret is stored encrypted, never as given.
    const stored = JSON.stringify(await w.t.db.db.select().from(schema.oidcPayloads));
    expect(stored).not.toContain(String(confidential.clientSecret));
  });
});
