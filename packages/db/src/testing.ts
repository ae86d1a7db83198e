// A fresh, migrated database per test file: in-memory PGlite by default,
// or a new database on the server named by TEST_DATABASE_URL (dropped on close).
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { type DatabaseHandle, migrationsFolder, openDatabase, openMigratedDatabase } from './client';

export async function createTestDatabase(): Promise<DatabaseHandle> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  return serverUrl ? createServerDatabase(serverUrl) : createPgliteDatabase();
}

// Starting PGlite and migrating costs ~3 s; loading a migrated snapshot ~0.5 s. The snapshot is keyed by
// the migrations' content, so a new migration makes a new template on the next run.
async function createPgliteDatabase(): Promise<DatabaseHandle> {
  const cacheDir = resolve(migrationsFolder, '../../../node_modules/.cache/openpbm');
  const templateFile = join(cacheDir, `pglite-${migrationsHash()}.tar`);
  if (existsSync(templateFile)) {
    return openDatabase({ snapshot: new Blob([readFileSync(templateFile)]) });
  }
  const handle = await openMigratedDatabase({});
  const tarball = await handle.snapshot?.();
  if (tarball) {
    mkdirSync(cacheDir, { recursive: true });
    const tmp = `${templateFile}.${process.pid}.tmp`;
    writeFileSync(tmp, Buffer.from(await tarball.arrayBuffer()));
    renameSync(tmp, templateFile); // atomic: parallel test workers never read a half-written template
  }
  return handle;
}

function migrationsHash(): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else hash.update(entry.name).update(readFileSync(path));
    }
  };
  walk(migrationsFolder);
  return hash.digest('hex').slice(0, 16);
}

async function createServerDatabase(serverUrl: string): Promise<DatabaseHandle> {
  const name = `openpbm_t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openMigratedDatabase({ url: url.toString(), poolSize: 5 });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

async function adminQuery(serverUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
