import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// `npm run test:faults`: fault-injection tests (issue 17). They start real processes (the local cluster of
// deploy/cluster, or server processes), kill them, stop and restart them, and check what was stored, so they are not
// part of `npm test`. One file at a time: the cluster's ports are fixed and the machine has 2 cores. A file that needs
// PostgreSQL (TEST_DATABASE_URL) or the embedded database skips itself, saying why, on the other.
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['deploy/faults/**/*.faults.ts'],
    pool: 'forks',
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 15 * 60_000,
    hookTimeout: 10 * 60_000,
    teardownTimeout: 120_000,
    env: { NODE_ENV: 'test', LOG_LEVEL: 'silent' },
  },
});
