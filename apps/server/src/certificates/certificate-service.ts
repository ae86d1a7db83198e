// Issuing, renewing, revoking and listing client certificates. Who may do what:
// - a client user or advisor holding any live grant for the client gets a certificate for themselves;
// - the client's primary administrator or the account team gets one for a service identity of the client;
// - revocation: the certificate's own user, the client's primary administrator, or the account team.
// Every revocation signs fresh CRLs at once, and the mTLS listener swaps its secure context on that signal.
import type { AppDeps } from '../app-deps';
import { createClientAccess, grantExpiryFrom, noSuchClient } from '../clients/client-access';
import type { Principal } from '../identity/principal';
import { badRequest, conflict, notFound } from '../platform/problem';
import {
  type CertificateRow,
  certificateRepo,
  clientCertificateRepo,
  systemCertificateRepo,
} from './ca-repo';
import { clientCaFor } from './ca-service';
import { checkCsr, type Requester, serviceUri, userUri } from './csr';
import { systemPeopleRepo } from './people-repo';

const DAY = 86_400_000;
/** PEM blocks one after another, each ending in a newline (OpenSSL reads no block glued to the next). */
export const pemJoin = (...blocks: string[]) => blocks.map((b) => `${b.trim()}\n`).join('');
const ORG = 'OpenPBM Client Access';
/** Renewal opens this many days before the end (the reminders start at 30). */
export const RENEWAL_WINDOW_DAYS = 30;

export interface CertificateView {
  id: string;
  serial: string;
  kind: 'user' | 'service';
  clientId: string;
  serviceName: string | null;
  subject: string;
  notBefore: string;
  notAfter: string;
  status: 'active' | 'revoked' | 'expired';
  revokedAt: string | null;
  renewsId: string | null;
  daysLeft: number;
}

export const certificateView = (row: CertificateRow, now: Date): CertificateView => ({
  id: row.id,
  serial: row.serial,
  kind: row.kind,
  clientId: row.clientId,
  serviceName: row.serviceName,
  subject: row.subject,
  notBefore: row.notBefore.toISOString(),
  notAfter: row.notAfter.toISOString(),
  status: row.status === 'revoked' ? 'revoked' : row.notAfter <= now ? 'expired' : 'active',
  revokedAt: row.revokedAt?.toISOString() ?? null,
  renewsId: row.renewsId,
  daysLeft: Math.max(0, Math.ceil((row.notAfter.getTime() - now.getTime()) / DAY)),
});

export function createCertificateService(deps: AppDeps) {
  const db = deps.db.db;
  const access = createClientAccess(deps);
  const people = systemPeopleRepo(db);
  const certs = systemCertificateRepo(db);
  const ca = () => clientCaFor(deps.db, deps.config, deps.now);
  const dn = (cn: string, code: string) => `CN=${cn.replace(/[,+"\\<>;=]/g, '')}, OU=${code}, O=${ORG}`;

  async function requester(principal: Principal, clientId: string): Promise<Requester> {
    if ((await access.toolsFor(principal.userId, clientId)).length === 0) throw noSuchClient();
    const [user, client] = await Promise.all([people.user(principal.userId), people.client(clientId)]);
    if (!user || !client) throw noSuchClient();
    return {
      userId: user.id,
      username: user.username,
      clientId,
      clientCode: client.code,
      clientName: client.name,
    };
  }

  async function signFor(who: Requester, csrText: string, renewsId: string | null) {
    const checked = await checkCsr(csrText, who);
    if (!checked.ok) throw badRequest('The certificate request cannot be signed.', checked.errors);
    const authority = await ca();
    const now = deps.now();
    const subject = dn(who.username, who.clientCode);
    const cert = await authority.issue({
      subject,
      publicKey: checked.csr.publicKey,
      uris: [userUri(who.clientId, who.userId)],
      usage: 'clientAuth',
      notBefore: now,
    });
    return certs.insert({
      serial: cert.serialNumber,
      kind: 'user',
      userId: who.userId,
      clientId: who.clientId,
      subject,
      certPem: cert.toString('pem'),
      issuerId: authority.issuingId,
      notBefore: cert.notBefore,
      notAfter: cert.notAfter,
      renewsId,
    });
  }

  /** May this principal manage (download, revoke) the certificate? Otherwise it does not exist for them. */
  async function manageable(principal: Principal, id: string): Promise<CertificateRow> {
    const row = await certs.byId(id);
    if (!row) throw notFound('No certificate of yours has this id.');
    if (row.userId === principal.userId && row.kind === 'user') return row;
    if (principal.role === 'account_team') return row;
    if (await access.isPrimaryAdmin(principal.userId, row.clientId)) return row;
    throw notFound('No certificate of yours has this id.');
  }

  async function chainPem(row: CertificateRow): Promise<string> {
    const authority = await ca();
    return pemJoin(row.certPem, authority.issuingPem);
  }

  return {
    async issue(principal: Principal, clientId: string, csr: string) {
      const row = await signFor(await requester(principal, clientId), csr, null);
      return { certificate: certificateView(row, deps.now()), pem: await chainPem(row) };
    },

    /** A new certificate before the old one ends (within its last 30 days, or any time it is still active). */
    async renew(principal: Principal, id: string, csr: string) {
      const old = await certs.byId(id);
      if (!old || old.userId !== principal.userId || old.kind !== 'user')
        throw notFound('No certificate of yours has this id.');
      if (old.status === 'revoked')
        throw conflict('A revoked certificate cannot be renewed; request a new one.', 'invalid-state');
      const row = await signFor(await requester(principal, old.clientId), csr, old.id);
      return { certificate: certificateView(row, deps.now()), pem: await chainPem(row) };
    },

    async issueService(principal: Principal, clientId: string, serviceName: string, csr: string) {
      if (principal.role !== 'account_team') await access.requirePrimaryAdmin(principal, clientId);
      const client = await people.client(clientId);
      if (!client) throw noSuchClient();
      const now = deps.now();
      const userId = await people.serviceUser(clientId, client.code, serviceName, grantExpiryFrom(now), now);
      const who: Requester = {
        userId,
        username: serviceName,
        clientId,
        clientCode: client.code,
        clientName: client.name,
      };
      const checked = await checkCsr(csr, who);
      if (!checked.ok) throw badRequest('The certificate request cannot be signed.', checked.errors);
      const authority = await ca();
      const subject = dn(serviceName, client.code);
      const cert = await authority.issue({
        subject,
        publicKey: checked.csr.publicKey,
        uris: [serviceUri(clientId, serviceName)],
        usage: 'clientAuth',
        notBefore: now,
      });
      const row = await certs.insert({
        serial: cert.serialNumber,
        kind: 'service',
        userId,
        serviceName,
        clientId,
        subject,
        certPem: cert.toString('pem'),
        issuerId: authority.issuingId,
        notBefore: cert.notBefore,
        notAfter: cert.notAfter,
      });
      return { certificate: certificateView(row, now), pem: await chainPem(row) };
    },

    /** The client's service identities and their certificates (newest first); the route checks the administrator. */
    async serviceIdentities(clientId: string) {
      const now = deps.now();
      const byName = new Map<string, CertificateView[]>();
      for (const row of await clientCertificateRepo(db, { clientId }).all()) {
        if (row.kind !== 'service' || !row.serviceName) continue;
        byName.set(row.serviceName, [...(byName.get(row.serviceName) ?? []), certificateView(row, now)]);
      }
      return {
        identities: [...byName]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([serviceName, certificates]) => ({ serviceName, certificates })),
      };
    },

    async revoke(principal: Principal, id: string) {
      const row = await manageable(principal, id);
      const now = deps.now();
      if (await certs.revoke(row.id, principal.userId, now)) await (await ca()).refreshCrls(now);
      const after = await certs.byId(row.id);
      return certificateView(after ?? row, now);
    },

    async mine(principal: Principal) {
      const now = deps.now();
      return (await certificateRepo(db, { userId: principal.userId }).mine())
        .filter((r) => r.kind === 'user')
        .map((r) => certificateView(r, now));
    },

    async pem(principal: Principal, id: string) {
      return chainPem(await manageable(principal, id));
    },

    async caPem() {
      const authority = await ca();
      return pemJoin(authority.rootPem, authority.issuingPem);
    },

    async crlPem() {
      const authority = await ca();
      return pemJoin(...(authority.trust() ?? (await authority.refreshCrls(deps.now()))).crl);
    },

    /** The account team's inventory: by client, with the ones ending within 30 days and the revoked ones. */
    async inventory() {
      const now = deps.now();
      const soon = new Date(now.getTime() + RENEWAL_WINDOW_DAYS * DAY);
      const rows = await certs.inventory();
      const view = rows.map((r) => ({
        id: r.id,
        serial: r.serial,
        kind: r.kind,
        clientId: r.clientId,
        clientName: r.clientName,
        serviceName: r.serviceName,
        subject: r.subject,
        notAfter: r.notAfter.toISOString(),
        status: (r.status === 'revoked'
          ? 'revoked'
          : r.notAfter <= now
            ? 'expired'
            : 'active') as CertificateView['status'],
        revokedAt: r.revokedAt?.toISOString() ?? null,
        expiringSoon: r.status === 'active' && r.notAfter > now && r.notAfter <= soon,
      }));
      return {
        certificates: view,
        expiringWithin30Days: view.filter((c) => c.expiringSoon).length,
        revoked: view.filter((c) => c.status === 'revoked').length,
      };
    },
  };
}
