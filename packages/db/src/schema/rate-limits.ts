// Request-rate counters of @fastify/rate-limit, shared by every app node (one fixed window per key), so a client
// that spreads its requests over several nodes behind a load balancer meets the same limit as on one node.
import { index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { timestamptz } from './columns';

/** Unlogged (migration 0030): no WAL, so the per-request write never waits for a flush; reset by a crash. */
export const rateLimitCounters = pgTable(
  'rate_limit_counters',
  {
    /** HMAC of "<route>|<client key>" (the client key is usually an IP address, which is not stored as such). */
    key: text('key').primaryKey(),
    count: integer('count').notNull(),
    /** The window ends here; the next request after it starts a new window at 1. */
    windowEndsAt: timestamptz('window_ends_at').notNull(),
  },
  // Expired windows are swept by end time.
  (t) => [index('rate_limit_counters_window_idx').on(t.windowEndsAt)],
);
