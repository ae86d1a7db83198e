import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Append-only, hash-chained audit log: every read or write of health data and every authentication event.
 * `hash` = SHA-256(prev_hash || canonical row), so a removed or edited row breaks the chain.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    id: uuid('id').notNull().unique(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    actorUserId: uuid('actor_user_id'),
    actorRole: text('actor_role'),
    action: text('action').notNull(),
    resourceType: text('resource_type').notNull(),
    resourceId: text('resource_id'),
    memberId: uuid('member_id'),
    reason: text('reason'),
    ip: text('ip'),
    detail: jsonb('detail').$type<Record<string, unknown>>(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_events_member_idx').on(t.memberId, t.at),
    index('audit_events_actor_idx').on(t.actorUserId, t.at),
    // The privacy officer's audit viewer: newest first by time, optionally by action.
    index('audit_events_at_idx').on(t.at),
    index('audit_events_action_idx').on(t.action, t.at),
  ],
);
