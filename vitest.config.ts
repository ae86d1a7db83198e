import { defineConfig } from 'vitest/config';

// `npm test`: unit + integration suites on embedded PGlite, or on PostgreSQL when TEST_DATABASE_URL is set.
// Browser journeys live in e2e/ with their own config (`npm run test:e2e`).
export default defineConfig({
  test: {
    include: ['packages/*/{src,test}/**/*.test.ts', 'apps/*/{src,test}/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'e2e/**'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { NODE_ENV: 'test', LOG_LEVEL: 'silent' },
  },
});
