import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/client';
import { isValidNpi } from '../src/reference/identifiers';
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
    expect(await count('users')).toBe(12);
  });

  it('gives the demo member a recent rejected claim (refill too soon), so the claims page shows a reason', async () => {
    const { rows } = await db.sql.query<{ codes: string[]; dos: string }>(
      `select c.reject_codes as codes, to_char(c.date_of_service, 'YYYY-MM-DD') as dos
       from users u join claims c on c.member_id = u.member_id
       where u.username = 'demo.member' and c.transaction_code = 'B1' and c.status = 'rejected'`,
    );
    expect(rows).toEqual([{ codes: ['79'], dos: expect.stringMatching(/^2026-0[23]-/) }]);
  });

  it('records the demo prescriber’s NPI as verified, so the prescriber portal works at once', async () => {
    const { rows } = await db.sql.query<{
      npi: string;
      verified_npi: string;
      method: string;
      revoked: boolean;
    }>(
      `select p.npi, v.npi as verified_npi, v.method, v.revoked_at is not null as revoked
       from users u
       join prescribers p on p.id = u.prescriber_id
       join prescriber_npi_verifications v on v.prescriber_id = p.id
       where u.username = 'demo.prescriber'`,
    );
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row).toMatchObject({ method: 'registry_match', revoked: false });
    // The verification covers the prescriber's current NPI, and that NPI passes its check digit.
    expect(row?.verified_npi).toBe(row?.npi);
    expect(isValidNpi(row?.npi ?? '')).toBe(true);
    expect(await count('prescriber_npi_verifications')).toBe(1);
  });

  it('refuses to seed a database that already has data, leaving it untouched', async () => {
    const members = await count('members');
    await expect(seedDatabase(db, { members: 10, asOf: TEST_AS_OF })).rejects.toThrow(/already has data/);
    expect(await count('members')).toBe(members);
  });
});
