// Username-first sign-in: (1) username → SiteKey (real or decoy), (2) password, (3) a second factor when one is
// enrolled. Every step answers the same way for unknown and known usernames; growing delays per account and per
// IP; staff accounts lock for 30 minutes after 10 failures in 30 minutes. A browser the user signed in from before
// (device cookie, device-trust.ts) has its own budget and lockout, so strangers' failures never hold it back.
// A completed sign-in always gets a new session token (rotation).

import { setTimeout as sleep } from 'node:timers/promises';
import { decryptField, fieldKeyFromConfig } from '@openpbm/db/field-crypto';
import type { User } from '@openpbm/db/schema/users';
import { normalizeUsername, STAFF_ROLES } from '@openpbm/db/schema/users';
import type { FastifyBaseLogger } from 'fastify';
import type { AppDeps } from '../app-deps';
import { InvariantBroken } from '../platform/internal-errors';
import { auditAuth } from './audit-events';
import {
  budgetOf,
  type FailureBudget,
  failureBudget,
  newDeviceToken,
  signedDeviceHash,
} from './device-trust';
import * as repo from './identity-repo';
import { verifySecret } from './passwords';
import { appHmac, hashToken } from './secrets';
import { sendSecurityNotice } from './security-mail';
import { type ClientInfo, createSessionService, type IssuedSession } from './session-service';
import { type AccountState, accountState, recordSignIn } from './sign-in-repo';
import { decoySiteKey, type SiteKeyView, siteKeyView } from './site-keys';
import {
  ACCOUNT_POLICY,
  blockedUntilOf,
  blockUntil,
  IP_POLICY,
  recordFailure,
  recordWindowFailure,
  STAFF_LOCKOUT,
  secondsBlocked,
} from './throttle';

export const SITE_KEY_PHRASE_CONTEXT = 'site_keys.phrase';
/** The SiteKey step never answers sooner than this (see siteKeyFor). */
export const SITE_KEY_MIN_MS = 40;

export type SecondFactorMethod = 'totp' | 'passkey' | 'recovery_code';
export type SetupItem = 'site_key' | 'challenge_questions' | 'second_factor';

export type PasswordStepResult =
  | { kind: 'throttled'; retryAfterSeconds: number }
  | { kind: 'failed' }
  | { kind: 'email_unverified'; user: User }
  | { kind: 'second_factor'; issued: IssuedSession; methods: SecondFactorMethod[] }
  | { kind: 'signed_in'; issued: IssuedSession; setupRequired: SetupItem[]; deviceToken: string | null };

export function createSignInService(deps: AppDeps) {
  const db = deps.db.db;
  const sessions = createSessionService(deps);
  const fieldKey = fieldKeyFromConfig(deps.config);
  const accountKey = (normalized: string) =>
    `account:${appHmac(deps.config.APP_SECRET, 'throttle', normalized)}`;
  const ipKey = (ip: string | null) => `ip:${ip ?? 'unknown'}`;
  const budgetFor = (user: User | null, normalized: string, deviceToken: string | undefined) =>
    failureBudget(db, deps.config.APP_SECRET, user, accountKey(normalized), deviceToken);

  /**
   * Locked out from this browser: a trusted device by its own lockout, any other by the account's. `blocked` is
   * blockedUntilOf's answer, holding the trusted device's staff key.
   */
  function lockedOutBy(user: User, budget: FailureBudget, blocked: ReadonlyMap<string, Date>): boolean {
    if (budget.trustedDevice) return secondsBlocked(blocked, [budget.staffKey], deps.now()) > 0;
    return !!user.lockedUntil && user.lockedUntil > deps.now();
  }

  async function lockedOut(user: User, budget: FailureBudget): Promise<boolean> {
    const blocked = budget.trustedDevice ? await blockedUntilOf(db, [budget.staffKey]) : new Map();
    return lockedOutBy(user, budget, blocked);
  }

  /** Setup the account still lacks, from its state (accountState). */
  function setupOf(user: User, state: AccountState): SetupItem[] {
    const needed: SetupItem[] = [];
    if (!state.hasSiteKey) needed.push('site_key');
    if (state.challengeAnswers < 3) needed.push('challenge_questions');
    if (STAFF_ROLES.has(user.role) && methodsOf(state.factors).length === 0) needed.push('second_factor');
    return needed;
  }

  /** The account's state, read by id (after the password step, or for the session page). */
  async function stateOf(user: User, deviceHash: string | null): Promise<AccountState> {
    const state = await accountState(db, { userId: user.id }, deviceHash);
    if (!state) throw new InvariantBroken('the signed-in user is gone');
    return state;
  }

  async function setupRequired(user: User): Promise<SetupItem[]> {
    return setupOf(user, await stateOf(user, null));
  }

  async function secondFactorMethods(userId: string): Promise<SecondFactorMethod[]> {
    return methodsOf(await repo.enrolledFactors(db, userId));
  }

  /**
   * Full session, history, device check (e-mail on a new browser), counters cleared. The writes commit together:
   * one commit per sign-in instead of six, and never a session without its history and audit row.
   */
  async function complete(
    user: User,
    methods: string[],
    client: ClientInfo,
    previousSessionId: string | null,
    deviceToken: string | undefined,
    log?: FastifyBaseLogger,
    /** The account's state read for this device a moment ago (the password step); read here when not given. */
    known?: AccountState,
  ) {
    const now = deps.now();
    const signedHash = signedDeviceHash(deps.config.APP_SECRET, deviceToken);
    const state = known ?? (await stateOf(user, signedHash));
    // Only this browser's budget: the owner signing in on a trusted device must not reset a stranger's count.
    const budget = budgetOf(user, accountKey(user.usernameNormalized), state.knownDevice ? signedHash : null);
    const needed = setupOf(user, state);
    const freshToken = signedHash ? null : newDeviceToken(deps.config.APP_SECRET);
    const deviceHash = signedHash ?? hashToken(freshToken as string);
    const { issued, device } = await db.transaction(async (tx) => {
      const issued = await sessions.rotate(
        previousSessionId,
        user.id,
        'full',
        methods,
        client,
        undefined,
        tx,
      );
      const device = await recordSignIn(tx, {
        userId: user.id,
        at: now,
        method: methods.join('+'),
        ip: client.ip,
        userAgent: client.userAgent,
        clearKeys: [budget.throttleKey, budget.staffKey],
        deviceHash,
      });
      // Last, so the audit chain's lock is held only for the commit.
      await auditAuth(
        deps,
        client,
        {
          action: 'signed_in',
          user,
          resourceType: 'session',
          resourceId: issued.session.id,
          detail: { methods, newDevice: device.isNew },
        },
        tx,
      );
      return { issued, device };
    });
    if (device.isNew && device.hadDevices) {
      await sendSecurityNotice(
        deps,
        user.email,
        { kind: 'new_device', userAgent: client.userAgent, ip: client.ip },
        log,
      );
    }
    return { issued, setupRequired: needed, deviceToken: freshToken };
  }

  /** A counted failure for a known account: history, audit, and the staff lockout (of this browser's budget). */
  async function accountFailure(
    user: User,
    method: string,
    result: 'bad_password' | 'bad_second_factor',
    client: ClientInfo,
    budget: FailureBudget,
    log?: FastifyBaseLogger,
  ) {
    const now = deps.now();
    await repo.addLoginHistory(db, {
      userId: user.id,
      at: now,
      result,
      method,
      ip: client.ip,
      userAgent: client.userAgent,
    });
    await auditAuth(deps, client, { action: 'sign_in_failed', user, detail: { method, result } });
    if (!STAFF_ROLES.has(user.role)) return;
    const failures = await recordWindowFailure(db, budget.staffKey, STAFF_LOCKOUT.windowMs, now);
    if (failures >= STAFF_LOCKOUT.failures && !(await lockedOut(user, budget))) {
      const until = new Date(now.getTime() + STAFF_LOCKOUT.lockMs);
      // A trusted browser is locked alone; the account's lock holds back every browser without a device cookie.
      if (budget.trustedDevice) await blockUntil(db, budget.staffKey, until);
      else await repo.updateUser(db, user.id, { lockedUntil: until });
      const device = !!budget.trustedDevice;
      await auditAuth(deps, client, { action: 'account_locked', user, detail: { failures, device } });
      await sendSecurityNotice(
        deps,
        user.email,
        { kind: 'account_locked', minutes: STAFF_LOCKOUT.lockMs / 60_000 },
        log,
      );
    }
  }

  return {
    setupRequired,
    secondFactorMethods,
    complete,
    accountFailure,
    budgetFor,
    lockedOut,

    /**
     * Step 1. The same work for every username (one query, one HMAC, the real SiteKey only when one is set), and
     * the answer is held back to a fixed minimum time so the remaining difference (an index hit and a decryption,
     * about a millisecond) does not show.
     */
    async siteKeyFor(username: string): Promise<SiteKeyView> {
      const started = performance.now();
      const normalized = normalizeUsername(username);
      const decoy = decoySiteKey(deps.config.APP_SECRET, normalized);
      const found = await repo.findUserByUsername(db, normalized);
      let view = decoy;
      if (found?.siteKey && found.user.status !== 'disabled') {
        try {
          view = siteKeyView(
            found.siteKey.imageId,
            decryptField(fieldKey, found.siteKey.phraseEnc, SITE_KEY_PHRASE_CONTEXT),
          );
        } catch {
          view = decoy;
        }
      }
      const left = SITE_KEY_MIN_MS - (performance.now() - started);
      if (left > 0) await sleep(left);
      return view;
    },

    /** Step 2. */
    async passwordStep(
      username: string,
      password: string,
      client: ClientInfo,
      previousSessionId: string | null,
      deviceToken: string | undefined,
      log?: FastifyBaseLogger,
    ): Promise<PasswordStepResult> {
      const now = deps.now();
      const normalized = normalizeUsername(username);
      // Two reads, the same two for unknown usernames: the account with all a sign-in decides on, then the
      // counters of every key this attempt is checked against.
      const deviceHash = signedDeviceHash(deps.config.APP_SECRET, deviceToken);
      const state = await accountState(db, { usernameNormalized: normalized }, deviceHash);
      const user = state?.user ?? null;
      const budget = budgetOf(user, accountKey(normalized), state?.knownDevice ? deviceHash : null);
      // A trusted device's own lockout shows as a wait; the account's stays hidden behind "incorrect".
      const keys = [budget.throttleKey, ipKey(client.ip), ...(budget.trustedDevice ? [budget.staffKey] : [])];
      const blocked = await blockedUntilOf(db, keys);
      const wait = secondsBlocked(blocked, keys, now);
      if (wait > 0) return { kind: 'throttled', retryAfterSeconds: wait };

      const passwordOk = await verifySecret(user?.passwordHash, password);
      const locked = !!user && lockedOutBy(user, budget, blocked);

      if (!user || !state || !passwordOk || user.status === 'disabled' || locked) {
        await recordFailure(db, budget.throttleKey, ACCOUNT_POLICY, now);
        await recordFailure(db, ipKey(client.ip), IP_POLICY, now);
        if (user) {
          const result = user.status === 'disabled' ? 'disabled' : locked ? 'locked' : 'bad_password';
          if (result === 'bad_password')
            await accountFailure(user, 'password', 'bad_password', client, budget, log);
          else {
            await repo.addLoginHistory(db, {
              userId: user.id,
              at: now,
              result,
              method: 'password',
              ip: client.ip,
              userAgent: client.userAgent,
            });
            await auditAuth(deps, client, {
              action: 'sign_in_failed',
              user,
              detail: { method: 'password', result },
            });
          }
        } else {
          await auditAuth(deps, client, {
            action: 'sign_in_failed',
            resourceType: 'user_account',
            detail: { method: 'password', result: 'unknown_user' },
          });
        }
        return { kind: 'failed' };
      }
      // A registered member signs in once their e-mail is verified (the link activates the account).
      if (user.status === 'pending') return { kind: 'email_unverified', user };

      const methods = methodsOf(state.factors);
      if (methods.length) {
        const issued = await db.transaction(async (tx) => {
          const partial = await sessions.rotate(
            previousSessionId,
            user.id,
            'partial',
            ['password'],
            client,
            undefined,
            tx,
          );
          await auditAuth(
            deps,
            client,
            { action: 'password_verified', user, resourceType: 'session', resourceId: partial.session.id },
            tx,
          );
          return partial;
        });
        return { kind: 'second_factor', issued, methods };
      }
      const done = await complete(user, ['password'], client, previousSessionId, deviceToken, log, state);
      return { kind: 'signed_in', ...done };
    },
  };
}

export type SignInService = ReturnType<typeof createSignInService>;

/** The second factors a sign-in may use; recovery codes only alongside another factor. */
function methodsOf(f: repo.EnrolledFactors): SecondFactorMethod[] {
  const methods: SecondFactorMethod[] = [];
  if (f.totp) methods.push('totp');
  if (f.passkeys) methods.push('passkey');
  if (methods.length && f.recoveryCodesLeft) methods.push('recovery_code');
  return methods;
}
