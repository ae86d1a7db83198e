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
  loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: '0', DATA_DIR: dataDir, SEED_DEMO: 'false' });

describe.skipIf(Boolean(process.env.TEST_DATABASE_URL))('embedded server start', () => {
  it('migrates, listens, and keeps data across a restart', async () => {
    const first = await startOpenPbm(config());
    try {
      const ready = await fetch(`${first.url}/ready`);
      expect(await ready.json()).toEqual({ status: 'ready', database: 'pglite' });
      await first.deps.db.sql.query(`insert into clients (id, code, name) values ($1, 'ACME', 'Acme Corp')`, [
        '018f0000-0000-7000-8000-000000000001',
      ]);
    } finally {
      await first.stop();
    }

    const second = await startOpenPbm(config());
    try {
      const { rows } = await second.deps.db.sql.query<{ name: string }>('select name from clients');
      expect(rows).toEqual([{ name: 'Acme Corp' }]);
      expect((await fetch(`${second.url}/health`)).status).toBe(200);
    } finally {
      await second.stop();
    }
  });
});
