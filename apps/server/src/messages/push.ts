// Web Push to the installed app (VAPID, RFC 8291 encryption by the `web-push` library). The payload never carries
// health data: only "you have a new secure message" and the inbox path. VAPID keys are derived from APP_SECRET
// (stable across restarts, so browsers' subscriptions stay valid); a 404/410 from the push service retires the
// subscription.
import { createECDH, hkdfSync } from 'node:crypto';
import type { Agent } from 'node:https';
import webpush from 'web-push';
import type { AppDeps } from '../app-deps';
import * as repo from './notification-repo';

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
  subject: string;
}

const cache = new Map<string, VapidKeys>();

export function vapidKeys(
  config: Pick<AppDeps['config'], 'APP_SECRET' | 'MAIL_FROM' | 'PUBLIC_URL'>,
): VapidKeys {
  const cached = cache.get(config.APP_SECRET);
  if (cached) return cached;
  const seed = Buffer.from(
    hkdfSync('sha256', config.APP_SECRET, Buffer.alloc(0), 'openpbm vapid p-256 v1', 32),
  );
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(seed);
  const address = /<([^>]+)>/.exec(config.MAIL_FROM)?.[1] ?? config.MAIL_FROM;
  const keys = {
    publicKey: ecdh.getPublicKey().toString('base64url'),
    privateKey: seed.toString('base64url'),
    subject: config.PUBLIC_URL?.startsWith('https:') ? config.PUBLIC_URL : `mailto:${address}`,
  };
  cache.set(config.APP_SECRET, keys);
  return keys;
}

let agent: Agent | undefined;

/** An HTTPS agent for push requests (a private CA, or a test push service). */
export function usePushAgent(next: Agent | undefined): void {
  agent = next;
}

export const PUSH_PAYLOAD = JSON.stringify({
  title: 'OpenPBM',
  body: 'You have a new secure message.',
  url: '/members/messages',
});

/** Pushes "new message" to every live subscription of the user; returns how many were accepted. */
export async function pushNewMessage(deps: AppDeps, userId: string): Promise<number> {
  const keys = vapidKeys(deps.config);
  let delivered = 0;
  for (const sub of await repo.liveSubscriptions(deps.db.db, userId)) {
    try {
      await webpush.sendNotification(
        { endpoint: sub.endpoint, keys: { p256dh: sub.p256dh, auth: sub.auth } },
        PUSH_PAYLOAD,
        {
          vapidDetails: keys,
          TTL: 24 * 3600,
          urgency: 'normal',
          timeout: 5_000,
          ...(agent ? { agent } : {}),
        },
      );
      await repo.markSubscription(deps.db.db, sub.id, { successAt: deps.now() });
      delivered += 1;
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode;
      if (status === 404 || status === 410)
        await repo.markSubscription(deps.db.db, sub.id, { expiredAt: deps.now() });
    }
  }
  return delivered;
}
