// Hot-path SQL with a fixed text: on PostgreSQL it runs as a named prepared statement (parsed and planned
// once per pooled connection), on PGlite as a plain parameterized query. Use it only for statements whose
// text never varies; everything else goes through Drizzle.
import type { Database } from '@openpbm/db';

interface PgPoolLike {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
  totalCount?: number;
}

interface PgliteLike {
  query(text: string, values: unknown[]): Promise<{ rows: unknown[] }>;
  waitReady?: unknown;
}

type RawClient = PgPoolLike | PgliteLike;

/** The statement: a stable name (unique per text) and its SQL with $1…$n placeholders. */
export interface NamedStatement {
  name: string;
  text: string;
}

function rawClientOf(db: Database): RawClient {
  const client = (db as unknown as { $client?: RawClient }).$client;
  if (!client) throw new Error('named queries need the top-level database, not a transaction');
  return client;
}

export async function namedQuery<T>(
  db: Database,
  statement: NamedStatement,
  values: unknown[],
): Promise<T[]> {
  const client = rawClientOf(db);
  if ('waitReady' in client) {
    return (await (client as PgliteLike).query(statement.text, values)).rows as T[];
  }
  const result = await (client as PgPoolLike).query({ name: statement.name, text: statement.text, values });
  return result.rows as T[];
}
