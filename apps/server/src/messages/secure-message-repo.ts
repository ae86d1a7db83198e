// SQL of secure messages: store one, find one by its pick-up token hash or id for its recipient, mark read.
import type { Database } from '@openpbm/db';
import { schema } from '@openpbm/db';
import type { NotificationKind } from '@openpbm/db/schema/messages';
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';

const { secureMessages: m, users } = schema;

export interface NewSecureMessage {
  recipientUserId: string;
  memberId: string | null;
  kind: NotificationKind;
  subject: string;
  body: string;
  portalPath: string | null;
  pickupTokenHash: string;
  dedupeKey: string | null;
  createdAt: Date;
}

/** Inserts the message; null when a message with the same dedupe key exists already. */
export async function insertSecureMessage(db: Database, message: NewSecureMessage): Promise<string | null> {
  const rows = await db.insert(m).values(message).onConflictDoNothing().returning({ id: m.id });
  return rows[0]?.id ?? null;
}

export async function markEmailed(db: Database, id: string, at: Date): Promise<void> {
  await db.update(m).set({ emailedAt: at }).where(eq(m.id, id));
}

const messageColumns = {
  id: m.id,
  recipientUserId: m.recipientUserId,
  memberId: m.memberId,
  kind: m.kind,
  subject: m.subject,
  body: m.body,
  portalPath: m.portalPath,
  createdAt: m.createdAt,
  readAt: m.readAt,
};

export async function findByPickupHash(db: Database, tokenHash: string) {
  const [row] = await db.select(messageColumns).from(m).where(eq(m.pickupTokenHash, tokenHash));
  return row ?? null;
}

export async function findForRecipient(db: Database, id: string, recipientUserId: string) {
  const [row] = await db
    .select(messageColumns)
    .from(m)
    .where(and(eq(m.id, id), eq(m.recipientUserId, recipientUserId)));
  return row ?? null;
}

export async function listForRecipient(db: Database, recipientUserId: string, limit: number) {
  return db
    .select(messageColumns)
    .from(m)
    .where(eq(m.recipientUserId, recipientUserId))
    .orderBy(desc(m.createdAt))
    .limit(limit);
}

export async function markRead(db: Database, id: string, at: Date): Promise<void> {
  await db
    .update(m)
    .set({ readAt: at })
    .where(and(eq(m.id, id), isNull(m.readAt)));
}

/** Active accounts and their e-mail, for the recipients of a notice. */
export async function findActiveUsers(db: Database, userIds: string[]) {
  if (userIds.length === 0) return [];
  return db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(and(inArray(users.id, userIds), eq(users.status, 'active')));
}
