// SQL of marketing selections: who may get a marketing e-mail (covered today, an e-mail address on file), and
// who of them opted out of marketing; mailing runs and their per-recipient progress. Policy (adults only, the
// message, batches) is in marketing-service.ts and marketing-mailing-service.ts.
import { type Database, schema } from '@openpbm/db';
import { and, asc, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { InvariantBroken } from '../platform/internal-errors';

const { members, privacyChoices } = schema;

export async function marketingCandidates(db: Database, today: string, clientId: string | null) {
  return db
    .select({
      memberId: members.id,
      firstName: members.firstName,
      email: members.email,
      dateOfBirthEnc: members.dateOfBirthEnc,
      optedOut: sql<boolean>`coalesce(${privacyChoices.marketingOptOut}, false)`,
    })
    .from(members)
    .leftJoin(privacyChoices, eq(privacyChoices.memberId, members.id))
    .where(
      and(
        isNotNull(members.email),
        clientId ? eq(members.clientId, clientId) : undefined,
        sql`exists (select 1 from eligibility_spans s where s.member_id = ${members.id} and s.status = 'active'
                      and s.start_date <= ${today} and (s.end_date is null or s.end_date >= ${today}))`,
      ),
    )
    .orderBy(members.id);
}

const { marketingMailings, marketingMailingRecipients } = schema;

export type MailingRow = typeof marketingMailings.$inferSelect;

export async function insertMailing(db: Database, row: typeof marketingMailings.$inferInsert) {
  const [inserted] = await db.insert(marketingMailings).values(row).returning();
  if (!inserted) throw new InvariantBroken('marketing mailing insert returned nothing');
  return inserted;
}

export async function mailing(db: Database, id: string): Promise<MailingRow | undefined> {
  const [row] = await db.select().from(marketingMailings).where(eq(marketingMailings.id, id));
  return row;
}

export async function recentMailings(db: Database, limit: number): Promise<MailingRow[]> {
  return db
    .select()
    .from(marketingMailings)
    .orderBy(desc(marketingMailings.createdAt), desc(marketingMailings.id))
    .limit(limit);
}

export async function openMailings(db: Database): Promise<MailingRow[]> {
  return db
    .select()
    .from(marketingMailings)
    .where(inArray(marketingMailings.status, ['queued', 'sending']))
    .orderBy(asc(marketingMailings.createdAt), asc(marketingMailings.id));
}

/** Keeps the chosen audience and starts sending, once: a second caller finds the mailing no longer queued. */
export async function startSending(
  db: Database,
  id: string,
  memberIds: string[],
  counts: { leftOutOptedOut: number; leftOutMinors: number },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(marketingMailings)
      .set({ status: 'sending', recipients: memberIds.length, ...counts })
      .where(and(eq(marketingMailings.id, id), eq(marketingMailings.status, 'queued')))
      .returning({ id: marketingMailings.id });
    if (!claimed) return false;
    for (let i = 0; i < memberIds.length; i += 500) {
      await tx
        .insert(marketingMailingRecipients)
        .values(memberIds.slice(i, i + 500).map((memberId) => ({ mailingId: id, memberId })));
    }
    return true;
  });
}

/** The next pending recipients, with what the e-mail needs and their marketing choice as it is now. */
export async function pendingRecipients(db: Database, mailingId: string, limit: number) {
  return db
    .select({
      memberId: members.id,
      firstName: members.firstName,
      email: members.email,
      optedOut: sql<boolean>`coalesce(${privacyChoices.marketingOptOut}, false)`,
    })
    .from(marketingMailingRecipients)
    .innerJoin(members, eq(members.id, marketingMailingRecipients.memberId))
    .leftJoin(privacyChoices, eq(privacyChoices.memberId, members.id))
    .where(
      and(
        eq(marketingMailingRecipients.mailingId, mailingId),
        eq(marketingMailingRecipients.status, 'pending'),
      ),
    )
    .orderBy(asc(marketingMailingRecipients.memberId))
    .limit(limit);
}

type RecipientStatus = (typeof schema.MAILING_RECIPIENT_STATUSES)[number];

/** Moves one recipient from one status to the next; false when another run moved it first. */
export async function moveRecipient(
  db: Database,
  mailingId: string,
  memberId: string,
  from: RecipientStatus,
  to: RecipientStatus,
  at?: Date,
): Promise<boolean> {
  const moved = await db
    .update(marketingMailingRecipients)
    .set({ status: to, ...(at ? { sentAt: at } : {}) })
    .where(
      and(
        eq(marketingMailingRecipients.mailingId, mailingId),
        eq(marketingMailingRecipients.memberId, memberId),
        eq(marketingMailingRecipients.status, from),
      ),
    )
    .returning({ memberId: marketingMailingRecipients.memberId });
  return moved.length === 1;
}

/** Recounts what was sent (the recipients table is the truth) and completes the mailing when none is pending. */
export async function refreshProgress(db: Database, id: string, now: Date): Promise<MailingRow> {
  const [counts] = await db
    .select({
      sent: sql<number>`count(*) filter (where ${marketingMailingRecipients.status} = 'sent')::int`,
      pending: sql<number>`count(*) filter (where ${marketingMailingRecipients.status} = 'pending')::int`,
    })
    .from(marketingMailingRecipients)
    .where(eq(marketingMailingRecipients.mailingId, id));
  const done = (counts?.pending ?? 0) === 0;
  const [row] = await db
    .update(marketingMailings)
    .set({ sent: counts?.sent ?? 0, ...(done ? { status: 'complete' as const, finishedAt: now } : {}) })
    .where(eq(marketingMailings.id, id))
    .returning();
  if (!row) throw new InvariantBroken('marketing mailing vanished');
  return row;
}
