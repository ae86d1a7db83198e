// A throw-away PostgreSQL database per benchmark: created fresh on the bench server, dropped afterwards,
// so figures never depend on what an earlier run left behind.
import {
  createScratchDatabase as createServerScratchDatabase,
  type ScratchDatabase,
} from '@openpbm/db/scratch-database';

export type { ScratchDatabase };

export const DEFAULT_BENCH_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

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

export function createScratchDatabase(prefix = 'openpbm_bench'): Promise<ScratchDatabase> {
  return createServerScratchDatabase(benchServerUrl(), prefix);
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
