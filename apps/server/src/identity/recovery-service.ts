// Getting back in: password reset (e-mailed one-time link, 30 minutes, token stored hashed, then the answer to one
// of the user's security questions, then a new password; a reset never signs in, so an enrolled second factor is
// still asked for at the next sign-in) and "forgot username" (the usernames go to the address on file). Both
// requests answer the same whether or not the account exists. Also: changing the password while signed in.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Session } from '@openpbm/db/schema/identity';
import { normalizeUsername, type User } from '@openpbm/db/schema/users';
import type { FieldError } from '@openpbm/shared';
import type { FastifyBaseLogger } from 'fastify';
import type { AppDeps } from '../app-deps';
import type { OutgoingMail } from '../email/mailer';
import { badRequest, ProblemError } from '../platform/problem';
import { auditAuth } from './audit-events';
import { normalizeAnswer, questionText } from './challenge-questions';
import * as repo from './identity-repo';
import { passwordProblems } from './password-policy';
import { hashSecret, verifySecret } from './passwords';
import { appHmac, hashToken, newToken } from './secrets';
import { sendSecurityNotice } from './security-mail';
import { type ClientInfo, createSessionService } from './session-service';
import {
  ACCOUNT_POLICY,
  ONE_A_MINUTE,
  recordFailure,
  refuseWhileBlocked,
  retryAfterSeconds,
} from './throttle';

export const RESET_TOKEN_MINUTES = 30;
/** Wrong answers allowed per reset link before it stops working. */
export const RESET_ANSWER_ATTEMPTS = 3;

const linkInvalid = () =>
  new ProblemError(
    400,
    'link-invalid',
    'This link is no longer valid',
    'It may have expired or been used. Ask for a new one.',
  );

/** Requests that must not reveal whether an account exists answer no sooner than this. */
export const REQUEST_MIN_MS = 300;

/**
 * The e-mail goes out after the answer, so the time to talk to the mail relay does not tell a requester whether
 * an address or username matched.
 */
function sendInBackground(deps: AppDeps, log: FastifyBaseLogger | undefined, mail: OutgoingMail): void {
  deps.mailer
    .send(mail)
    .catch((err: unknown) => log?.warn({ err: (err as Error).message }, 'account e-mail not sent'));
}

/** Runs `work` and holds the answer back to at least `ms` (same answer time whether or not anything matched). */
export async function atLeast<T>(ms: number, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  const left = ms - (performance.now() - started);
  if (left > 0) await sleep(left);
  return result;
}

/** The answer to a reset request for an account without security questions: no link, the way in instead. */
function noQuestionsMail(user: User, baseUrl: string): OutgoingMail {
  return {
    to: user.email,
    subject: 'Reset your OpenPBM password',
    text:
      `Someone asked to reset the password of the OpenPBM account "${user.username}". This account has no security questions yet, and a reset by e-mail needs one, so this message has no reset link.\n\n` +
      `If you know your password, sign in at ${baseUrl}/sign-in and finish setting up your account: choose your SiteKey picture and three security questions. After that, a reset by e-mail works. If you do not know your password, contact customer service.\n\nIf you did not ask for this, ignore this message: your password stays the same.`,
  };
}

export function createRecoveryService(deps: AppDeps) {
  const db = deps.db.db;
  const sessions = createSessionService(deps);

  async function newPasswordErrors(user: User, password: string, field: string): Promise<FieldError[]> {
    return passwordProblems(password, { username: user.username, email: user.email }).map((message) => ({
      field,
      message,
    }));
  }

  /** Sets a new password; every session ends except `keepSessionId`; the owner is told. */
  async function setPassword(
    user: User,
    password: string,
    keepSessionId: string | undefined,
    client: ClientInfo,
    log?: FastifyBaseLogger,
  ) {
    await repo.updateUser(db, user.id, {
      passwordHash: await hashSecret(password),
      passwordChangedAt: deps.now(),
    });
    const ended = await sessions.revokeAllForUser(user.id, 'password_changed', keepSessionId);
    await auditAuth(deps, client, {
      action: 'password_changed',
      user,
      detail: { otherSessionsEnded: ended },
    });
    await sendSecurityNotice(deps, user.email, { kind: 'password_changed' }, log);
  }

  /** The live reset token and its user (not consumed). */
  async function resetTicket(token: string) {
    const row = await repo.findLiveToken(db, 'password_reset', hashToken(token), deps.now());
    if (!row?.userId) throw linkInvalid();
    const user = await repo.findUserById(db, row.userId);
    if (user?.status !== 'active') throw linkInvalid();
    const answers = await repo.listChallengeAnswers(db, user.id);
    if (!answers.length) throw linkInvalid();
    // One question per link, chosen from the token: asking again does not let someone shop for an easier one.
    const index = Buffer.from(appHmac(deps.config.APP_SECRET, 'reset question', row.id), 'base64url')[0] ?? 0;
    const answer = answers[index % answers.length];
    if (!answer) throw linkInvalid();
    return { row, user, answer };
  }

  return {
    setPassword,

    async requestReset(
      usernameOrEmail: string,
      client: ClientInfo,
      baseUrl: string,
      log?: FastifyBaseLogger,
    ) {
      const value = usernameOrEmail.trim();
      const candidates = value.includes('@')
        ? [
            ...(await repo.findUsersByEmail(db, value)),
            ...[(await repo.findUserByUsername(db, normalizeUsername(value)))?.user].filter(
              (u): u is User => !!u,
            ),
          ]
        : [(await repo.findUserByUsername(db, normalizeUsername(value)))?.user].filter((u): u is User => !!u);
      const now = deps.now();
      for (const user of candidates) {
        // Only to an address the user proved they read.
        if (user.status !== 'active' || !user.emailVerifiedAt) continue;
        // At most one e-mail a minute per account, so the request cannot be used to flood someone's inbox.
        const mailKey = `reset-mail:${user.id}`;
        if ((await retryAfterSeconds(db, [mailKey], now)) > 0) continue;
        await recordFailure(db, mailKey, ONE_A_MINUTE, now);
        // A reset asks a security question. An account that has none yet (created for someone who has not
        // finished their first sign-in) hears why there is no link instead of nothing.
        if (!(await repo.listChallengeAnswers(db, user.id)).length) {
          sendInBackground(deps, log, noQuestionsMail(user, baseUrl));
          await auditAuth(deps, client, {
            action: 'password_reset_requested',
            user,
            detail: { sent: 'no_security_questions' },
          });
          continue;
        }
        await repo.retireTokens(db, user.id, 'password_reset', now);
        const token = newToken();
        await repo.insertToken(db, {
          purpose: 'password_reset',
          tokenHash: hashToken(token),
          userId: user.id,
          expiresAt: new Date(now.getTime() + RESET_TOKEN_MINUTES * 60_000),
          now,
        });
        sendInBackground(deps, log, {
          to: user.email,
          subject: 'Reset your OpenPBM password',
          text:
            `Someone asked to reset the password of the OpenPBM account "${user.username}". To choose a new password, open this link within ${RESET_TOKEN_MINUTES} minutes:\n\n` +
            `${baseUrl}/reset-password#token=${token}\n\nYou will also answer one of your security questions. If you did not ask for this, ignore this message: your password stays the same.`,
        });
        await auditAuth(deps, client, { action: 'password_reset_requested', user });
      }
      if (!candidates.length)
        await auditAuth(deps, client, { action: 'password_reset_requested', detail: { matched: false } });
    },

    async resetQuestion(token: string) {
      const { answer } = await resetTicket(token);
      return {
        questionId: answer.questionId,
        question: questionText(answer.questionId) ?? answer.questionId,
      };
    },

    async completeReset(
      token: string,
      answerText: string,
      password: string,
      client: ClientInfo,
      log?: FastifyBaseLogger,
    ) {
      const { row, user, answer } = await resetTicket(token);
      const key = `reset-answer:${row.id}`;
      if (!(await verifySecret(answer.answerHash, normalizeAnswer(answerText)))) {
        const failures = await recordFailure(db, key, ACCOUNT_POLICY, deps.now());
        await auditAuth(deps, client, {
          action: 'password_reset_failed',
          user,
          detail: { reason: 'wrong_answer', failures },
        });
        if (failures >= RESET_ANSWER_ATTEMPTS) {
          await repo.consumeToken(db, row.id, deps.now());
          throw new ProblemError(
            400,
            'link-invalid',
            'Too many wrong answers',
            'This link no longer works. Ask for a new one later.',
          );
        }
        throw badRequest('Check your answer and try again.', [
          { field: 'answer', message: 'That answer doesn’t match.' },
        ]);
      }
      const errors = await newPasswordErrors(user, password, 'password');
      if (errors.length) throw badRequest('Choose a different password.', errors);
      if (!(await repo.consumeToken(db, row.id, deps.now()))) throw linkInvalid();
      await setPassword(user, password, undefined, client, log);
      await auditAuth(deps, client, { action: 'password_reset_completed', user });
      return { username: user.username };
    },

    async changePassword(
      user: User,
      session: Session,
      current: string,
      password: string,
      client: ClientInfo,
      log?: FastifyBaseLogger,
    ) {
      const key = `reauth:${user.id}`;
      await refuseWhileBlocked(db, [key], deps.now());
      if (!(await verifySecret(user.passwordHash, current))) {
        await recordFailure(db, key, ACCOUNT_POLICY, deps.now());
        await auditAuth(deps, client, { action: 'password_change_failed', user });
        throw badRequest('Check your current password.', [
          { field: 'currentPassword', message: 'That password is not right.' },
        ]);
      }
      const errors = await newPasswordErrors(user, password, 'newPassword');
      if (current === password)
        errors.push({ field: 'newPassword', message: 'Choose a password different from the current one.' });
      if (errors.length) throw badRequest('Choose a different password.', errors);
      await setPassword(user, password, session.id, client, log);
      // A new token for the session that proved the password (the others have just been ended).
      const issued = await sessions.rotate(
        session.id,
        user.id,
        'full',
        session.authMethods,
        client,
        session.expiresAt,
      );
      return { token: issued.token };
    },

    /** The usernames for an address go to that address; nothing tells the requester whether there were any. */
    async forgotUsername(email: string, client: ClientInfo, baseUrl: string, log?: FastifyBaseLogger) {
      const users = (await repo.findUsersByEmail(db, email)).filter((u) => u.status !== 'disabled');
      const now = deps.now();
      const mailKey = `username-mail:${appHmac(deps.config.APP_SECRET, 'username mail', email.trim().toLowerCase())}`;
      if (users.length && (await retryAfterSeconds(db, [mailKey], now)) === 0) {
        await recordFailure(db, mailKey, ONE_A_MINUTE, now);
        const first = users[0] as User;
        sendInBackground(deps, log, {
          to: first.email,
          subject: 'Your OpenPBM username',
          text: `You asked for the username of your OpenPBM account${users.length > 1 ? 's' : ''}:\n\n${users.map((u) => `  ${u.username}`).join('\n')}\n\nSign in at ${baseUrl}/sign-in\n\nIf you did not ask for this, you can ignore this message.`,
        });
      }
      for (const user of users)
        await auditAuth(deps, client, { action: 'username_reminder_requested', user });
      if (!users.length)
        await auditAuth(deps, client, { action: 'username_reminder_requested', detail: { matched: false } });
    },
  };
}
