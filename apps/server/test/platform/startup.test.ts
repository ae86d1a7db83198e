// The embedded deployment as `npm start` runs it: migrations on start, a real listening socket, and data that
// survives a restart of the server on the same data directory.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@openpbm/shared/config';
import { afterAll, describe, expect, it } from 'vitest';
import { startOpenPbm } from '../../src/startup';

const dataDir = mkdtempSync(join(tmpdir(), 'openpbm-data-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const config = () =>
  loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: '0', DATA_DIR: dataDir, SEED_DEMO: 'true' });

describe.skipIf(Boolean(process.env.TEST_DATABASE_URL))('embedded server start', () => {
  it('migrates, loads the demo data once, listens, and keeps data across a restart', {
    timeout: 180_000,
  }, async () => {
    const count = async (running: Awaited<ReturnType<typeof startOpenPbm>>, table: string) =>
      (await running.deps.db.sql.query<{ n: number }>(`select count(*)::int as n from ${table}`)).rows[0]?.n;

    const first = await startOpenPbm(config());
    let members: number | undefined;
    try {
      expect(first.seededDemo).toBe(true);
      const ready = await fetch(`${first.url}/ready`);
      expect(await ready.json()).toEqual({ status: 'ready', database: 'pglite' });
      members = await count(first, 'members');
      expect(members).toBeGreaterThan(100);
      await first.deps.db.sql.query(`insert into clients (id, code, name) values ($1, 'ACME', 'Acme Corp')`, [
        '018f0000-0000-7000-8000-000000000001',
      ]);
    } finally {
      await first.stop();
    }

    const second = await startOpenPbm(config());
    try {
      expect(second.seededDemo).toBe(false);
      expect(await count(second, 'members')).toBe(members);
      const { rows } = await second.deps.db.sql.query<{ name: string }>(
        `select name from clients where code = 'ACME'`,
      );
      expect(rows).toEqual([{ name: 'Acme Corp' }]);
      expect((await fetch(`${second.url}/health`)).status).toBe(200);
    } finally {
      await second.stop();
    }
  });
});
