import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

const integration = ['src/**/*.int.test.{ts,tsx}', 'tests/integration/**/*.int.test.{ts,tsx}'];

/**
 * One suite, four projects: unit tests without a database; the integration tests twice, once on
 * the embedded PGlite and once on PostgreSQL; and the browser tests in Chromium.
 */
export default defineConfig({
  test: {
    // A timeout catches a hang, not slowness: several integration tests run real processes and
    // thousands of requests (8–30 s on this 2-core machine, depending on its load), and CI runs on
    // slower machines too.
    testTimeout: 120_000,
    // Files run in parallel, one per core: a serial run keeps about one core busy (the rest is
    // waiting on PostgreSQL, PGlite or Chromium). At least two, so a two-core machine overlaps
    // one file's waiting with another's work; at most eight, which keeps PostgreSQL's
    // connections (a file holds up to about ten) and memory (PGlite, Chromium) within bounds.
    // Parallel files share nothing: each has its own PGlite copy or PostgreSQL schema, and
    // reading the schema looks at the file's own schema only (src/core/db/introspector.ts).
    maxWorkers: Math.max(2, Math.min(availableParallelism(), 8)),
    hookTimeout: 120_000,
    globalSetup: ['tests/support/global-setup.ts'],
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['src/**/*.test.{ts,tsx}', 'tests/unit/**/*.test.ts', 'bench/**/*.test.ts'], exclude: integration },
      },
      { extends: true, test: { name: 'pglite', include: integration, env: { TEST_DB: 'pglite' } } },
      { extends: true, test: { name: 'postgres', include: integration, env: { TEST_DB: 'postgres' } } },
      // A browser test walks many pages; its time grows with the machine's load, never its result.
      {
        extends: true,
        test: { name: 'browser', include: ['tests/e2e/**/*.e2e.test.ts'], env: { TEST_DB: 'pglite' }, testTimeout: 180_000 },
      },
    ],
  },
});
