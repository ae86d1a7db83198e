// A throw-away PostgreSQL database per benchmark: created fresh on the bench server, dropped afterwards,
// so figures never depend on what an earlier run left behind.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const DEFAULT_BENCH_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export interface ScratchDatabase {
  name: string;
  /** Connection string of the scratch database. */
  url: string;
  drop(): Promise<void>;
}

/** BENCH_DATABASE_URL (an administrative connection on a loopback server) or the local default. */
export function benchServerUrl(env: Record<string, string | undefined> = process.env): string {
  const url = env.BENCH_DATABASE_URL ?? DEFAULT_BENCH_DATABASE_URL;
  const host = new URL(url).hostname;
  // Benchmarks measure this machine; a remote database would measure the network instead.
  if (!LOOPBACK_HOSTS.has(host)) {
    throw new Error(`BENCH_DATABASE_URL must point at a loopback PostgreSQL server, not ${host}`);
  }
  return url;
}

export async function createScratchDatabase(prefix = 'openpbm_bench'): Promise<ScratchDatabase> {
  const serverUrl = benchServerUrl();
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    name,
    url: url.toString(),
    drop: async () => {
      if (dropped) return;
      dropped = true;
      await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** Runs `fn` with a scratch database and always drops it, even when `fn` throws. */
export async function withScratchDatabase<T>(
  fn: (db: ScratchDatabase) => Promise<T>,
  prefix?: string,
): Promise<T> {
  const db = await createScratchDatabase(prefix);
  try {
    return await fn(db);
  } finally {
    await db.drop();
  }
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
