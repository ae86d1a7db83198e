// The page's PKCS#10 request and PKCS#12 file, checked by the readers that matter: the server's CSR checks and
// Node's TLS stack (OpenSSL) opening the file with the passphrase.
import { createSecureContext } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { x509 } from '../../../../../server/src/certificates/x509';
import { certificateRequest, generateKeys, pemBlocks, pkcs12 } from './browser-keys';

async function selfSigned(keys: CryptoKeyPair) {
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    name: 'CN=test',
    keys,
    signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
    notBefore: new Date(Date.now() - 60_000),
    notAfter: new Date(Date.now() + 86_400_000),
  });
  return cert.toString('pem');
}

describe('browser keys', () => {
  it('signs a PKCS#10 request with a non-extractable P-384 key', async () => {
    const keys = await generateKeys('P-384', false);
    await expect(crypto.subtle.exportKey('pkcs8', keys.privateKey)).rejects.toThrow();
    const csr = new x509.Pkcs10CertificateRequest(await certificateRequest(keys, 'P-384'));
    expect(await csr.verify()).toBe(true);
    expect(csr.publicKey.algorithm).toMatchObject({ namedCurve: 'P-384' });
  });

  it('builds a PKCS#12 file OpenSSL opens with the passphrase, and only with it', async () => {
    const keys = await generateKeys('P-256', true);
    const pem = await selfSigned(keys);
    expect(pemBlocks(pem)).toHaveLength(1);
    const pfx = Buffer.from(await pkcs12(keys.privateKey, pem, 'correct horse ✓', 'test'));
    expect(() => createSecureContext({ pfx, passphrase: 'correct horse ✓' })).not.toThrow();
    expect(() => createSecureContext({ pfx, passphrase: 'wrong' })).toThrow();
    await expect(pkcs12(keys.privateKey, pem, '', 'test')).rejects.toThrow(/passphrase/);
  });
});
