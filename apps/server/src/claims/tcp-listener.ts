// The claims TCP listener: a pharmacy switch keeps a connection open and sends D.0 transmissions.
//
// Framing: each message is a 4-byte big-endian length followed by that many bytes (at most 65 KiB).
// Handshake (ASCII frames), a challenge-response on a per-pharmacy shared secret:
//   server → client  "OPBCLAIMS/1 CHALLENGE <64 hex: 32 random bytes>"
//   client → server  "AUTH <qualifier> <provider id> <64 hex>"   qualifier 01 = NPI, 07 = NCPDP provider ID;
//                    the hex is HMAC-SHA256(secret, "OPBCLAIMS/1|<challenge hex>|<qualifier>|<provider id>")
//   server → client  "OK" (then D.0 traffic) or "ERR <reason>" and the connection closes.
// Afterwards every client frame is one D.0 request and gets exactly one D.0 response frame, in order. The
// authenticated pharmacy signs every transmission: a header service provider ID that is not this pharmacy's
// NPI/NCPDP ID is rejected with 50. The secret never crosses the wire and a fresh challenge per connection
// defeats replaying a captured handshake. The listener binds to loopback by default; with TLS_CERT_FILE and
// TLS_KEY_FILE set it speaks TLS (needed before exposing it beyond the host).
// Secrets: CLAIMS_TCP_SECRETS="<provider id>=<secret>,…" (32+ characters each).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import net from 'node:net';
import tls from 'node:tls';
import { type Database, schema } from '@openpbm/db';
import type { Config } from '@openpbm/shared/config';
import { eq } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { MisconfiguredError } from '../platform/internal-errors';
import { tlsOptionsFromConfig } from '../platform/tls';
import { type ClaimsService, logVendorSegments } from './service';
import { FrameDecoder, FrameTooLarge, frame } from './tcp-framing';

export const PROTOCOL = 'OPBCLAIMS/1';
const AUTH_TIMEOUT_MS = 10_000;
const IDLE_TIMEOUT_MS = 5 * 60_000;
const MIN_SECRET_LENGTH = 32;

/** The HMAC a client proves its secret with (exported for the client). */
export function handshakeMac(
  secret: string,
  challenge: string,
  qualifier: string,
  providerId: string,
): string {
  return createHmac('sha256', secret)
    .update(`${PROTOCOL}|${challenge}|${qualifier}|${providerId}`)
    .digest('hex');
}

/** "id=secret,id=secret" → Map; refuses short secrets so a weak configuration never starts. */
export function parseSecrets(value: string): Map<string, string> {
  const secrets = new Map<string, string>();
  for (const entry of value
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const at = entry.indexOf('=');
    const id = entry.slice(0, at).trim();
    const secret = entry.slice(at + 1);
    if (at <= 0 || !/^[0-9]{7,15}$/.test(id))
      throw new MisconfiguredError('CLAIMS_TCP_SECRETS: entries are "<provider id>=<secret>"');
    if (secret.length < MIN_SECRET_LENGTH) {
      throw new MisconfiguredError(
        `CLAIMS_TCP_SECRETS: the secret for ${id} must be at least ${MIN_SECRET_LENGTH} characters`,
      );
    }
    secrets.set(id, secret);
  }
  return secrets;
}

export interface ClaimsTcpListener {
  port: number;
  /** Stops at once: every connection is cut. */
  close(): Promise<void>;
  /** Graceful stop (see drainConnections). */
  drain(deadlineMs: number): Promise<DrainReport>;
}

export interface DrainReport {
  /** Claim frames received and not yet answered when the drain began. */
  framesInFlight: number;
  /** Connections still open at the deadline, cut then. */
  cut: number;
}

export interface ClaimsTcpOptions {
  db: Database;
  claims: ClaimsService;
  config: Pick<
    Config,
    'CLAIMS_TCP_HOST' | 'CLAIMS_TCP_PORT' | 'CLAIMS_TCP_SECRETS' | 'TLS_CERT_FILE' | 'TLS_KEY_FILE'
  >;
  log?: FastifyBaseLogger;
}

export async function startClaimsTcpListener(options: ClaimsTcpOptions): Promise<ClaimsTcpListener> {
  const { config, claims, db, log } = options;
  const secrets = parseSecrets(config.CLAIMS_TCP_SECRETS);
  /** Open connections, with the count of frames each has received and not yet answered. */
  const pendingFrames = new Map<net.Socket, number>();
  let draining = false;

  async function pharmacyFor(qualifier: string, providerId: string): Promise<string | null> {
    const column =
      qualifier === '01' ? schema.pharmacies.npi : qualifier === '07' ? schema.pharmacies.ncpdpId : null;
    if (!column) return null;
    const [row] = await db
      .select({ id: schema.pharmacies.id, status: schema.pharmacies.status })
      .from(schema.pharmacies)
      .where(eq(column, providerId));
    return row && row.status === 'active' ? row.id : null;
  }

  function serve(socket: net.Socket): void {
    pendingFrames.set(socket, 0);
    socket.on('close', () => pendingFrames.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.setNoDelay(true);
    const challenge = randomBytes(32).toString('hex');
    const decoder = new FrameDecoder();
    let pharmacyId: string | null = null;
    let queue: Promise<void> = Promise.resolve();
    const authTimer = setTimeout(() => fail('authentication timed out'), AUTH_TIMEOUT_MS);
    socket.setTimeout(IDLE_TIMEOUT_MS, () => socket.end());

    function fail(reason: string): void {
      clearTimeout(authTimer);
      if (!socket.destroyed) socket.end(frame(`ERR ${reason}`));
    }

    async function authenticate(message: string): Promise<void> {
      const [verb, qualifier = '', providerId = '', mac = ''] = message.split(' ');
      const secret = secrets.get(providerId);
      const expected = secret
        ? Buffer.from(handshakeMac(secret, challenge, qualifier, providerId), 'hex')
        : null;
      const given = /^[0-9a-f]{64}$/.test(mac) ? Buffer.from(mac, 'hex') : null;
      const valid = verb === 'AUTH' && expected && given && timingSafeEqual(expected, given);
      const id = valid ? await pharmacyFor(qualifier, providerId) : null;
      if (!id) {
        log?.warn({ event: 'claims_tcp_auth_failed' }, 'claims TCP authentication failed');
        return fail('authentication failed');
      }
      clearTimeout(authTimer);
      pharmacyId = id;
      socket.write(frame('OK'));
    }

    async function handle(payload: Buffer): Promise<void> {
      if (socket.destroyed) return;
      if (!pharmacyId) return authenticate(payload.toString('latin1'));
      try {
        const result = await claims.processBytes(new Uint8Array(payload), { pharmacyId });
        if (log) logVendorSegments(log, result.vendorSegments);
        if (!socket.destroyed) socket.write(frame(result.response));
      } catch (err) {
        log?.error({ err }, 'claims TCP transmission failed');
        socket.destroy();
      }
    }

    socket.write(frame(`${PROTOCOL} CHALLENGE ${challenge}`));
    socket.on('data', (chunk: Buffer) => {
      let frames: Buffer[];
      try {
        frames = decoder.push(chunk);
      } catch (err) {
        if (err instanceof FrameTooLarge) return fail('frame too large');
        throw err;
      }
      // Frames that arrive after our goodbye (see drainConnections) are read and dropped: unread data would
      // make the kernel answer with a reset, and an unanswered claim is one the pharmacy retries.
      if (socket.writableEnded) return;
      // One transmission at a time per connection, answered in order.
      for (const payload of frames) {
        pendingFrames.set(socket, (pendingFrames.get(socket) ?? 0) + 1);
        queue = queue
          .then(() => handle(Buffer.from(payload)))
          .catch(() => {
            socket.destroy();
          })
          .finally(() => {
            const left = (pendingFrames.get(socket) ?? 1) - 1;
            pendingFrames.set(socket, left);
            if (draining && left === 0) socket.end();
          });
      }
    });
  }

  const tlsOptions = tlsOptionsFromConfig(config);
  const useTls = tlsOptions !== null;
  const server = tlsOptions ? tls.createServer(tlsOptions, serve) : net.createServer(serve);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.CLAIMS_TCP_PORT, config.CLAIMS_TCP_HOST, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.CLAIMS_TCP_PORT;
  log?.info({ port, host: config.CLAIMS_TCP_HOST, tls: useTls }, 'claims TCP listener started');
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of pendingFrames.keys()) socket.destroy();
        server.close(() => resolve());
      }),
    drain(deadlineMs) {
      draining = true;
      return drainConnections(server, pendingFrames, deadlineMs);
    },
  };
}

/**
 * Stops accepting connections; each connection answers the frames it has already received, then says goodbye
 * with a FIN (an idle one at once), never a reset. A connection still open at the deadline is cut.
 */
async function drainConnections(
  server: net.Server,
  pendingFrames: Map<net.Socket, number>,
  deadlineMs: number,
): Promise<DrainReport> {
  let framesInFlight = 0;
  for (const pending of pendingFrames.values()) framesInFlight += pending;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  for (const [socket, pending] of pendingFrames) if (pending === 0) socket.end();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'deadline'>((resolve) => {
    timer = setTimeout(() => resolve('deadline'), deadlineMs);
  });
  const outcome = await Promise.race([closed, deadline]);
  clearTimeout(timer);
  const cut = outcome === 'deadline' ? pendingFrames.size : 0;
  for (const socket of pendingFrames.keys()) socket.destroy();
  await closed;
  return { framesInFlight, cut };
}
