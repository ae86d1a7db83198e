// The client-access CA: keys sealed at rest under the configured key, a root + issuing chain, one-year clientAuth
// leaves bound by SAN URI, CRLs that list revoked serials, and production refusing a demo CA.
import { X509Certificate as NodeX509 } from 'node:crypto';
import { createTestDatabase } from '@openpbm/db/testing';
import { DEMO_CA_KEY, loadConfig } from '@openpbm/shared/config';
import { describe, expect, it } from 'vitest';
import { createCaPair, issueLeaf, openKey, sealKey, signCrl } from '../../src/certificates/ca';
import { systemCaRepo } from '../../src/certificates/ca-repo';
import { assertCaUsable, clientCaFor } from '../../src/certificates/ca-service';
import { x509 } from '../../src/certificates/x509';

const KEK = 'ab'.repeat(32);
const now = new Date('2026-12-01T12:00:00Z');

describe('client CA', () => {
  it('seals a key under the configured key and opens it only with that key', async () => {
    const pair = await createCaPair(now);
    const sealed = await sealKey(pair.issuingKey, KEK);
    expect(sealed).not.toContain('PRIVATE');
    const opened = await openKey(sealed, KEK);
    expect(opened.extractable).toBe(false);
    await expect(openKey(sealed, 'cd'.repeat(32))).rejects.toThrow();
  });

  it('issues a one-year clientAuth leaf that chains to the root, and a CRL naming revoked serials', async () => {
    const pair = await createCaPair(now);
    const keys = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
      'sign',
      'verify',
    ]);
    const leaf = await issueLeaf(pair, {
      subject: 'CN=alice, O=CL1001',
      publicKey: keys.publicKey,
      uris: ['urn:openpbm:client:c1:user:u1'],
      usage: 'clientAuth',
      notBefore: now,
    });
    expect((leaf.notAfter.getTime() - leaf.notBefore.getTime()) / 86_400_000).toBe(365);
    const eku = leaf.getExtension(x509.ExtendedKeyUsageExtension);
    expect(eku?.usages).toEqual([x509.ExtendedKeyUsage.clientAuth]);
    expect(leaf.getExtension(x509.SubjectAlternativeNameExtension)?.names.toJSON()).toEqual([
      { type: 'url', value: 'urn:openpbm:client:c1:user:u1' },
    ]);
    // Node's own X.509 (OpenSSL) agrees on the chain.
    const root = new NodeX509(pair.rootCert.toString('pem'));
    const issuing = new NodeX509(pair.issuingCert.toString('pem'));
    const node = new NodeX509(leaf.toString('pem'));
    expect(issuing.verify(root.publicKey)).toBe(true);
    expect(node.verify(issuing.publicKey)).toBe(true);
    expect(node.checkIssued(issuing)).toBe(true);

    const crl = await signCrl(pair, [{ serial: leaf.serialNumber, revokedAt: now }], 3, now);
    expect(await crl.verify({ publicKey: pair.issuingCert.publicKey })).toBe(true);
    expect(crl.entries.map((e) => e.serialNumber)).toEqual([leaf.serialNumber]);
  });

  it('creates a demo CA on first use, stores the keys sealed, and production refuses it', async () => {
    const db = await createTestDatabase();
    try {
      const config = loadConfig({ NODE_ENV: 'test' });
      const ca = await clientCaFor(db, config, () => now);
      expect(ca.rootPem).toContain('BEGIN CERTIFICATE');
      const { root, issuing } = await systemCaRepo(db.db).active();
      expect(root?.demo).toBe(true);
      expect(issuing?.keySealed).not.toContain('PRIVATE KEY');
      const trust = await ca.refreshCrls(now);
      expect(trust.ca).toHaveLength(2);
      expect(trust.crl).toHaveLength(2); // the root's and the issuing CA's
      expect(() => assertCaUsable({ isProduction: true }, true)).toThrow(/demo client-certificate CA/);
      expect(() => loadConfig({ NODE_ENV: 'production', CA_KEY_ENCRYPTION_KEY: DEMO_CA_KEY })).toThrow(
        /CA_KEY_ENCRYPTION_KEY/,
      );
    } finally {
      await db.close();
    }
  }, 180_000);
});
