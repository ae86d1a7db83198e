// The client-access CA's cryptography, with no database: create the root and issuing intermediate, seal their
// private keys at rest (AES-256-GCM under CA_KEY_ENCRYPTION_KEY), issue leaf certificates and sign CRLs.
// ECDSA P-384 for the CA keys: small, fast, and every TLS stack that matters verifies it.
import { createCipheriv, createDecipheriv, randomBytes, webcrypto } from 'node:crypto';
import { x509 } from './x509';

const subtle = webcrypto.subtle;

export const CA_KEY_ALGORITHM = { name: 'ECDSA', namedCurve: 'P-384' } as const;
export const CA_SIGNING = { name: 'ECDSA', hash: 'SHA-384' } as const;
/** Leaf certificates run one year (CA/B rules cap public ones at 398 days; ours stay under it). */
export const CERT_VALIDITY_DAYS = 365;
/** A CRL names its next update; the listener reloads sooner whenever a revocation happens. */
export const CRL_VALIDITY_DAYS = 7;
const DAY = 86_400_000;
const ROOT_YEARS = 20;
const ISSUING_YEARS = 5;

// ---- keys at rest
function keyBytes(hex: string): Buffer {
  if (!/^[0-9a-f]{64}$/i.test(hex)) throw new Error('CA key-encryption key must be 64 hex characters');
  return Buffer.from(hex, 'hex');
}

export async function sealKey(key: CryptoKey, kekHex: string): Promise<string> {
  const pkcs8 = Buffer.from(await subtle.exportKey('pkcs8', key));
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyBytes(kekHex), iv);
  const ct = Buffer.concat([cipher.update(pkcs8), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64');
}

/** Opens a sealed key (non-extractable in memory); a wrong key-encryption key fails the GCM tag check. */
export async function openKey(sealed: string, kekHex: string): Promise<CryptoKey> {
  const raw = Buffer.from(sealed, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', keyBytes(kekHex), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  const pkcs8 = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
  return subtle.importKey('pkcs8', pkcs8, CA_KEY_ALGORITHM, false, ['sign']);
}

/** PEM of a private key, only for the listener's own in-memory server key (never a CA key). */
export async function privateKeyPem(key: CryptoKey): Promise<string> {
  return x509.PemConverter.encode(await subtle.exportKey('pkcs8', key), 'PRIVATE KEY');
}

export const randomSerial = (): string => {
  const b = randomBytes(16);
  // Positive INTEGER with a first nibble set: the hex serial reads the same in x509, OpenSSL and Node.
  b[0] = ((b[0] as number) & 0x7f) | 0x10;
  return b.toString('hex');
};

// ---- the CA pair
export interface CaMaterial {
  rootCert: x509.X509Certificate;
  issuingCert: x509.X509Certificate;
  issuingKey: CryptoKey;
}

export interface NewCaPair extends CaMaterial {
  rootKey: CryptoKey;
}

export async function createCaPair(now: Date, name = 'OpenPBM Client Access'): Promise<NewCaPair> {
  const rootKeys = await subtle.generateKey(CA_KEY_ALGORITHM, true, ['sign', 'verify']);
  const issuingKeys = await subtle.generateKey(CA_KEY_ALGORITHM, true, ['sign', 'verify']);
  const notBefore = new Date(now.getTime() - 60_000);
  const rootCert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: `CN=${name} Root CA, O=OpenPBM`,
    notBefore,
    notAfter: new Date(now.getTime() + ROOT_YEARS * 365 * DAY),
    keys: rootKeys,
    signingAlgorithm: CA_SIGNING,
    extensions: [
      new x509.BasicConstraintsExtension(true, 1, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(rootKeys.publicKey),
    ],
  });
  const issuingCert = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: `CN=${name} Issuing CA 1, O=OpenPBM`,
    issuer: rootCert.subject,
    notBefore,
    notAfter: new Date(now.getTime() + ISSUING_YEARS * 365 * DAY),
    publicKey: issuingKeys.publicKey,
    signingKey: rootKeys.privateKey,
    signingAlgorithm: CA_SIGNING,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(issuingKeys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(rootKeys.publicKey),
    ],
  });
  return { rootCert, rootKey: rootKeys.privateKey, issuingCert, issuingKey: issuingKeys.privateKey };
}

// ---- leaf certificates
export interface LeafRequest {
  subject: string;
  publicKey: x509.PublicKey | CryptoKey;
  /** SAN URIs (the user or service identity) and DNS names (the listener's server certificate). */
  uris?: string[];
  dnsNames?: string[];
  ips?: string[];
  usage: 'clientAuth' | 'serverAuth';
  notBefore: Date;
  days?: number;
  serial?: string;
}

export async function issueLeaf(ca: CaMaterial, req: LeafRequest): Promise<x509.X509Certificate> {
  const names: x509.JsonGeneralName[] = [
    ...(req.uris ?? []).map((value) => ({ type: 'url' as const, value })),
    ...(req.dnsNames ?? []).map((value) => ({ type: 'dns' as const, value })),
    ...(req.ips ?? []).map((value) => ({ type: 'ip' as const, value })),
  ];
  const publicKey = req.publicKey instanceof x509.PublicKey ? await req.publicKey.export() : req.publicKey;
  return x509.X509CertificateGenerator.create({
    serialNumber: req.serial ?? randomSerial(),
    subject: req.subject,
    issuer: ca.issuingCert.subject,
    notBefore: req.notBefore,
    notAfter: new Date(req.notBefore.getTime() + (req.days ?? CERT_VALIDITY_DAYS) * DAY),
    publicKey,
    signingKey: ca.issuingKey,
    signingAlgorithm: CA_SIGNING,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment,
        true,
      ),
      new x509.ExtendedKeyUsageExtension(
        [req.usage === 'clientAuth' ? x509.ExtendedKeyUsage.clientAuth : x509.ExtendedKeyUsage.serverAuth],
        false,
      ),
      new x509.SubjectAlternativeNameExtension(names, false),
      await x509.SubjectKeyIdentifierExtension.create(publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(ca.issuingCert),
    ],
  });
}

/** PEM of a CRL with the label OpenSSL (and so Node's TLS and `openssl crl`) reads: "X509 CRL". */
export const crlPem = (crl: x509.X509Crl): string => x509.PemConverter.encode(crl.rawData, 'X509 CRL');

export interface RevokedEntry {
  serial: string;
  revokedAt: Date;
}

export async function signCrl(
  ca: CaMaterial,
  revoked: RevokedEntry[],
  crlNumber: number,
  now: Date,
): Promise<x509.X509Crl> {
  return x509.X509CrlGenerator.create({
    issuer: ca.issuingCert.subject,
    thisUpdate: now,
    nextUpdate: new Date(now.getTime() + CRL_VALIDITY_DAYS * DAY),
    signingKey: ca.issuingKey,
    signingAlgorithm: CA_SIGNING,
    entries: revoked.map((r) => ({
      serialNumber: r.serial,
      revocationDate: r.revokedAt,
      reason: x509.X509CrlReason.cessationOfOperation,
    })),
    extensions: [
      await x509.AuthorityKeyIdentifierExtension.create(ca.issuingCert),
      new x509.Extension('2.5.29.20', false, crlNumberDer(crlNumber)),
    ],
  });
}

/** DER INTEGER for the cRLNumber extension value. */
function crlNumberDer(n: number): ArrayBuffer {
  let hex = n.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  if (Number.parseInt(hex.slice(0, 2), 16) & 0x80) hex = `00${hex}`;
  const body = Buffer.from(hex, 'hex');
  return new Uint8Array(Buffer.concat([Buffer.from([0x02, body.length]), body])).buffer;
}
