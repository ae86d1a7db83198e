import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Browser journeys: the real server (child process) + Debian's Chromium. `npm run test:e2e` builds the web app first.
// Two files at a time: each file starts its own server, scratch database and browser, and a journey spends much of
// its time waiting on them, so a second file uses the core the first leaves idle (2 cores here and in CI).
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['e2e/**/*.e2e.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    teardownTimeout: 30_000,
  },
});
