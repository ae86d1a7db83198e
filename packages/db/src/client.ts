// Database factory: embedded PGlite (default, data kept in a directory) or a PostgreSQL server via URL.
// Both speak the same SQL and run the same migrations; callers only see a Drizzle `Database`.
//
// JIT is off on every application connection. The portal and claims paths are short OLTP statements; JIT only
// pays off for long analytic scans, and on a table without statistics (right after a bulk load) the planner's
// cost estimate crosses jit_above_cost anyway: at 100,000 members one orders query spent 666 ms compiling for
// 333 ms of execution. PGlite is built without LLVM, so JIT never happens there; the same SET keeps both alike.
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
import { type InvalidationBus, pgliteInvalidationBus, postgresInvalidationBus } from './invalidation';
import { observedPgClient, observePglite, type QueryObserver } from './query-observer';
import * as schema from './schema/index';
import { analyzeDatabase } from './statistics';

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
  /** NOTIFY-driven cache invalidations (see invalidation.ts). */
  invalidations: InvalidationBus;
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
  /** Sees every statement sent, with its values (tests check the plans of what the app issues). */
  onQuery?: QueryObserver;
}

/** Session settings of every application connection (see the header: why JIT is off). */
const SESSION_SETTINGS = { jit: 'off' } as const;

export async function openDatabase(opts: DatabaseOptions): Promise<DatabaseHandle> {
  if (opts.url) {
    const { bus: invalidations, listeningClient } = postgresInvalidationBus(opts.url);
    const pool = new pg.Pool({
      connectionString: opts.url,
      max: opts.poolSize ?? 10,
      options: Object.entries(SESSION_SETTINGS)
        .map(([name, value]) => `-c ${name}=${value}`)
        .join(' '),
      Client: listeningClient(opts.onQuery ? observedPgClient(opts.onQuery) : pg.Client),
    });
    // A broken idle connection must not crash the process; the next query reconnects.
    pool.on('error', () => {});
    const db = drizzlePg({ client: pool, schema }) as unknown as Database;
    const sql: SqlExecutor = { query: (text, params) => pool.query(text, params) as never };
    return {
      db,
      kind: 'postgres',
      sql,
      invalidations,
      migrate: () => migrateAndAnalyze(sql, () => migratePg(db as never, { migrationsFolder })),
      close: async () => {
        await invalidations.close();
        await pool.end();
      },
    };
  }
  const dataDir = opts.dataDir && opts.dataDir !== 'memory://' ? resolve(opts.dataDir) : undefined;
  if (dataDir) mkdirSync(dirname(join(dataDir, 'x')), { recursive: true });
  const client = dataDir
    ? new PGlite(dataDir)
    : new PGlite(opts.snapshot ? { loadDataDir: opts.snapshot } : {});
  await client.waitReady;
  for (const [name, value] of Object.entries(SESSION_SETTINGS)) await client.query(`set ${name} = ${value}`);
  if (opts.onQuery) observePglite(client, opts.onQuery);
  const db = drizzlePglite({ client, schema }) as unknown as Database;
  const sql: SqlExecutor = { query: (text, params) => client.query(text, params) as never };
  const invalidations = await pgliteInvalidationBus(client);
  return {
    db,
    kind: 'pglite',
    sql,
    invalidations,
    migrate: () => migrateAndAnalyze(sql, () => migratePglite(db as never, { migrationsFolder })),
    // Checkpoint first: a dump without one loses in-place catalog updates, such as ANALYZE's row counts.
    snapshot: async () => {
      await client.query('checkpoint');
      return client.dumpDataDir('none');
    },
    close: () => client.close(),
  };
}

/** Opens and migrates: what every process does at start. */
export async function openMigratedDatabase(opts: DatabaseOptions): Promise<DatabaseHandle> {
  const handle = await openDatabase(opts);
  await handle.migrate();
  return handle;
}

/**
 * Runs the migrations, then ANALYZE when any was applied: a migration may move any number of rows (a backfill),
 * and the planner must not meet them without statistics. Nothing applied (every later start): nothing to do.
 */
async function migrateAndAnalyze(sql: SqlExecutor, migrate: () => Promise<void>): Promise<void> {
  const before = await appliedMigrations(sql);
  await migrate();
  if ((await appliedMigrations(sql)) !== before) await analyzeDatabase(sql);
}

async function appliedMigrations(sql: SqlExecutor): Promise<number> {
  const table = await sql.query<{ present: boolean }>(
    `select to_regclass('drizzle.__drizzle_migrations') is not null as present`,
  );
  if (!table.rows[0]?.present) return 0;
  const { rows } = await sql.query<{ n: number }>(
    'select count(*)::int as n from drizzle.__drizzle_migrations',
  );
  return rows[0]?.n ?? 0;
}
