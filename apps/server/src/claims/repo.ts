// Claims SQL: fixed statements run as named prepared statements (planned once per connection).
//
// A B1 takes two round trips on the fast path (reference data warm in the in-process cache): one read that
// returns everything per member the claim needs as one JSON value (eligibility, accumulators, medication
// history, prior authorizations, duplicate check), then one write statement, atomic on its own, that upserts
// the family and the individual accumulator rows only if their `version` is still the one read, and inserts
// the claim only if both did. Every paid claim and reversal bumps both versions, so a read that a concurrent claim of the
// same family made stale is detected at write time (AccumulatorConflict) and the claim is adjudicated again.
// After repeated conflicts the service switches to the locked path: BEGIN; lock the family (the subscriber's
// member row, FOR NO KEY UPDATE); read; write; COMMIT — claims of one family then queue instead of retrying.
import type { Database } from '@openpbm/db';
import { type NamedStatement, namedQuery } from '../platform/named-query';

// The statements live by family: claim-context-repo.ts (the read), claim-write-repo.ts (insert, pay, locks),
// reversal-repo.ts (B2) and report-repo.ts (C1-C3). This file runs them, inside a transaction or not.

/** Runs a fixed statement on the transaction's connection (or, outside one, on the pool). */
export type Run = <T>(statement: NamedStatement, values: unknown[]) => Promise<T[]>;

/** A Run outside any transaction (each statement autocommits). */
export const runOn =
  (db: Database): Run =>
  <T>(statement: NamedStatement, values: unknown[]) =>
    namedQuery<T>(db, statement, values);

interface PoolClientLike {
  query(config: { name?: string; text: string; values?: unknown[] }): Promise<{ rows: unknown[] }>;
  release(err?: Error | boolean): void;
}

interface PgliteLike {
  waitReady: unknown;
  transaction<T>(
    fn: (tx: { query(text: string, values: unknown[]): Promise<{ rows: unknown[] }> }) => Promise<T>,
  ): Promise<T>;
}

/** BEGIN … COMMIT on one connection (PostgreSQL) or PGlite's exclusive transaction; rolls back on throw. */
export async function withTransaction<T>(db: Database, fn: (run: Run) => Promise<T>): Promise<T> {
  const client = (db as unknown as { $client: unknown }).$client;
  if (client && typeof client === 'object' && 'waitReady' in client) {
    return (client as PgliteLike).transaction((tx) =>
      fn(async <R>(s: NamedStatement, values: unknown[]) => (await tx.query(s.text, values)).rows as R[]),
    );
  }
  const pool = client as { connect(): Promise<PoolClientLike> };
  const conn = await pool.connect();
  let broken = false;
  try {
    // One round trip; the fixed statements below use their generic plan from the first execution.
    await conn.query({ text: 'begin; set local plan_cache_mode = force_generic_plan' });
    const result = await fn(
      async <R>(s: NamedStatement, values: unknown[]) =>
        (await conn.query({ name: s.name, text: s.text, values })).rows as R[],
    );
    await conn.query({ text: 'commit' });
    return result;
  } catch (err) {
    try {
      await conn.query({ text: 'rollback' });
    } catch {
      broken = true;
    }
    throw err;
  } finally {
    conn.release(broken);
  }
}

/**
 * True for a unique violation of the paid-B1/S1 duplicate index (a concurrent identical submission won) or of
 * the one-completion-per-partial index (a concurrent completion won).
 */
export function isDuplicatePaidViolation(err: unknown): boolean {
  const e = err as { code?: string; constraint?: string; message?: string } | null;
  if (e?.code !== '23505') return false;
  return /claims_paid_[bs]1_dedupe_uq|claims_paid_completion_uq/.test(
    `${e.constraint ?? ''} ${e.message ?? ''}`,
  );
}
