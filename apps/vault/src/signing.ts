// Request authentication between the application and the vault: HMAC-SHA256 over method, path, timestamp, a
// one-time nonce and the body's SHA-256, under the shared caller secret. A request older than the allowed skew, a
// reused nonce or a wrong signature is refused.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-vault-signature';
export const TIMESTAMP_HEADER = 'x-vault-timestamp';
export const NONCE_HEADER = 'x-vault-nonce';
export const MAX_SKEW_MS = 60_000;

export function signatureFor(
  secret: string,
  method: string,
  path: string,
  timestamp: string,
  nonce: string,
  body: string,
) {
  const bodyHash = createHash('sha256').update(body, 'utf8').digest('hex');
  return createHmac('sha256', secret)
    .update([method.toUpperCase(), path, timestamp, nonce, bodyHash].join('\n'), 'utf8')
    .digest('base64url');
}

export function signedHeaders(secret: string, method: string, path: string, body: string, now = Date.now()) {
  const timestamp = String(now);
  const nonce = randomBytes(16).toString('base64url');
  return {
    [TIMESTAMP_HEADER]: timestamp,
    [NONCE_HEADER]: nonce,
    [SIGNATURE_HEADER]: signatureFor(secret, method, path, timestamp, nonce, body),
  };
}

/** Remembers nonces for the skew window, so a captured request cannot be replayed. */
export class NonceCache {
  private readonly seen = new Map<string, number>();

  /** False when the nonce was already used. */
  use(nonce: string, now: number): boolean {
    for (const [key, at] of this.seen) {
      if (now - at > 2 * MAX_SKEW_MS) this.seen.delete(key);
      else break; // insertion order = time order
    }
    if (this.seen.has(nonce)) return false;
    this.seen.set(nonce, now);
    return true;
  }
}

export function verifySignature(args: {
  secret: string;
  method: string;
  path: string;
  body: string;
  headers: Record<string, string | string[] | undefined>;
  nonces: NonceCache;
  now?: number;
}): boolean {
  const now = args.now ?? Date.now();
  const get = (name: string) => {
    const value = args.headers[name];
    return typeof value === 'string' ? value : undefined;
  };
  const timestamp = get(TIMESTAMP_HEADER);
  const nonce = get(NONCE_HEADER);
  const signature = get(SIGNATURE_HEADER);
  if (!timestamp || !nonce || !signature || !/^\d{1,16}$/.test(timestamp) || nonce.length > 64) return false;
  if (Math.abs(now - Number(timestamp)) > MAX_SKEW_MS) return false;
  const expected = Buffer.from(
    signatureFor(args.secret, args.method, args.path, timestamp, nonce, args.body),
  );
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return false;
  return args.nonces.use(nonce, now);
}
