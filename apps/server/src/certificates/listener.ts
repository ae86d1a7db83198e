// The mTLS listener for the secure client tools: its own port, TLS 1.2+ with the platform's cipher policy, asks
// every client for a certificate and verifies it against the issuing CA(s) and the current CRL(s). When a
// revocation re-signs the CRL the listener swaps its secure context (setSecureContext), so new handshakes see
// it without a restart. Verified requests go on into the same Fastify app (app.routing), carrying the
// certificate's row; the app's hook then binds it to the session. A request without a good certificate gets a
// 401 problem that says how to get or renew one.

import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps';
import { PROBLEM_CONTENT_TYPE } from '../platform/problem';
import { hardenedTls } from '../platform/tls';
import { privateKeyPem } from './ca';
import { systemCertificateRepo } from './ca-repo';
import { clientCaFor, type TrustMaterial } from './ca-service';
import { markPresented } from './mtls-identity';
import { certificateRequired } from './required';

export interface ClientTlsListener {
  port: number;
  url: string;
  /** The CA certificates a client should trust for this listener's server certificate (PEM). */
  serverCaPem: string;
  /** Stops accepting; requests being served get until `deadlineMs` (default 0: cut at once). */
  close(deadlineMs?: number): Promise<void>;
}

/** Why the TLS stack refused the certificate, in words a client user can act on. */
const REASONS: Record<string, string> = {
  CERT_HAS_EXPIRED: 'The certificate presented has expired.',
  CERT_NOT_YET_VALID: 'The certificate presented is not valid yet.',
  CERT_REVOKED: 'The certificate presented was revoked.',
  UNABLE_TO_GET_ISSUER_CERT: 'The certificate presented was not issued by the OpenPBM client-access CA.',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    'The certificate presented was not issued by the OpenPBM client-access CA.',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE:
    'The certificate presented was not issued by the OpenPBM client-access CA.',
  DEPTH_ZERO_SELF_SIGNED_CERT:
    'The certificate presented is self-signed, not issued by the OpenPBM client-access CA.',
  SELF_SIGNED_CERT_IN_CHAIN: 'The certificate presented was not issued by the OpenPBM client-access CA.',
  CERT_SIGNATURE_FAILURE: 'The certificate presented was not issued by the OpenPBM client-access CA.',
};

function refuse(res: ServerResponse, detail: string, config: AppDeps['config']): void {
  const problem = certificateRequired(detail, config).toProblem();
  res.writeHead(401, { 'content-type': PROBLEM_CONTENT_TYPE, 'cache-control': 'no-store' });
  res.end(JSON.stringify(problem));
}

const normalSerial = (s: string) => s.toLowerCase().replace(/^0+/, '');

export async function startClientTlsListener(opts: {
  app: FastifyInstance;
  deps: AppDeps;
  host: string;
  port: number;
}): Promise<ClientTlsListener> {
  const { app, deps } = opts;
  const ca = await clientCaFor(deps.db, deps.config, deps.now);
  const trust = ca.trust() ?? (await ca.refreshCrls(new Date()));
  const server = await serverIdentity(deps, ca, opts.host);
  const certs = systemCertificateRepo(deps.db.db);

  const contextOf = (t: TrustMaterial) => ({
    ...hardenedTls({ cert: server.cert, key: server.key }),
    ca: t.ca,
    crl: t.crl,
    // Ask for a certificate; verify it (chain + CRL) but answer a failure with a problem, not a bare reset.
    requestCert: true,
    rejectUnauthorized: false,
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const socket = req.socket as TLSSocket;
    const peer = socket.getPeerCertificate();
    if (!peer || Object.keys(peer).length === 0)
      return refuse(res, 'No client certificate came with this request.', deps.config);
    if (!socket.authorized) {
      const code = String(
        (socket.authorizationError as unknown as { code?: string })?.code ?? socket.authorizationError,
      );
      return refuse(res, REASONS[code] ?? `The certificate presented was refused (${code}).`, deps.config);
    }
    // Defense in depth: the database must know the serial and hold it active (another node may have revoked it
    // a moment before this node's CRL reload, or a resumed TLS session skipped the CRL check).
    const row = await certs.bySerial(normalSerial(peer.serialNumber));
    if (row?.status !== 'active') return refuse(res, 'The certificate presented was revoked.', deps.config);
    if (row.notAfter <= new Date()) return refuse(res, 'The certificate presented has expired.', deps.config);
    markPresented(req, row);
    app.routing(req, res);
  }

  const https: Server = createServer(contextOf(trust), (req, res) => {
    handle(req, res).catch((err) => {
      app.log.error({ err }, 'mTLS listener');
      if (!res.headersSent) refuse(res, 'The certificate could not be checked; try again.', deps.config);
    });
  });
  const unsubscribe = ca.onTrustChange((t) => https.setSecureContext(contextOf(t)));
  // Other app nodes revoke too, and a CRL has a next-update date: re-sign and reload every 10 minutes anyway.
  const timer = setInterval(() => void ca.refreshCrls(new Date()).catch(() => {}), 10 * 60_000);
  timer.unref();

  await new Promise<void>((resolve, reject) => {
    https.once('error', reject);
    https.listen(opts.port, opts.host, () => resolve());
  });
  const port = (https.address() as AddressInfo).port;
  const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host === '0.0.0.0' ? 'localhost' : opts.host;
  const url = `https://${host}:${port}`;
  // The certificate-required problem links here unless CLIENT_TLS_URL names the address users reach.
  if (!deps.config.clientTlsUrl) deps.config.clientTlsUrl = url;
  return {
    port,
    url,
    serverCaPem: server.caPem,
    async close(deadlineMs = 0) {
      clearInterval(timer);
      unsubscribe();
      const closed = new Promise<void>((resolve) => https.close(() => resolve()));
      https.closeIdleConnections();
      const cut = setTimeout(() => https.closeAllConnections(), deadlineMs);
      await closed;
      clearTimeout(cut);
    },
  };
}

/** TLS_CERT_FILE/TLS_KEY_FILE when set; otherwise a server certificate from the client CA for this host. */
async function serverIdentity(
  deps: AppDeps,
  ca: Awaited<ReturnType<typeof clientCaFor>>,
  host: string,
): Promise<{ cert: string | Buffer; key: string | Buffer; caPem: string }> {
  const { TLS_CERT_FILE, TLS_KEY_FILE } = deps.config;
  if (TLS_CERT_FILE && TLS_KEY_FILE)
    return { cert: readFileSync(TLS_CERT_FILE), key: readFileSync(TLS_KEY_FILE), caPem: '' };
  const keys = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
    'sign',
    'verify',
  ]);
  const ips = ['127.0.0.1', '::1', ...(/^[\d.]+$/.test(host) && host !== '0.0.0.0' ? [host] : [])];
  const dnsNames = ['localhost', ...(/[a-z]/i.test(host) ? [host] : [])];
  const cert = await ca.issue({
    subject: 'CN=OpenPBM secure client tools',
    publicKey: keys.publicKey,
    dnsNames: [...new Set(dnsNames)],
    ips: [...new Set(ips)],
    usage: 'serverAuth',
    notBefore: new Date(Date.now() - 60_000),
    days: 90,
  });
  return {
    cert: `${cert.toString('pem')}\n${ca.issuingPem}`,
    key: await privateKeyPem(keys.privateKey),
    caPem: ca.rootPem,
  };
}
