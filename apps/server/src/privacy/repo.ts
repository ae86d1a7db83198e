// SQL of the privacy office: notices and acknowledgements, choices, legal requests and the accounting of
// disclosures, right-of-access exports, and the audit rows of one member's record. Policy is in the services.
import { type Database, schema } from '@openpbm/db';
import type { NoticeKind } from '@openpbm/db/schema/privacy';
import { and, asc, desc, eq, gt, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { InvariantBroken } from '../platform/internal-errors';

const {
  privacyNotices,
  noticeAcknowledgements,
  privacyChoices,
  legalRequests,
  disclosures,
  recordExports,
  users,
} = schema;

export type NoticeRow = typeof privacyNotices.$inferSelect;

// ---------- notices ----------

export async function listNotices(db: Database): Promise<NoticeRow[]> {
  return db
    .select()
    .from(privacyNotices)
    .orderBy(desc(privacyNotices.publishedAt), desc(privacyNotices.version));
}

export async function findNotice(db: Database, id: string): Promise<NoticeRow | null> {
  const [row] = await db.select().from(privacyNotices).where(eq(privacyNotices.id, id));
  return row ?? null;
}

export async function insertNotice(
  db: Database,
  row: Omit<typeof privacyNotices.$inferInsert, 'version'> & { kind: NoticeKind },
): Promise<NoticeRow> {
  return db.transaction(async (tx) => {
    // Versions are numbered per kind; the lock keeps two publications from taking the same number.
    await tx.execute(sql`lock table privacy_notices in share row exclusive mode`);
    const [last] = await tx
      .select({ version: sql<number>`coalesce(max(${privacyNotices.version}), 0)` })
      .from(privacyNotices)
      .where(eq(privacyNotices.kind, row.kind));
    const [inserted] = await tx
      .insert(privacyNotices)
      .values({ ...row, version: Number(last?.version ?? 0) + 1 })
      .returning();
    if (!inserted) throw new InvariantBroken('notice insert returned nothing');
    return inserted;
  });
}

export async function endBanner(db: Database, id: string, at: Date): Promise<NoticeRow | null> {
  const [row] = await db
    .update(privacyNotices)
    .set({ bannerEndedAt: at })
    .where(
      and(
        eq(privacyNotices.id, id),
        eq(privacyNotices.kind, 'business_transfer'),
        isNull(privacyNotices.bannerEndedAt),
      ),
    )
    .returning();
  return row ?? null;
}

/** Notices whose publication e-mails are not all sent yet. */
export async function noticesWithMailPending(db: Database): Promise<NoticeRow[]> {
  return db
    .select()
    .from(privacyNotices)
    .where(isNull(privacyNotices.emailsDoneAt))
    .orderBy(asc(privacyNotices.publishedAt));
}

/** Takes the right to send a notice's e-mails for a few minutes (one sender at a time). */
export async function claimMailing(db: Database, id: string, now: Date, until: Date): Promise<boolean> {
  const rows = await db
    .update(privacyNotices)
    .set({ emailLeaseUntil: until })
    .where(
      and(
        eq(privacyNotices.id, id),
        isNull(privacyNotices.emailsDoneAt),
        or(isNull(privacyNotices.emailLeaseUntil), lte(privacyNotices.emailLeaseUntil, now)),
      ),
    )
    .returning({ id: privacyNotices.id });
  return rows.length > 0;
}

/** Active members and client users after `afterUserId` (id order), the audience of a notice. */
export async function noticeRecipients(db: Database, afterUserId: string | null, limit: number) {
  return db
    .select({ id: users.id, email: users.email, role: users.role })
    .from(users)
    .where(
      and(
        inArray(users.role, ['member', 'client_user']),
        eq(users.status, 'active'),
        afterUserId ? gt(users.id, afterUserId) : undefined,
      ),
    )
    .orderBy(asc(users.id))
    .limit(limit);
}

export async function advanceMailing(
  db: Database,
  id: string,
  progress: { lastUserId: string | null; sent: number; done: Date | null },
): Promise<void> {
  await db
    .update(privacyNotices)
    .set({
      emailCursorUserId: progress.lastUserId,
      emailsSent: sql`${privacyNotices.emailsSent} + ${progress.sent}`,
      ...(progress.done ? { emailsDoneAt: progress.done, emailLeaseUntil: null } : {}),
    })
    .where(eq(privacyNotices.id, id));
}

export async function acknowledge(db: Database, noticeId: string, userId: string, at: Date) {
  await db
    .insert(noticeAcknowledgements)
    .values({ noticeId, userId, acknowledgedAt: at })
    .onConflictDoNothing();
  return findAcknowledgement(db, noticeId, userId);
}

export async function findAcknowledgement(db: Database, noticeId: string, userId: string) {
  const [row] = await db
    .select()
    .from(noticeAcknowledgements)
    .where(and(eq(noticeAcknowledgements.noticeId, noticeId), eq(noticeAcknowledgements.userId, userId)));
  return row ?? null;
}

// ---------- choices ----------

export async function findChoices(db: Database, memberId: string) {
  const [row] = await db.select().from(privacyChoices).where(eq(privacyChoices.memberId, memberId));
  return row ?? null;
}

export async function saveChoices(
  db: Database,
  row: {
    memberId: string;
    marketingOptOut: boolean;
    researchOptOut: boolean;
    deidentifiedOptOut: boolean;
    updatedByUserId: string;
    updatedAt: Date;
  },
) {
  const { memberId: _, ...changes } = row;
  const [saved] = await db
    .insert(privacyChoices)
    .values(row)
    .onConflictDoUpdate({ target: privacyChoices.memberId, set: changes })
    .returning();
  return saved;
}

// ---------- legal requests and the accounting of disclosures ----------

export async function insertLegalRequest(
  db: Database,
  request: typeof legalRequests.$inferInsert,
  perMember: { memberId: string; clientId: string }[],
  disclosure: Omit<typeof disclosures.$inferInsert, 'memberId' | 'clientId' | 'legalRequestId'>,
) {
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(legalRequests).values(request).returning();
    if (!row) throw new InvariantBroken('legal request insert returned nothing');
    await tx
      .insert(disclosures)
      .values(perMember.map((m) => ({ ...disclosure, ...m, legalRequestId: row.id })));
    return row;
  });
}

export async function listLegalRequests(db: Database) {
  return db
    .select({
      request: legalRequests,
      members: sql<number>`(select count(*)::int from disclosures d where d.legal_request_id = legal_requests.id)`,
    })
    .from(legalRequests)
    .orderBy(desc(legalRequests.createdAt));
}

/** Requests whose clients are still to be told and may now be told (no prohibition, or it has ended). */
export async function requestsDueForNotification(db: Database, today: string) {
  return db
    .select()
    .from(legalRequests)
    .where(
      and(
        isNull(legalRequests.clientsNotifiedAt),
        or(eq(legalRequests.notificationProhibited, false), lte(legalRequests.prohibitedUntil, today)),
      ),
    );
}

/** Marks a request notified; false when another run already did (so each client is told once). */
export async function markNotified(db: Database, id: string, at: Date): Promise<boolean> {
  const rows = await db
    .update(legalRequests)
    .set({ clientsNotifiedAt: at })
    .where(and(eq(legalRequests.id, id), isNull(legalRequests.clientsNotifiedAt)))
    .returning({ id: legalRequests.id });
  return rows.length > 0;
}

/** Client users of the clients whose members a request touched. */
export async function clientUsersAffectedBy(db: Database, legalRequestId: string) {
  return db
    .selectDistinct({ id: users.id, email: users.email })
    .from(users)
    .innerJoin(disclosures, eq(disclosures.clientId, users.clientId))
    .where(
      and(
        eq(disclosures.legalRequestId, legalRequestId),
        eq(users.role, 'client_user'),
        eq(users.status, 'active'),
      ),
    );
}

/** The member's accounting: disclosures since `since`, leaving out those hidden until a later date. */
export async function accountingFor(db: Database, memberId: string, since: string, today: string) {
  return db
    .select({
      id: disclosures.id,
      disclosedOn: disclosures.disclosedOn,
      recipient: disclosures.recipient,
      purpose: disclosures.purpose,
      whatDisclosed: disclosures.whatDisclosed,
    })
    .from(disclosures)
    .where(
      and(
        eq(disclosures.memberId, memberId),
        sql`${disclosures.disclosedOn} >= ${since}`,
        or(isNull(disclosures.hiddenUntil), lte(disclosures.hiddenUntil, today)),
      ),
    )
    .orderBy(desc(disclosures.disclosedOn));
}

// ---------- members by member ID ----------

export async function membersByNumberIndex(db: Database, indexes: string[]) {
  if (indexes.length === 0) return [];
  return db
    .select({
      id: schema.members.id,
      clientId: schema.members.clientId,
      memberNumberBidx: schema.members.memberNumberBidx,
    })
    .from(schema.members)
    .where(inArray(schema.members.memberNumberBidx, indexes));
}

// ---------- who has seen my record ----------

/** Audit rows about one member, newest first, with what is needed to name the actor's role and organization. */
export async function accessesOf(db: Database, memberId: string, limit: number) {
  const { auditEvents, pharmacies, prescribers, clients } = schema;
  return db
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      actorUserId: auditEvents.actorUserId,
      actorRole: auditEvents.actorRole,
      action: auditEvents.action,
      resourceType: auditEvents.resourceType,
      reason: auditEvents.reason,
      pharmacyName: pharmacies.name,
      prescriberName: sql<
        string | null
      >`case when ${prescribers.id} is null then null else ${prescribers.firstName} || ' ' || ${prescribers.lastName} || ', ' || ${prescribers.credential} end`,
      clientName: clients.name,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .leftJoin(pharmacies, eq(pharmacies.id, users.pharmacyId))
    .leftJoin(prescribers, eq(prescribers.id, users.prescriberId))
    .leftJoin(clients, eq(clients.id, users.clientId))
    .where(eq(auditEvents.memberId, memberId))
    .orderBy(desc(auditEvents.seq))
    .limit(limit);
}

// ---------- right-of-access exports ----------

export type ExportRow = typeof recordExports.$inferSelect;

export async function findRunningExport(db: Database, memberId: string, userId: string) {
  const [row] = await db
    .select()
    .from(recordExports)
    .where(
      and(
        eq(recordExports.memberId, memberId),
        eq(recordExports.requestedByUserId, userId),
        inArray(recordExports.status, ['queued', 'running']),
      ),
    );
  return row ?? null;
}

/** Inserts a queued export; null when one for this member and requester is already running (unique index). */
export async function insertExport(db: Database, memberId: string, userId: string, at: Date) {
  const [row] = await db
    .insert(recordExports)
    .values({ memberId, requestedByUserId: userId, status: 'queued', createdAt: at })
    .onConflictDoNothing()
    .returning();
  return row ?? null;
}

export async function findExport(db: Database, id: string) {
  const [row] = await db.select().from(recordExports).where(eq(recordExports.id, id));
  return row ?? null;
}

export async function queuedExports(db: Database) {
  return db.select().from(recordExports).where(eq(recordExports.status, 'queued'));
}

/** Moves an export from queued to running; false when another builder took it. */
export async function startExport(db: Database, id: string): Promise<boolean> {
  const rows = await db
    .update(recordExports)
    .set({ status: 'running', progress: 5 })
    .where(and(eq(recordExports.id, id), eq(recordExports.status, 'queued')))
    .returning({ id: recordExports.id });
  return rows.length > 0;
}

export async function updateExport(db: Database, id: string, changes: Partial<ExportRow>): Promise<void> {
  await db.update(recordExports).set(changes).where(eq(recordExports.id, id));
}

export async function userEmail(db: Database, userId: string): Promise<string | null> {
  const [row] = await db.select({ email: users.email }).from(users).where(eq(users.id, userId));
  return row?.email ?? null;
}
