// Client certificates (issue 11): the internal two-level CA for client access (root + issuing intermediate, keys
// encrypted at rest) and every certificate it issued to a client user or to a client's service identity.
import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { clients } from './clients';
import { createdAt, id, oneOf, timestamptz } from './columns';
import { users } from './users';

export const CA_KINDS = ['root', 'issuing'] as const;
export const CERTIFICATE_KINDS = ['user', 'service'] as const;
export const CERTIFICATE_STATUSES = ['active', 'revoked'] as const;
export type CertificateKind = (typeof CERTIFICATE_KINDS)[number];

/** One row per CA certificate; the live pair is the newest `active` root and issuing row (rotate retires them). */
export const certificateAuthorities = pgTable(
  'certificate_authorities',
  {
    id: id(),
    kind: text('kind', { enum: CA_KINDS }).notNull(),
    certPem: text('cert_pem').notNull(),
    /** PKCS#8 private key sealed with AES-256-GCM under CA_KEY_ENCRYPTION_KEY (base64 iv|tag|ciphertext). */
    keySealed: text('key_sealed').notNull(),
    /** Created by the demo start with the demo encryption key: production refuses to run with it. */
    demo: boolean('demo').notNull().default(false),
    active: boolean('active').notNull().default(true),
    /** The CRL sequence number (issuing CA only), raised each time a CRL is signed. */
    crlNumber: integer('crl_number').notNull().default(0),
    notAfter: timestamptz('not_after').notNull(),
    createdAt: createdAt(),
  },
  (t) => [check('certificate_authorities_kind_ck', oneOf(t.kind, CA_KINDS))],
);

export const clientCertificates = pgTable(
  'client_certificates',
  {
    id: id(),
    /** Hex serial number, as the CRL and the TLS stack show it. */
    serial: text('serial').notNull(),
    kind: text('kind', { enum: CERTIFICATE_KINDS }).notNull(),
    /** The client user (kind user); null for a service identity. */
    userId: uuid('user_id').references(() => users.id),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id),
    /** A service identity's name (kind service), e.g. "hr-system". */
    serviceName: text('service_name'),
    subject: text('subject').notNull(),
    certPem: text('cert_pem').notNull(),
    issuerId: uuid('issuer_id')
      .notNull()
      .references(() => certificateAuthorities.id),
    notBefore: timestamptz('not_before').notNull(),
    notAfter: timestamptz('not_after').notNull(),
    status: text('status', { enum: CERTIFICATE_STATUSES }).notNull().default('active'),
    revokedAt: timestamptz('revoked_at'),
    revokedBy: uuid('revoked_by').references(() => users.id),
    /** The certificate this one renews (issued before the old one ends). */
    renewsId: uuid('renews_id'),
    /** Renewal reminders already sent, by days before expiry (30, 7, 1): each once. */
    remindersSent: integer('reminders_sent').array().notNull().default(sql`'{}'::integer[]`),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('client_certificates_serial_uq').on(t.serial),
    index('client_certificates_user_idx').on(t.userId),
    index('client_certificates_client_idx').on(t.clientId, t.notAfter),
    index('client_certificates_expiry_idx').on(t.notAfter).where(sql`${t.status} = 'active'`),
    check('client_certificates_kind_ck', oneOf(t.kind, CERTIFICATE_KINDS)),
    check('client_certificates_status_ck', oneOf(t.status, CERTIFICATE_STATUSES)),
    check(
      'client_certificates_owner_ck',
      sql`(${t.kind} = 'user' and ${t.userId} is not null) or (${t.kind} = 'service' and ${t.serviceName} is not null)`,
    ),
  ],
);
