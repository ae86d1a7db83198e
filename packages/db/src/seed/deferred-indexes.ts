// Deferred index creation for large seeds: the secondary indexes of the tables that grow with the member count
// are dropped inside the seed's transaction and built again after the last row, one sort each instead of
// hundreds of thousands of B-tree insertions (claims alone has ten indexes). Indexes behind a primary key or
// unique constraint stay, so foreign keys and conflicts work throughout; a unique index built at the end still
// refuses duplicates, which rolls the whole seed back. Everything is transactional: a failed seed leaves the
// indexes as they were.
import type { SqlExecutor } from '../client';

/** Tables whose rows scale with the members (the world's reference tables are small and keep their indexes). */
export const MEMBER_SCALED_TABLES = [
  'members',
  'eligibility_spans',
  'prescriptions',
  'prior_authorizations',
  'claims',
  'accumulators',
  'orders',
  'order_requests',
  'order_items',
  'order_status_events',
] as const;

/** Below this many members the indexes are cheap to keep, and the demo seed stays as it always was. */
export const DEFER_INDEXES_FROM_MEMBERS = 10_000;

/** Drops the secondary indexes of `tables`; returns their definitions for `createIndexes`. */
export async function dropSecondaryIndexes(conn: SqlExecutor, tables: readonly string[]): Promise<string[]> {
  const { rows } = await conn.query<{ name: string; definition: string }>(
    `select ic.relname as name, pg_get_indexdef(i.indexrelid) as definition
       from pg_index i
       join pg_class ic on ic.oid = i.indexrelid
       join pg_class t on t.oid = i.indrelid
       join pg_namespace n on n.oid = t.relnamespace
      where n.nspname = 'public' and t.relname = any($1::text[])
        and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)
      order by 1`,
    [tables],
  );
  for (const { name } of rows) await conn.query(`drop index "public"."${name}"`);
  return rows.map((r) => r.definition);
}

/** Builds the dropped indexes again, with more sort memory for this transaction only. */
export async function createIndexes(conn: SqlExecutor, definitions: readonly string[]): Promise<void> {
  if (definitions.length === 0) return;
  await conn.query(`set local maintenance_work_mem = '256MB'`);
  for (const definition of definitions) await conn.query(definition);
}
