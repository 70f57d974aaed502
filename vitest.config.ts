import { defineConfig } from 'vitest/config';

// Three projects so each kind of test can be run alone:
//   unit         pure logic and modules under plain Node (fake-indexeddb for RxDB)
//   integration  the real sync server as a child process over HTTP on 127.0.0.1
//   e2e          the real UI in Debian's Chromium against the real server
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['shared/**/*.test.ts', 'sync-server/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}', 'electron/**/*.test.ts', 'test/notifier/**/*.test.ts', 'scripts/**/*.test.ts', 'test/architecture/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          // STOCKROOM_TEST_BACKEND=postgres: one PostgreSQL cluster for the run, two server instances per tenant.
          globalSetup: ['test/support/pg-global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          // Builds dist/renderer once for every e2e file.
          globalSetup: ['test/e2e/support/global-setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
