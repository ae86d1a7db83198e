// The client-access CA at run time: loads (or on first start creates) the root + issuing pair, issues leaf
// certificates, signs the CRLs and tells the mTLS listener when they change. One instance per database handle,
// so the API that revokes and the listener that verifies share it in one process.
import type { DatabaseHandle } from '@openpbm/db';
import { type Config, DEMO_CA_KEY } from '@openpbm/shared/config';
import {
  type CaMaterial,
  createCaPair,
  crlPem,
  issueLeaf,
  type LeafRequest,
  openKey,
  randomSerial,
  sealKey,
  signCrl,
} from './ca';
import { systemCaRepo, systemCertificateRepo } from './ca-repo';
import { x509 } from './x509';

export interface TrustMaterial {
  /** Root and every issuing CA still in date (PEM), for the listener's `ca`. */
  ca: string[];
  /** One current CRL per issuing CA (PEM), for the listener's `crl`. */
  crl: string[];
}

export interface ClientCa {
  readonly issuingId: string;
  readonly rootPem: string;
  readonly issuingPem: string;
  issue(req: LeafRequest): Promise<x509.X509Certificate>;
  /** Signs a fresh CRL for every trusted issuing CA and tells the listeners. */
  refreshCrls(now: Date): Promise<TrustMaterial>;
  trust(): TrustMaterial | undefined;
  onTrustChange(listener: (t: TrustMaterial) => void): () => void;
}

const isDemoKey = (hex: string) => hex.toLowerCase() === DEMO_CA_KEY;

/** Refuses a CA sealed under the demo key in production (the config also refuses the demo key itself). */
export function assertCaUsable(config: Pick<Config, 'isProduction'>, demo: boolean): void {
  if (config.isProduction && demo)
    throw new Error(
      'Refusing to start in production with the demo client-certificate CA: run `npm run ca -- init` with a real CA_KEY_ENCRYPTION_KEY.',
    );
}

/** Creates and stores a new root + issuing pair, retiring the current one (init on an empty database, or rotate --root). */
export async function createCa(handle: DatabaseHandle, kekHex: string, now: Date): Promise<void> {
  const repo = systemCaRepo(handle.db);
  const current = await repo.active();
  const pair = await createCaPair(now);
  const demo = isDemoKey(kekHex);
  await repo.insert([
    {
      kind: 'root',
      certPem: pair.rootCert.toString('pem'),
      keySealed: await sealKey(pair.rootKey, kekHex),
      demo,
      notAfter: pair.rootCert.notAfter,
    },
    {
      kind: 'issuing',
      certPem: pair.issuingCert.toString('pem'),
      keySealed: await sealKey(pair.issuingKey, kekHex),
      demo,
      notAfter: pair.issuingCert.notAfter,
    },
  ]);
  await repo.retire([current.root?.id, current.issuing?.id].filter((v): v is string => Boolean(v)));
}

/** A new issuing intermediate under the current root; the old one stays trusted for what it issued. */
export async function rotateIssuing(handle: DatabaseHandle, kekHex: string, now: Date): Promise<void> {
  const repo = systemCaRepo(handle.db);
  const { root, issuing } = await repo.active();
  if (!root) throw new Error('No CA yet: run `npm run ca -- init` first.');
  const rootKey = await openKey(root.keySealed, kekHex);
  const rootCert = new x509.X509Certificate(root.certPem);
  const keys = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-384' }, true, [
    'sign',
    'verify',
  ]);
  const n = (await repo.trustedIssuing(new Date(0))).length + 1;
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: `CN=OpenPBM Client Access Issuing CA ${n}, O=OpenPBM`,
    issuer: rootCert.subject,
    notBefore: new Date(now.getTime() - 60_000),
    notAfter: new Date(Math.min(now.getTime() + 5 * 365 * 86_400_000, rootCert.notAfter.getTime())),
    publicKey: keys.publicKey,
    signingKey: rootKey,
    signingAlgorithm: { name: 'ECDSA', hash: 'SHA-384' },
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(rootCert),
    ],
  });
  await repo.insert([
    {
      kind: 'issuing',
      certPem: cert.toString('pem'),
      keySealed: await sealKey(keys.privateKey, kekHex),
      demo: root.demo,
      notAfter: cert.notAfter,
    },
  ]);
  if (issuing) await repo.retire([issuing.id]);
}

const instances = new WeakMap<DatabaseHandle, Promise<ClientCa>>();

/** The process's CA for this database: created on first use when the database has none (demo start). */
export function clientCaFor(handle: DatabaseHandle, config: Config, now: () => Date): Promise<ClientCa> {
  let ca = instances.get(handle);
  if (!ca) {
    ca = loadClientCa(handle, config, now);
    instances.set(handle, ca);
    ca.catch(() => instances.delete(handle));
  }
  return ca;
}

async function loadClientCa(handle: DatabaseHandle, config: Config, now: () => Date): Promise<ClientCa> {
  const repo = systemCaRepo(handle.db);
  let { root, issuing } = await repo.active();
  if (!root || !issuing) {
    await createCa(handle, config.CA_KEY_ENCRYPTION_KEY, now());
    ({ root, issuing } = await repo.active());
  }
  if (!root || !issuing) throw new Error('client CA: no active root and issuing CA after init');
  assertCaUsable(config, root.demo || issuing.demo);
  let issuingKey: CryptoKey;
  try {
    issuingKey = await openKey(issuing.keySealed, config.CA_KEY_ENCRYPTION_KEY);
  } catch {
    throw new Error('client CA: the issuing key does not open with CA_KEY_ENCRYPTION_KEY (wrong key?)');
  }
  const material: CaMaterial = {
    rootCert: new x509.X509Certificate(root.certPem),
    issuingCert: new x509.X509Certificate(issuing.certPem),
    issuingKey,
  };
  const listeners = new Set<(t: TrustMaterial) => void>();
  let trust: TrustMaterial | undefined;
  const issuingId = issuing.id;
  const rootPem = root.certPem;
  const rootId = root.id;
  return {
    issuingId,
    rootPem,
    issuingPem: issuing.certPem,
    issue: (req) => issueLeaf(material, req),
    trust: () => trust,
    onTrustChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async refreshCrls(at) {
      const certs = systemCertificateRepo(handle.db);
      const ca: string[] = [rootPem];
      // Node's `crl` option checks the whole chain (CRL_CHECK_ALL): the root signs a CRL for its intermediates too.
      const rootSigner: CaMaterial = {
        ...material,
        issuingCert: material.rootCert,
        issuingKey: await openKey(root.keySealed, config.CA_KEY_ENCRYPTION_KEY),
      };
      const crl: string[] = [crlPem(await signCrl(rootSigner, [], await repo.nextCrlNumber(rootId), at))];
      for (const row of await repo.trustedIssuing(at)) {
        // Only the issuing CAs whose key opens here sign CRLs; a retired one is signed the same way.
        const key =
          row.id === issuingId ? issuingKey : await openKey(row.keySealed, config.CA_KEY_ENCRYPTION_KEY);
        const signer: CaMaterial = {
          ...material,
          issuingCert: new x509.X509Certificate(row.certPem),
          issuingKey: key,
        };
        const revoked = (await certs.revokedOf(row.id)).map((r) => ({
          serial: r.serial,
          revokedAt: r.revokedAt ?? at,
        }));
        const signed = await signCrl(signer, revoked, await repo.nextCrlNumber(row.id), at);
        ca.push(row.certPem);
        crl.push(crlPem(signed));
      }
      trust = { ca, crl };
      for (const l of listeners) l(trust);
      return trust;
    },
  };
}
