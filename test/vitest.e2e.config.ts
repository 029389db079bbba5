import { defineConfig } from 'vitest/config';

/**
 * The dashboard in Chromium (Debian's, driven by playwright-core) against the real server serving
 * the built client, on a seeded SQLite floor. One file at a time: each drives a browser.
 */
export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts'],
    globalSetup: ['e2e/utils/global-setup.ts'],
    env: { TEST_DB: 'sqlite' },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
    server: { deps: { external: [/server\/dist\//] } },
  },
});
