import { defineConfig } from 'vitest/config';

/**
 * Black-box API suites against a started server. TEST_DB picks the database (sqlite, or postgresql
 * with TEST_DATABASE_URL); the same suite runs on each. The server is the built package (dist), so
 * decorator metadata comes from tsc exactly as in production.
 */
export default defineConfig({
  test: {
    include: ['api/**/*.test.ts'],
    globalSetup: ['utils/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
    // Load the server as Node loads it in production: one graphql instance, shared with Apollo.
    server: { deps: { external: [/server\/dist\//] } },
  },
});
