// Notification preferences per kind (e-mail on by default, push off) and the installed app's push subscriptions.
import { NOTIFICATION_KINDS, type NotificationKind } from '@openpbm/db/schema/messages';
import type { NotificationPreferencesResponse } from '@openpbm/shared/notifications';
import type { AppDeps } from '../app-deps';
import type { Principal } from '../identity/principal';
import { recordAudit } from '../privacy/audit';
import * as repo from './notification-repo';
import { vapidKeys } from './push';

export const NOTIFICATION_LABELS: Record<NotificationKind, string> = {
  refill_due: 'A refill is due, or an automatic refill needs attention',
  order_placed: 'We received an order',
  order_shipped: 'An order shipped',
  order_delivered: 'An order was delivered',
  order_exception: 'An order needs attention',
  payment_problem: 'A payment did not go through',
  transfer_update: 'A prescription transfer was completed or rejected',
  new_prescription: 'A new prescription or an answer from your doctor',
  prior_auth_update: 'A coverage request (prior authorization) was updated',
  customer_service: 'An answer from customer service',
  prescriber_message: 'A message from your prescriber’s office',
};

export async function getPreferences(
  deps: AppDeps,
  principal: Principal,
): Promise<NotificationPreferencesResponse> {
  const rows = await repo.preferencesOf(deps.db.db, principal.userId);
  const subscriptions = await repo.liveSubscriptions(deps.db.db, principal.userId);
  return {
    preferences: NOTIFICATION_KINDS.map((kind) => {
      const row = rows.find((r) => r.kind === kind);
      return { kind, label: NOTIFICATION_LABELS[kind], email: row?.email ?? true, push: row?.push ?? false };
    }),
    vapidPublicKey: vapidKeys(deps.config).publicKey,
    pushDevices: subscriptions.length,
  };
}

export async function savePreferences(
  deps: AppDeps,
  principal: Principal,
  ip: string | null,
  preferences: Array<{ kind: NotificationKind; email: boolean; push: boolean }>,
): Promise<NotificationPreferencesResponse> {
  const now = deps.now();
  for (const p of preferences)
    await repo.upsertPreference(deps.db.db, { userId: principal.userId, ...p, updatedAt: now });
  await recordAudit(
    deps.db.db,
    {
      actorUserId: principal.userId,
      actorRole: principal.role,
      action: 'updated',
      resourceType: 'notification_preferences',
      memberId: principal.memberId,
      reason: 'member_request',
      ip,
    },
    now,
  );
  return getPreferences(deps, principal);
}

export async function subscribePush(
  deps: AppDeps,
  principal: Principal,
  sub: { endpoint: string; keys: { p256dh: string; auth: string } },
): Promise<void> {
  await repo.saveSubscription(deps.db.db, {
    userId: principal.userId,
    endpoint: sub.endpoint,
    ...sub.keys,
    now: deps.now(),
  });
}

export async function unsubscribePush(deps: AppDeps, principal: Principal, endpoint: string): Promise<void> {
  await repo.removeSubscription(deps.db.db, principal.userId, endpoint);
}
