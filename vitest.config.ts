import { defineConfig } from 'vitest/config';

const integration = ['src/**/*.int.test.{ts,tsx}', 'tests/integration/**/*.int.test.{ts,tsx}'];

/**
 * One suite, four projects: unit tests without a database; the integration tests twice, once on
 * the embedded PGlite and once on PostgreSQL; and the browser tests in Chromium.
 */
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    globalSetup: ['tests/support/global-setup.ts'],
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['src/**/*.test.{ts,tsx}', 'tests/unit/**/*.test.ts', 'bench/**/*.test.ts'], exclude: integration },
      },
      { extends: true, test: { name: 'pglite', include: integration, env: { TEST_DB: 'pglite' } } },
      { extends: true, test: { name: 'postgres', include: integration, env: { TEST_DB: 'postgres' } } },
      { extends: true, test: { name: 'browser', include: ['tests/e2e/**/*.e2e.test.ts'], env: { TEST_DB: 'pglite' } } },
    ],
  },
});
