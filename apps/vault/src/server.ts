// The vault's HTTP interface (node:http, JSON). Every request must be signed by the caller (signing.ts); the
// server listens on loopback or a unix socket only. Responses never echo a card number except the one answer
// to a detokenization for a payment.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cardBrand, cardNumberProblem, normalizeCardNumber } from '@openpbm/domain';
import type { VaultConfig } from './config';
import { cardFingerprint, deriveVaultKey, newCardToken, open, seal } from './crypto';
import { NonceCache, verifySignature } from './signing';
import type { VaultStore } from './store';

const MAX_BODY_BYTES = 4096;
const TOKEN_PATTERN = /^tok_[A-Za-z0-9_-]{32}$/;

/** Why detokenization is allowed at all: only to charge a card for an order. */
export const DETOKENIZE_PURPOSES = ['payment'] as const;

export interface RunningVault {
  server: Server;
  /** "http://127.0.0.1:<port>" or "unix:<path>". */
  url: string;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(code);
  }
}

export function createVaultHandler(
  config: Pick<VaultConfig, 'callerSecret' | 'encryptionKeyHex'>,
  store: VaultStore,
) {
  const key = deriveVaultKey(config.encryptionKeyHex);
  const nonces = new NonceCache();

  async function route(method: string, path: string, body: string): Promise<[number, unknown]> {
    if (method === 'GET' && path === '/health') return [200, { status: 'ok', cards: await store.count() }];
    if (method === 'POST' && path === '/v1/cards') return [201, await tokenize(parse(body))];
    if (method === 'POST' && path === '/v1/cards/detokenize') return [200, await detokenize(parse(body))];
    const del = /^\/v1\/cards\/([^/]+)$/.exec(path);
    if (method === 'DELETE' && del?.[1]) {
      const token = decodeURIComponent(del[1]);
      if (!TOKEN_PATTERN.test(token)) throw new HttpError(400, 'bad_token');
      const removed = await store.remove(token);
      if (removed) await store.logAccess(token, 'deleted', null, null);
      return [removed ? 200 : 404, { deleted: removed }];
    }
    throw new HttpError(404, 'not_found');
  }

  async function tokenize(input: Record<string, unknown>) {
    const digits = typeof input.cardNumber === 'string' ? normalizeCardNumber(input.cardNumber) : '';
    const expMonth = Number(input.expMonth);
    const expYear = Number(input.expYear);
    if (cardNumberProblem(digits)) throw new HttpError(400, 'invalid_card_number');
    if (!Number.isInteger(expMonth) || expMonth < 1 || expMonth > 12)
      throw new HttpError(400, 'invalid_expiry');
    if (!Number.isInteger(expYear) || expYear < 2000 || expYear > 2199)
      throw new HttpError(400, 'invalid_expiry');
    const token = newCardToken();
    const brand = cardBrand(digits);
    const last4 = digits.slice(-4);
    const sealed = seal(key, JSON.stringify({ cardNumber: digits, expMonth, expYear }), token);
    await store.insert({ token, sealed, brand, last4, expMonth, expYear });
    await store.logAccess(token, 'tokenized', null, null);
    return { token, brand, last4, expMonth, expYear, fingerprint: cardFingerprint(key, digits) };
  }

  async function detokenize(input: Record<string, unknown>) {
    const token = String(input.token ?? '');
    const purpose = String(input.purpose ?? '');
    const reference = typeof input.reference === 'string' ? input.reference.slice(0, 100) : '';
    if (!TOKEN_PATTERN.test(token)) throw new HttpError(400, 'bad_token');
    if (!(DETOKENIZE_PURPOSES as readonly string[]).includes(purpose) || !reference) {
      throw new HttpError(403, 'purpose_not_allowed');
    }
    const record = await store.find(token);
    if (!record) throw new HttpError(404, 'unknown_token');
    await store.logAccess(token, 'detokenized', purpose, reference);
    return JSON.parse(open(key, record.sealed, token)) as {
      cardNumber: string;
      expMonth: number;
      expYear: number;
    };
  }

  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const body = await readBody(req);
      const method = req.method ?? 'GET';
      const path = req.url ?? '/';
      if (
        !verifySignature({ secret: config.callerSecret, method, path, body, headers: req.headers, nonces })
      ) {
        throw new HttpError(401, 'unauthenticated');
      }
      const [status, payload] = await route(method, path.split('?')[0] ?? '/', body);
      send(res, status, payload);
    } catch (error) {
      // Never log the request: it may hold a card number. Only the error code leaves this function.
      const status = error instanceof HttpError ? error.status : 500;
      send(res, status, { error: error instanceof HttpError ? error.code : 'internal' });
    }
  };
}

function parse(body: string): Record<string, unknown> {
  try {
    const value = JSON.parse(body) as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new HttpError(400, 'bad_json');
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new HttpError(413, 'too_large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, payload: unknown): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(payload);
  res.writeHead(status, {
    'content-type': 'application/json',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** Listens on the unix socket when configured, else on the loopback host and port (0 = any free port). */
export async function listenVault(
  config: Pick<VaultConfig, 'callerSecret' | 'encryptionKeyHex' | 'host' | 'port' | 'socketPath'>,
  store: VaultStore,
): Promise<RunningVault> {
  const handler = createVaultHandler(config, store);
  const server = createServer((req, res) => void handler(req, res));
  server.headersTimeout = 10_000;
  server.requestTimeout = 15_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    if (config.socketPath) server.listen(config.socketPath, () => resolve());
    else server.listen(config.port, config.host, () => resolve());
  });
  const address = server.address();
  const url = config.socketPath
    ? `unix:${config.socketPath}`
    : `http://${formatHost((address as AddressInfo).address)}:${(address as AddressInfo).port}`;
  return {
    server,
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const formatHost = (host: string) => (host.includes(':') ? `[${host}]` : host);
