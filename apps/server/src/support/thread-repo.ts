// SQL for secure threads between members and their prescriber's office, their messages (read status) and
// attachments.
import { type Database, newId, schema } from '@openpbm/db';
import { and, asc, desc, eq, getTableColumns, inArray, isNull, ne, type SQL } from 'drizzle-orm';

const {
  prescriberThreads: threads,
  prescriberThreadMessages: messages,
  prescriberThreadAttachments: files,
} = schema;
type Side = 'member' | 'prescriber';

export async function insertThread(
  db: Database,
  thread: {
    memberId: string;
    prescriberId: string;
    prescriptionId: string;
    subject: string;
    createdByUserId: string;
    now: Date;
  },
): Promise<string> {
  const [row] = await db
    .insert(threads)
    .values({ ...thread, createdAt: thread.now, lastMessageAt: thread.now })
    .returning({ id: threads.id });
  return (row as { id: string }).id;
}

export async function insertMessage(
  db: Database,
  m: { threadId: string; side: Side; authorUserId: string; body: string; now: Date },
  attachment: {
    fileName: string;
    contentType: string;
    sizeBytes: number;
    encrypt: (id: string) => Buffer;
  } | null,
): Promise<string> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(messages)
      .values({
        threadId: m.threadId,
        side: m.side,
        authorUserId: m.authorUserId,
        body: m.body,
        createdAt: m.now,
      })
      .returning({ id: messages.id });
    const messageId = (row as { id: string }).id;
    if (attachment) {
      const id = newId();
      await tx.insert(files).values({
        id,
        messageId,
        fileName: attachment.fileName,
        contentType: attachment.contentType,
        sizeBytes: attachment.sizeBytes,
        content: attachment.encrypt(id),
        createdAt: m.now,
      });
    }
    await tx.update(threads).set({ lastMessageAt: m.now }).where(eq(threads.id, m.threadId));
    return messageId;
  });
}

// Each thread with whom it is about: the patient's name and the prescription's Rx number.
function threadsWithPatient(db: Database, where: SQL | undefined) {
  return db
    .select({
      ...getTableColumns(threads),
      patientFirstName: schema.members.firstName,
      patientLastName: schema.members.lastName,
      rxNumber: schema.prescriptions.rxNumber,
    })
    .from(threads)
    .innerJoin(schema.members, eq(schema.members.id, threads.memberId))
    .innerJoin(schema.prescriptions, eq(schema.prescriptions.id, threads.prescriptionId))
    .where(where);
}

export async function findThread(db: Database, id: string) {
  const [row] = await threadsWithPatient(db, eq(threads.id, id)).limit(1);
  return row ?? null;
}

export function threadsOfMembers(db: Database, memberIds: string[]) {
  return threadsWithPatient(db, inArray(threads.memberId, memberIds))
    .orderBy(desc(threads.lastMessageAt))
    .limit(100);
}

export function threadsOfPrescriber(db: Database, prescriberId: string) {
  return threadsWithPatient(db, eq(threads.prescriberId, prescriberId))
    .orderBy(desc(threads.lastMessageAt))
    .limit(100);
}

export async function unreadFor(db: Database, threadIds: string[], reader: Side) {
  if (threadIds.length === 0) return new Map<string, number>();
  const rows = await db
    .select({ threadId: messages.threadId })
    .from(messages)
    .where(and(inArray(messages.threadId, threadIds), ne(messages.side, reader), isNull(messages.readAt)));
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.threadId, (counts.get(r.threadId) ?? 0) + 1);
  return counts;
}

export async function messagesOf(db: Database, threadId: string) {
  const list = await db
    .select()
    .from(messages)
    .where(eq(messages.threadId, threadId))
    .orderBy(asc(messages.createdAt), asc(messages.id));
  const attachments = list.length
    ? await db
        .select({
          id: files.id,
          messageId: files.messageId,
          fileName: files.fileName,
          contentType: files.contentType,
          sizeBytes: files.sizeBytes,
        })
        .from(files)
        .where(
          inArray(
            files.messageId,
            list.map((m) => m.id),
          ),
        )
    : [];
  return list.map((m) => ({ ...m, attachments: attachments.filter((a) => a.messageId === m.id) }));
}

/** The other side's unread messages become read now. */
export async function markReadBy(db: Database, threadId: string, reader: Side, now: Date) {
  await db
    .update(messages)
    .set({ readAt: now })
    .where(and(eq(messages.threadId, threadId), ne(messages.side, reader), isNull(messages.readAt)));
}

export async function findAttachment(db: Database, id: string) {
  const [row] = await db
    .select({ file: files, threadId: messages.threadId })
    .from(files)
    .innerJoin(messages, eq(messages.id, files.messageId))
    .where(eq(files.id, id))
    .limit(1);
  return row ?? null;
}

export async function prescriberUserIds(db: Database, prescriberId: string) {
  const rows = await db
    .select({ id: schema.users.id })
    .from(schema.users)
    .where(eq(schema.users.prescriberId, prescriberId));
  return rows.map((r) => r.id);
}

export async function prescriptionParties(db: Database, prescriptionId: string) {
  const [row] = await db
    .select({
      memberId: schema.prescriptions.memberId,
      prescriberId: schema.prescriptions.prescriberId,
      rxNumber: schema.prescriptions.rxNumber,
    })
    .from(schema.prescriptions)
    .where(eq(schema.prescriptions.id, prescriptionId))
    .limit(1);
  return row ?? null;
}
