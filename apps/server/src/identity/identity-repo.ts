// SQL for accounts and their security settings (sessions are in session-repo.ts, counters in throttle.ts).
import { type Database, schema } from '@openpbm/db';
import type { LoginResult, TokenPurpose } from '@openpbm/db/schema/identity';
import type { User } from '@openpbm/db/schema/users';
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import { InvariantBroken } from '../platform/internal-errors';

const { users, siteKeys, challengeAnswers, oneTimeTokens, loginHistory, knownDevices } = schema;

export async function findUserByUsername(db: Database, normalized: string) {
  const [row] = await db
    .select({ user: users, siteKey: siteKeys })
    .from(users)
    .leftJoin(siteKeys, eq(siteKeys.userId, users.id))
    .where(eq(users.usernameNormalized, normalized))
    .limit(1);
  return row ?? null;
}

export async function findUserById(db: Database, userId: string): Promise<User | null> {
  const [row] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  return row ?? null;
}

export async function findUsersByEmail(db: Database, email: string): Promise<User[]> {
  return db.select().from(users).where(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`);
}

export async function usernameTaken(db: Database, normalized: string): Promise<boolean> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.usernameNormalized, normalized))
    .limit(1);
  return !!row;
}

export async function findUserByMemberId(db: Database, memberId: string): Promise<User | null> {
  const [row] = await db.select().from(users).where(eq(users.memberId, memberId)).limit(1);
  return row ?? null;
}

export async function updateUser(
  db: Database,
  userId: string,
  set: Partial<typeof users.$inferInsert>,
): Promise<void> {
  await db.update(users).set(set).where(eq(users.id, userId));
}

export async function upsertSiteKey(
  db: Database,
  userId: string,
  imageId: string,
  phraseEnc: string,
  now: Date,
) {
  await db
    .insert(siteKeys)
    .values({ userId, imageId, phraseEnc, updatedAt: now })
    .onConflictDoUpdate({ target: siteKeys.userId, set: { imageId, phraseEnc, updatedAt: now } });
}

export async function findSiteKey(db: Database, userId: string) {
  const [row] = await db.select().from(siteKeys).where(eq(siteKeys.userId, userId)).limit(1);
  return row ?? null;
}

export async function replaceChallengeAnswers(
  db: Database,
  userId: string,
  answers: { questionId: string; answerHash: string }[],
): Promise<void> {
  await db.delete(challengeAnswers).where(eq(challengeAnswers.userId, userId));
  await db.insert(challengeAnswers).values(answers.map((a) => ({ userId, ...a })));
}

export async function listChallengeAnswers(db: Database, userId: string) {
  return db
    .select()
    .from(challengeAnswers)
    .where(eq(challengeAnswers.userId, userId))
    .orderBy(challengeAnswers.id);
}

export async function insertToken(
  db: Database,
  row: {
    purpose: TokenPurpose;
    tokenHash: string;
    userId?: string | null;
    memberId?: string | null;
    email?: string | null;
    expiresAt: Date;
    now: Date;
  },
) {
  const [created] = await db
    .insert(oneTimeTokens)
    .values({
      purpose: row.purpose,
      tokenHash: row.tokenHash,
      userId: row.userId ?? null,
      memberId: row.memberId ?? null,
      email: row.email ?? null,
      expiresAt: row.expiresAt,
      createdAt: row.now,
    })
    .returning();
  if (!created) throw new InvariantBroken('token insert returned nothing');
  return created;
}

/** An unused, unexpired token of this purpose. */
export async function findLiveToken(db: Database, purpose: TokenPurpose, tokenHash: string, now: Date) {
  const [row] = await db
    .select()
    .from(oneTimeTokens)
    .where(
      and(
        eq(oneTimeTokens.purpose, purpose),
        eq(oneTimeTokens.tokenHash, tokenHash),
        isNull(oneTimeTokens.usedAt),
        gt(oneTimeTokens.expiresAt, now),
      ),
    )
    .limit(1);
  return row ?? null;
}

/** Marks a token used; false when another request used it first (single use under concurrency). */
export async function consumeToken(db: Database, tokenId: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(oneTimeTokens)
    .set({ usedAt: now })
    .where(and(eq(oneTimeTokens.id, tokenId), isNull(oneTimeTokens.usedAt)))
    .returning({ id: oneTimeTokens.id });
  return rows.length > 0;
}

/** Ends the user's other unused tokens of a purpose (a new reset link replaces the old one). */
export async function retireTokens(
  db: Database,
  userId: string,
  purpose: TokenPurpose,
  now: Date,
): Promise<void> {
  await db
    .update(oneTimeTokens)
    .set({ usedAt: now })
    .where(
      and(eq(oneTimeTokens.userId, userId), eq(oneTimeTokens.purpose, purpose), isNull(oneTimeTokens.usedAt)),
    );
}

export async function addLoginHistory(
  db: Database,
  row: {
    userId: string;
    at: Date;
    result: LoginResult;
    method: string;
    ip: string | null;
    userAgent: string | null;
  },
): Promise<void> {
  await db.insert(loginHistory).values(row);
}

export async function listLoginHistory(db: Database, userId: string, limit: number) {
  return db
    .select()
    .from(loginHistory)
    .where(eq(loginHistory.userId, userId))
    .orderBy(desc(loginHistory.at))
    .limit(limit);
}

/** Has this user signed in from this browser (device token hash) before? */
export async function isKnownDevice(db: Database, userId: string, deviceHash: string): Promise<boolean> {
  const [row] = await db
    .select({ d: knownDevices.deviceHash })
    .from(knownDevices)
    .where(and(eq(knownDevices.userId, userId), eq(knownDevices.deviceHash, deviceHash)))
    .limit(1);
  return !!row;
}

/**
 * A select from users gets each user's second factors as three columns (subqueries on the users row). Plain SQL
 * names: Drizzle drops the table from columns interpolated in a select's fields, which would uncorrelate them.
 */
export const factorColumns = () => ({
  totp: sql<boolean>`exists (select 1 from totp_factors f where f.user_id = users.id and f.confirmed_at is not null)`,
  passkeys: sql<number>`(select count(*)::int from passkeys p where p.user_id = users.id)`,
  recoveryCodesLeft: sql<number>`(select count(*)::int from recovery_codes r where r.user_id = users.id and r.used_at is null)`,
});

export interface EnrolledFactors {
  totp: boolean;
  passkeys: number;
  recoveryCodesLeft: number;
}

/** Which second factors the user has enrolled (one statement: sign-in, account and factor pages ask it often). */
export async function enrolledFactors(db: Database, userId: string): Promise<EnrolledFactors> {
  const [row] = await db.select(factorColumns()).from(users).where(eq(users.id, userId));
  return row ?? { totp: false, passkeys: 0, recoveryCodesLeft: 0 };
}
