// SQL of the privacy officer's audit viewer: a filtered page of audit rows, newest first, each with the hash of
// the row before it in the chain (to check the link) and the member's encrypted member ID.
import { type Database, schema } from '@openpbm/db';
import { and, desc, eq, gte, lt, type SQL, sql } from 'drizzle-orm';

const { auditEvents, members } = schema;

export interface AuditFilters {
  memberId?: string;
  /** A full user id, or the last 8 hex digits of one (a staff ID). */
  actorUserId?: string;
  actorSuffix?: string;
  action?: string;
  fromAt?: Date;
  /** Exclusive. */
  toAt?: Date;
}

export async function searchAuditEvents(db: Database, f: AuditFilters, limit: number, offset: number) {
  const where: SQL[] = [];
  if (f.memberId) where.push(eq(auditEvents.memberId, f.memberId));
  if (f.actorUserId) where.push(eq(auditEvents.actorUserId, f.actorUserId));
  if (f.actorSuffix)
    where.push(sql`${auditEvents.actorUserId}::text like ${`%${f.actorSuffix.toLowerCase()}`}`);
  if (f.action) where.push(eq(auditEvents.action, f.action));
  if (f.fromAt) where.push(gte(auditEvents.at, f.fromAt));
  if (f.toAt) where.push(lt(auditEvents.at, f.toAt));
  return db
    .select({
      event: auditEvents,
      memberNumberEnc: members.memberNumberEnc,
      hashBefore: sql<string | null>`(select b.hash from audit_events b where b.seq < ${auditEvents.seq}
                                     order by b.seq desc limit 1)`,
    })
    .from(auditEvents)
    .leftJoin(members, eq(members.id, auditEvents.memberId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditEvents.seq))
    .limit(limit)
    .offset(offset);
}
