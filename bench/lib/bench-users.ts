// Signed-in users for benchmarks: a user row per member (or per role) with a real session from the session
// service, and a CSRF pair, so requests go through the whole stack as a browser's would.
import { type DatabaseHandle, newId } from '@openpbm/db';
import type { Role } from '@openpbm/db/schema/users';
import type { FastifyInstance } from 'fastify';
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE } from '../../apps/server/src/identity/cookies';
import { createSessionService } from '../../apps/server/src/identity/session-service';

type SessionDeps = Parameters<typeof createSessionService>[0];

/** Inserts a user (no password unless `passwordHash`) and returns its id. */
export async function insertBenchUser(
  db: DatabaseHandle,
  role: Role,
  links: { memberId?: string; passwordHash?: string } = {},
): Promise<{ id: string; username: string }> {
  const id = newId();
  const username = `bench.${role}.${id.slice(-12)}`;
  await db.sql.query(
    `insert into users (id, username, username_normalized, email, role, display_name, member_id, password_hash)
     values ($1, $2, $2, $3, $4, 'Bench user', $5, $6)`,
    [id, username, `${username}@example.test`, role, links.memberId ?? null, links.passwordHash ?? null],
  );
  return { id, username };
}

/** A full session (as after password and second factor) for `userId`: its cookie. */
export async function sessionCookie(deps: SessionDeps, userId: string): Promise<string> {
  const { token } = await createSessionService(deps).issue(userId, 'full', ['password', 'totp'], {
    ip: '127.0.0.1',
    userAgent: 'bench',
  });
  return `${SESSION_COOKIE}=${token}`;
}

/** A CSRF secret cookie and its token header, from the app itself. */
export async function csrfPair(
  app: FastifyInstance,
): Promise<{ cookie: string; header: Record<string, string> }> {
  const res = await app.inject({ method: 'GET', url: '/api/identity/csrf' });
  const secret = res.cookies.find((c) => c.name === CSRF_COOKIE)?.value;
  const token = (res.json() as { token: string }).token;
  return { cookie: `${CSRF_COOKIE}=${secret}`, header: { [CSRF_HEADER]: token } };
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? Number.NaN;
}
