// Identity and account security: sessions, second factors, passkeys, recovery codes, challenge answers, SiteKey,
// one-time tokens (e-mail verification, password reset, registration), login history and failure counters.
// Secrets are never stored in the clear: session and one-time tokens as SHA-256 of a 256-bit random value,
// recovery codes and challenge answers as argon2id, TOTP secrets and SiteKey phrases encrypted (field-crypto).
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, oneOf, requiredRef, timestamptz } from './columns';
import { members } from './members';
import { users } from './users';

/** partial: password (or passkey) accepted, second factor still owed; full: signed in. */
export const SESSION_STAGES = ['partial', 'full'] as const;
export type SessionStage = (typeof SESSION_STAGES)[number];

export const sessions = pgTable(
  'sessions',
  {
    id: id(),
    userId: requiredRef('user_id', () => users.id),
    /** SHA-256 (base64url) of the 256-bit cookie token; the token itself is never stored. */
    tokenHash: text('token_hash').notNull(),
    stage: text('stage', { enum: SESSION_STAGES }).notNull(),
    /** How the user proved who they are, e.g. ["password","totp"] or ["passkey"]. */
    authMethods: text('auth_methods').array().notNull(),
    createdAt: createdAt(),
    lastSeenAt: timestamptz('last_seen_at').notNull(),
    /** Absolute end (created + SESSION_ABSOLUTE_HOURS, or a few minutes for a partial session). */
    expiresAt: timestamptz('expires_at').notNull(),
    /** Last time the user re-entered a credential in this session (sensitive changes need a recent one). */
    reauthenticatedAt: timestamptz('reauthenticated_at'),
    revokedAt: timestamptz('revoked_at'),
    revokedReason: text('revoked_reason'),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [
    uniqueIndex('sessions_token_hash_uq').on(t.tokenHash),
    index('sessions_user_idx').on(t.userId, t.createdAt),
    check('sessions_stage_ck', oneOf(t.stage, SESSION_STAGES)),
  ],
);

/** Browsers a user has signed in from (cookie holding a random id; only its hash is kept): new ones get an e-mail. */
export const knownDevices = pgTable(
  'known_devices',
  {
    userId: requiredRef('user_id', () => users.id),
    deviceHash: text('device_hash').notNull(),
    userAgent: text('user_agent'),
    firstSeenAt: timestamptz('first_seen_at').notNull(),
    lastSeenAt: timestamptz('last_seen_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.deviceHash] })],
);

/** One TOTP authenticator per user; confirmedAt null while enrolment waits for the first code. */
export const totpFactors = pgTable(
  'totp_factors',
  {
    id: id(),
    userId: requiredRef('user_id', () => users.id),
    /** encryptField(secret, 'totp_factors.secret'). */
    secretEnc: text('secret_enc').notNull(),
    confirmedAt: timestamptz('confirmed_at'),
    /** The last accepted 30-second time step: a code is accepted only for a later step (single use). */
    lastUsedStep: bigint('last_used_step', { mode: 'number' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('totp_factors_user_uq').on(t.userId)],
);

export const passkeys = pgTable(
  'passkeys',
  {
    id: id(),
    userId: requiredRef('user_id', () => users.id),
    /** WebAuthn credential id, base64url. */
    credentialId: text('credential_id').notNull(),
    /** COSE public key, base64url. */
    publicKey: text('public_key').notNull(),
    signCount: bigint('sign_count', { mode: 'number' }).notNull().default(0),
    transports: text('transports').array().notNull().default(sql`'{}'::text[]`),
    deviceType: text('device_type').notNull(),
    backedUp: boolean('backed_up').notNull(),
    aaguid: text('aaguid'),
    /** The user's label ("Work laptop"). */
    name: text('name').notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamptz('last_used_at'),
  },
  (t) => [uniqueIndex('passkeys_credential_uq').on(t.credentialId), index('passkeys_user_idx').on(t.userId)],
);

/** A WebAuthn challenge handed to a browser, valid for a few minutes and usable once. */
export const WEBAUTHN_PURPOSES = ['register', 'authenticate'] as const;
export const webauthnChallenges = pgTable(
  'webauthn_challenges',
  {
    id: id(),
    userId: uuid('user_id').references(() => users.id),
    purpose: text('purpose', { enum: WEBAUTHN_PURPOSES }).notNull(),
    challenge: text('challenge').notNull(),
    expiresAt: timestamptz('expires_at').notNull(),
    usedAt: timestamptz('used_at'),
    createdAt: createdAt(),
  },
  (t) => [check('webauthn_challenges_purpose_ck', oneOf(t.purpose, WEBAUTHN_PURPOSES))],
);

/** Ten single-use codes per batch; a new batch replaces the old one. */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: id(),
    userId: requiredRef('user_id', () => users.id),
    /** argon2id PHC string of the normalized code. */
    codeHash: text('code_hash').notNull(),
    usedAt: timestamptz('used_at'),
    createdAt: createdAt(),
  },
  (t) => [index('recovery_codes_user_idx').on(t.userId)],
);

/** Three per user; question ids come from the fixed catalogue in the server (identity/challenge-questions.ts). */
export const challengeAnswers = pgTable(
  'challenge_answers',
  {
    id: id(),
    userId: requiredRef('user_id', () => users.id),
    questionId: text('question_id').notNull(),
    /** argon2id PHC string of the normalized answer. */
    answerHash: text('answer_hash').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('challenge_answers_user_question_uq').on(t.userId, t.questionId)],
);

/** The anti-phishing picture and phrase shown after the username. */
export const siteKeys = pgTable('site_keys', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id),
  imageId: text('image_id').notNull(),
  /** encryptField(phrase, 'site_keys.phrase'). */
  phraseEnc: text('phrase_enc').notNull(),
  updatedAt: timestamptz('updated_at').notNull(),
});

/**
 * registration: issued after a successful activation (memberId set, no user yet);
 * email_verification: proves the user reads `email`; password_reset: the e-mailed reset link.
 */
export const TOKEN_PURPOSES = ['registration', 'email_verification', 'password_reset'] as const;
export type TokenPurpose = (typeof TOKEN_PURPOSES)[number];

export const oneTimeTokens = pgTable(
  'one_time_tokens',
  {
    id: id(),
    purpose: text('purpose', { enum: TOKEN_PURPOSES }).notNull(),
    /** SHA-256 (base64url) of the 256-bit token. */
    tokenHash: text('token_hash').notNull(),
    userId: uuid('user_id').references(() => users.id),
    memberId: uuid('member_id').references(() => members.id),
    /** The address being verified (e-mail verification). */
    email: text('email'),
    expiresAt: timestamptz('expires_at').notNull(),
    usedAt: timestamptz('used_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('one_time_tokens_hash_uq').on(t.tokenHash),
    index('one_time_tokens_user_idx').on(t.userId, t.purpose),
    check('one_time_tokens_purpose_ck', oneOf(t.purpose, TOKEN_PURPOSES)),
  ],
);

export const LOGIN_RESULTS = [
  'success',
  'bad_password',
  'bad_second_factor',
  'throttled',
  'locked',
  'disabled',
  'signed_out',
] as const;
export type LoginResult = (typeof LOGIN_RESULTS)[number];

/** What the login-history page shows: every sign-in attempt on an existing account. */
export const loginHistory = pgTable(
  'login_history',
  {
    id: id(),
    userId: requiredRef('user_id', () => users.id),
    at: timestamptz('at').notNull(),
    result: text('result', { enum: LOGIN_RESULTS }).notNull(),
    /** password, totp, passkey, recovery_code, … */
    method: text('method').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [
    index('login_history_user_idx').on(t.userId, t.at),
    check('login_history_result_ck', oneOf(t.result, LOGIN_RESULTS)),
  ],
);

/**
 * Failure counters for growing delays, keyed by "account:<userId>", "ip:<address>" or "activation-ip:<address>".
 * A success resets the account key; windows restart after a quiet period.
 */
export const authFailureCounters = pgTable('auth_failure_counters', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  windowStartedAt: timestamptz('window_started_at').notNull(),
  lastFailureAt: timestamptz('last_failure_at').notNull(),
  /** No attempt is checked before this time (the growing delay). */
  blockedUntil: timestamptz('blocked_until'),
});

export type Session = typeof sessions.$inferSelect;
export type Passkey = typeof passkeys.$inferSelect;
export type OneTimeToken = typeof oneTimeTokens.$inferSelect;
