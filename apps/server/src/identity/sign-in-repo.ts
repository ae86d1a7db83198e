// SQL of the sign-in hot path: one read of everything a sign-in decides on. Each statement is one round trip, and
// the server's per-statement work (building, sending) is what limits sign-ins per second, so the path keeps them
// few. Policy stays in sign-in-service.ts.
import { type Database, schema } from '@openpbm/db';
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
