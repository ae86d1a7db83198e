// Deterministic synthetic data: `seedDatabase` for any size (`npm run seed -- --members N`), `seedDemoIfEmpty`
// for the demo set the server creates at start, and the demo logins it prints.
import type { DatabaseHandle, SqlExecutor } from '../client';
import { analyzeTables } from '../statistics';
import { demoPasswordHashes } from './demo-users';
import { runSeedInWorker } from './parallel';
import { runSeed, type SeedOptions, type SeedSummary } from './run';
import { withSeedTransaction } from './transaction';

export { DEMO_LOGINS, DEMO_STAFF_TOTP_SECRET, type DemoLogin } from './demo-users';
export { HISTORY_DAYS, type SeedOptions, type SeedSummary } from './run';

/** The demo set: big enough for every screen to have data, small enough to seed in a few seconds. */
export const DEMO_MEMBERS = 200;
export const DEMO_SEED = 1;

/** Any number; it only keeps two processes from seeding the same database at once. */
const SEED_LOCK_KEY = 7_261_001;

async function hasRows(conn: SqlExecutor, table: 'clients' | 'drug_products'): Promise<boolean> {
  const { rows } = await conn.query<{ present: boolean }>(
    `select exists (select 1 from ${table}) as present`,
  );
  return rows[0]?.present === true;
}

/**
 * Seeds an empty, migrated database with `members` synthetic members and their history, all in one transaction,
 * then analyzes every table it wrote, so the first reads after it are planned on real statistics.
 * Throws when the database already has clients or drug reference data (seed a fresh database instead).
 */
export async function seedDatabase(handle: DatabaseHandle, opts: SeedOptions): Promise<SeedSummary> {
  const hashes = opts.inWorker ? undefined : demoPasswordHashes();
  const summary = await withSeedTransaction(handle, async (conn) => {
    await conn.query('select pg_advisory_xact_lock($1)', [SEED_LOCK_KEY]);
    if ((await hasRows(conn, 'clients')) || (await hasRows(conn, 'drug_products'))) {
      throw new Error('the database already has data; seed a fresh database (the seed CLI has --reset)');
    }
    if (opts.inWorker) return runSeedInWorker(conn, opts);
    return runSeed(conn, opts, { queueWrites: handle.kind === 'postgres', passwordHashes: hashes });
  });
  opts.onProgress?.(0, 1, 'updating planner statistics');
  await analyzeTables(handle.sql, Object.keys(summary.rows));
  return summary;
}

export type DemoSeedOptions = Partial<SeedOptions>;

/**
 * Seeds the demo set when the database has no clients yet; returns whether it did. Safe on every start and when
 * several processes start together (an advisory lock makes the second wait, then find the data).
 */
export async function seedDemoIfEmpty(handle: DatabaseHandle, opts: DemoSeedOptions = {}): Promise<boolean> {
  if (await hasRows(handle.sql, 'clients')) return false;
  const hashes = demoPasswordHashes();
  const summary = await withSeedTransaction(handle, async (conn) => {
    await conn.query('select pg_advisory_xact_lock($1)', [SEED_LOCK_KEY]);
    if (await hasRows(conn, 'clients')) return null;
    const options = { members: DEMO_MEMBERS, seed: DEMO_SEED, ...opts };
    return runSeed(conn, options, { queueWrites: handle.kind === 'postgres', passwordHashes: hashes });
  });
  if (!summary) return false;
  await analyzeTables(handle.sql, Object.keys(summary.rows));
  return true;
}
