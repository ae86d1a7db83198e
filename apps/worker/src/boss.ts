// pg-boss runs on the application's own database connection, whichever engine it is.
// Embedded PGlite allows a single process on its data directory, so pg-boss cannot open its own pool there:
// it gets an adapter over the DatabaseHandle instead. PostgreSQL uses the same adapter (the app's pool),
// which keeps one code path and lets tests point the worker at their fresh database.
import type { DatabaseHandle } from '@openpbm/db';
import type PgBoss from 'pg-boss';

interface PgliteClient {
  exec(script: string): Promise<Array<{ rows: unknown[] }>>;
}

/**
 * pg-boss calls `executeSql(text)` without values only for its own schema scripts (BEGIN; …; COMMIT;),
 * which node-postgres sends over the simple-query protocol. PGlite's `query` always uses the extended
 * protocol, which rejects several statements in one text, so those calls go to PGlite's `exec` instead
 * (the same PGlite instance, reached through Drizzle's documented `$client`). Calls with values use the
 * shared `handle.sql.query` on both engines.
 */
export function bossDbAdapter(handle: DatabaseHandle): PgBoss.Db {
  const pglite = handle.kind === 'pglite' ? pgliteClient(handle) : undefined;
  return {
    async executeSql(text: string, values?: unknown[]) {
      if (pglite && values === undefined) {
        const results = await pglite.exec(text);
        return { rows: results.at(-1)?.rows ?? [] };
      }
      return handle.sql.query(text, values);
    },
  };
}

function pgliteClient(handle: DatabaseHandle): PgliteClient {
  const client = (handle.db as unknown as { $client?: Partial<PgliteClient> }).$client;
  if (typeof client?.exec !== 'function') {
    throw new Error('pg-boss on PGlite needs the PGlite client behind the Drizzle database ($client.exec)');
  }
  return client as PgliteClient;
}
