// The member's connected apps and the admin's app registration: who may call what (role boundary), "last used"
// after a FHIR read, revoke cutting the token off at once, and one member unable to revoke another's app.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmartWorld, launch, registerTestApp, type SmartWorld } from './smart-world';

let w: SmartWorld;
let app: { clientId: string; redirectUri: string };

beforeAll(async () => {
  w = await createSmartWorld();
  app = await registerTestApp(w);
}, 60_000);
afterAll(() => w?.t.close());

type Connected = {
  apps: Array<{
    grantId: string;
    clientName: string;
    lastUsedAt: string | null;
    scopes: Array<{ scope: string; description: string }>;
  }>;
};
const connectedFor = async (member: 'subscriber' | 'single') =>
  (
    await w.t.app.inject({
      method: 'GET',
      url: '/api/fhir-apps/connected',
      headers: await w.headersFor(member),
    })
  ).json() as Connected;

describe('app registration is for administrators only', () => {
  const registration = {
    clientName: 'Sneaky App',
    redirectUris: ['https://app.example/cb'],
    confidential: false,
  };
  it('a member, signed out caller or non-admin staff cannot register or list apps', async () => {
    const asMember = await w.t.app.inject({
      method: 'POST',
      url: '/api/fhir-apps/clients',
      headers: await w.headersFor('subscriber'),
      payload: registration,
    });
    expect(asMember.statusCode).toBe(403);
    const list = await w.t.app.inject({
      method: 'GET',
      url: '/api/fhir-apps/clients',
      headers: await w.headersFor('subscriber'),
    });
    expect(list.statusCode).toBe(403);
    const signedOut = await w.t.app.inject({ method: 'GET', url: '/api/fhir-apps/clients' });
    expect(signedOut.statusCode).toBe(401);
  });

  it('an admin registers and lists apps; bad redirect URIs are field errors', async () => {
    const list = await w.t.app.inject({
      method: 'GET',
      url: '/api/fhir-apps/clients',
      headers: w.adminHeaders,
    });
    expect(list.statusCode).toBe(200);
    expect((list.json() as { apps: Array<{ clientId: string }> }).apps.map((a) => a.clientId)).toContain(
      app.clientId,
    );
    const bad = await w.t.app.inject({
      method: 'POST',
      url: '/api/fhir-apps/clients',
      headers: w.adminHeaders,
      payload: { clientName: 'X App', redirectUris: ['not a url'], confidential: false },
    });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('redirectUris');
  });

  it('an admin has no connected apps of members to see', async () => {
    const res = await w.t.app.inject({
      method: 'GET',
      url: '/api/fhir-apps/connected',
      headers: w.adminHeaders,
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('connected apps', () => {
  it('shows scopes in words and the last use; only the owner can revoke; revoke stops the token', async () => {
    const token = await launch(w, app);
    const before = (await connectedFor('subscriber')).apps.find((a) => a.clientName === 'Budget Health App');
    expect(before?.lastUsedAt).toBeNull();
    expect(before?.scopes.find((s) => s.scope === 'patient/*.rs')?.description).toMatch(/claims/);

    const read = await fetch(`${w.fhirBase}/Patient/${token.patient}`, {
      headers: { authorization: `Bearer ${token.access_token}` },
    });
    expect(read.status).toBe(200);
    const after = (await connectedFor('subscriber')).apps.find((a) => a.grantId === before?.grantId);
    expect(after?.lastUsedAt).toBeTruthy();

    const foreign = await w.t.app.inject({
      method: 'DELETE',
      url: `/api/fhir-apps/connected/${before?.grantId}`,
      headers: await w.headersFor('single'),
    });
    expect(foreign.statusCode).toBe(404);
    expect((await connectedFor('single')).apps).toHaveLength(0);

    const revoke = await w.t.app.inject({
      method: 'DELETE',
      url: `/api/fhir-apps/connected/${before?.grantId}`,
      headers: await w.headersFor('subscriber'),
    });
    expect(revoke.statusCode).toBe(204);
    const cut = await fetch(`${w.fhirBase}/ExplanationOfBenefit?patient=${token.patient}`, {
      headers: { authorization: `Bearer ${token.access_token}` },
    });
    expect(cut.status).toBe(401);
    expect((await connectedFor('subscriber')).apps.map((a) => a.grantId)).not.toContain(before?.grantId);
  });
});
