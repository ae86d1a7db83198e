// Bulk inserts for the seed: rows are typed by the Drizzle tables, buffered per table and written per batch with
// COPY when the connection offers it (copy.ts: PostgreSQL and PGlite both do), otherwise as one
// `INSERT … SELECT … FROM unnest($1::type[], …)` (one parameter per column whatever the batch size).
import { getTableColumns, getTableName, type InferInsertModel } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { pgArrayLiteral } from '../pg-array';
import { copyText, type SeedConnection } from './copy';

type Row<T extends PgTable> = InferInsertModel<T>;

interface ColumnSpec {
  key: string;
  name: string;
  notNull: boolean;
  /** Element type of the unnest array, e.g. "int4" or "text" (arrays and jsonb travel as text and are cast). */
  paramType: string;
  /** Cast applied in the SELECT list, e.g. "::jsonb". */
  cast: string;
  encode: (value: unknown) => unknown;
}

const identity = (value: unknown) => value;
const toText = (value: unknown) =>
  value == null ? null : value instanceof Date ? value.toISOString() : String(value);
const toJsonText = (value: unknown) => (value == null ? null : JSON.stringify(value));

const toArrayLiteral = (value: unknown) => (value == null ? null : pgArrayLiteral(value as unknown[]));

const SCALAR_TYPES: Record<string, string> = {
  uuid: 'uuid',
  text: 'text',
  integer: 'int4',
  smallint: 'int2',
  bigint: 'int8',
  boolean: 'bool',
  date: 'date',
  'double precision': 'float8',
  'timestamp with time zone': 'timestamptz',
};

function columnSpecs(table: PgTable): ColumnSpec[] {
  return Object.entries(getTableColumns(table)).map(([key, column]) => {
    const sqlType = column.getSQLType();
    if (sqlType.endsWith('[]')) {
      return {
        key,
        name: column.name,
        notNull: column.notNull,
        paramType: 'text',
        cast: `::${sqlType}`,
        encode: toArrayLiteral,
      };
    }
    if (sqlType === 'jsonb') {
      return {
        key,
        name: column.name,
        notNull: column.notNull,
        paramType: 'text',
        cast: '::jsonb',
        encode: toJsonText,
      };
    }
    const paramType = SCALAR_TYPES[sqlType];
    if (!paramType)
      throw new TypeError(`seed loader cannot write ${getTableName(table)}.${column.name} (${sqlType})`);
    const encode = paramType === 'timestamptz' ? toText : identity;
    return { key, name: column.name, notNull: column.notNull, paramType, cast: '', encode };
  });
}

interface TableBuffer {
  table: PgTable;
  specs: ColumnSpec[];
  rows: Record<string, unknown>[];
}

export interface BulkLoaderOptions {
  /** Rows per INSERT statement. */
  batchRows?: number;
  /**
   * Batches queued without waiting: PostgreSQL writes one while the next is generated. They still run one at a
   * time on the connection (each starts when the previous finished). 0 for PGlite, which runs on this thread.
   */
  maxQueued?: number;
}

/**
 * Buffers rows per table and writes them in batches. Tables are registered parents first; writing a table
 * first writes every earlier table's pending rows, so a foreign key always finds its parent row.
 */
export class BulkLoader {
  private readonly buffers: TableBuffer[];
  private readonly byTable = new Map<PgTable, TableBuffer>();
  private readonly counts = new Map<string, number>();
  private readonly queued: Promise<void>[] = [];
  private tail: Promise<void> = Promise.resolve();
  private readonly batchRows: number;
  private readonly maxQueued: number;

  constructor(
    private readonly conn: SeedConnection,
    tablesInDependencyOrder: readonly PgTable[],
    opts: BulkLoaderOptions = {},
  ) {
    this.batchRows = opts.batchRows ?? 5000;
    this.maxQueued = opts.maxQueued ?? 0;
    this.buffers = tablesInDependencyOrder.map((table) => ({ table, specs: columnSpecs(table), rows: [] }));
    for (const buffer of this.buffers) this.byTable.set(buffer.table, buffer);
  }

  async insert<T extends PgTable>(table: T, row: Row<T>): Promise<void> {
    const buffer = this.byTable.get(table);
    if (!buffer) throw new Error(`table ${getTableName(table)} is not registered with the loader`);
    buffer.rows.push(row as Record<string, unknown>);
    if (buffer.rows.length >= this.batchRows) await this.flushThrough(buffer);
  }

  async insertMany<T extends PgTable>(table: T, rows: readonly Row<T>[]): Promise<void> {
    const buffer = this.byTable.get(table);
    if (!buffer) throw new Error(`table ${getTableName(table)} is not registered with the loader`);
    for (const row of rows) buffer.rows.push(row as Record<string, unknown>);
    if (buffer.rows.length >= this.batchRows) await this.flushThrough(buffer);
  }

  /** Writes every pending row and waits until the database has them all. */
  async flush(): Promise<void> {
    const last = this.buffers[this.buffers.length - 1];
    if (last) await this.flushThrough(last);
    await Promise.all(this.queued.splice(0));
  }

  /** Rows written so far per table name. */
  rowCounts(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }

  private async flushThrough(target: TableBuffer): Promise<void> {
    for (const buffer of this.buffers) {
      if (buffer.rows.length > 0) await this.send(buffer);
      if (buffer === target) break;
    }
  }

  private async send(buffer: TableBuffer): Promise<void> {
    const rows = buffer.rows.splice(0);
    const name = getTableName(buffer.table);
    // Columns no row sets are left out, so the database fills in their defaults. A NOT NULL column set in only
    // some rows cannot get its default in the others (unnest has no DEFAULT), so that is a seed bug.
    const specs = buffer.specs.filter((spec) => {
      const set = rows.filter((row) => row[spec.key] !== undefined).length;
      if (spec.notNull && set > 0 && set < rows.length) {
        throw new Error(
          `seed bug: ${name}.${spec.name} is set in some rows and left to its default in others`,
        );
      }
      return set > 0;
    });
    this.counts.set(name, (this.counts.get(name) ?? 0) + rows.length);
    const write = this.conn.copyIn
      ? this.copyWriter(name, specs, rows)
      : this.insertWriter(name, specs, rows);
    // Chained, so the connection never gets a query while another is running; a failure stops the rest.
    const done = this.tail.then(write);
    done.catch(() => {}); // observed here, reported to whoever awaits it
    this.tail = done;
    this.queued.push(done);
    while (this.queued.length > this.maxQueued) await this.queued.shift();
  }

  /** The batch as COPY text, built now (the rows may be reused by the caller after this returns). */
  private copyWriter(name: string, specs: ColumnSpec[], rows: Record<string, unknown>[]) {
    let text = '';
    for (const row of rows) {
      for (let i = 0; i < specs.length; i++) {
        const spec = specs[i] as ColumnSpec;
        if (i > 0) text += '\t';
        text += copyText(spec.encode(row[spec.key] ?? null));
      }
      text += '\n';
    }
    const columns = specs.map((spec) => spec.name);
    const copyIn = this.conn.copyIn?.bind(this.conn) as NonNullable<SeedConnection['copyIn']>;
    return () => failsAs(name, () => copyIn(name, columns, text));
  }

  private insertWriter(name: string, specs: ColumnSpec[], rows: Record<string, unknown>[]) {
    const params = specs.map((spec) => rows.map((row) => spec.encode(row[spec.key] ?? null)));
    const columns = specs.map((spec) => `"${spec.name}"`).join(', ');
    const select = specs.map((spec, i) => `c${i}${spec.cast}`).join(', ');
    const arrays = specs.map((spec, i) => `$${i + 1}::${spec.paramType}[]`).join(', ');
    const aliases = specs.map((_, i) => `c${i}`).join(', ');
    const text = `insert into "${name}" (${columns}) select ${select} from unnest(${arrays}) as t(${aliases})`;
    return () => failsAs(name, () => this.conn.query(text, params));
  }
}

async function failsAs(name: string, write: () => Promise<unknown>): Promise<void> {
  try {
    await write();
  } catch (error) {
    // The driver's error carries every parameter (megabytes); keep the message, code and failing row only.
    const e = error as { message?: string; code?: string; detail?: string; constraint?: string };
    const why = [e.code, e.constraint, e.detail].filter(Boolean).join('; ');
    throw new Error(`writing ${name} failed: ${e.message} (${why})`);
  }
}
