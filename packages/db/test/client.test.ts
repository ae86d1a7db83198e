import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openMigratedDatabase } from '../src/client';
import { createTestDatabase } from '../src/testing';

describe('database factory', () => {
  it('migrates a fresh test database and answers queries', async () => {
    const handle = await createTestDatabase();
    try {
      const { rows } = await handle.sql.query('select count(*)::int as n from audit_events');
      expect(rows).toEqual([{ n: 0 }]);
      expect(handle.kind).toBe(process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite');
    } finally {
      await handle.close();
    }
  });

  describe('embedded data directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'openpbm-db-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('keeps data across a restart and re-running migrations is a no-op', async () => {
      const first = await openMigratedDatabase({ dataDir: dir });
      await first.sql.query(
        `insert into audit_events (id, action, resource_type, prev_hash, hash) values ($1, 'test', 'x', '', 'h')`,
        ['018f0000-0000-7000-8000-000000000001'],
      );
      await first.close();

      const second = await openMigratedDatabase({ dataDir: dir });
      const { rows } = await second.sql.query<{ action: string }>('select action from audit_events');
      expect(rows).toEqual([{ action: 'test' }]);
      await second.close();
    });
  });
});
