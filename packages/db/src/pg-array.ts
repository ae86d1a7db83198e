// A PostgreSQL array literal ('{"a","b \"c\""}') of strings, every element quoted so any text is safe, NULL for
// null. Bulk writes pass one such literal per column and cast it (`$1::uuid[]`) for `unnest`: one bind parameter
// per column whatever the number of rows, the same SQL on PGlite and PostgreSQL.
const NEEDS_ESCAPE = /["\\]/;

export function pgArrayLiteral(values: readonly unknown[]): string {
  // Built as one string (a 10,000-row batch has 10,000 items per column): no per-item arrays or regex replaces
  // unless the text holds a quote or a backslash.
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    const item = values[i];
    if (i > 0) out += ',';
    if (item == null) {
      out += 'NULL';
      continue;
    }
    const text = item instanceof Date ? item.toISOString() : String(item);
    out += NEEDS_ESCAPE.test(text) ? `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"` : `"${text}"`;
  }
  return `${out}}`;
}
