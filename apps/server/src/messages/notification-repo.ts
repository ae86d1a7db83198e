// SQL for notification preferences, push subscriptions and who receives a member's notices. Messages themselves
// are stored by secure-message-repo.ts.
import { type Database, schema } from '@openpbm/db';
import type { NotificationKind } from '@openpbm/db/schema/messages';
import { and, eq, inArray, isNull } from 'drizzle-orm';

const { notificationPreferences, users, members, pushSubscriptions } = schema;

export async function preferencesOf(db: Database, userId: string) {
  return db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, userId));
}

export async function upsertPreference(
  db: Database,
  row: { userId: string; kind: NotificationKind; email: boolean; push: boolean; updatedAt: Date },
): Promise<void> {
  await db
    .insert(notificationPreferences)
    .values(row)
    .onConflictDoUpdate({
      target: [notificationPreferences.userId, notificationPreferences.kind],
      set: { email: row.email, push: row.push, updatedAt: row.updatedAt },
    });
}

/** Active member accounts of these members. */
export async function activeMemberUsers(db: Database, memberIds: string[]) {
  if (memberIds.length === 0) return [];
  return db
    .select({ id: users.id, memberId: users.memberId })
    .from(users)
    .where(and(inArray(users.memberId, memberIds), eq(users.role, 'member'), eq(users.status, 'active')));
}

/** The subscriber and spouse of a family. */
export async function guardiansOf(db: Database, memberId: string) {
  const [member] = await db
    .select({ subscriberId: members.subscriberId })
    .from(members)
    .where(eq(members.id, memberId));
  if (!member) return [];
  return db
    .select({ id: members.id })
    .from(members)
    .where(and(eq(members.subscriberId, member.subscriberId), inArray(members.relationshipCode, ['1', '2'])));
}

export async function liveSubscriptions(db: Database, userId: string) {
  return db
    .select()
    .from(pushSubscriptions)
    .where(and(eq(pushSubscriptions.userId, userId), isNull(pushSubscriptions.expiredAt)));
}

export async function saveSubscription(
  db: Database,
  row: { userId: string; endpoint: string; p256dh: string; auth: string; now: Date },
): Promise<void> {
  await db
    .insert(pushSubscriptions)
    .values({
      userId: row.userId,
      endpoint: row.endpoint,
      p256dh: row.p256dh,
      auth: row.auth,
      createdAt: row.now,
    })
    .onConflictDoUpdate({
      target: pushSubscriptions.endpoint,
      set: { userId: row.userId, p256dh: row.p256dh, auth: row.auth, expiredAt: null },
    });
}

export async function removeSubscription(db: Database, userId: string, endpoint: string): Promise<void> {
  await db
    .delete(pushSubscriptions)
    .where(and(eq(pushSubscriptions.userId, userId), eq(pushSubscriptions.endpoint, endpoint)));
}

export async function markSubscription(
  db: Database,
  id: string,
  result: { successAt?: Date; expiredAt?: Date },
): Promise<void> {
  await db
    .update(pushSubscriptions)
    .set({
      ...(result.successAt ? { lastSuccessAt: result.successAt } : {}),
      ...(result.expiredAt ? { expiredAt: result.expiredAt } : {}),
    })
    .where(eq(pushSubscriptions.id, id));
}

/** Which of these dedupe keys were already used by a secure message. */
export async function usedDedupeKeys(db: Database, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db
    .select({ key: schema.secureMessages.dedupeKey })
    .from(schema.secureMessages)
    .where(inArray(schema.secureMessages.dedupeKey, keys));
  return new Set(rows.map((r) => r.key as string));
}
