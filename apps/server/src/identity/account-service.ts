// The signed-in user's own security settings: overview, re-authentication, SiteKey, challenge questions.
// Changing an existing setting needs a credential entered in the last few minutes (re-authentication).
import { decryptField, encryptField, fieldKeyFromConfig } from '@openpbm/db/field-crypto';
import type { Session } from '@openpbm/db/schema/identity';
import { STAFF_ROLES, type User } from '@openpbm/db/schema/users';
import type { FastifyBaseLogger } from 'fastify';
import type { AppDeps } from '../app-deps';
import { badRequest, ProblemError } from '../platform/problem';
import { auditAuth } from './audit-events';
import * as repo from './identity-repo';
import { verifySecret } from './passwords';
import { checkChallengeAnswers, hashChallengeAnswers } from './registration-service';
import { sendSecurityNotice } from './security-mail';
import { type ClientInfo, createSessionService } from './session-service';
import { SITE_KEY_PHRASE_CONTEXT } from './sign-in-service';
import { siteKeyView } from './site-keys';
import { ACCOUNT_POLICY, recordFailure, refuseWhileBlocked } from './throttle';

export const reauthRequired = () =>
  new ProblemError(
    403,
    'reauthentication-required',
    'Confirm it is you',
    'For your security, enter your password again before changing this.',
  );

export function createAccountService(deps: AppDeps) {
  const db = deps.db.db;
  const sessions = createSessionService(deps);
  const fieldKey = fieldKeyFromConfig(deps.config);

  function requireRecentAuth(session: Session): void {
    if (!sessions.isRecentlyAuthenticated(session)) throw reauthRequired();
  }

  return {
    requireRecentAuth,

    async overview(user: User, session: Session) {
      const siteKey = await repo.findSiteKey(db, user.id);
      const answers = await repo.listChallengeAnswers(db, user.id);
      const factors = await repo.enrolledFactors(db, user.id);
      return {
        username: user.username,
        email: user.email,
        emailVerified: !!user.emailVerifiedAt,
        role: user.role,
        siteKey: siteKey
          ? siteKeyView(siteKey.imageId, decryptField(fieldKey, siteKey.phraseEnc, SITE_KEY_PHRASE_CONTEXT))
          : null,
        challengeQuestionIds: answers.map((a) => a.questionId),
        totpEnabled: factors.totp,
        passkeyCount: factors.passkeys,
        recoveryCodesLeft: factors.recoveryCodesLeft,
        passwordSet: !!user.passwordHash,
        selfServiceProfileChanges: user.role !== 'client_user',
        secondFactorRequired: STAFF_ROLES.has(user.role) && !factors.totp && !factors.passkeys,
        recentlyAuthenticated: sessions.isRecentlyAuthenticated(session),
      };
    },

    /**
     * Re-enter the password: allows sensitive changes for the next few minutes. The session token is rotated (a new
     * token, same absolute end), as after any authentication.
     */
    async reauthenticate(
      user: User,
      session: Session,
      password: string,
      client: ClientInfo,
    ): Promise<{ token: string }> {
      const now = deps.now();
      const key = `reauth:${user.id}`;
      await refuseWhileBlocked(db, [key], now);
      if (!(await verifySecret(user.passwordHash, password))) {
        await recordFailure(db, key, ACCOUNT_POLICY, now);
        await auditAuth(deps, client, { action: 'reauthentication_failed', user });
        throw new ProblemError(
          400,
          'reauthentication-failed',
          'That password is not right',
          'Check it and try again.',
          [{ field: 'password', message: 'That password is not right.' }],
        );
      }
      const issued = await sessions.rotate(
        session.id,
        user.id,
        'full',
        session.authMethods,
        client,
        session.expiresAt,
      );
      await auditAuth(deps, client, {
        action: 'reauthenticated',
        user,
        resourceType: 'session',
        resourceId: issued.session.id,
      });
      return { token: issued.token };
    },

    async setSiteKey(
      user: User,
      session: Session,
      imageId: string,
      phrase: string,
      client: ClientInfo,
      log?: FastifyBaseLogger,
    ) {
      // The first SiteKey too: a hijacked old session must not plant one (first-sign-in setup runs right after the
      // password, so it is recent there).
      requireRecentAuth(session);
      const existing = await repo.findSiteKey(db, user.id);
      await repo.upsertSiteKey(
        db,
        user.id,
        imageId,
        encryptField(fieldKey, phrase.trim(), SITE_KEY_PHRASE_CONTEXT),
        deps.now(),
      );
      await auditAuth(deps, client, { action: existing ? 'site_key_changed' : 'site_key_set', user });
      if (existing) await sendSecurityNotice(deps, user.email, { kind: 'site_key_changed' }, log);
    },

    async setChallengeAnswers(
      user: User,
      session: Session,
      answers: { questionId: string; answer: string }[],
      client: ClientInfo,
      log?: FastifyBaseLogger,
    ) {
      // The first questions too: whoever sets them can later reset the password.
      requireRecentAuth(session);
      const existing = await repo.listChallengeAnswers(db, user.id);
      const errors = checkChallengeAnswers(answers);
      if (errors.length) throw badRequest('Correct the fields listed and try again.', errors);
      const hashed = await hashChallengeAnswers(answers);
      await db.transaction((tx) => repo.replaceChallengeAnswers(tx, user.id, hashed));
      await auditAuth(deps, client, {
        action: existing.length ? 'challenge_questions_changed' : 'challenge_questions_set',
        user,
      });
      if (existing.length)
        await sendSecurityNotice(deps, user.email, { kind: 'challenge_questions_changed' }, log);
    },
  };
}
