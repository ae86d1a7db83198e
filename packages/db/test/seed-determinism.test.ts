import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle, SqlExecutor } from '../src/client';
import { fieldKeyFromConfig } from '../src/field-crypto';
import { seedDatabase } from '../src/seed/index';
import { runSeed } from '../src/seed/run';
import { withSeedTransaction } from '../src/seed/transaction';
import { createTestDatabase } from '../src/testing';
import { TEST_AS_OF, tableChecksums } from './seed-helpers';

/** Runs the generator against an executor that records every inserted value per column (no database). */
async function generatedColumns(seed: number): Promise<Map<string, unknown[]>> {
  const columns = new Map<string, unknown[]>();
  const recorder: SqlExecutor = {
    query: async (text, params) => {
      const insert = /^insert into "(\w+)" \(([^)]*)\)/.exec(text);
      if (insert && params) {
        const names = (insert[2] ?? '').split(', ').map((n) => n.replaceAll('"', ''));
        names.forEach((name, i) => {
          const key = `${insert[1]}.${name}`;
          columns.set(key, [...(columns.get(key) ?? []), ...(params[i] as unknown[])]);
        });
      }
      return { rows: [] };
    },
  };
  await runSeed(recorder, { members: 40, seed, asOf: TEST_AS_OF }, { queueWrites: false });
  return columns;
}

describe('seed determinism', () => {
  const key = fieldKeyFromConfig();
  let first: DatabaseHandle;
  let second: DatabaseHandle;
  let inserted: DatabaseHandle;

  beforeAll(async () => {
    [first, second, inserted] = await Promise.all([
      createTestDatabase(),
      createTestDatabase(),
      createTestDatabase(),
    ]);
    await seedDatabase(first, { members: 40, seed: 7, asOf: TEST_AS_OF });
    // The second one drops its member tables' secondary indexes and builds them after the rows.
    await seedDatabase(second, { members: 40, seed: 7, asOf: TEST_AS_OF, deferIndexes: true });
    // The same seed through multi-row INSERTs only: a connection without copyIn.
    await withSeedTransaction(inserted, (conn) =>
      runSeed(
        { query: (text, params) => conn.query(text, params) },
        { members: 40, seed: 7, asOf: TEST_AS_OF },
        { queueWrites: false },
      ),
    );
  });
  afterAll(async () => {
    await Promise.all([first?.close(), second?.close(), inserted?.close()]);
  });

  it('writes with COPY exactly the rows the multi-row INSERTs write', async () => {
    const copied = await tableChecksums(first, key);
    expect(Object.keys(copied)).toEqual(expect.arrayContaining(['members', 'claims', 'orders']));
    expect(await tableChecksums(inserted, key)).toEqual(copied);
  });

  it('writes identical rows for the same seed and as-of date (encrypted values compared decrypted)', async () => {
    const a = await tableChecksums(first, key);
    const b = await tableChecksums(second, key);
    expect(Object.keys(a)).toEqual(expect.arrayContaining(['members', 'claims', 'accumulators', 'users']));
    expect(b).toEqual(a);
  });

  it('builds again every index it deferred, with the same definitions', async () => {
    const indexes = (h: DatabaseHandle) =>
      h.sql
        .query<{ def: string }>(
          `select indexdef as def from pg_indexes where schemaname = 'public' order by indexname`,
        )
        .then((r) => r.rows.map((x) => x.def));
    const built = await indexes(second);
    expect(built.filter((d) => d.includes(' ON public.claims ')).length).toBeGreaterThanOrEqual(10);
    expect(built).toEqual(await indexes(first));
  });

  it('draws different people and history from another seed', async () => {
    const seven = await generatedColumns(7);
    const eight = await generatedColumns(8);
    expect(eight.get('members.first_name')).not.toEqual(seven.get('members.first_name'));
    expect(eight.get('claims.date_of_service')).not.toEqual(seven.get('claims.date_of_service'));
    // The drug reference data is the same whatever the seed.
    expect(eight.get('drug_products.ndc')).toEqual(seven.get('drug_products.ndc'));
  });
});
