// SQL for second factors: TOTP, recovery codes, passkeys and WebAuthn challenges.
import { type Database, schema } from '@openpbm/db';
import { and, asc, eq, gt, isNotNull, isNull, lt, or } from 'drizzle-orm';
import { InvariantBroken } from '../platform/internal-errors';

const { totpFactors, recoveryCodes, passkeys, webauthnChallenges } = schema;

export async function findTotp(db: Database, userId: string) {
  const [row] = await db.select().from(totpFactors).where(eq(totpFactors.userId, userId)).limit(1);
  return row ?? null;
}

export async function replacePendingTotp(db: Database, userId: string, secretEnc: string, now: Date) {
  await db.delete(totpFactors).where(and(eq(totpFactors.userId, userId), isNull(totpFactors.confirmedAt)));
  await db.insert(totpFactors).values({ userId, secretEnc, createdAt: now });
}

export async function confirmTotp(db: Database, factorId: string, step: number, now: Date) {
  await db
    .update(totpFactors)
    .set({ confirmedAt: now, lastUsedStep: step })
    .where(eq(totpFactors.id, factorId));
}

/** Records the accepted step; false when a concurrent request already used this or a later step. */
export async function claimTotpStep(db: Database, factorId: string, step: number): Promise<boolean> {
  const rows = await db
    .update(totpFactors)
    .set({ lastUsedStep: step })
    .where(
      and(
        eq(totpFactors.id, factorId),
        isNotNull(totpFactors.confirmedAt),
        or(isNull(totpFactors.lastUsedStep), lt(totpFactors.lastUsedStep, step)),
      ),
    )
    .returning({ id: totpFactors.id });
  return rows.length > 0;
}

export async function deleteTotp(db: Database, userId: string): Promise<boolean> {
  const rows = await db
    .delete(totpFactors)
    .where(eq(totpFactors.userId, userId))
    .returning({ id: totpFactors.id });
  return rows.length > 0;
}

export async function replaceRecoveryCodes(db: Database, userId: string, hashes: string[], now: Date) {
  await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  if (hashes.length)
    await db.insert(recoveryCodes).values(hashes.map((codeHash) => ({ userId, codeHash, createdAt: now })));
}

export async function unusedRecoveryCodes(db: Database, userId: string) {
  return db
    .select()
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)))
    .orderBy(asc(recoveryCodes.id));
}

export async function useRecoveryCode(db: Database, codeId: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(recoveryCodes)
    .set({ usedAt: now })
    .where(and(eq(recoveryCodes.id, codeId), isNull(recoveryCodes.usedAt)))
    .returning({ id: recoveryCodes.id });
  return rows.length > 0;
}

export async function listPasskeys(db: Database, userId: string) {
  return db.select().from(passkeys).where(eq(passkeys.userId, userId)).orderBy(asc(passkeys.createdAt));
}

export async function findPasskeyByCredentialId(db: Database, credentialId: string) {
  const [row] = await db.select().from(passkeys).where(eq(passkeys.credentialId, credentialId)).limit(1);
  return row ?? null;
}

export async function insertPasskey(db: Database, row: typeof passkeys.$inferInsert) {
  await db.insert(passkeys).values(row);
}

export async function updatePasskeyUse(db: Database, id: string, signCount: number, now: Date) {
  await db.update(passkeys).set({ signCount, lastUsedAt: now }).where(eq(passkeys.id, id));
}

export async function deletePasskey(db: Database, userId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(passkeys)
    .where(and(eq(passkeys.id, id), eq(passkeys.userId, userId)))
    .returning({ id: passkeys.id });
  return rows.length > 0;
}

export async function insertChallenge(
  db: Database,
  row: {
    userId: string | null;
    purpose: 'register' | 'authenticate';
    challenge: string;
    expiresAt: Date;
    now: Date;
  },
) {
  const [created] = await db
    .insert(webauthnChallenges)
    .values({
      userId: row.userId,
      purpose: row.purpose,
      challenge: row.challenge,
      expiresAt: row.expiresAt,
      createdAt: row.now,
    })
    .returning({ id: webauthnChallenges.id });
  if (!created) throw new InvariantBroken('challenge insert returned nothing');
  return created.id;
}

/** Takes a live challenge (single use): marks it used and returns it, or null. */
export async function takeChallenge(
  db: Database,
  id: string,
  purpose: 'register' | 'authenticate',
  now: Date,
) {
  const [row] = await db
    .update(webauthnChallenges)
    .set({ usedAt: now })
    .where(
      and(
        eq(webauthnChallenges.id, id),
        eq(webauthnChallenges.purpose, purpose),
        isNull(webauthnChallenges.usedAt),
        gt(webauthnChallenges.expiresAt, now),
      ),
    )
    .returning();
  return row ?? null;
}
