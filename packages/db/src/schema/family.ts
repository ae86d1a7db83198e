// Proxy access inside a family: an adult (18+) controls their own data and may let another family member see
// and manage it. Children under 18 need no grant (the subscriber and spouse see them by rule).
import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, oneOf, requiredRef, timestamptz } from './columns';
import { members } from './members';
import { users } from './users';

/** view: see prescriptions and orders; manage: also request refills and manage auto-refill for them. */
export const PROXY_ACCESS_LEVELS = ['view', 'manage'] as const;
export type ProxyAccessLevel = (typeof PROXY_ACCESS_LEVELS)[number];

export const proxyGrants = pgTable(
  'proxy_grants',
  {
    id: id(),
    /** The adult whose data is shared. */
    grantorMemberId: requiredRef('grantor_member_id', () => members.id),
    /** The family member who may act for them. */
    granteeMemberId: requiredRef('grantee_member_id', () => members.id),
    access: text('access', { enum: PROXY_ACCESS_LEVELS }).notNull(),
    grantedByUserId: uuid('granted_by_user_id').references(() => users.id),
    createdAt: createdAt(),
    /** Optional end of the grant. */
    expiresAt: timestamptz('expires_at'),
    revokedAt: timestamptz('revoked_at'),
  },
  (t) => [
    uniqueIndex('proxy_grants_live_uq')
      .on(t.grantorMemberId, t.granteeMemberId)
      .where(sql`${t.revokedAt} is null`),
    index('proxy_grants_grantee_idx').on(t.granteeMemberId),
    check('proxy_grants_access_ck', oneOf(t.access, PROXY_ACCESS_LEVELS)),
    check('proxy_grants_self_ck', sql`${t.grantorMemberId} <> ${t.granteeMemberId}`),
  ],
);

export type ProxyGrant = typeof proxyGrants.$inferSelect;
