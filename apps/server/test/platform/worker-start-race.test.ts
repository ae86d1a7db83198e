// Two app nodes starting at the same moment on a new PostgreSQL database both install pg-boss's schema. Behind its
// advisory lock, `CREATE SCHEMA IF NOT EXISTS` can still fail on the second node with a duplicate key (CI saw a
// node exit on it), so the worker starts pg-boss again with a new instance (apps/worker/src/index.ts). Each round
// here is a new database and two workers started at once, each on its own connection pool, as two processes.
// Without the retry, 20 rounds failed on the duplicate key here (5 rounds did not always show it).
// PostgreSQL only: embedded PGlite is one process by construction.
import { type DatabaseHandle, openMigratedDatabase } from '@openpbm/db';
import { createScratchDatabase } from '@openpbm/db/scratch-database';
import { loadConfig } from '@openpbm/shared/config';
import { startWorker, type Worker } from '@openpbm/worker';
import { eligibilityExpiry } from '@openpbm/worker/jobs/eligibility-expiry';
import { describe, expect, it } from 'vitest';

const serverUrl = process.env.TEST_DATABASE_URL;
const ROUNDS = 20;
const silent = { info() {}, warn() {}, error() {} };

describe.skipIf(!serverUrl)('two workers starting at once on a new database', () => {
  it(`both start, ${ROUNDS} rounds of a new database each`, { timeout: 180_000 }, async () => {
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
    for (let round = 0; round < ROUNDS; round++) {
      const scratch = await createScratchDatabase(serverUrl as string, 'openpbm_wstart');
      const handles: DatabaseHandle[] = [];
      const workers: Worker[] = [];
      try {
        handles.push(await openMigratedDatabase({ url: scratch.url, poolSize: 2 }));
        handles.push(await openMigratedDatabase({ url: scratch.url, poolSize: 2 }));
        const started = await Promise.allSettled(
          handles.map((db) => startWorker({ db, config, log: silent, jobs: [eligibilityExpiry] })),
        );
        for (const s of started) if (s.status === 'fulfilled') workers.push(s.value);
        expect(started.map((s) => (s.status === 'rejected' ? String(s.reason) : 'started'))).toEqual([
          'started',
          'started',
        ]);
      } finally {
        await Promise.all(workers.map((w) => w.stop()));
        await Promise.all(handles.map((h) => h.close()));
        await scratch.drop();
      }
    }
  });
});
