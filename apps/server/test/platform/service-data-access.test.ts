// The data-access rule (apps/server/src/README.md): a service decides, a repo file queries. Every
// apps/server/src/**/service.ts and *-service.ts, in every domain folder present or future, must not import the
// Drizzle schema (the `schema` object, a table) or drizzle-orm's query builders, and must not run raw SQL; it
// reaches the database through a repo file's scoped (`fooRepo(db, scope)`) or `system…` entry points.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { is, Table } from 'drizzle-orm';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '../../src');

function serviceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return serviceFiles(path);
    return entry.name === 'service.ts' || entry.name.endsWith('-service.ts') ? [path] : [];
  });
}

interface ValueImport {
  module: string;
  names: string[];
  namespace: boolean;
}

/** The imports of a file that bring in values (not `import type`, not `type X` specifiers). */
function valueImports(source: string): ValueImport[] {
  const file = ts.createSourceFile('x.ts', source, ts.ScriptTarget.Latest, false);
  const found: ValueImport[] = [];
  for (const statement of file.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const clause = statement.importClause;
    if (!clause || clause.isTypeOnly) continue;
    const bindings = clause.namedBindings;
    const names =
      bindings && ts.isNamedImports(bindings)
        ? bindings.elements.filter((e) => !e.isTypeOnly).map((e) => (e.propertyName ?? e.name).text)
        : [];
    const namespace = Boolean(bindings && ts.isNamespaceImport(bindings));
    if (clause.name) names.push('default');
    if (names.length || namespace) found.push({ module: statement.moduleSpecifier.text, names, namespace });
  }
  return found;
}

const isSchemaModule = (module: string) =>
  module === '@openpbm/db/schema' || module.startsWith('@openpbm/db/schema/');
const RAW_SQL = /\.sql\.query\s*[<(]|\.execute\s*\(\s*sql`/;

/** What a service file does that only a repo file may. */
async function violations(path: string): Promise<string[]> {
  const source = readFileSync(path, 'utf8');
  const found: string[] = [];
  for (const imp of valueImports(source)) {
    if (imp.module === 'drizzle-orm' || imp.module.startsWith('drizzle-orm/')) {
      found.push(`imports ${imp.names.join(', ') || '*'} from ${imp.module}`);
    } else if (imp.module === '@openpbm/db' && (imp.namespace || imp.names.includes('schema'))) {
      found.push('imports the Drizzle schema from @openpbm/db');
    } else if (isSchemaModule(imp.module)) {
      if (imp.namespace) found.push(`imports all of ${imp.module}`);
      const module: Record<string, unknown> = await import(imp.module);
      for (const name of imp.names)
        if (is(module[name], Table)) found.push(`imports table ${name} from ${imp.module}`);
    }
  }
  if (RAW_SQL.test(source)) found.push('runs raw SQL');
  return found;
}

describe('service files reach the database only through repo files', () => {
  const files = serviceFiles(SRC);

  it('finds the service files of every domain folder', () => {
    expect(files.length).toBeGreaterThan(25);
  });

  it('no service file imports the schema or drizzle-orm, or runs raw SQL', async () => {
    const offenders: string[] = [];
    for (const path of files) {
      for (const v of await violations(path)) offenders.push(`${relative(SRC, path)}: ${v}`);
    }
    expect(offenders).toEqual([]);
  });

  it('catches each kind of violation (the rule itself is tested)', () => {
    const bad = [
      "import { schema } from '@openpbm/db';",
      "import { and, eq } from 'drizzle-orm';",
      "import * as db from '@openpbm/db';",
    ].join('\n');
    expect(valueImports(bad).map((i) => i.module)).toEqual(['@openpbm/db', 'drizzle-orm', '@openpbm/db']);
    const fine = [
      "import type { Database } from '@openpbm/db';",
      "import { type SQL } from 'drizzle-orm';",
      "import type { User } from '@openpbm/db/schema/users';",
    ].join('\n');
    expect(valueImports(fine)).toEqual([]);
    expect(RAW_SQL.test('await deps.db.sql.query<Row>(`select 1`)')).toBe(true);
    expect(RAW_SQL.test('await tx.execute(sql`select 1`)')).toBe(true);
  });

  it('tells a table from a helper in a schema module', async () => {
    const users: Record<string, unknown> = await import('@openpbm/db/schema/users');
    expect(is(users.users, Table)).toBe(true);
    expect(is(users.normalizeUsername, Table)).toBe(false);
  });
});
