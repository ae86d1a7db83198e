// Hot-path SQL with a fixed text: on PostgreSQL it runs as a named prepared statement (parsed and planned
// once per pooled connection). PGlite has no protocol-level named statements, so there it is PREPAREd once in its
// one session and run with EXECUTE on a generic plan: planned per call, the benefit-context statement cost 60–600
// ms of planning on every price check (measured on the demo data). Use it only for statements whose text never
// varies; everything else goes through Drizzle.
import type { Database } from '@openpbm/db';
import { InvariantBroken } from './internal-errors';

interface PgPoolLike {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
  totalCount?: number;
}

interface PgliteLike {
  query(text: string, values: unknown[]): Promise<{ rows: unknown[] }>;
  exec(text: string): Promise<Array<{ rows: unknown[] }>>;
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
  if (!client) throw new InvariantBroken('named queries need the top-level database, not a transaction');
  return client;
}

export async function namedQuery<T>(
  db: Database,
  statement: NamedStatement,
  values: unknown[],
): Promise<T[]> {
  const client = rawClientOf(db);
  if ('waitReady' in client) return pgliteExecute<T>(client as PgliteLike, statement, values);
  const result = await (client as PgPoolLike).query({ name: statement.name, text: statement.text, values });
  return result.rows as T[];
}

/** The PREPARE of each statement in a PGlite session. */
const preparedIn = new WeakMap<PgliteLike, Map<string, Promise<unknown>>>();

async function pgliteExecute<T>(
  client: PgliteLike,
  statement: NamedStatement,
  values: unknown[],
): Promise<T[]> {
  if (!/^[a-z][a-z0-9_]*$/.test(statement.name))
    throw new InvariantBroken(`bad statement name ${statement.name}`);
  const prepared = preparedIn.get(client) ?? new Map<string, Promise<unknown>>();
  preparedIn.set(client, prepared);
  // One PREPARE per name, also when two first calls overlap; a failed one is tried again next time.
  let preparing = prepared.get(statement.name);
  if (!preparing) {
    preparing = client.query(`prepare ${statement.name} as ${statement.text}`, []);
    prepared.set(statement.name, preparing);
    preparing.catch(() => prepared.delete(statement.name));
  }
  await preparing;
  // EXECUTE takes no bind parameters, so the values go in as literals. A generic plan is made at the first call
  // and reused (the default would plan the first five calls anew). One message is one implicit transaction, so
  // the setting ends with it even when the statement fails.
  const args = values.length ? `(${values.map(sqlLiteral).join(', ')})` : '';
  const results = await client.exec(
    `set plan_cache_mode = force_generic_plan; execute ${statement.name}${args}; reset plan_cache_mode`,
  );
  return (results[1]?.rows ?? []) as T[];
}

const quoted = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** A value as an untyped SQL literal (the prepared statement's parameter type converts it). */
export function sqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
    return quoted(String(value));
  }
  if (typeof value === 'bigint' || typeof value === 'boolean') return quoted(String(value));
  if (value instanceof Date) return quoted(value.toISOString());
  if (Array.isArray(value)) return quoted(arrayLiteral(value));
  if (typeof value === 'object') return quoted(JSON.stringify(value));
  return quoted(String(value));
}

function arrayLiteral(items: unknown[]): string {
  const element = (item: unknown) =>
    item === null || item === undefined
      ? 'NULL'
      : `"${String(item instanceof Date ? item.toISOString() : item)
          .replaceAll('\\', '\\\\')
          .replaceAll('"', '\\"')}"`;
  return `{${items.map(element).join(',')}}`;
}
