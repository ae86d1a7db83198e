// COPY for the seed's bulk writes: rows in COPY's text format, streamed with pg-copy-streams on PostgreSQL or
// handed to PGlite as a blob (`COPY … FROM '/dev/blob'`). COPY skips the per-statement parse, the unnest arrays
// and their casts, and is the fastest way either engine has to take rows.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { SqlExecutor } from '../client';

/** A connection the seed can also COPY into (one table, the listed columns, rows in COPY text format). */
export interface SeedConnection extends SqlExecutor {
  copyIn?(table: string, columns: readonly string[], rows: string): Promise<void>;
}

const copyStatement = (table: string, columns: readonly string[], source: string) =>
  `copy "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) from ${source}`;

export function postgresCopyConnection(client: pg.PoolClient): SeedConnection {
  return {
    query: (text, params) => client.query(text, params) as never,
    copyIn: (table, columns, rows) =>
      pipeline(Readable.from([rows]), client.query(copyFrom(copyStatement(table, columns, 'stdin')))),
  };
}

interface PgliteTransaction {
  query(text: string, params?: unknown[], options?: { blob?: Blob }): Promise<{ rows: unknown[] }>;
}

export function pgliteCopyConnection(tx: PgliteTransaction): SeedConnection {
  return {
    query: (text, params) => tx.query(text, params) as never,
    copyIn: async (table, columns, rows) => {
      await tx.query(copyStatement(table, columns, `'/dev/blob'`), [], { blob: new Blob([rows]) });
    },
  };
}

const SPECIAL = /[\\\n\r\t]/;
/**
 * One value, already encoded for its column (arrays as array literals, jsonb as JSON text: see bulk.ts), in COPY's
 * text format: \N for null, backslash escapes for the four characters that need them.
 */
export function copyText(value: unknown): string {
  if (value == null) return '\\N';
  const text =
    value instanceof Date
      ? value.toISOString()
      : typeof value === 'boolean'
        ? value
          ? 't'
          : 'f'
        : String(value);
  return SPECIAL.test(text)
    ? text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')
    : text;
}
