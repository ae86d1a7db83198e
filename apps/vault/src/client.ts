// The application's side of the vault: signed requests over loopback TCP or a unix socket. Card numbers pass
// through here in memory only, on the way in (tokenize); the vault charges a card itself and never gives it back.
import { request } from 'node:http';
import type { CardBrand } from '@openpbm/domain';
import { signedHeaders } from './signing';

export interface TokenizedCard {
  token: string;
  brand: CardBrand;
  last4: string;
  expMonth: number;
  expYear: number;
  /** Same card number, same fingerprint (keyed inside the vault): tells a card already on file. */
  fingerprint: string;
}

/** A charge in the vault's ledger; `pending`: its processor call is out (or its caller died during it). */
export interface VaultCharge {
  idempotencyKey: string;
  status: 'pending' | 'captured' | 'declined';
  amountCents: number;
  reference: string;
  processorReference: string | null;
  declineCode: string | null;
}

export interface ChargeRequest {
  /** One key per payment attempt: the same key again returns the first charge, never a second one. */
  idempotencyKey: string;
  token: string;
  amountCents: number;
  /** The order being paid, e.g. "order:HD-000123". */
  reference: string;
  /** 'YYYY-MM-DD', for the card's expiry check. */
  today: string;
}

export class VaultError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(`vault answered ${status} ${code}`);
    this.name = 'VaultError';
  }
}

export interface VaultClient {
  tokenize(card: { cardNumber: string; expMonth: number; expYear: number }): Promise<TokenizedCard>;
  /** Charges the card, at most once per idempotency key. */
  charge(request: ChargeRequest): Promise<VaultCharge>;
  /** The charge made under this key, or null when the vault never took it. */
  findCharge(idempotencyKey: string): Promise<VaultCharge | null>;
  remove(token: string): Promise<boolean>;
  health(): Promise<{ status: string; cards: number }>;
}

export function createVaultClient(url: string, callerSecret: string, timeoutMs = 5_000): VaultClient {
  const target = url.startsWith('unix:')
    ? { socketPath: url.slice('unix:'.length) }
    : (() => {
        const u = new URL(url);
        return { host: u.hostname.replace(/^\[|\]$/g, ''), port: Number(u.port) };
      })();

  function call<T>(method: string, path: string, payload?: unknown): Promise<{ status: number; body: T }> {
    const body = payload === undefined ? '' : JSON.stringify(payload);
    const headers = {
      ...signedHeaders(callerSecret, method, path, body),
      ...(body
        ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) }
        : {}),
    };
    return new Promise((resolve, reject) => {
      const req = request({ ...target, method, path, headers, timeout: timeoutMs }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          try {
            resolve({
              status: res.statusCode ?? 0,
              body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as T,
            });
          } catch {
            reject(new VaultError(res.statusCode ?? 0, 'bad_response'));
          }
        });
      });
      req.on('timeout', () => req.destroy(new VaultError(504, 'timeout')));
      req.on('error', (err) => reject(err instanceof VaultError ? err : new VaultError(503, 'unreachable')));
      req.end(body);
    });
  }

  async function expectOk<T>(p: Promise<{ status: number; body: T }>): Promise<T> {
    const { status, body } = await p;
    if (status >= 200 && status < 300) return body;
    throw new VaultError(status, String((body as { error?: string })?.error ?? 'error'));
  }

  return {
    tokenize: (card) => expectOk(call<TokenizedCard>('POST', '/v1/cards', card)),
    charge: (request) => expectOk(call<VaultCharge>('POST', '/v1/charges', request)),
    async findCharge(idempotencyKey) {
      const res = await call<VaultCharge>('GET', `/v1/charges/${encodeURIComponent(idempotencyKey)}`);
      if (res.status === 404) return null;
      return expectOk(Promise.resolve(res));
    },
    async remove(token) {
      const { status } = await call<{ deleted: boolean }>('DELETE', `/v1/cards/${encodeURIComponent(token)}`);
      if (status !== 200 && status !== 404) throw new VaultError(status, 'delete_failed');
      return status === 200;
    },
    health: () => expectOk(call<{ status: string; cards: number }>('GET', '/health')),
  };
}
