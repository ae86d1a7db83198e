// A PostgreSQL array literal ('{"a","b \"c\""}') of strings, every element quoted so any text is safe, NULL for
// null. Bulk writes pass one such literal per column and cast it (`$1::uuid[]`) for `unnest`: one bind parameter
// per column whatever the number of rows, the same SQL on PGlite and PostgreSQL.
export function pgArrayLiteral(values: readonly unknown[]): string {
  const items = values.map((item) =>
    item == null
      ? 'NULL'
      : `"${(item instanceof Date ? item.toISOString() : String(item)).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`,
  );
  return `{${items.join(',')}}`;
}
