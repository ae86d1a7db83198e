import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/client';
import { seedDatabase, seedDemoIfEmpty } from '../src/seed/index';
import { createTestDatabase } from '../src/testing';
import { TEST_AS_OF } from './seed-helpers';

describe('seedDemoIfEmpty', () => {
  let db: DatabaseHandle;
  const count = async (table: string) =>
    (await db.sql.query<{ n: number }>(`select count(*)::int as n from ${table}`)).rows[0]?.n;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('seeds an empty database once and is a no-op on every later start', async () => {
    expect(await seedDemoIfEmpty(db, { members: 30, asOf: TEST_AS_OF })).toBe(true);
    const members = await count('members');
    const claims = await count('claims');
    expect(members).toBe(30);
    expect(await seedDemoIfEmpty(db, { members: 30, asOf: TEST_AS_OF })).toBe(false);
    expect(await count('members')).toBe(members);
    expect(await count('claims')).toBe(claims);
    expect(await count('users')).toBe(11);
  });

  it('refuses to seed a database that already has data, leaving it untouched', async () => {
    const members = await count('members');
    await expect(seedDatabase(db, { members: 10, asOf: TEST_AS_OF })).rejects.toThrow(/already has data/);
    expect(await count('members')).toBe(members);
  });
});
