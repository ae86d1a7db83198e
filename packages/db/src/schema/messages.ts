// Secure messages inside the portal and how members want to hear about them. E-mails never carry the message:
// only a unique pick-up link that opens it after sign-in (the token is stored as its SHA-256 only).
import { sql } from 'drizzle-orm';
import { boolean, check, index, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, oneOf, requiredRef, timestamptz } from './columns';
import { members } from './members';
import { users } from './users';

/** What a notification is about; members choose e-mail and push per kind. */
export const NOTIFICATION_KINDS = [
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
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const secureMessages = pgTable(
  'secure_messages',
  {
    id: id(),
    recipientUserId: requiredRef('recipient_user_id', () => users.id),
    /** The member the message is about (may be a family member of the recipient). */
    memberId: uuid('member_id').references(() => members.id),
    kind: text('kind', { enum: NOTIFICATION_KINDS }).notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    /** Link inside the portal the message points to, e.g. "/members/orders/<id>". */
    portalPath: text('portal_path'),
    /** SHA-256 (base64url) of the pick-up token e-mailed to the recipient; null when no e-mail was sent. */
    pickupTokenHash: text('pickup_token_hash'),
    /** Stops a job from sending the same notice twice (e.g. "refill_due:<prescriptionId>:<date>"). */
    dedupeKey: text('dedupe_key'),
    createdAt: createdAt(),
    emailedAt: timestamptz('emailed_at'),
    pushedAt: timestamptz('pushed_at'),
    readAt: timestamptz('read_at'),
  },
  (t) => [
    index('secure_messages_recipient_idx').on(t.recipientUserId, t.createdAt),
    uniqueIndex('secure_messages_pickup_uq')
      .on(t.pickupTokenHash)
      .where(sql`${t.pickupTokenHash} is not null`),
    uniqueIndex('secure_messages_dedupe_uq').on(t.dedupeKey).where(sql`${t.dedupeKey} is not null`),
    check('secure_messages_kind_ck', oneOf(t.kind, NOTIFICATION_KINDS)),
  ],
);

/** One row per user and kind once the user changed it; without a row e-mail is on and push is off. */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    userId: requiredRef('user_id', () => users.id),
    kind: text('kind', { enum: NOTIFICATION_KINDS }).notNull(),
    email: boolean('email').notNull(),
    push: boolean('push').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.kind], name: 'notification_preferences_pk' }),
    check('notification_preferences_kind_ck', oneOf(t.kind, NOTIFICATION_KINDS)),
  ],
);

/** Web Push subscriptions of the installed app (one per browser). */
export const pushSubscriptions = pgTable(
  'push_subscriptions',
  {
    id: id(),
    userId: requiredRef('user_id', () => users.id),
    endpoint: text('endpoint').notNull(),
    p256dh: text('p256dh').notNull(),
    auth: text('auth').notNull(),
    createdAt: createdAt(),
    lastSuccessAt: timestamptz('last_success_at'),
    /** Set when the push service answered 404/410: the subscription is gone and is no longer used. */
    expiredAt: timestamptz('expired_at'),
  },
  (t) => [
    uniqueIndex('push_subscriptions_endpoint_uq').on(t.endpoint),
    index('push_subscriptions_user_idx').on(t.userId),
  ],
);

export type SecureMessage = typeof secureMessages.$inferSelect;
export type NotificationPreference = typeof notificationPreferences.$inferSelect;
export type PushSubscriptionRow = typeof pushSubscriptions.$inferSelect;
