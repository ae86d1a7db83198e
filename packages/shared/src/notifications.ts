// API contracts for notification preferences and web push subscriptions.
import { z } from 'zod';
import { text } from './input';

export const notificationKind = z.enum([
  'refill_due',
  'order_placed',
  'order_shipped',
  'order_delivered',
  'order_exception',
  'payment_problem',
  'transfer_update',
  'new_prescription',
  'prior_auth_update',
  'customer_service',
  'prescriber_message',
]);

export const notificationPreferencesResponse = z.object({
  preferences: z.array(
    z.object({ kind: notificationKind, label: z.string(), email: z.boolean(), push: z.boolean() }),
  ),
  /** Application server key for PushManager.subscribe (base64url). */
  vapidPublicKey: z.string(),
  /** Browsers with a live push subscription. */
  pushDevices: z.number().int(),
});
export type NotificationPreferencesResponse = z.infer<typeof notificationPreferencesResponse>;

export const savePreferencesRequest = z.object({
  preferences: z
    .array(z.object({ kind: notificationKind, email: z.boolean(), push: z.boolean() }))
    .min(1)
    .max(20),
});

export const pushSubscriptionRequest = z.object({
  endpoint: text(1000)
    .url()
    .refine((u) => u.startsWith('https://'), 'Push endpoints use HTTPS'),
  keys: z.object({ p256dh: text(200).min(20), auth: text(100).min(8) }),
});
