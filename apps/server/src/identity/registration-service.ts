// Registration after activation: username, password, SiteKey and three challenge questions; the account stays
// `pending` until the e-mail address is verified through the link sent to it. Also e-mail verification itself
// (used again when a user changes their address).
import { encryptField, fieldKeyFromConfig } from '@openpbm/db/field-crypto';
import { normalizeUsername } from '@openpbm/db/schema/users';
import type { FieldError } from '@openpbm/shared';
import type { AppDeps } from '../app-deps';
import { badRequest, ProblemError } from '../platform/problem';
import { auditAuth } from './audit-events';
import { normalizeAnswer } from './challenge-questions';
import { systemEnrolmentRepo } from './enrolment-repo';
import * as repo from './identity-repo';
import { passwordProblems } from './password-policy';
import { hashSecret } from './passwords';
import { hashToken, newToken } from './secrets';
import { sendSecurityNotice } from './security-mail';
import type { ClientInfo } from './session-service';
import { SITE_KEY_PHRASE_CONTEXT } from './sign-in-service';

export const EMAIL_TOKEN_HOURS = 24;

export interface RegistrationInput {
  registrationToken: string;
  username: string;
  email: string;
  password: string;
  siteKey: { imageId: string; phrase: string };
  challengeAnswers: { questionId: string; answer: string }[];
}

export const checkChallengeAnswers = (answers: { questionId: string; answer: string }[]): FieldError[] => {
  const errors: FieldError[] = [];
  if (new Set(answers.map((a) => a.questionId)).size !== answers.length) {
    errors.push({ field: 'challengeAnswers', message: 'Choose three different questions.' });
  }
  answers.forEach((a, i) => {
    if (normalizeAnswer(a.answer).length < 2) {
      errors.push({
        field: `challengeAnswers.${i}.answer`,
        message: 'Enter an answer of at least 2 letters or digits.',
      });
    }
  });
  return errors;
};

export const hashChallengeAnswers = (answers: { questionId: string; answer: string }[]) =>
  Promise.all(
    answers.map(async (a) => ({
      questionId: a.questionId,
      answerHash: await hashSecret(normalizeAnswer(a.answer)),
    })),
  );

export function createRegistrationService(deps: AppDeps) {
  const db = deps.db.db;
  const fieldKey = fieldKeyFromConfig(deps.config);

  /** Sends a verification link for `email`; the address becomes the account's when the link is used. */
  async function sendEmailVerification(userId: string, email: string, baseUrl: string): Promise<void> {
    const now = deps.now();
    await repo.retireTokens(db, userId, 'email_verification', now);
    const token = newToken();
    await repo.insertToken(db, {
      purpose: 'email_verification',
      tokenHash: hashToken(token),
      userId,
      email,
      expiresAt: new Date(now.getTime() + EMAIL_TOKEN_HOURS * 3_600_000),
      now,
    });
    await deps.mailer.send({
      to: email,
      subject: 'Confirm your e-mail address for OpenPBM',
      text:
        `Confirm this e-mail address for your OpenPBM account by opening this link within ${EMAIL_TOKEN_HOURS} hours:\n\n` +
        `${baseUrl}/verify-email#token=${token}\n\nIf you did not ask for this, ignore this message.`,
    });
  }

  return {
    sendEmailVerification,

    async register(
      input: RegistrationInput,
      client: ClientInfo,
      baseUrl: string,
    ): Promise<{ userId: string; username: string }> {
      const now = deps.now();
      const ticket = await repo.findLiveToken(db, 'registration', hashToken(input.registrationToken), now);
      if (!ticket?.memberId) {
        throw new ProblemError(
          400,
          'registration-expired',
          'Your activation has expired',
          'Please verify your details again.',
        );
      }
      const normalized = normalizeUsername(input.username);
      const errors: FieldError[] = [];
      if (await repo.usernameTaken(db, normalized))
        errors.push({ field: 'username', message: 'That username is taken. Choose another.' });
      for (const message of passwordProblems(input.password, {
        username: input.username,
        email: input.email,
      })) {
        errors.push({ field: 'password', message });
      }
      errors.push(...checkChallengeAnswers(input.challengeAnswers));
      if (errors.length) throw badRequest('Correct the fields listed and try again.', errors);

      const member = await systemEnrolmentRepo(deps.db).member(ticket.memberId);
      if (!member)
        throw new ProblemError(
          400,
          'registration-expired',
          'Your activation has expired',
          'Please verify your details again.',
        );
      const passwordHash = await hashSecret(input.password);
      const answers = await hashChallengeAnswers(input.challengeAnswers);

      const userId = await db.transaction(async (tx) => {
        if (!(await repo.consumeToken(tx, ticket.id, now))) {
          throw new ProblemError(
            400,
            'registration-expired',
            'Your activation has expired',
            'Please verify your details again.',
          );
        }
        const user = await systemEnrolmentRepo(deps.db).insertMemberUser(tx, {
          username: input.username.trim(),
          usernameNormalized: normalized,
          email: input.email.trim(),
          passwordHash,
          passwordChangedAt: now,
          status: 'pending',
          memberId: member.id,
          displayName: `${member.firstName} ${member.lastName}`,
        });
        if (!user)
          throw badRequest('Correct the fields listed and try again.', [
            { field: 'username', message: 'That username is taken. Choose another.' },
          ]);
        await repo.upsertSiteKey(
          tx,
          user.id,
          input.siteKey.imageId,
          encryptField(fieldKey, input.siteKey.phrase.trim(), SITE_KEY_PHRASE_CONTEXT),
          now,
        );
        await repo.replaceChallengeAnswers(tx, user.id, answers);
        return user.id;
      });
      await auditAuth(deps, client, { action: 'registered', user: { id: userId, role: 'member' } });
      // If the mail relay fails now, the account still exists: signing in with the password sends a new link.
      await sendEmailVerification(userId, input.email.trim(), baseUrl).catch(() => undefined);
      return { userId, username: input.username.trim() };
    },

    /** Uses a verification link: the address is confirmed (and becomes the account's), a pending account activates. */
    async verifyEmail(token: string, client: ClientInfo): Promise<{ username: string }> {
      const now = deps.now();
      const row = await repo.findLiveToken(db, 'email_verification', hashToken(token), now);
      const invalid = () =>
        new ProblemError(
          400,
          'link-invalid',
          'This link is no longer valid',
          'It may have expired or been used already.',
        );
      if (!row?.userId || !row.email) throw invalid();
      if (!(await repo.consumeToken(db, row.id, now))) throw invalid();
      const user = await repo.findUserById(db, row.userId);
      if (!user) throw invalid();
      const previousEmail = user.email;
      await repo.updateUser(db, user.id, {
        email: row.email,
        emailVerifiedAt: now,
        ...(user.status === 'pending' ? { status: 'active' as const } : {}),
      });
      const changed = previousEmail.toLowerCase() !== row.email.toLowerCase();
      await auditAuth(deps, client, { action: 'email_verified', user, detail: { changed } });
      // The old address hears about the change too (it may be the owner noticing a takeover).
      if (changed)
        await sendSecurityNotice(deps, previousEmail, { kind: 'email_changed', newEmail: row.email });
      return { username: user.username };
    },
  };
}
