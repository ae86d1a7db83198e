// SQL of a case's timeline (prior_auth_events), its attachments and prescribers' NPI verifications.
import type { Database } from '@openpbm/db';
import { schema } from '@openpbm/db';
import type { AttachmentContentType, PriorAuthEventKind } from '@openpbm/db/schema/prior-auth-workflow';
import { and, asc, count, desc, eq } from 'drizzle-orm';
import { InvariantBroken } from '../platform/internal-errors';

const { priorAuthEvents: ev, priorAuthAttachments: att, prescriberNpiVerifications: npi } = schema;

export interface NewEvent {
  caseId: string;
  kind: PriorAuthEventKind;
  at: Date;
  actorUserId?: string | null;
  actorRole?: string | null;
  note?: string | null;
  detail?: Record<string, unknown> | null;
}

export async function insertEvent(db: Database, event: NewEvent): Promise<void> {
  await db.insert(ev).values(event);
}

export async function listEvents(db: Database, caseId: string) {
  return db
    .select({ kind: ev.kind, at: ev.at, actorRole: ev.actorRole, note: ev.note })
    .from(ev)
    .where(eq(ev.caseId, caseId))
    .orderBy(asc(ev.at), asc(ev.id));
}

/** The reviewer's most recent request for information on a case. */
export async function lastInfoRequest(db: Database, caseId: string): Promise<string | null> {
  const [row] = await db
    .select({ note: ev.note })
    .from(ev)
    .where(and(eq(ev.caseId, caseId), eq(ev.kind, 'info_requested')))
    .orderBy(desc(ev.at), desc(ev.id))
    .limit(1);
  return row?.note ?? null;
}

export interface NewAttachment {
  id: string;
  caseId: string;
  uploadedByUserId: string;
  fileName: string;
  contentType: AttachmentContentType;
  sizeBytes: number;
  sha256: string;
  contentKeyId: string;
  content: Buffer;
  createdAt: Date;
}

export async function insertAttachment(db: Database, row: NewAttachment): Promise<void> {
  await db.insert(att).values(row);
}

const metaColumns = {
  id: att.id,
  fileName: att.fileName,
  contentType: att.contentType,
  sizeBytes: att.sizeBytes,
  createdAt: att.createdAt,
};

export async function listAttachments(db: Database, caseId: string) {
  return db.select(metaColumns).from(att).where(eq(att.caseId, caseId)).orderBy(asc(att.createdAt));
}

export async function countAttachments(db: Database, caseId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(att).where(eq(att.caseId, caseId));
  return row?.n ?? 0;
}

export async function findAttachment(db: Database, caseId: string, id: string) {
  const [row] = await db
    .select()
    .from(att)
    .where(and(eq(att.caseId, caseId), eq(att.id, id)));
  return row ?? null;
}

export async function findNpiVerification(db: Database, prescriberId: string) {
  const [row] = await db.select().from(npi).where(eq(npi.prescriberId, prescriberId));
  return row ?? null;
}

export async function upsertNpiVerification(db: Database, row: typeof npi.$inferInsert) {
  const [saved] = await db
    .insert(npi)
    .values(row)
    .onConflictDoUpdate({
      target: npi.prescriberId,
      set: {
        npi: row.npi,
        method: row.method,
        verifiedAt: row.verifiedAt,
        verifiedByUserId: row.verifiedByUserId,
        revokedAt: null,
      },
    })
    .returning();
  if (!saved) throw new InvariantBroken('NPI verification upsert returned nothing');
  return saved;
}

export async function revokeNpiVerification(db: Database, prescriberId: string, at: Date) {
  const [saved] = await db
    .update(npi)
    .set({ revokedAt: at })
    .where(eq(npi.prescriberId, prescriberId))
    .returning();
  return saved ?? null;
}
