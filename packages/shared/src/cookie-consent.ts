// The cookie that keeps a visitor's cookie choice. The browser writes it (apps/web); the server reads it to send
// the page without the cookie banner once the choice is made (apps/server/src/platform/web-app.ts).
export const CONSENT_COOKIE = 'openpbm_cookie_consent';
export type CookieConsent = 'necessary' | 'preferences';

export const isCookieConsent = (value: unknown): value is CookieConsent =>
  value === 'necessary' || value === 'preferences';
