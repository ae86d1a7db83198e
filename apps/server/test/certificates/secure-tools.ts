// USED BY OTHER TESTS: the secure client tools answer only over mutual TLS with the signed-in user's own client
// certificate (issue 11). `secureTools(t)` starts the app's real mTLS listener on an ephemeral loopback port and
// gives an `inject`-shaped function that sends the request there, over a real TLS handshake, presenting a real
// certificate issued by the test database's CA to the session's user for the URL's client:
//
//   const tools = await secureTools(t);              // once per file (afterAll: tools.close())
//   const res = await tools.inject({ method: 'GET', url: `/api/clients/${id}/reports/plan?...`, headers });
//   expect(res.statusCode).toBe(200); res.json(); res.body; res.rawPayload; res.headers
//
// The certificate is issued once per user and client and kept; `inject({ ..., certificate: null })` sends none.
import type { IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { schema } from '@openpbm/db';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { privateKeyPem } from '../../src/certificates/ca';
import { systemCertificateRepo } from '../../src/certificates/ca-repo';
import { clientCaFor } from '../../src/certificates/ca-service';
import { userUri } from '../../src/certificates/csr';
import { type ClientTlsListener, startClientTlsListener } from '../../src/certificates/listener';
import { SESSION_COOKIE } from '../../src/identity/cookies';
import { createSessionService } from '../../src/identity/session-service';
import type { TestApp } from '../harness';

export interface Presented {
  /** The leaf and its issuing CA (PEM), as a client installs it. */
  pem: string;
  keyPem: string;
  serial: string;
}

export interface MtlsResponse {
  statusCode: number;
  headers: IncomingHttpHeaders;
  body: string;
  rawPayload: Buffer;
  json(): // biome-ignore lint/suspicious/noExplicitAny: the same loose shape as light-my-request's Response.json
  any;
}

export interface MtlsRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  payload?: unknown;
  /** The certificate to present; default: the session user's own for the URL's client; null: none. */
  certificate?: Presented | null;
}

export interface SecureTools {
  listener: ClientTlsListener;
  inject(req: MtlsRequest): Promise<MtlsResponse>;
  /** A certificate bound to the user (and the client, default: the user's own), issued by the real CA. */
  certificateFor(userId: string, clientId?: string): Promise<Presented>;
  close(): Promise<void>;
}

const CLIENT_IN_URL = /^\/api\/clients\/([0-9a-f-]{36})\//i;

/** `app`: another app node on the same database (default: the test app's). */
export async function secureTools(t: TestApp, app: FastifyInstance = t.app): Promise<SecureTools> {
  const listener = await startClientTlsListener({ app, deps: t.deps, host: '127.0.0.1', port: 0 });
  const sessions = createSessionService(t.deps);
  const issued = new Map<string, Promise<Presented>>();

  async function issue(userId: string, clientId: string): Promise<Presented> {
    const ca = await clientCaFor(t.db, t.deps.config, t.deps.now);
    const keys = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
      'sign',
      'verify',
    ])) as CryptoKeyPair;
    // Real time, not the test's clock: the TLS stack checks the validity period against the real one.
    const cert = await ca.issue({
      subject: `CN=test user ${userId.slice(-8)}`,
      publicKey: keys.publicKey,
      uris: [userUri(clientId, userId)],
      usage: 'clientAuth',
      notBefore: new Date(Date.now() - 60_000),
    });
    await systemCertificateRepo(t.db.db).insert({
      serial: cert.serialNumber,
      kind: 'user',
      userId,
      clientId,
      subject: cert.subject,
      certPem: cert.toString('pem'),
      issuerId: ca.issuingId,
      notBefore: cert.notBefore,
      notAfter: cert.notAfter,
    });
    return {
      pem: `${cert.toString('pem')}\n${ca.issuingPem}`,
      keyPem: await privateKeyPem(keys.privateKey),
      serial: cert.serialNumber,
    };
  }

  async function certificateFor(userId: string, clientId?: string): Promise<Presented> {
    let client = clientId;
    if (!client) {
      const [user] = await t.db.db
        .select({ clientId: schema.users.clientId })
        .from(schema.users)
        .where(eq(schema.users.id, userId));
      if (!user?.clientId) throw new Error(`user ${userId} belongs to no client: name the client`);
      client = user.clientId;
    }
    const key = `${userId}/${client}`;
    let got = issued.get(key);
    if (!got) {
      got = issue(userId, client);
      issued.set(key, got);
    }
    return got;
  }

  /** The session's user (from the cookie in the headers), so the certificate matches it by default. */
  async function sessionUser(headers: Record<string, string> | undefined): Promise<string | undefined> {
    const cookie = headers?.cookie ?? '';
    const token = cookie
      .split(/;\s*/)
      .find((c) => c.startsWith(`${SESSION_COOKIE}=`))
      ?.slice(SESSION_COOKIE.length + 1);
    return (await sessions.resolve(token))?.user.id;
  }

  async function inject(req: MtlsRequest): Promise<MtlsResponse> {
    let cert = req.certificate;
    if (cert === undefined) {
      const userId = await sessionUser(req.headers);
      if (!userId) throw new Error('secureTools.inject: no session in the headers; pass certificate');
      cert = await certificateFor(userId, CLIENT_IN_URL.exec(req.url)?.[1]);
    }
    const body =
      req.payload === undefined
        ? undefined
        : typeof req.payload === 'string' || Buffer.isBuffer(req.payload)
          ? req.payload
          : JSON.stringify(req.payload);
    const headers: Record<string, string> = { ...(req.headers ?? {}) };
    if (body !== undefined && typeof req.payload === 'object' && !Buffer.isBuffer(req.payload))
      headers['content-type'] ??= 'application/json';
    return new Promise((resolve, reject) => {
      const r = httpsRequest(
        {
          host: '127.0.0.1',
          port: listener.port,
          path: req.url,
          method: req.method ?? (body === undefined ? 'GET' : 'POST'),
          ca: listener.serverCaPem,
          agent: false, // a fresh handshake each time, as after a revocation
          ...(cert ? { cert: cert.pem, key: cert.keyPem } : {}),
          headers,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const rawPayload = Buffer.concat(chunks);
            const text = rawPayload.toString('utf8');
            resolve({
              statusCode: res.statusCode ?? 0,
              headers: res.headers,
              body: text,
              rawPayload,
              json: () => JSON.parse(text),
            });
          });
        },
      );
      r.on('error', reject);
      r.end(body);
    });
  }

  return { listener, inject, certificateFor, close: () => listener.close() };
}
