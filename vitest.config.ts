import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Three suites, as in neo4j-javascript-driver: unit (pure, no database), integration (real Neo4j started by
// test/global-setup.ts) and e2e (real headless Chromium against the real server).
// As in vite.config.ts: client modules import the shared contracts as @contracts/… (each project needs it).
const resolve = { alias: { '@contracts': fileURLToPath(new URL('./contracts', import.meta.url)) } };

export default defineConfig({
  test: {
    reporters: ['default', './test/support/summary-reporter.ts'],
    projects: [
      {
        resolve,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          sequence: { groupOrder: 0 },
          // Some unit tests run detection on generated graphs: seconds alone, minutes on a loaded machine. The
          // timeouts only catch a hung test.
          testTimeout: 300_000,
          hookTimeout: 300_000,
        },
      },
      {
        resolve,
        test: {
          name: 'integration',
          // The integration and e2e suites share the test database: run them one after the other.
          sequence: { groupOrder: 1 },
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/global-setup.ts'],
          setupFiles: ['test/setup-cypher.ts'],
          // Guards against a hung test, not a speed requirement: generous, so a heavily loaded machine passes too (a
          // 20k-account generate + load + detect set-up took > 5 min at load average 45 on 2 cores).
          testTimeout: 900_000,
          hookTimeout: 1_200_000,
          fileParallelism: false,
        },
      },
      {
        resolve,
        test: {
          name: 'e2e',
          sequence: { groupOrder: 2 },
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/global-setup.ts'],
          setupFiles: ['test/setup-cypher.ts'],
          testTimeout: 900_000,
          hookTimeout: 1_200_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
