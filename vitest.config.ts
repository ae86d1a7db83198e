import { defineConfig } from 'vitest/config';

// `npm test`: unit + integration suites on embedded PGlite, or on PostgreSQL when TEST_DATABASE_URL is set.
// Browser journeys live in e2e/ with their own config (`npm run test:e2e`).
const ALL_SUITES = ['packages/*/{src,test}/**/*.test.ts', 'apps/*/{src,test}/**/*.test.ts'];
// On a PostgreSQL server only the suites that open the platform's database run again: the pure rules (domain),
// the D.0 codec, shared input rules, the web helpers and the vault (its own store) give the same answer on any
// engine, and CI's second pass would only repeat them.
const DATABASE_SUITES = ['packages/db/{src,test}/**/*.test.ts', 'apps/server/{src,test}/**/*.test.ts'];

export default defineConfig({
  test: {
    include: process.env.TEST_DATABASE_URL ? DATABASE_SUITES : ALL_SUITES,
    exclude: ['**/node_modules/**', 'e2e/**'],
    pool: 'forks',
    // Vitest's default is one file at a time on 2 cores (CPUs - 1). A file spends much of its time importing the
    // app or waiting on the database server, SMTP capture, a child process or argon2's thread, so two at a time
    // keep both cores busy: CI's PostgreSQL pass went from 604 s to 295 s.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { NODE_ENV: 'test', LOG_LEVEL: 'silent' },
  },
});
