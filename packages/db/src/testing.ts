// A fresh, migrated database per test file: in-memory PGlite by default,
// or a new database on the server named by TEST_DATABASE_URL (dropped on close).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import {
  type DatabaseHandle,
  type DatabaseOptions,
  migrationsFolder,
  openDatabase,
  openMigratedDatabase,
} from './client';
import { adminQuery, createScratchDatabase, databaseUrl, whileInUse } from './scratch-database';

/** `onQuery` sees every statement sent (see DatabaseOptions). */
export type TestDatabaseOptions = Pick<DatabaseOptions, 'onQuery'>;

export async function createTestDatabase(opts: TestDatabaseOptions = {}): Promise<DatabaseHandle> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  return serverUrl ? createServerDatabase(serverUrl, opts) : createPgliteDatabase(opts);
}

// Starting PGlite and migrating costs ~3 s; loading a migrated snapshot ~0.5 s. The snapshot is keyed by
// the migrations' content (and TEMPLATE_VERSION), so a new migration makes a new template on the next run.
async function createPgliteDatabase(opts: TestDatabaseOptions): Promise<DatabaseHandle> {
  const cacheDir = resolve(migrationsFolder, '../../../node_modules/.cache/openpbm');
  const templateFile = join(cacheDir, `pglite-${migrationsHash()}.tar`);
  if (existsSync(templateFile)) {
    return openDatabase({ ...opts, snapshot: new Blob([readFileSync(templateFile)]) });
  }
  const handle = await openMigratedDatabase(opts);
  const tarball = await handle.snapshot?.();
  if (tarball) {
    mkdirSync(cacheDir, { recursive: true });
    const tmp = `${templateFile}.${process.pid}.tmp`;
    writeFileSync(tmp, Buffer.from(await tarball.arrayBuffer()));
    renameSync(tmp, templateFile); // atomic: parallel test workers never read a half-written template
  }
  return handle;
}

/** Bump when what a migrated database holds changes without a new migration (2: statistics after migrating). */
const TEMPLATE_VERSION = 2;

function migrationsHash(): string {
  const hash = createHash('sha256').update(`template ${TEMPLATE_VERSION}`);
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

async function createServerDatabase(serverUrl: string, opts: TestDatabaseOptions): Promise<DatabaseHandle> {
  const scratch = await createScratchDatabase(serverUrl, 'openpbm_t', await serverTemplate(serverUrl));
  const handle = await openMigratedDatabase({ ...opts, url: scratch.url, poolSize: 5 });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await scratch.drop();
    },
  };
}

// Migrating a new server database costs a second or two per test file; copying a migrated template is a file
// copy on the server. The template is named by the migrations' hash, like the PGlite snapshot, so a new
// migration builds a new one; `openMigratedDatabase` above then finds nothing to apply.
let templateName: Promise<string> | undefined;
function serverTemplate(serverUrl: string): Promise<string> {
  // A failed build is forgotten, so the next file in this worker tries again instead of failing on the old error.
  templateName ??= buildServerTemplate(serverUrl).catch((error: unknown) => {
    templateName = undefined;
    throw error;
  });
  return templateName;
}

const TEMPLATE_LOCK = 7_240_915; // one builder at a time across test workers and runs

async function buildServerTemplate(serverUrl: string): Promise<string> {
  const name = `openpbm_tpl_${migrationsHash()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query('select pg_advisory_lock($1)', [TEMPLATE_LOCK]);
    const found = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) {
      const building = `${name}_build`;
      await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
      await adminQuery(serverUrl, `CREATE DATABASE ${building}`);
      const handle = await openMigratedDatabase({ url: databaseUrl(serverUrl, building), poolSize: 1 });
      await handle.close();
      // Renamed only when complete: a crashed build never becomes the template.
      await whileInUse(() => adminQuery(serverUrl, `ALTER DATABASE ${building} RENAME TO ${name}`));
    }
  } finally {
    await admin.end(); // ends the session, and with it the advisory lock
  }
  return name;
}
