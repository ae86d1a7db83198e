// Issuance through the API and mutual TLS on loopback with real Node https clients: valid, expired, revoked,
// foreign CA, wrong user and service identity, plus the bad CSRs (malformed, weak RSA, wrong curve, another user).
import { request as httpsRequest } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaPair, issueLeaf, privateKeyPem } from '../../src/certificates/ca';
import { systemCertificateRepo } from '../../src/certificates/ca-repo';
import { clientCaFor } from '../../src/certificates/ca-service';
import { type ClientTlsListener, startClientTlsListener } from '../../src/certificates/listener';
import { x509 } from '../../src/certificates/x509';
import { CSV_HEADER } from '../../src/clients/eligibility-parse';
import { addClientUser, grant, makePrimaryAdmin } from '../clients/client-world';
import { createTestApp, type TestApp } from '../harness';
import { insertFamily } from '../identity/fixtures';

let t: TestApp;
let tls: ClientTlsListener;
let clientId: string;
let alice: { userId: string; headers: Record<string, string> };
let bob: { userId: string; headers: Record<string, string> };

type Keys = CryptoKeyPair;
const ec = (namedCurve = 'P-256') =>
  crypto.subtle.generateKey({ name: 'ECDSA', namedCurve }, true, ['sign', 'verify']) as Promise<Keys>;
const csrPem = async (
  keys: Keys,
  name = '',
  alg: Algorithm | EcdsaParams = { name: 'ECDSA', hash: 'SHA-256' },
) =>
  (await x509.Pkcs10CertificateRequestGenerator.create({ name, keys, signingAlgorithm: alg })).toString(
    'pem',
  );

async function issueVia(headers: Record<string, string>, keys: Keys, name?: string) {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/certificates/clients/${clientId}`,
    headers,
    payload: { csr: await csrPem(keys, name) },
  });
  return res;
}

interface Got {
  status: number;
  body: Record<string, unknown>;
}
async function overMtls(
  path: string,
  cert: { pem: string; keys: Keys } | null,
  opts: { headers?: Record<string, string>; body?: unknown } = {},
): Promise<Got> {
  const key = cert ? await privateKeyPem(cert.keys.privateKey) : undefined;
  const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body);
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      {
        host: '127.0.0.1',
        port: tls.port,
        path,
        method: payload ? 'POST' : 'GET',
        ca: tls.serverCaPem,
        agent: false, // a new handshake every time: revocation must show in new handshakes
        ...(cert ? { cert: cert.pem, key } : {}),
        headers: { ...(opts.headers ?? {}), ...(payload ? { 'content-type': 'application/json' } : {}) },
      },
      (res) => {
        let data = '';
        res.on('data', (c) => {
          data += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data ? JSON.parse(data) : {} }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

const preview = `/api/clients/CLIENT/eligibility-files/preview`;
const csvBody = () => ({ content: `${CSV_HEADER.join(',')}\n` });

beforeAll(async () => {
  t = await createTestApp();
  const family = await insertFamily(t.db);
  clientId = family.clientId;
  alice = await addClientUser(t, clientId);
  bob = await addClientUser(t, clientId);
  for (const u of [alice, bob])
    await grant(t, u.userId, clientId, 'eligibility_files', new Date(Date.now() + 300 * 86_400_000));
  await makePrimaryAdmin(t, clientId, alice.userId);
  tls = await startClientTlsListener({ app: t.app, deps: t.deps, host: '127.0.0.1', port: 0 });
}, 240_000);
afterAll(async () => {
  await tls?.close();
  await t?.close();
});

describe('issuance API', () => {
  it('signs a P-256 request: one year, bound to the user and client by SAN URI, clientAuth', async () => {
    const res = await issueVia(alice.headers, await ec());
    expect(res.statusCode, res.body).toBe(201);
    const { certificate, pem } = res.json();
    expect(certificate.status).toBe('active');
    const cert = new x509.X509Certificate(pem);
    expect((cert.notAfter.getTime() - cert.notBefore.getTime()) / 86_400_000).toBe(365);
    expect(cert.getExtension(x509.SubjectAlternativeNameExtension)?.names.toJSON()).toEqual([
      { type: 'url', value: `urn:openpbm:client:${clientId}:user:${alice.userId}` },
    ]);
    expect(cert.getExtension(x509.ExtendedKeyUsageExtension)?.usages).toEqual([
      x509.ExtendedKeyUsage.clientAuth,
    ]);
    const pemRes = await t.app.inject({
      url: `/api/certificates/${certificate.id}/pem`,
      headers: alice.headers,
    });
    expect(pemRes.headers['content-type']).toContain('application/x-pem-file');
    // Bob cannot see Alice's certificate.
    const other = await t.app.inject({
      url: `/api/certificates/${certificate.id}/pem`,
      headers: bob.headers,
    });
    expect(other.statusCode).toBe(404);
  });

  it('refuses bad requests with a field-level reason', async () => {
    const malformed = await t.app.inject({
      method: 'POST',
      url: `/api/certificates/clients/${clientId}`,
      headers: alice.headers,
      payload: { csr: '-----BEGIN CERTIFICATE REQUEST-----\nnot base64\n-----END CERTIFICATE REQUEST-----' },
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().errors[0].field).toBe('csr');

    const rsa = (await crypto.subtle.generateKey(
      {
        name: 'RSASSA-PKCS1-v1_5',
        modulusLength: 1024,
        publicExponent: new Uint8Array([1, 0, 1]),
        hash: 'SHA-256',
      },
      true,
      ['sign', 'verify'],
    )) as Keys;
    const weak = await t.app.inject({
      method: 'POST',
      url: `/api/certificates/clients/${clientId}`,
      headers: alice.headers,
      payload: { csr: await csrPem(rsa, '', { name: 'RSASSA-PKCS1-v1_5' }) },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors).toEqual([
      { field: 'csr.publicKey', message: expect.stringMatching(/2048 bits; this one has 1024/) },
    ]);

    const p521 = await issueVia(alice.headers, await ec('P-521'));
    expect(p521.statusCode).toBe(400);
    expect(p521.json().errors[0].message).toMatch(/P-256 or P-384/);

    const otherUser = await issueVia(alice.headers, await ec(), 'CN=someone.else, O=Another Client');
    expect(otherUser.statusCode).toBe(400);
    expect(otherUser.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'csr.subject',
      'csr.subject',
    ]);
  });
});

describe('mutual TLS on loopback', () => {
  let aliceCert: { pem: string; keys: Keys; id: string };

  beforeAll(async () => {
    const keys = await ec();
    const res = await issueVia(alice.headers, keys);
    aliceCert = { pem: res.json().pem, keys, id: res.json().certificate.id };
  });

  it('valid: the session user with their own certificate reaches a secure tool', async () => {
    const got = await overMtls(preview.replace('CLIENT', clientId), aliceCert, {
      headers: alice.headers,
      body: csvBody(),
    });
    expect(got.status, JSON.stringify(got.body)).toBe(200);
    const who = await overMtls('/api/certificates/presented', aliceCert);
    expect(who.body.kind).toBe('user');
  });

  it('wrong user: Alice’s certificate with Bob’s session is 401 with how to get a certificate', async () => {
    const got = await overMtls(preview.replace('CLIENT', clientId), aliceCert, {
      headers: bob.headers,
      body: csvBody(),
    });
    expect(got.status).toBe(401);
    expect(got.body.type).toBe('urn:openpbm:problem:certificate-required');
    expect(String(got.body.detail)).toMatch(/another user.*Certificates page/);
  });

  it('no certificate and a foreign CA are refused', async () => {
    expect((await overMtls('/api/certificates/presented', null)).status).toBe(401);
    const foreign = await createCaPair(new Date());
    const keys = await ec();
    const leaf = await issueLeaf(foreign, {
      subject: 'CN=intruder',
      publicKey: keys.publicKey,
      uris: [`urn:openpbm:client:${clientId}:user:${alice.userId}`],
      usage: 'clientAuth',
      notBefore: new Date(),
    });
    const got = await overMtls('/api/certificates/presented', { pem: leaf.toString('pem'), keys });
    expect(got.status).toBe(401);
    expect(String(got.body.detail)).toMatch(/not issued by the OpenPBM client-access CA/);
  });

  it('expired: a certificate past its end is refused', async () => {
    const ca = await clientCaFor(t.db, t.deps.config, t.deps.now);
    const keys = await ec();
    const notBefore = new Date(Date.now() - 400 * 86_400_000);
    const leaf = await ca.issue({
      subject: 'CN=old',
      publicKey: keys.publicKey,
      usage: 'clientAuth',
      notBefore,
    });
    await systemCertificateRepo(t.db.db).insert({
      serial: leaf.serialNumber,
      kind: 'user',
      userId: alice.userId,
      clientId,
      subject: 'CN=old',
      certPem: leaf.toString('pem'),
      issuerId: ca.issuingId,
      notBefore: leaf.notBefore,
      notAfter: leaf.notAfter,
    });
    const got = await overMtls('/api/certificates/presented', { pem: leaf.toString('pem'), keys });
    expect(got.status).toBe(401);
    expect(String(got.body.detail)).toMatch(/expired/);
  });

  it('revoked: revocation takes effect for the next handshake without a restart', async () => {
    const keys = await ec();
    const res = await issueVia(bob.headers, await Promise.resolve(keys));
    const bobCert = { pem: res.json().pem as string, keys };
    expect((await overMtls('/api/certificates/presented', bobCert)).status).toBe(200);
    const revoke = await t.app.inject({
      method: 'POST',
      url: `/api/certificates/${res.json().certificate.id}/revoke`,
      headers: bob.headers,
    });
    expect(revoke.json().status).toBe('revoked');
    const got = await overMtls('/api/certificates/presented', bobCert);
    expect(got.status).toBe(401);
    expect(String(got.body.detail)).toMatch(/revoked/);
    const crl = await t.app.inject({ url: '/api/certificates/crl.pem' });
    const blocks = crl.body.split(/(?<=-----END X509 CRL-----)\n/).filter((b) => b.trim());
    const parsed = new x509.X509Crl(blocks[blocks.length - 1] as string); // the issuing CA's, after the root's
    expect(parsed.entries.map((e) => e.serialNumber)).toContain(
      new x509.X509Certificate(bobCert.pem).serialNumber,
    );
  });

  it('service identity: the HR system uploads eligibility with its certificate and no session', async () => {
    const keys = await ec();
    const issued = await t.app.inject({
      method: 'POST',
      url: `/api/certificates/clients/${clientId}/service`,
      headers: alice.headers, // the client's primary administrator
      payload: { serviceName: 'hr-system', csr: await csrPem(keys, 'CN=hr-system') },
    });
    expect(issued.statusCode, issued.body).toBe(201);
    const svc = { pem: issued.json().pem as string, keys };
    const got = await overMtls('/api/certificates/service/eligibility-files/preview', svc, {
      body: csvBody(),
    });
    expect(got.status, JSON.stringify(got.body)).toBe(200);
    expect(got.body.records).toBe(0);
    // A user certificate cannot use the machine route, and the route is refused on the ordinary port.
    expect(
      (await overMtls('/api/certificates/service/eligibility-files/preview', aliceCert, { body: csvBody() }))
        .status,
    ).toBe(401);
    const plain = await t.app.inject({
      method: 'POST',
      url: '/api/certificates/service/eligibility-files/preview',
      payload: csvBody(),
    });
    expect(plain.statusCode).toBe(401);

    // The primary administrator's service-identities page lists it; a colleague holding tools may not (403).
    const listed = await t.app.inject({
      url: `/api/clients/${clientId}/service-identities`,
      headers: alice.headers,
    });
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json().identities).toEqual([
      {
        serviceName: 'hr-system',
        certificates: [expect.objectContaining({ id: issued.json().certificate.id, status: 'active' })],
      },
    ]);
    const colleague = await t.app.inject({
      url: `/api/clients/${clientId}/service-identities`,
      headers: bob.headers,
    });
    expect(colleague.statusCode).toBe(403);
    // Revoked by the administrator: the HR system's next handshake is refused.
    const revoked = await t.app.inject({
      method: 'POST',
      url: `/api/certificates/${issued.json().certificate.id}/revoke`,
      headers: alice.headers,
    });
    expect(revoked.json().status).toBe('revoked');
    const after = await overMtls('/api/certificates/service/eligibility-files/preview', svc, {
      body: csvBody(),
    });
    expect(after.status).toBe(401);
    expect(String(after.body.detail)).toMatch(/revoked/);
  });
});
