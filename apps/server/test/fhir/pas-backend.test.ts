// Prescriber systems on Da Vinci PAS through SMART Backend Services: an admin registers a system bound to a
// prescriber account with its public JWKS; the system gets a token by client credentials over real HTTP, signing
// its client_assertion with jose (RS384 or ES384), and calls Claim/$submit and $inquire as that prescriber.
// A wrong key, an expired or replayed assertion is invalid_client; another prescriber's case is a 404.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { type CryptoKey, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPaWorld, type PaWorld } from '../prior-auth/pa-world';
import { claimResponseOf, inquiry, pasBundle, post } from './pas-fixtures';

let w: PaWorld;
let origin: string;
const ALL = 'system/Claim.c system/ClaimResponse.r';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

beforeAll(async () => {
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  w = await createPaWorld({ env: { PUBLIC_URL: origin } });
  await w.t.app.listen({ port, host: '127.0.0.1' });
}, 120_000);
afterAll(async () => w?.t.close());

interface System {
  clientId: string;
  privateKey: CryptoKey;
  alg: 'RS384' | 'ES384';
  kid: string;
}

async function registerSystem(user: 'prescriber' | 'otherPrescriber', alg: System['alg']): Promise<System> {
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
  const kid = randomUUID();
  const res = await w.call('admin', 'POST', '/api/fhir-apps/backend-clients', {
    clientName: `EHR of ${user}`,
    prescriberUserId: w.users[user],
    jwks: { keys: [{ ...(await exportJWK(publicKey)), kid, alg, use: 'sig' }] },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { clientId: res.body.clientId, privateKey, alg, kid };
}

function assertion(system: System, o: { key?: CryptoKey; exp?: number; jti?: string } = {}) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: system.alg, kid: system.kid, typ: 'JWT' })
    .setIssuer(system.clientId)
    .setSubject(system.clientId)
    .setAudience(`${origin}/oauth/token`)
    .setJti(o.jti ?? randomUUID())
    .setIssuedAt(now)
    .setExpirationTime(o.exp ?? now + 240)
    .sign(o.key ?? system.privateKey);
}

/** The token request exactly as a backend service sends it (form body over HTTP). */
async function tokenRequest(clientAssertion: string, scope = ALL) {
  const res = await fetch(`${origin}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      scope,
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: clientAssertion,
    }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, string> };
}

async function tokenFor(system: System, scope = ALL) {
  const res = await tokenRequest(await assertion(system), scope);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return { authorization: `Bearer ${res.body.access_token}` };
}

describe('SMART Backend Services for PAS', () => {
  it('a system signs RS384, gets a token, submits and inquires as its prescriber', {
    timeout: 90_000,
  }, async () => {
    const system = await registerSystem('prescriber', 'RS384');
    const token = await tokenRequest(await assertion(system));
    expect(token.status, JSON.stringify(token.body)).toBe(200);
    expect(token.body).toMatchObject({ token_type: 'Bearer', scope: ALL });
    expect(Number(token.body.expires_in)).toBeLessThanOrEqual(300);
    const auth = { authorization: `Bearer ${token.body.access_token}` };

    const submitted = await post(w, auth, '$submit', pasBundle(w, w.f.members.single));
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    const ref = claimResponseOf(submitted.body).preAuthRef;
    const mine = await w.call('prescriber', 'GET', '/api/prior-auth/prescriber/cases');
    expect(JSON.stringify(mine.body)).toContain(ref);

    const followed = await post(w, auth, '$inquire', inquiry(w, w.f.members.single, ref));
    expect(followed.status).toBe(200);
    expect(claimResponseOf(followed.body).preAuthRef).toBe(ref);

    // Prescriber B's system (ES384) cannot see A's case.
    const other = await tokenFor(await registerSystem('otherPrescriber', 'ES384'));
    const foreign = await post(w, other, '$inquire', inquiry(w, w.f.members.single, ref));
    expect(foreign.status).toBe(404);
    expect(foreign.body.resourceType).toBe('OperationOutcome');
  });

  it('refuses a wrong key, an expired, long-lived or replayed assertion: invalid_client', async () => {
    const system = await registerSystem('prescriber', 'ES384');
    const stranger = await generateKeyPair('ES384');
    const wrongKey = await tokenRequest(await assertion(system, { key: stranger.privateKey }));
    expect(wrongKey.status).toBe(401);
    expect(wrongKey.body.error).toBe('invalid_client');

    const now = Math.floor(Date.now() / 1000);
    const expired = await tokenRequest(await assertion(system, { exp: now - 60 }));
    expect(expired.body.error).toBe('invalid_client');
    const longLived = await tokenRequest(await assertion(system, { exp: now + 3600 }));
    expect(longLived.body.error).toBe('invalid_client');

    const once = await assertion(system);
    expect((await tokenRequest(once)).status).toBe(200);
    expect((await tokenRequest(once)).body.error).toBe('invalid_client');
  });

  it('a token without the operation’s scope is 403; an unknown token is 401', async () => {
    const system = await registerSystem('prescriber', 'RS384');
    const submitOnly = await tokenFor(system, 'system/Claim.c');
    const res = await post(w, submitOnly, '$inquire', inquiry(w, w.f.members.single, 'PA26-ZZZZZZ'));
    expect(res.status).toBe(403);
    const unknown = await post(w, { authorization: 'Bearer not-a-token' }, '$submit', {});
    expect(unknown.status).toBe(401);
    expect(unknown.body.resourceType).toBe('OperationOutcome');
  });

  it('registration refuses a private key and a non-prescriber account', async () => {
    const { privateKey } = await generateKeyPair('RS384', { extractable: true });
    const leaked = await w.call('admin', 'POST', '/api/fhir-apps/backend-clients', {
      clientName: 'Leaky EHR',
      prescriberUserId: w.users.prescriber,
      jwks: { keys: [{ ...(await exportJWK(privateKey)), kid: 'k1' }] },
    });
    expect(leaked.status).toBe(400);
    const member = await w.call('admin', 'POST', '/api/fhir-apps/backend-clients', {
      clientName: 'Member EHR',
      prescriberUserId: w.users.single,
      jwks: { keys: [{ kty: 'EC', kid: 'k2', crv: 'P-384', x: 'x', y: 'y' }] },
    });
    expect(member.status).toBe(400);
    expect(JSON.stringify(member.body)).toContain('prescriberUserId');
    const asPrescriber = await w.call('prescriber', 'POST', '/api/fhir-apps/backend-clients', {});
    expect(asPrescriber.status).toBe(403);
  });
});
