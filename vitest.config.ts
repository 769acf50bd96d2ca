import { defineConfig } from 'vitest/config';

// One run for every workspace: unit tests beside the code, cross-component tests in server/test.
// The `source` export condition makes workspace packages resolve to their TypeScript sources, so tests
// never depend on a stale build.
export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'], externalConditions: ['source'] } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'all',
          include: ['build/test/**/*.test.mjs', 'shared/src/**/*.test.ts', 'shared/test/**/*.test.ts', 'server/src/**/*.test.ts', 'server/test/**/*.test.ts', 'electron/src/**/*.test.ts', 'renderer/src/**/*.test.ts'],
        },
      },
      {
        // The API tests once more, each server on PostgreSQL (startApiFixture reads the variable).
        extends: true,
        test: { name: 'api-postgres', include: ['server/test/api/**/*.test.ts'], env: { TASKOMATIC_TEST_STORE: 'postgres' } },
      },
    ],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // The store tests run against PostgreSQL too: this starts the test server when none answers (DEVELOPERS.md).
    globalSetup: ['server/test/support/postgres-global-setup.ts'],
    setupFiles: ['server/test/support/after-file-setup.ts'],
  },
});
