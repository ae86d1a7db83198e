// SMART on FHIR / OAuth state (oidc-provider) and the member's app authorizations. Everything lives in the
// database so app nodes stay stateless: any node can finish an authorization another node started.
import { index, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, timestamptz } from './columns';
import { members } from './members';
import { users } from './users';

/**
 * oidc-provider's models (Session, Interaction, AuthorizationCode, AccessToken, RefreshToken, Grant, Client, …),
 * one row per (model, id), in the shape its adapter interface expects. Expired rows are ignored on read.
 */
export const oidcPayloads = pgTable(
  'oidc_payloads',
  {
    model: text('model').notNull(),
    id: text('id').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    grantId: text('grant_id'),
    userCode: text('user_code'),
    uid: text('uid'),
    expiresAt: timestamptz('expires_at'),
    consumedAt: timestamptz('consumed_at'),
  },
  (t) => [
    primaryKey({ columns: [t.model, t.id] }),
    index('oidc_payloads_grant_idx').on(t.grantId),
    index('oidc_payloads_uid_idx').on(t.uid),
    index('oidc_payloads_expires_idx').on(t.expiresAt),
  ],
);

/** The provider's signing key (ID tokens), shared by every node; the private JWK is field-encrypted. */
export const oidcSigningKeys = pgTable('oidc_signing_keys', {
  kid: text('kid').primaryKey(),
  privateJwkEnc: text('private_jwk_enc').notNull(),
  createdAt: createdAt(),
});

/**
 * What a member approved on the consent page: which app, which patient record (their own or a child's), which
 * scopes. One row per oidc-provider Grant; revoking it ends the grant's tokens.
 */
export const fhirAppAuthorizations = pgTable(
  'fhir_app_authorizations',
  {
    grantId: text('grant_id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    clientId: text('client_id').notNull(),
    patientMemberId: uuid('patient_member_id')
      .notNull()
      .references(() => members.id),
    scope: text('scope').notNull(),
    createdAt: createdAt(),
    revokedAt: timestamptz('revoked_at'),
    /** The last FHIR read with this grant's tokens, to the minute (shown on the connected-apps page). */
    lastUsedAt: timestamptz('last_used_at'),
  },
  (t) => [index('fhir_app_authorizations_user_idx').on(t.userId, t.createdAt)],
);

export type FhirAppAuthorization = typeof fhirAppAuthorizations.$inferSelect;
