// Issue 21: bulk writes leave planner statistics behind, and application connections never JIT-compile.
import { afterEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/client';
import { seedDatabase, seedDemoIfEmpty } from '../src/seed/index';
import { createTestDatabase } from '../src/testing';
import { TEST_AS_OF } from './seed-helpers';

/** Tables whose row estimate is not what they hold: never analyzed (reltuples -1) or analyzed before a load. */
async function unanalyzedTables(db: DatabaseHandle, tables: string[]): Promise<string[]> {
  const { rows } = await db.sql.query<{ name: string; estimate: number }>(
    `select relname as name, reltuples::float8 as estimate from pg_class
      where relkind = 'r' and relnamespace = 'public'::regnamespace and relname = any($1::text[])`,
    [tables],
  );
  const stale: string[] = [];
  for (const { name, estimate } of rows) {
    const count = await db.sql.query<{ n: number }>(`select count(*)::int as n from "${name}"`);
    if (estimate !== count.rows[0]?.n) stale.push(`${name} (estimate ${estimate}, rows ${count.rows[0]?.n})`);
  }
  return stale;
}

describe('planner statistics after bulk writes', () => {
  let db: DatabaseHandle | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
  });

  it('the seed analyzes every table it wrote before it returns', async () => {
    db = await createTestDatabase();
    const summary = await seedDatabase(db, { members: 40, seed: 5, asOf: TEST_AS_OF });
    const written = Object.keys(summary.rows);
    expect(written).toEqual(expect.arrayContaining(['members', 'prescriptions', 'claims', 'orders']));
    expect(await unanalyzedTables(db, written)).toEqual([]);
    // Column statistics too, not only row counts: the planner needs them for selectivity.
    const { rows } = await db.sql.query<{ n: number }>(
      `select count(distinct tablename)::int as n from pg_stats
        where schemaname = 'public' and tablename = any($1::text[])`,
      [['members', 'prescriptions', 'claims', 'orders']],
    );
    expect(rows[0]?.n).toBe(4);
  }, 120_000);

  it('the demo seed at server start analyzes what it wrote', async () => {
    db = await createTestDatabase();
    expect(await seedDemoIfEmpty(db, { members: 25, asOf: TEST_AS_OF })).toBe(true);
    expect(await unanalyzedTables(db, ['members', 'eligibility_spans', 'claims', 'orders', 'users'])).toEqual(
      [],
    );
  }, 120_000);

  it('applying migrations analyzes the database', async () => {
    db = await createTestDatabase();
    const { rows } = await db.sql.query<{ name: string }>(
      `select relname as name from pg_class
        where relkind = 'r' and relnamespace = 'public'::regnamespace and reltuples < 0`,
    );
    expect(rows.map((r) => r.name)).toEqual([]);
  });
});

describe('JIT on application connections', () => {
  it('is off on every pooled connection, through Drizzle and raw SQL alike', async () => {
    const db = await createTestDatabase();
    try {
      // Several at once, so a pool opens several connections.
      const raw = await Promise.all(
        Array.from({ length: 4 }, () => db.sql.query<{ jit: string }>('show jit')),
      );
      expect(raw.map((r) => r.rows[0]?.jit)).toEqual(['off', 'off', 'off', 'off']);
      const viaDrizzle = await db.db.execute('show jit');
      expect((viaDrizzle as unknown as { rows: Array<{ jit: string }> }).rows[0]?.jit).toBe('off');
    } finally {
      await db.close();
    }
  });
});
