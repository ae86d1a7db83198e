// Database factory: embedded PGlite (default, data kept in a directory) or a PostgreSQL server via URL.
// Both speak the same SQL and run the same migrations; callers only see a Drizzle `Database`.
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import * as schema from './schema/index';

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

/** Raw SQL for the few places that need it (bulk seed, pg-boss); same shape on both engines. */
export interface SqlExecutor {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: T[] }>;
}

export interface DatabaseHandle {
  db: Database;
  sql: SqlExecutor;
  kind: 'pglite' | 'postgres';
  migrate(): Promise<void>;
  /** PGlite only: the data directory as a tarball. */
  snapshot?(): Promise<Blob>;
  close(): Promise<void>;
}

export const migrationsFolder = resolve(dirname(fileURLToPath(import.meta.url)), '../migrations');

export interface DatabaseOptions {
  /** postgres://… for a server; otherwise embedded. */
  url?: string;
  /** PGlite data directory; `memory://` or undefined for an in-memory database. */
  dataDir?: string;
  poolSize?: number;
  /** Start an in-memory PGlite from a data-directory snapshot (tests use a migrated template). */
  snapshot?: Blob;
}

export async function openDatabase(opts: DatabaseOptions): Promise<DatabaseHandle> {
  if (opts.url) {
    const pool = new pg.Pool({ connectionString: opts.url, max: opts.poolSize ?? 10 });
    // A broken idle connection must not crash the process; the next query reconnects.
    pool.on('error', () => {});
    const db = drizzlePg({ client: pool, schema }) as unknown as Database;
    return {
      db,
      kind: 'postgres',
      sql: { query: (text, params) => pool.query(text, params) as never },
      migrate: () => migratePg(db as never, { migrationsFolder }),
      close: () => pool.end(),
    };
  }
  const dataDir = opts.dataDir && opts.dataDir !== 'memory://' ? resolve(opts.dataDir) : undefined;
  if (dataDir) mkdirSync(dirname(join(dataDir, 'x')), { recursive: true });
  const client = dataDir
    ? new PGlite(dataDir)
    : new PGlite(opts.snapshot ? { loadDataDir: opts.snapshot } : {});
  await client.waitReady;
  const db = drizzlePglite({ client, schema }) as unknown as Database;
  return {
    db,
    kind: 'pglite',
    sql: { query: (text, params) => client.query(text, params) as never },
    migrate: () => migratePglite(db as never, { migrationsFolder }),
    snapshot: async () => client.dumpDataDir('none'),
    close: () => client.close(),
  };
}

/** Opens and migrates: what every process does at start. */
export async function openMigratedDatabase(opts: DatabaseOptions): Promise<DatabaseHandle> {
  const handle = await openDatabase(opts);
  await handle.migrate();
  return handle;
}
