// Login accounts and their role. Sessions, second factors and passkeys live in the identity schema file.
import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { advisors, clients } from './clients';
import { createdAt, id, oneOf, timestamptz, updatedAt } from './columns';
import { members } from './members';
import { pharmacies } from './pharmacies';
import { prescribers } from './prescribers';

export const ROLES = [
  'member',
  'client_user',
  'advisor',
  'prescriber',
  'pharmacy_staff',
  'clinical_reviewer',
  'customer_service',
  'account_team',
  'privacy_officer',
  'content_editor',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

/** The PBM's own staff: a second factor is required (ASVS 6.3.2), and their accounts lock after repeated failures. */
export const STAFF_ROLES: ReadonlySet<Role> = new Set<Role>([
  'pharmacy_staff',
  'clinical_reviewer',
  'customer_service',
  'account_team',
  'privacy_officer',
  'content_editor',
  'admin',
]);

/** pending: created, password not set yet; locked: too many failures (temporary); disabled: by an admin. */
export const USER_STATUSES = ['pending', 'active', 'locked', 'disabled'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

/** The one normalization for usernames: unique and looked up case-insensitively. */
export const normalizeUsername = (username: string): string =>
  username.trim().normalize('NFKC').toLowerCase();

export const users = pgTable(
  'users',
  {
    id: id(),
    username: text('username').notNull(),
    /** normalizeUsername(username). */
    usernameNormalized: text('username_normalized').notNull(),
    email: text('email').notNull(),
    /** argon2id PHC string. */
    passwordHash: text('password_hash'),
    status: text('status', { enum: USER_STATUSES }).notNull().default('active'),
    role: text('role', { enum: ROLES }).notNull(),
    /** Links that scope what the user may see: exactly the one their role needs. */
    memberId: uuid('member_id').references(() => members.id),
    clientId: uuid('client_id').references(() => clients.id),
    advisorId: uuid('advisor_id').references(() => advisors.id),
    prescriberId: uuid('prescriber_id').references(() => prescribers.id),
    pharmacyId: uuid('pharmacy_id').references(() => pharmacies.id),
    displayName: text('display_name').notNull(),
    /** When the user proved they read `email` (link in a verification e-mail); null until then. */
    emailVerifiedAt: timestamptz('email_verified_at'),
    /** Staff lockout (10 failures in 30 minutes) lasts until this time. */
    lockedUntil: timestamptz('locked_until'),
    lastLoginAt: timestamptz('last_login_at'),
    passwordChangedAt: timestamptz('password_changed_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('users_username_uq').on(t.usernameNormalized),
    index('users_email_idx').on(t.email),
    uniqueIndex('users_member_uq').on(t.memberId).where(sql`${t.memberId} is not null`),
    index('users_client_idx').on(t.clientId),
    index('users_prescriber_idx').on(t.prescriberId),
    index('users_pharmacy_idx').on(t.pharmacyId),
    check('users_role_ck', oneOf(t.role, ROLES)),
    check('users_status_ck', oneOf(t.status, USER_STATUSES)),
    check('users_member_link_ck', sql`(${t.role} = 'member') = (${t.memberId} is not null)`),
    check('users_client_link_ck', sql`${t.role} <> 'client_user' or ${t.clientId} is not null`),
    check('users_advisor_link_ck', sql`${t.role} <> 'advisor' or ${t.advisorId} is not null`),
    check('users_prescriber_link_ck', sql`${t.role} <> 'prescriber' or ${t.prescriberId} is not null`),
    check('users_pharmacy_link_ck', sql`${t.role} <> 'pharmacy_staff' or ${t.pharmacyId} is not null`),
  ],
);

export type User = typeof users.$inferSelect;
