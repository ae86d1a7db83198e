// Scans every text, varchar, json/jsonb and text[] column of every table in the main database for a pattern, so a
// test can prove that something (card numbers, drug names) never landed where it must not be.
import type { DatabaseHandle } from '@openpbm/db';

export interface ColumnHit {
  table: string;
  column: string;
  value: string;
}

export async function scanTextColumns(
  db: DatabaseHandle,
  find: (text: string) => string[],
  schemas: string[] = ['public'],
): Promise<{ hits: ColumnHit[]; columnsScanned: number; valuesScanned: number }> {
  const { rows: columns } = await db.sql.query<{
    table_schema: string;
    table_name: string;
    column_name: string;
  }>(
    `select c.table_schema, c.table_name, c.column_name
       from information_schema.columns c
       join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.table_schema = any($1) and t.table_type = 'BASE TABLE'
        and (c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb')
             or (c.data_type = 'ARRAY' and c.udt_name in ('_text', '_varchar')))`,
    [schemas],
  );
  const hits: ColumnHit[] = [];
  let valuesScanned = 0;
  for (const c of columns) {
    const { rows } = await db.sql.query<{ v: string }>(
      `select "${c.column_name}"::text as v from "${c.table_schema}"."${c.table_name}" where "${c.column_name}" is not null`,
    );
    for (const { v } of rows) {
      valuesScanned += 1;
      for (const match of find(v))
        hits.push({ table: `${c.table_schema}.${c.table_name}`, column: c.column_name, value: match });
    }
  }
  return { hits, columnsScanned: columns.length, valuesScanned };
}
