// Random tokens and their stored form. A token is 256 bits from the OS CSPRNG, sent base64url; the database keeps
// only SHA-256 of it (a fast hash is enough for a 256-bit secret), so a database leak yields no usable token.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const newToken = (): string => randomBytes(32).toString('base64url');

export const hashToken = (token: string): string =>
  createHash('sha256').update(token, 'utf8').digest('base64url');

/** Keyed HMAC-SHA256 (base64url) under a purpose-specific key derived from APP_SECRET. */
export function appHmac(appSecret: string, purpose: string, value: string): string {
  const key = createHmac('sha256', appSecret).update(`openpbm ${purpose}`).digest();
  return createHmac('sha256', key).update(value, 'utf8').digest('base64url');
}

export function constantTimeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
