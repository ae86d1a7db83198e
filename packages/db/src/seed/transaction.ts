// The seed's single transaction: one connection for everything (all of the seed or none of it), with the
// per-row foreign-key triggers swapped for one set-based check at the end when the database allows it.
import type pg from 'pg';
import type { DatabaseHandle, SqlExecutor } from '../client';
import { pgliteCopyConnection, postgresCopyConnection, type SeedConnection } from './copy';

/**
 * Runs `fn` on one connection inside one transaction: all of the seed or none of it. On PGlite the transaction
 * holds the database exclusively, so nothing else (a job poller, a request) can slip a statement into it.
 */
export async function withSeedTransaction<T>(
  handle: DatabaseHandle,
  fn: (conn: SeedConnection) => Promise<T>,
): Promise<T> {
  // Drizzle keeps the driver's client on `$client`: a pg.Pool for PostgreSQL, the PGlite instance otherwise.
  const client = (handle.db as unknown as { $client: unknown }).$client;
  if (handle.kind === 'pglite') {
    const pglite = client as {
      transaction<R>(cb: (tx: Parameters<typeof pgliteCopyConnection>[0]) => Promise<R>): Promise<R>;
    };
    return pglite.transaction((tx) => fn(pgliteCopyConnection(tx)));
  }
  const conn = await (client as pg.Pool).connect();
  try {
    await conn.query('begin');
    const result = await fn(postgresCopyConnection(conn));
    await conn.query('commit');
    return result;
  } catch (error) {
    await conn.query('rollback').catch(() => {});
    throw error;
  } finally {
    conn.release();
  }
}

/**
 * Skips foreign-key triggers for the rest of the transaction (`session_replication_role = replica`, what
 * pg_restore --disable-triggers does): a per-row key lookup triples the cost of writing a claim. Needs a
 * superuser (PGlite always is); without one the checks simply stay on. Returns whether they were turned off,
 * in which case the caller must run `verifyForeignKeys` before committing.
 */
export async function skipForeignKeyTriggers(conn: SqlExecutor): Promise<boolean> {
  await conn.query('savepoint seed_replication_role');
  try {
    await conn.query('set local session_replication_role = replica');
    await conn.query('release savepoint seed_replication_role');
    return true;
  } catch {
    await conn.query('rollback to savepoint seed_replication_role');
    return false;
  }
}

/**
 * Checks every foreign key of the given tables with one anti-join each (set-based, far cheaper than the
 * per-row triggers it replaces) and throws on the first violation, which rolls the whole seed back.
 */
export async function verifyForeignKeys(conn: SqlExecutor, tables: readonly string[]): Promise<void> {
  const { rows } = await conn.query<{
    name: string;
    child: string;
    parent: string;
    pairs: [string, string][];
  }>(
    `select con.conname as name, child.relname as child, parent.relname as parent,
            (select json_agg(json_build_array(ca.attname, pa.attname) order by k.i)
               from unnest(con.conkey, con.confkey) with ordinality as k(c, p, i)
               join pg_attribute ca on ca.attrelid = con.conrelid and ca.attnum = k.c
               join pg_attribute pa on pa.attrelid = con.confrelid and pa.attnum = k.p) as pairs
       from pg_constraint con
       join pg_class child on child.oid = con.conrelid
       join pg_class parent on parent.oid = con.confrelid
       join pg_namespace ns on ns.oid = child.relnamespace
      where con.contype = 'f' and ns.nspname = 'public' and child.relname = any($1::text[])
      order by 1`,
    [tables],
  );
  for (const fk of rows) {
    const present = fk.pairs.map(([c]) => `c."${c}" is not null`).join(' and ');
    const match = fk.pairs.map(([c, p]) => `p."${p}" = c."${c}"`).join(' and ');
    const { rows: broken } = await conn.query<{ n: number }>(
      `select count(*)::int as n from "${fk.child}" c
        where ${present} and not exists (select 1 from "${fk.parent}" p where ${match})`,
    );
    const n = broken[0]?.n ?? 0;
    if (n > 0) throw new Error(`seed bug: ${n} rows of ${fk.child} break foreign key ${fk.name}`);
  }
}
