// Server-side sessions: opaque 256-bit cookie tokens (only their SHA-256 stored), idle and absolute timeouts,
// revocation, rotation at sign-in (a new token for every stage change, the old one revoked).
import type { Database } from '@openpbm/db';
import type { Session, SessionStage } from '@openpbm/db/schema/identity';
import { STAFF_ROLES, type User } from '@openpbm/db/schema/users';
import type { AppDeps } from '../app-deps';
import { type Principal, SECOND_FACTOR_METHODS } from './principal';
import { hashToken, newToken } from './secrets';
import { type CachedSession, sessionCacheFor } from './session-cache';
import * as repo from './session-repo';

/** A partial session (second factor still owed) lives only this long. */
export const PARTIAL_SESSION_MINUTES = 10;
/**
 * lastSeenAt (the idle deadline's start) is written at most once a minute, so signed-in reads stay reads: the
 * idle timeout may fall up to a minute early, never late.
 */
export const TOUCH_EVERY_MS = 60_000;
/** Sensitive changes (factors, password, e-mail) need a credential entered this recently. */
export const REAUTH_WINDOW_MINUTES = 5;

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

export interface IssuedSession {
  token: string;
  session: Session;
}

export interface ResolvedSession {
  session: Session;
  user: User;
}

export function createSessionService(deps: Pick<AppDeps, 'db' | 'config' | 'now'>) {
  const db: Database = deps.db.db;
  const idleMs = deps.config.SESSION_IDLE_MINUTES * 60_000;
  const absoluteMs = deps.config.SESSION_ABSOLUTE_HOURS * 3_600_000;
  const cache = sessionCacheFor(deps.db, deps.config.SESSION_CACHE_SECONDS);

  /** Writes the idle-deadline touch when due (at most once a minute per session). */
  async function touchIfDue(found: CachedSession, now: Date): Promise<void> {
    if (now.getTime() - found.session.lastSeenAt.getTime() < TOUCH_EVERY_MS) return;
    // Set first: concurrent requests of the same session see it touched and do not write again.
    found.session.lastSeenAt = now;
    await repo.touchSession(db, found.session.id, now);
  }

  /** Open, not idle, not past its end, user active: the checks a cached copy must also pass. */
  const isLive = ({ session, user }: CachedSession, now: Date) =>
    now < session.expiresAt &&
    now.getTime() - session.lastSeenAt.getTime() < idleMs &&
    user.status !== 'disabled' &&
    user.status !== 'pending';

  // Callers get their own copies: a request must not change what the next one reads from the cache.
  const copyOf = ({ session, user }: CachedSession): ResolvedSession => ({
    session: { ...session },
    user: { ...user },
  });

  async function issue(
    userId: string,
    stage: SessionStage,
    authMethods: string[],
    client: ClientInfo,
    /** Keep this absolute end (re-authentication rotates the token but must not extend the session). */
    keepExpiresAt?: Date,
    /** The caller's transaction, when the session is one of several writes committed together. */
    executor: Database = db,
  ): Promise<IssuedSession> {
    const now = deps.now();
    const token = newToken();
    const lifetime = stage === 'full' ? absoluteMs : PARTIAL_SESSION_MINUTES * 60_000;
    const session = await repo.insertSession(executor, {
      userId,
      tokenHash: hashToken(token),
      stage,
      authMethods,
      now,
      expiresAt: keepExpiresAt ?? new Date(now.getTime() + lifetime),
      ip: client.ip,
      userAgent: client.userAgent?.slice(0, 400) ?? null,
    });
    return { token, session };
  }

  return {
    issue,

    /** Rotation: the previous session (partial or an older full one in this browser) ends, a new token starts. */
    async rotate(
      previousSessionId: string | null,
      userId: string,
      stage: SessionStage,
      authMethods: string[],
      client: ClientInfo,
      keepExpiresAt?: Date,
      executor: Database = db,
    ): Promise<IssuedSession> {
      if (previousSessionId) await repo.revokeSession(executor, previousSessionId, 'rotated', deps.now());
      return issue(userId, stage, authMethods, client, keepExpiresAt, executor);
    },

    /** The live session for a cookie token, or null (unknown, revoked, idle, past its absolute end, user not active). */
    async resolve(token: string | undefined): Promise<ResolvedSession | null> {
      if (!token || token.length > 100) return null;
      const tokenHash = hashToken(token);
      const now = deps.now();
      const cached = cache.get(tokenHash, now.getTime());
      if (cached && isLive(cached, now)) {
        await touchIfDue(cached, now);
        return copyOf(cached);
      }
      // Not cached, or the copy looks ended: the database decides (and records why it ended).
      if (cached) cache.forget(tokenHash);
      const generation = cache.generation;
      const found = await repo.findSessionByTokenHash(db, tokenHash);
      if (!found) return null;
      const { session } = found;
      if (now >= session.expiresAt) {
        await repo.revokeSession(db, session.id, 'expired', now);
        return null;
      }
      if (now.getTime() - session.lastSeenAt.getTime() >= idleMs) {
        await repo.revokeSession(db, session.id, 'idle', now);
        return null;
      }
      if (!isLive(found, now)) return null;
      await touchIfDue(found, now);
      cache.put(tokenHash, found, generation, now.getTime());
      return copyOf(found);
    },

    revoke: (sessionId: string, reason: string) => repo.revokeSession(db, sessionId, reason, deps.now()),

    revokeAllForUser: (userId: string, reason: string, keepSessionId?: string) =>
      repo.revokeUserSessions(db, userId, reason, deps.now(), keepSessionId),

    markReauthenticated: (sessionId: string) => repo.markReauthenticated(db, sessionId, deps.now()),

    isRecentlyAuthenticated(session: Session): boolean {
      const at = session.reauthenticatedAt;
      return !!at && deps.now().getTime() - at.getTime() < REAUTH_WINDOW_MINUTES * 60_000;
    },

    /** Live full sessions of a user, idle ones left out. */
    async listActive(userId: string): Promise<Session[]> {
      const now = deps.now();
      const rows = await repo.listLiveSessions(db, userId, now);
      return rows.filter((s) => now.getTime() - s.lastSeenAt.getTime() < idleMs);
    },
  };
}

export type SessionService = ReturnType<typeof createSessionService>;

export function principalFor(session: Session, user: User): Principal {
  return {
    userId: user.id,
    sessionId: session.id,
    role: user.role,
    displayName: user.displayName,
    memberId: user.memberId,
    clientId: user.clientId,
    advisorId: user.advisorId,
    prescriberId: user.prescriberId,
    pharmacyId: user.pharmacyId,
    secondFactorPending:
      STAFF_ROLES.has(user.role) && !session.authMethods.some((m) => SECOND_FACTOR_METHODS.has(m)),
  };
}
