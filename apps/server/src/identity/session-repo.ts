// SQL for sessions. Policy (timeouts, rotation) lives in session-service.ts.
import { type Database, schema } from '@openpbm/db';
import type { SessionStage } from '@openpbm/db/schema/identity';
import { and, desc, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import { InvariantBroken } from '../platform/internal-errors';

const { sessions, users } = schema;

export interface NewSessionRow {
  userId: string;
  tokenHash: string;
  stage: SessionStage;
  authMethods: string[];
  now: Date;
  expiresAt: Date;
  ip: string | null;
  userAgent: string | null;
}

export async function insertSession(db: Database, row: NewSessionRow) {
  const [created] = await db
    .insert(sessions)
    .values({
      userId: row.userId,
      tokenHash: row.tokenHash,
      stage: row.stage,
      authMethods: row.authMethods,
      createdAt: row.now,
      lastSeenAt: row.now,
      expiresAt: row.expiresAt,
      reauthenticatedAt: row.stage === 'full' ? row.now : null,
      ip: row.ip,
      userAgent: row.userAgent,
    })
    .returning();
  if (!created) throw new InvariantBroken('session insert returned nothing');
  return created;
}

// Every signed-in request looks its session up: a named prepared statement (planned once per pooled
// connection on PostgreSQL), built once per database handle.
function prepareSessionLookup(db: Database) {
  return db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, sql.placeholder('tokenHash')), isNull(sessions.revokedAt)))
    .limit(1)
    .prepare('session_by_token_hash');
}
const sessionLookups = new WeakMap<Database, ReturnType<typeof prepareSessionLookup>>();

/** The session with this token hash and its user, unless revoked. */
export async function findSessionByTokenHash(db: Database, tokenHash: string) {
  let lookup = sessionLookups.get(db);
  if (!lookup) {
    lookup = prepareSessionLookup(db);
    sessionLookups.set(db, lookup);
  }
  const [row] = await lookup.execute({ tokenHash });
  return row ?? null;
}

export async function touchSession(db: Database, sessionId: string, now: Date): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, sessionId));
}

/** The session has now also proven `method` (a second factor enrolled in it, with a code or a passkey). */
export async function addAuthMethod(db: Database, sessionId: string, method: string): Promise<void> {
  await db
    .update(sessions)
    .set({ authMethods: sql`array_append(${sessions.authMethods}, ${method}::text)` })
    .where(and(eq(sessions.id, sessionId), sql`not (${method}::text = any(${sessions.authMethods}))`));
}

export async function markReauthenticated(db: Database, sessionId: string, now: Date): Promise<void> {
  await db
    .update(sessions)
    .set({ reauthenticatedAt: now, lastSeenAt: now })
    .where(eq(sessions.id, sessionId));
}

export async function revokeSession(
  db: Database,
  sessionId: string,
  reason: string,
  now: Date,
): Promise<boolean> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: now, revokedReason: reason })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return rows.length > 0;
}

/** Revokes every live session of the user except `keepSessionId`; returns how many. */
export async function revokeUserSessions(
  db: Database,
  userId: string,
  reason: string,
  now: Date,
  keepSessionId?: string,
): Promise<number> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: now, revokedReason: reason })
    .where(
      and(
        eq(sessions.userId, userId),
        isNull(sessions.revokedAt),
        keepSessionId ? ne(sessions.id, keepSessionId) : undefined,
      ),
    )
    .returning({ id: sessions.id });
  return rows.length;
}

/** Full sessions not revoked and not past their absolute end (idle expiry is checked by the caller). */
export async function listLiveSessions(db: Database, userId: string, now: Date) {
  return db
    .select()
    .from(sessions)
    .where(
      and(
        eq(sessions.userId, userId),
        eq(sessions.stage, 'full'),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, now),
      ),
    )
    .orderBy(desc(sessions.lastSeenAt));
}
