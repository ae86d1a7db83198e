import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Fault tests (`npm run test:faults`): real server processes killed, stopped and restarted, so they are not part
// of `npm test`. One file at a time: each starts its own processes, and the machine has 2 cores. A file that
// needs PostgreSQL (TEST_DATABASE_URL) or the embedded database skips itself, saying why, on the other.
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['deploy/faults/**/*.faults.ts'],
    pool: 'forks',
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 300_000,
    hookTimeout: 300_000,
    teardownTimeout: 60_000,
    env: { NODE_ENV: 'test' },
  },
});
