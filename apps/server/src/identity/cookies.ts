// Cookie names and attributes. Session, CSRF-secret and device cookies are HttpOnly, Secure, SameSite=Strict,
// Path=/ and host-only: the `__Host-` prefix makes the browser refuse them from a sibling subdomain or without
// Secure. Chromium treats http://127.0.0.1 and http://localhost as secure contexts, so `__Host-` cookies also work
// in development and the browser journeys over plain HTTP (verified in e2e/identity-*.e2e.ts); other hosts over
// plain HTTP are not supported in development (use TLS_CERT_FILE/TLS_KEY_FILE).
import type { CookieSerializeOptions } from '@fastify/cookie';

export const SESSION_COOKIE = '__Host-openpbm_session';
export const CSRF_COOKIE = '__Host-openpbm_csrf';
export const DEVICE_COOKIE = '__Host-openpbm_device';

/** The header a client sends the CSRF token in (from GET /api/identity/csrf). */
export const CSRF_HEADER = 'x-csrf-token';

export const baseCookieOptions: CookieSerializeOptions = {
  path: '/',
  httpOnly: true,
  secure: true,
  sameSite: 'strict',
};

/** The session cookie has no Max-Age: it ends with the browser, and the server ends it sooner (idle/absolute). */
export const sessionCookieOptions: CookieSerializeOptions = { ...baseCookieOptions };

/** A year: the device id only tells "seen before" for new-device e-mails. */
export const deviceCookieOptions: CookieSerializeOptions = { ...baseCookieOptions, maxAge: 365 * 24 * 3600 };

interface CookieReply {
  setCookie(name: string, value: string, options: CookieSerializeOptions): unknown;
}

export function setSessionCookie(reply: CookieReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, sessionCookieOptions);
}

export function setDeviceCookie(reply: CookieReply, token: string | null): void {
  if (token) reply.setCookie(DEVICE_COOKIE, token, deviceCookieOptions);
}
