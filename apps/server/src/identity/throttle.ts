// Brute-force brakes: growing delays per account and per IP address (no permanent lockout that a stranger could
// cause), and the staff lockout (10 failures in 30 minutes lock a staff account for 30 minutes).
// Counters live in auth_failure_counters so every server process sees the same numbers.
import { type Database, schema } from '@openpbm/db';
import { eq, inArray, type SQL, sql } from 'drizzle-orm';
import { ProblemError } from '../platform/problem';

export interface ThrottlePolicy {
  /** Failures allowed before any delay. */
  free: number;
  /** First delay; doubles with each further failure, up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** The count starts over after this long without a failure. */
  quietResetMs: number;
}

/** Per account (keyed by an HMAC of the normalized username, so unknown usernames behave the same). */
export const ACCOUNT_POLICY: ThrottlePolicy = {
  free: 5,
  baseDelayMs: 2_000,
  maxDelayMs: 15 * 60_000,
  quietResetMs: 60 * 60_000,
};
/** Per client IP: more room (shared addresses), same growth. */
export const IP_POLICY: ThrottlePolicy = {
  free: 20,
  baseDelayMs: 2_000,
  maxDelayMs: 15 * 60_000,
  quietResetMs: 60 * 60_000,
};
/** Activation (member facts) per IP: a few tries, then growing delays. */
export const ACTIVATION_POLICY: ThrottlePolicy = {
  free: 5,
  baseDelayMs: 5_000,
  maxDelayMs: 30 * 60_000,
  quietResetMs: 60 * 60_000,
};

/** For e-mails a request can trigger: one a minute per key, so nobody's inbox can be flooded. */
export const ONE_A_MINUTE: ThrottlePolicy = {
  free: 0,
  baseDelayMs: 60_000,
  maxDelayMs: 60_000,
  quietResetMs: 3_600_000,
};

/** "That username is taken" answers per signed-in account: a few, then an hour-long wait that keeps doubling,
 * so a session cannot be used to test which usernames exist (the third answer starts the wait). */
export const USERNAME_PROBE_POLICY: ThrottlePolicy = {
  free: 2,
  baseDelayMs: 60 * 60_000,
  maxDelayMs: 24 * 60 * 60_000,
  quietResetMs: 24 * 60 * 60_000,
};

export const STAFF_LOCKOUT = { failures: 10, windowMs: 30 * 60_000, lockMs: 30 * 60_000 };

export function delayAfter(failures: number, policy: ThrottlePolicy): number {
  if (failures <= policy.free) return 0;
  const doublings = Math.min(failures - policy.free - 1, 30);
  return Math.min(policy.baseDelayMs * 2 ** doublings, policy.maxDelayMs);
}

/** Each key's blocked_until, for the keys that have one (one query for all the keys a decision needs). */
export async function blockedUntilOf(db: Database, keys: string[]): Promise<Map<string, Date>> {
  const t = schema.authFailureCounters;
  const rows = await db
    .select({ key: t.key, blockedUntil: t.blockedUntil })
    .from(t)
    .where(inArray(t.key, keys));
  const blocked = new Map<string, Date>();
  for (const { key, blockedUntil } of rows) if (blockedUntil) blocked.set(key, blockedUntil);
  return blocked;
}

/** Seconds until the earliest moment all `keys` accept a new attempt (from blockedUntilOf); 0 when none is blocked. */
export function secondsBlocked(blocked: ReadonlyMap<string, Date>, keys: string[], now: Date): number {
  let latest = 0;
  for (const key of keys) {
    const until = blocked.get(key);
    if (until && until > now) latest = Math.max(latest, until.getTime() - now.getTime());
  }
  return Math.ceil(latest / 1000);
}

/** Seconds until the earliest moment all keys accept a new attempt; 0 when none is blocked. */
export async function retryAfterSeconds(db: Database, keys: string[], now: Date): Promise<number> {
  return secondsBlocked(await blockedUntilOf(db, keys), keys, now);
}

/** Refuses (429, "wait N seconds") while any of the keys is blocked; the seconds are the same as Retry-After's. */
export async function refuseWhileBlocked(db: Database, keys: string[], now: Date): Promise<void> {
  const wait = await retryAfterSeconds(db, keys, now);
  if (wait > 0)
    throw new ProblemError(
      429,
      'rate-limited',
      'Too many attempts',
      `Please wait ${wait} seconds and try again.`,
    );
}

/** Counts a failure (atomically) and sets the delay it earns; returns the new count. */
export async function recordFailure(
  db: Database,
  key: string,
  policy: ThrottlePolicy,
  now: Date,
): Promise<number> {
  const quietSince = new Date(now.getTime() - policy.quietResetMs);
  const t = schema.authFailureCounters;
  // A quiet spell since the last failure starts the count again.
  const failures = await countFailure(db, key, now, sql`${t.lastFailureAt} < ${quietSince}`);
  const delay = delayAfter(failures, policy);
  await db
    .update(t)
    .set({ blockedUntil: delay ? new Date(now.getTime() + delay) : null })
    .where(eq(t.key, key));
  return failures;
}

/** Counts a staff failure inside the fixed 30-minute window; returns the count in the window. */
export async function recordWindowFailure(
  db: Database,
  key: string,
  windowMs: number,
  now: Date,
): Promise<number> {
  const windowStart = new Date(now.getTime() - windowMs);
  const t = schema.authFailureCounters;
  return countFailure(db, key, now, sql`${t.windowStartedAt} < ${windowStart}`);
}

/** One more failure under `key`, atomically; the count starts again at 1 when `restart` holds for the row. */
async function countFailure(db: Database, key: string, now: Date, restart: SQL): Promise<number> {
  const t = schema.authFailureCounters;
  const [row] = await db
    .insert(t)
    .values({ key, failures: 1, windowStartedAt: now, lastFailureAt: now })
    .onConflictDoUpdate({
      target: t.key,
      set: {
        failures: sql`case when ${restart} then 1 else ${t.failures} + 1 end`,
        windowStartedAt: sql`case when ${restart} then ${now} else ${t.windowStartedAt} end`,
        lastFailureAt: now,
      },
    })
    .returning({ failures: t.failures });
  return row?.failures ?? 1;
}

/** Holds every attempt counted under `key` until `until` (a trusted device's own staff lockout). */
export async function blockUntil(db: Database, key: string, until: Date): Promise<void> {
  await db
    .update(schema.authFailureCounters)
    .set({ blockedUntil: until })
    .where(eq(schema.authFailureCounters.key, key));
}
