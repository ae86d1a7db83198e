// Cookie consent. Until the user chooses, the site sets only strictly necessary cookies (session, CSRF, trusted
// device: all set by the server, HttpOnly). The choice itself is kept in `openpbm_cookie_consent`
// ("necessary" or "preferences"), written only when the user chooses. With "preferences", the site may remember
// small settings in cookies (today: a hidden merger or sale notice, `openpbm_hidden_notice`).
import { CONSENT_COOKIE, type CookieConsent, isCookieConsent } from '@openpbm/shared/cookie-consent';

export type { CookieConsent };
export const HIDDEN_NOTICE_COOKIE = 'openpbm_hidden_notice';

const YEAR_SECONDS = 365 * 24 * 3600;

// The shell is also rendered at build time (app/shell-prerender.tsx), where there is no document: no choice yet.
const inBrowser = typeof document !== 'undefined';

function readCookie(name: string): string | null {
  if (!inBrowser) return null;
  const found = document.cookie.split('; ').find((c) => c.startsWith(`${name}=`));
  return found ? decodeURIComponent(found.slice(name.length + 1)) : null;
}

function writeCookie(name: string, value: string, maxAge = YEAR_SECONDS) {
  const secure = location.protocol === 'https:' ? '; Secure' : '';
  document.cookie = `${name}=${encodeURIComponent(value)}; Path=/; Max-Age=${maxAge}; SameSite=Lax${secure}`;
}

export function currentConsent(): CookieConsent | null {
  const value = readCookie(CONSENT_COOKIE);
  return isCookieConsent(value) ? value : null;
}

export function chooseConsent(consent: CookieConsent): void {
  writeCookie(CONSENT_COOKIE, consent);
  // Taking consent back removes what it allowed.
  if (consent === 'necessary') writeCookie(HIDDEN_NOTICE_COOKIE, '', 0);
  window.dispatchEvent(new Event('openpbm:cookie-consent'));
}

/** Remembers a hidden notice: in a cookie with consent to preferences, else for this tab only. */
export function rememberHiddenNotice(id: string): void {
  if (currentConsent() === 'preferences') writeCookie(HIDDEN_NOTICE_COOKIE, id);
  else sessionStorage.setItem(HIDDEN_NOTICE_COOKIE, id);
}

export function hiddenNotice(): string | null {
  if (!inBrowser) return null;
  return readCookie(HIDDEN_NOTICE_COOKIE) ?? sessionStorage.getItem(HIDDEN_NOTICE_COOKIE);
}
