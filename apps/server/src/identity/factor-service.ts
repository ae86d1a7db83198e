// Second factors other than passkeys: TOTP enrolment and removal, recovery codes, and checking either during
// sign-in. Adding or removing a factor needs a recent re-authentication, signs out every other session, sends a
// security e-mail and is audited.
import { decryptField, encryptField, fieldKeyFromConfig } from '@openpbm/db/field-crypto';
import type { Session } from '@openpbm/db/schema/identity';
import type { User } from '@openpbm/db/schema/users';
import type { FastifyBaseLogger } from 'fastify';
import type { AppDeps } from '../app-deps';
import { conflict, ProblemError } from '../platform/problem';
import { createAccountService } from './account-service';
import { auditAuth } from './audit-events';
import * as factors from './factor-repo';
import * as repo from './identity-repo';
import { hashSecret, verifySecret } from './passwords';
import { newRecoveryCode, normalizeRecoveryCode, RECOVERY_CODE_COUNT } from './recovery-codes';
import { sendSecurityNotice } from './security-mail';
import { addAuthMethod } from './session-repo';
import { type ClientInfo, createSessionService } from './session-service';
import { checkTotp, newTotpSecret, totpUri } from './totp';

export const TOTP_SECRET_CONTEXT = 'totp_factors.secret';

export const codeRejected = () =>
  new ProblemError(400, 'code-rejected', 'That code did not work', 'Check the code and try again.', [
    { field: 'code', message: 'That code did not work. Check it and try again.' },
  ]);

export function createFactorService(deps: AppDeps) {
  const db = deps.db.db;
  const fieldKey = fieldKeyFromConfig(deps.config);
  const sessions = createSessionService(deps);
  const account = createAccountService(deps);

  async function issueRecoveryCodes(userId: string): Promise<string[]> {
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    const hashes = await Promise.all(codes.map((c) => hashSecret(normalizeRecoveryCode(c))));
    await db.transaction((tx) => factors.replaceRecoveryCodes(tx, userId, hashes, deps.now()));
    return codes;
  }

  /** After a factor change: other sessions end, the owner hears about it, the audit trail has it. */
  async function factorChanged(
    user: User,
    session: Session,
    action: 'factor_added' | 'factor_removed',
    factor: string,
    client: ClientInfo,
    log?: FastifyBaseLogger,
    proven?: 'totp' | 'passkey',
  ) {
    // Enrolling proved the factor (a code from it, or a passkey ceremony): this session now has a second factor,
    // which lets a staff user in first-sign-in setup go on.
    if (action === 'factor_added' && proven) await addAuthMethod(db, session.id, proven);
    const ended = await sessions.revokeAllForUser(user.id, action, session.id);
    await auditAuth(deps, client, { action, user, detail: { factor, otherSessionsEnded: ended } });
    await sendSecurityNotice(deps, user.email, { kind: action, factor }, log);
  }

  /** Recovery codes exist only while a factor does: the first factor creates them, the last removal deletes them. */
  async function recoveryCodesAfterAdding(userId: string): Promise<string[] | null> {
    const f = await repo.enrolledFactors(db, userId);
    return f.recoveryCodesLeft === 0 ? issueRecoveryCodes(userId) : null;
  }

  async function dropRecoveryCodesIfNoFactor(userId: string): Promise<void> {
    const f = await repo.enrolledFactors(db, userId);
    if (!f.totp && !f.passkeys) await factors.replaceRecoveryCodes(db, userId, [], deps.now());
  }

  return {
    factorChanged,
    recoveryCodesAfterAdding,
    dropRecoveryCodesIfNoFactor,

    async startTotp(user: User, session: Session): Promise<{ secret: string; otpauthUri: string }> {
      account.requireRecentAuth(session);
      const existing = await factors.findTotp(db, user.id);
      if (existing?.confirmedAt)
        throw conflict(
          'An authenticator app is already set up. Remove it first to replace it.',
          'already-exists',
        );
      const secret = newTotpSecret();
      await factors.replacePendingTotp(
        db,
        user.id,
        encryptField(fieldKey, secret, TOTP_SECRET_CONTEXT),
        deps.now(),
      );
      return { secret, otpauthUri: totpUri(secret, user.username) };
    },

    async confirmTotp(
      user: User,
      session: Session,
      code: string,
      client: ClientInfo,
      log?: FastifyBaseLogger,
    ) {
      account.requireRecentAuth(session);
      const pending = await factors.findTotp(db, user.id);
      if (!pending || pending.confirmedAt)
        throw conflict('Start setting up an authenticator app first.', 'setup-required');
      const secret = decryptField(fieldKey, pending.secretEnc, TOTP_SECRET_CONTEXT);
      const step = await checkTotp(secret, code, deps.now(), null);
      if (step === null) throw codeRejected();
      await factors.confirmTotp(db, pending.id, step, deps.now());
      await factorChanged(user, session, 'factor_added', 'authenticator app', client, log, 'totp');
      return { recoveryCodes: await recoveryCodesAfterAdding(user.id) };
    },

    async removeTotp(user: User, session: Session, client: ClientInfo, log?: FastifyBaseLogger) {
      account.requireRecentAuth(session);
      if (!(await factors.deleteTotp(db, user.id)))
        throw new ProblemError(404, 'not-found', 'Not found', 'No authenticator app is set up.');
      await dropRecoveryCodesIfNoFactor(user.id);
      await factorChanged(user, session, 'factor_removed', 'authenticator app', client, log);
    },

    async regenerateRecoveryCodes(user: User, session: Session, client: ClientInfo, log?: FastifyBaseLogger) {
      account.requireRecentAuth(session);
      const f = await repo.enrolledFactors(db, user.id);
      if (!f.totp && !f.passkeys)
        throw conflict('Set up an authenticator app or a passkey first.', 'setup-required');
      const codes = await issueRecoveryCodes(user.id);
      await factorChanged(user, session, 'factor_added', 'new set of recovery codes', client, log);
      return codes;
    },

    /** Sign-in: a TOTP code for the user's confirmed authenticator (each 30-second code works once). */
    async verifyTotpForSignIn(userId: string, code: string): Promise<boolean> {
      const factor = await factors.findTotp(db, userId);
      if (!factor?.confirmedAt) return false;
      const secret = decryptField(fieldKey, factor.secretEnc, TOTP_SECRET_CONTEXT);
      const step = await checkTotp(secret, code, deps.now(), factor.lastUsedStep);
      return step !== null && factors.claimTotpStep(db, factor.id, step);
    },

    /** Sign-in: one of the unused recovery codes, which is then used up. */
    async useRecoveryCode(userId: string, code: string): Promise<{ ok: boolean; left: number }> {
      const normalized = normalizeRecoveryCode(code);
      const unused = await factors.unusedRecoveryCodes(db, userId);
      if (normalized.length !== 12) return { ok: false, left: unused.length };
      for (const row of unused) {
        if (await verifySecret(row.codeHash, normalized)) {
          const ok = await factors.useRecoveryCode(db, row.id, deps.now());
          return { ok, left: unused.length - (ok ? 1 : 0) };
        }
      }
      return { ok: false, left: unused.length };
    },
  };
}
