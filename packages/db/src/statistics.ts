// Planner statistics after bulk writes. A table loaded in bulk has no statistics until autovacuum gets to it
// (PGlite has no autovacuum at all), so the planner guesses: at 100,000 members it chose parallel sequential
// scans of orders and prescriptions (and JIT-compiled them) until someone ran ANALYZE by hand. Every bulk
// write therefore analyzes what it touched before it reports done.
import type { SqlExecutor } from './client';

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/** ANALYZE the given tables (one statement); same SQL on PGlite and PostgreSQL. */
export async function analyzeTables(sql: SqlExecutor, tables: Iterable<string>): Promise<void> {
  const names = [...new Set(tables)];
  if (names.length === 0) return;
  for (const name of names) {
    if (!IDENTIFIER.test(name)) throw new Error(`not a table name: ${name}`);
  }
  await sql.query(`analyze ${names.map((n) => `"${n}"`).join(', ')}`);
}

/** ANALYZE every table of the database: after migrations, which may have moved any number of rows. */
export async function analyzeDatabase(sql: SqlExecutor): Promise<void> {
  await sql.query('analyze');
}
