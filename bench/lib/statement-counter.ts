// Counts what an application sends to PostgreSQL, per connection: statements (each one round trip: a named
// statement's parse/bind/execute go in one flight) and write commits (a data-changing statement outside a
// transaction, or a COMMIT of a transaction that changed data), the commits that wait for the WAL flush.
// Plug `observe` into openDatabase's `onQuery`.
import type { QueryObserver } from '@openpbm/db/query-observer';

export interface StatementCounts {
  statements: number;
  writeCommits: number;
}

const WRITE =
  /^\s*(insert|update|delete|merge)\b|^\s*with\b[\s\S]*\b(insert\s+into|update\s+"?\w+"?\s+set|delete\s+from)\b/i;

export function statementCounter(): { observe: QueryObserver; counts: () => StatementCounts } {
  let statements = 0;
  let writeCommits = 0;
  const open = new WeakMap<object, { wrote: boolean }>();
  const observe: QueryObserver = (text, _params, connection) => {
    statements += 1;
    const tx = open.get(connection);
    if (/^\s*begin\b/i.test(text)) open.set(connection, { wrote: false });
    else if (/^\s*commit\b/i.test(text)) {
      if (tx?.wrote) writeCommits += 1;
      open.delete(connection);
    } else if (/^\s*rollback\b/i.test(text)) open.delete(connection);
    else if (WRITE.test(text)) {
      if (tx) tx.wrote = true;
      else writeCommits += 1;
    }
  };
  return { observe, counts: () => ({ statements, writeCommits }) };
}

/** Round trips and write commits per operation (a claim, a sign-in) between two snapshots. */
export function perOperation(before: StatementCounts, after: StatementCounts, operations: number) {
  const per = (n: number) => (operations > 0 ? n / operations : 0);
  return {
    roundTrips: per(after.statements - before.statements),
    writeCommits: per(after.writeCommits - before.writeCommits),
  };
}

/** Per-claim figures of the counts between two snapshots. */
export function perClaim(before: StatementCounts, after: StatementCounts, claims: number) {
  const { roundTrips, writeCommits } = perOperation(before, after, claims);
  return { roundTripsPerClaim: roundTrips, writeCommitsPerClaim: writeCommits };
}
