import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/client';
import { fieldKeyFromConfig } from '../src/field-crypto';
import { seedDatabase } from '../src/seed/index';
import { createTestDatabase } from '../src/testing';
import { TEST_AS_OF, tableChecksums } from './seed-helpers';

describe('seed determinism', () => {
  const key = fieldKeyFromConfig();
  let first: DatabaseHandle;
  let second: DatabaseHandle;
  let other: DatabaseHandle;

  beforeAll(async () => {
    [first, second, other] = await Promise.all([createTestDatabase(), createTestDatabase(), createTestDatabase()]);
    await seedDatabase(first, { members: 40, seed: 7, asOf: TEST_AS_OF });
    await seedDatabase(second, { members: 40, seed: 7, asOf: TEST_AS_OF });
    await seedDatabase(other, { members: 40, seed: 8, asOf: TEST_AS_OF });
  });
  afterAll(async () => {
    await Promise.all([first?.close(), second?.close(), other?.close()]);
  });

  it('writes identical rows for the same seed and as-of date', async () => {
    const a = await tableChecksums(first, key);
    const b = await tableChecksums(second, key);
    expect(Object.keys(a)).toContain('claims');
    expect(b).toEqual(a);
  });

  it('writes different people and history for another seed, from the same reference data', async () => {
    const a = await tableChecksums(first, key);
    const c = await tableChecksums(other, key);
    expect(c.members).not.toEqual(a.members);
    expect(c.claims).not.toEqual(a.claims);
    // Row counts of the drug reference data do not depend on the seed.
    expect(c.drug_products?.split(':')[0]).toEqual(a.drug_products?.split(':')[0]);
  });
});
