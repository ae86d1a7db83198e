// Stored responses of POST requests that carried an Idempotency-Key, so a retry gets the same answer.
import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { createdAt } from './columns';

export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    /** Who and what the key belongs to, e.g. "user:<id>:POST /api/orders"; keys are unique only per scope. */
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    /** SHA-256 of the request body: the same key with a different body is an error (422), not a replay. */
    requestHash: text('request_hash').notNull(),
    /** Null while the first request is still being processed. */
    responseStatus: integer('response_status'),
    responseBody: jsonb('response_body'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.scope, t.key], name: 'idempotency_keys_pk' }),
    // Expired keys are purged by age.
    index('idempotency_keys_created_idx').on(t.createdAt),
    check('idempotency_keys_key_ck', sql`length(${t.key}) between 1 and 255`),
  ],
);

export type IdempotencyKey = typeof idempotencyKeys.$inferSelect;
