// SQL of the sign-in hot path: one read of everything a sign-in decides on, and one statement for the writes that
// record a completed sign-in. Each statement is one round trip, and the server's per-statement work (building,
// sending) is what limits sign-ins per second, so the path keeps them few. Policy stays in sign-in-service.ts.
import { type Database, newId, schema } from '@openpbm/db';
import type { User } from '@openpbm/db/schema/users';
import { eq, type SQL, sql } from 'drizzle-orm';
import { type EnrolledFactors, factorColumns } from './identity-repo';

const { users } = schema;

export interface AccountState {
  user: User;
  /** This browser's device hash is one of the user's known devices. */
  knownDevice: boolean;
  factors: EnrolledFactors;
  hasSiteKey: boolean;
  challengeAnswers: number;
}

/**
 * The account (by normalized username or by id) with whether `deviceHash` is one of its known devices, its second
 * factors and how much of its setup is done; null when there is no such account.
 */
export async function accountState(
  db: Database,
  by: { usernameNormalized: string } | { userId: string },
  deviceHash: string | null,
): Promise<AccountState | null> {
  const knownDevice: SQL<boolean> = deviceHash
    ? sql`exists (select 1 from known_devices d where d.user_id = users.id and d.device_hash = ${deviceHash})`
    : sql`false`;
  const [row] = await db
    .select({
      user: users,
      knownDevice,
      ...factorColumns(),
      // Plain SQL names, as in factorColumns (Drizzle drops the table of columns interpolated here).
      hasSiteKey: sql<boolean>`exists (select 1 from site_keys s where s.user_id = users.id)`,
      challengeAnswers: sql<number>`(select count(*)::int from challenge_answers a where a.user_id = users.id)`,
    })
    .from(users)
    .where('userId' in by ? eq(users.id, by.userId) : eq(users.usernameNormalized, by.usernameNormalized))
    .limit(1);
  if (!row) return null;
  const { user, totp, passkeys, recoveryCodesLeft, hasSiteKey } = row;
  return {
    user,
    knownDevice: row.knownDevice,
    factors: { totp, passkeys, recoveryCodesLeft },
    hasSiteKey,
    challengeAnswers: row.challengeAnswers,
  };
}

export interface SignInRecord {
  userId: string;
  at: Date;
  method: string;
  ip: string | null;
  userAgent: string | null;
  /** Failure counters this sign-in clears (at least one). */
  clearKeys: string[];
  deviceHash: string;
}

/**
 * A completed sign-in's writes as one statement of data-modifying CTEs (one round trip instead of five): last
 * sign-in time, failure counters cleared, a login-history row, and the device remembered (an upsert). Returns
 * whether the device is new and whether the user had any device before: the subquery reads the snapshot taken
 * before the statement, so it does not see the row inserted here. (xmax is 0 on a row this statement inserted,
 * and set on one the conflict branch updated.)
 */
export async function recordSignIn(
  db: Database,
  r: SignInRecord,
): Promise<{ isNew: boolean; hadDevices: boolean }> {
  const at = r.at.toISOString();
  // users.updated_at follows the wall clock, as Drizzle's $onUpdate sets it on every other update of users.
  const updatedAt = new Date().toISOString();
  const keys = sql.join(
    r.clearKeys.map((k) => sql`${k}`),
    sql`, `,
  );
  const result = (await db.execute(sql`
    with signed_in as (
      update users set last_login_at = ${at}::timestamptz, updated_at = ${updatedAt}::timestamptz
       where id = ${r.userId}::uuid
    ), cleared as (
      delete from auth_failure_counters where key in (${keys})
    ), history as (
      insert into login_history (id, user_id, at, result, method, ip, user_agent)
      values (${newId()}::uuid, ${r.userId}::uuid, ${at}::timestamptz, 'success', ${r.method}, ${r.ip}, ${r.userAgent})
    ), device as (
      insert into known_devices (user_id, device_hash, user_agent, first_seen_at, last_seen_at)
      values (${r.userId}::uuid, ${r.deviceHash}, ${r.userAgent}, ${at}::timestamptz, ${at}::timestamptz)
      on conflict (user_id, device_hash) do update set last_seen_at = excluded.last_seen_at
      returning (xmax = 0) as inserted
    )
    select device.inserted,
           exists (select 1 from known_devices k where k.user_id = ${r.userId}::uuid) as had_devices
      from device`)) as unknown as { rows: Array<{ inserted: boolean; had_devices: boolean }> };
  const [row] = result.rows;
  // An existing device row means the user had a device (this one).
  return { isNew: !!row?.inserted, hadDevices: !row?.inserted || !!row?.had_devices };
}
