// The vault's HTTP interface (node:http, JSON). Every request must be signed by the caller (signing.ts); the
// server listens on loopback or a unix socket only. No response carries a card number: the vault charges the card
// itself, once per idempotency key.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cardBrand, cardNumberProblem, normalizeCardNumber } from '@openpbm/domain';
import type { VaultConfig } from './config';
import { cardFingerprint, deriveVaultKey, newCardToken, open, seal } from './crypto';
import { type CardProcessor, simulatedProcessor } from './processor';
import { NonceCache, verifySignature } from './signing';
import type { ChargeRecord, VaultStore } from './store';

const MAX_BODY_BYTES = 4096;
const TOKEN_PATTERN = /^tok_[A-Za-z0-9_-]{32}$/;
const CHARGE_KEY_PATTERN = /^[A-Za-z0-9:_-]{8,100}$/;
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
/** A pending charge untouched this long lost its caller mid-call: a resent key sends it to the processor again. */
export const STALE_CHARGE_MS = 30_000;

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
  processor: CardProcessor = simulatedProcessor,
) {
  const key = deriveVaultKey(config.encryptionKeyHex);
  const nonces = new NonceCache();

  async function route(method: string, path: string, body: string): Promise<[number, unknown]> {
    if (method === 'GET' && path === '/health') return [200, { status: 'ok', cards: await store.count() }];
    if (method === 'POST' && path === '/v1/cards') return [201, await tokenize(parse(body))];
    if (method === 'POST' && path === '/v1/charges') return [200, await charge(parse(body))];
    const found = /^\/v1\/charges\/([^/]+)$/.exec(path);
    if (method === 'GET' && found?.[1]) {
      const key = decodeURIComponent(found[1]);
      if (!CHARGE_KEY_PATTERN.test(key)) throw new HttpError(400, 'bad_idempotency_key');
      const record = await store.findCharge(key);
      if (!record) throw new HttpError(404, 'unknown_charge');
      return [200, chargeView(record)];
    }
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

  /**
   * Charges the card once per idempotency key. The key is claimed (a pending ledger row) before the processor is
   * called; the same key again gets the recorded answer, or `pending` while the first call is still out. A pending
   * charge whose caller died mid-call is sent again after STALE_CHARGE_MS under the same key (a gateway dedupes it).
   */
  async function charge(input: Record<string, unknown>) {
    const idempotencyKey = String(input.idempotencyKey ?? '');
    const token = String(input.token ?? '');
    const amountCents = Number(input.amountCents);
    const reference = typeof input.reference === 'string' ? input.reference.slice(0, 100) : '';
    const today = String(input.today ?? '');
    if (!CHARGE_KEY_PATTERN.test(idempotencyKey)) throw new HttpError(400, 'bad_idempotency_key');
    if (!TOKEN_PATTERN.test(token)) throw new HttpError(400, 'bad_token');
    if (!Number.isInteger(amountCents) || amountCents <= 0 || amountCents > 100_000_000)
      throw new HttpError(400, 'invalid_amount');
    if (!reference) throw new HttpError(400, 'bad_reference');
    if (!DATE_PATTERN.test(today)) throw new HttpError(400, 'bad_date');
    const card = await store.find(token);
    const claimed = card
      ? await store.startCharge({ idempotencyKey, token, amountCents, reference })
      : { created: false, charge: await store.findCharge(idempotencyKey) };
    if (!claimed.charge) throw new HttpError(404, 'unknown_token');
    if (!claimed.created) {
      const prior = claimed.charge;
      if (prior.token !== token || prior.amountCents !== amountCents)
        throw new HttpError(409, 'idempotency_key_reused');
      const stale = new Date(Date.now() - STALE_CHARGE_MS);
      if (prior.status !== 'pending' || !card || !(await store.retakeCharge(idempotencyKey, stale)))
        return chargeView(prior);
    }
    if (!card) throw new HttpError(404, 'unknown_token');
    await store.logAccess(token, 'charged', 'payment', reference);
    const details = JSON.parse(open(key, card.sealed, token)) as {
      cardNumber: string;
      expMonth: number;
      expYear: number;
    };
    const result = await processor.charge({ ...details, amountCents, reference, today, idempotencyKey });
    return chargeView(
      await store.finishCharge(
        idempotencyKey,
        result.approved
          ? { status: 'captured', processorReference: result.reference }
          : { status: 'declined', declineCode: result.declineCode },
      ),
    );
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

function chargeView(c: ChargeRecord) {
  return {
    idempotencyKey: c.idempotencyKey,
    status: c.status,
    amountCents: c.amountCents,
    reference: c.reference,
    processorReference: c.processorReference,
    declineCode: c.declineCode,
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
  processor?: CardProcessor,
): Promise<RunningVault> {
  const handler = createVaultHandler(config, store, processor);
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
