import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle, SqlExecutor } from '../src/client';
import { fieldKeyFromConfig } from '../src/field-crypto';
import { seedDatabase } from '../src/seed/index';
import { runSeed } from '../src/seed/run';
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

  beforeAll(async () => {
    [first, second] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    await seedDatabase(first, { members: 40, seed: 7, asOf: TEST_AS_OF });
    await seedDatabase(second, { members: 40, seed: 7, asOf: TEST_AS_OF });
  });
  afterAll(async () => {
    await Promise.all([first?.close(), second?.close()]);
  });

  it('writes identical rows for the same seed and as-of date (encrypted values compared decrypted)', async () => {
    const a = await tableChecksums(first, key);
    const b = await tableChecksums(second, key);
    expect(Object.keys(a)).toEqual(expect.arrayContaining(['members', 'claims', 'accumulators', 'users']));
    expect(b).toEqual(a);
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
