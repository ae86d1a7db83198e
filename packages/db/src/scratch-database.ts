// A throw-away database on a PostgreSQL server, for test files, browser journeys and benchmarks: created fresh
// (so nothing an earlier run left behind counts) and dropped, with its connections, when done.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface ScratchDatabase {
  name: string;
  /** Connection string of the scratch database. */
  url: string;
  /** Drops it (again is a no-op). */
  drop(): Promise<void>;
}

/**
 * `serverUrl` is an administrative connection; the name is `<prefix>_<time>_<random>`. With `template`, the new
 * database is a copy of that one (a file copy on the server: far faster than migrating or seeding again).
 */
export async function createScratchDatabase(
  serverUrl: string,
  prefix: string,
  template?: string,
): Promise<ScratchDatabase> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await whileInUse(() =>
    adminQuery(
      serverUrl,
      template ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`,
    ),
  );
  let dropped = false;
  return {
    name,
    url: databaseUrl(serverUrl, name),
    drop: async () => {
      if (dropped) return;
      dropped = true;
      await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** The connection string of database `name` on the server `serverUrl` points at. */
export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function adminQuery(serverUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/**
 * Retries `run` while PostgreSQL answers 55006 (object in use): a template or a renamed database must have no
 * sessions, and a pool's just-closed connections take a moment to leave the server.
 */
export async function whileInUse(run: () => Promise<void>): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if ((error as { code?: string }).code !== '55006' || attempt >= 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
