// Device cookies (the OWASP pattern against lockout abuse). After a successful sign-in the browser holds a device
// token signed with APP_SECRET (nonce.HMAC), and known_devices binds its hash to that user. A sign-in attempt from
// a browser presenting a valid token for that user is counted against that device's own budget (growing delays,
// staff lockout); every other attempt shares the account's budget. So failures from strangers never hold the owner
// back, and a stranger, who cannot obtain a device token for someone else's account, guesses no faster than before.
import type { Database } from '@openpbm/db';
import type { User } from '@openpbm/db/schema/users';
import * as repo from './identity-repo';
import { appHmac, constantTimeEqual, hashToken, newToken } from './secrets';

const PURPOSE = 'device cookie';
/** known_devices needs a user id even for an unknown username, so the look-up costs the same. */
const NO_USER = '00000000-0000-0000-0000-000000000000';

export function newDeviceToken(appSecret: string): string {
  const nonce = newToken();
  return `${nonce}.${appHmac(appSecret, PURPOSE, nonce)}`;
}

/** The stored hash of a token signed with our key; null for a missing, forged or older unsigned token. */
export function signedDeviceHash(appSecret: string, token: string | undefined): string | null {
  if (!token || token.length > 200) return null;
  const [nonce, mac, extra] = token.split('.');
  if (!nonce || !mac || extra !== undefined) return null;
  return constantTimeEqual(mac, appHmac(appSecret, PURPOSE, nonce)) ? hashToken(token) : null;
}

/** Where one sign-in attempt's failures are counted. */
export interface FailureBudget {
  /** Growing delays: the device's own for a trusted browser, else the account's (HMAC of the username). */
  throttleKey: string;
  /** The staff lockout window: the device's own for a trusted browser, else the account's. */
  staffKey: string;
  /** Hash of the device token when this browser is trusted for this user. */
  trustedDevice: string | null;
}

export async function failureBudget(
  db: Database,
  appSecret: string,
  user: User | null,
  accountKey: string,
  deviceToken: string | undefined,
): Promise<FailureBudget> {
  const hash = signedDeviceHash(appSecret, deviceToken);
  const trusted = hash !== null && (await repo.isKnownDevice(db, user?.id ?? NO_USER, hash));
  return budgetOf(user, accountKey, trusted ? hash : null);
}

/** The budget when it is already known whether the browser's (signed) device hash is one of the user's devices. */
export function budgetOf(
  user: User | null,
  accountKey: string,
  knownDeviceHash: string | null,
): FailureBudget {
  if (knownDeviceHash && user)
    return {
      throttleKey: `device:${knownDeviceHash}:${user.id}`,
      staffKey: `staff-device:${knownDeviceHash}:${user.id}`,
      trustedDevice: knownDeviceHash,
    };
  return { throttleKey: accountKey, staffKey: `staff:${user?.id ?? NO_USER}`, trustedDevice: null };
}
