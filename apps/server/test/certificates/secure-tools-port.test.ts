// Secure tools take the session AND a client certificate of the same user, on every port: on the ordinary port
// (which never carries a certificate) each secure-tool route answers 401 certificate-required with the way to get
// one and two links (the Certificates page, the secure-tools address from CLIENT_TLS_URL); over mutual TLS it
// answers the session user with their own certificate, and refuses another user's, another client's, or a
// service identity's certificate on a session.

import { CLIENT_TOOLS } from '@openpbm/db/schema/client-portal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { privateKeyPem } from '../../src/certificates/ca';
import { x509 } from '../../src/certificates/x509';
import { apiRoutesOf } from '../../src/identity/route-registry';
import { addAdvisor, addClient, addClientUser, grant, makePrimaryAdmin } from '../clients/client-world';
import { createTestApp, type TestApp } from '../harness';
import { insertFamily } from '../identity/fixtures';
import { type SecureTools, secureTools } from './secure-tools';

let t: TestApp;
let tools: SecureTools;
let clientId: string;
let alice: { userId: string; headers: Record<string, string> };
let bob: { userId: string; headers: Record<string, string> };
const SECURE_TOOLS_URL = 'https://tools.openpbm.test:8443';
const ANY_ID = '01900000-0000-7000-8000-0000000000cc';

beforeAll(async () => {
  t = await createTestApp({ env: { CLIENT_TLS_URL: `${SECURE_TOOLS_URL}/` } });
  clientId = (await insertFamily(t.db)).clientId;
  alice = await addClientUser(t, clientId);
  bob = await addClientUser(t, clientId);
  for (const user of [alice, bob])
    for (const tool of CLIENT_TOOLS) await grant(t, user.userId, clientId, tool);
  tools = await secureTools(t);
}, 180_000);
afterAll(async () => {
  await tools?.close();
  await t?.close();
});

/** Every secure-tool route: under /clients/:clientId, except the primary administrator's pages. */
const secureToolRoutes = () =>
  apiRoutesOf(t.deps)
    .filter((r) => r.url.startsWith('/api/clients/:clientId/') && !r.url.includes('/admin'))
    .filter((r) => !r.url.includes('/service-identities'))
    .map((r) => ({
      method: r.method as 'GET' | 'POST',
      url: r.url.replace(':clientId', clientId).replace(/:[A-Za-z]+/g, ANY_ID),
      route: `${r.method} ${r.url}`,
    }));

describe('the ordinary port', () => {
  it('answers every secure tool with 401 certificate-required, how to get one, and the two links', async () => {
    const routes = secureToolRoutes();
    // The four tools' routes (review this list when it changes: each must need the certificate).
    expect(routes.map((r) => r.route).sort()).toEqual([
      'GET /api/clients/:clientId/eligibility-files/progress/:uploadId',
      'GET /api/clients/:clientId/formulary-documents',
      'GET /api/clients/:clientId/formulary-documents/:formularyId/drugs.csv',
      'GET /api/clients/:clientId/reports/plan',
      'GET /api/clients/:clientId/reports/plan.csv',
      'GET /api/clients/:clientId/reports/plan.pdf',
      'GET /api/clients/:clientId/reports/utilization',
      'GET /api/clients/:clientId/reports/utilization.csv',
      'POST /api/clients/:clientId/eligibility-files/apply',
      'POST /api/clients/:clientId/eligibility-files/preview',
    ]);
    for (const r of routes) {
      const res = await t.app.inject({
        method: r.method,
        url: r.url,
        headers: alice.headers,
        ...(r.method === 'POST' ? { payload: { content: 'x' } } : {}),
      });
      expect(res.statusCode, r.route).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json(), r.route).toMatchObject({
        type: 'urn:openpbm:problem:certificate-required',
        detail: expect.stringMatching(/secure-tools address.*Certificates page/),
        certificatePage: `${t.deps.config.publicUrl}/clients/certificates`,
        secureToolsUrl: `${SECURE_TOOLS_URL}/clients`,
      });
    }
  });

  it('still tells a caller without a grant nothing (404), and one without a session to sign in', async () => {
    const other = await addClient(t, 'Unrelated Works');
    const foreign = await t.app.inject({
      url: `/api/clients/${other.id}/reports/plan`,
      headers: alice.headers,
    });
    expect(foreign.statusCode).toBe(404);
    const anonymous = await t.app.inject({ url: `/api/clients/${clientId}/reports/plan` });
    expect(anonymous.json().type).toBe('urn:openpbm:problem:unauthorized');
  });
});

describe('over mutual TLS', () => {
  const plan = () => `/api/clients/${clientId}/reports/plan?from=2026-01&to=2026-02`;

  it('answers the session user presenting their own certificate', async () => {
    const res = await tools.inject({ url: plan(), headers: alice.headers });
    expect(res.statusCode, res.body).toBe(200);
  });

  it('refuses the certificate of another user, of another client, or of a service identity on a session', async () => {
    const wrongUser = await tools.inject({
      url: plan(),
      headers: bob.headers,
      certificate: await tools.certificateFor(alice.userId),
    });
    expect(wrongUser.statusCode).toBe(401);
    expect(wrongUser.json()).toMatchObject({
      type: 'urn:openpbm:problem:certificate-required',
      detail: expect.stringMatching(/another user than the one signed in/),
      certificatePage: expect.stringMatching(/\/clients\/certificates$/),
    });

    // An advisor acting for two clients: the certificate for one does not open the other's tools.
    const second = (await insertFamily(t.db)).clientId;
    const advisor = await addAdvisor(t, [clientId, second]);
    await grant(t, advisor.userId, clientId, 'plan_reports');
    await grant(t, advisor.userId, second, 'plan_reports');
    const ownClient = await tools.inject({ url: plan(), headers: advisor.headers });
    expect(ownClient.statusCode, ownClient.body).toBe(200);
    const otherClient = await tools.inject({
      url: `/api/clients/${second}/reports/plan?from=2026-01&to=2026-02`,
      headers: advisor.headers,
      certificate: await tools.certificateFor(advisor.userId, clientId),
    });
    expect(otherClient.statusCode).toBe(401);
    expect(otherClient.json().detail).toMatch(/issued for another client/);

    // A service identity's certificate (its HR system's) never rides on a person's session.
    await makePrimaryAdmin(t, clientId, alice.userId);
    const keys = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
      'sign',
      'verify',
    ])) as CryptoKeyPair;
    const csr = await x509.Pkcs10CertificateRequestGenerator.create({
      name: 'CN=payroll-feed',
      keys,
      signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
    });
    const issued = await t.app.inject({
      method: 'POST',
      url: `/api/certificates/clients/${clientId}/service`,
      headers: alice.headers,
      payload: { serviceName: 'payroll-feed', csr: csr.toString('pem') },
    });
    expect(issued.statusCode, issued.body).toBe(201);
    const service = await tools.inject({
      url: plan(),
      headers: alice.headers,
      certificate: {
        pem: issued.json().pem,
        keyPem: await privateKeyPem(keys.privateKey),
        serial: issued.json().certificate.serial,
      },
    });
    expect(service.statusCode).toBe(401);
    expect(service.json().detail).toMatch(/service-identity certificate cannot be used with a signed-in/);
  });

  it('a certificate without a session reaches no secure tool', async () => {
    const res = await tools.inject({ url: plan(), certificate: await tools.certificateFor(alice.userId) });
    expect(res.statusCode).toBe(401);
    expect(res.json().type).toBe('urn:openpbm:problem:unauthorized');
  });
});
