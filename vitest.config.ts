import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const r = (p: string) => fileURLToPath(new URL(p, import.meta.url))

/**
 * The server integration suites that run a second time with the log on PostgreSQL (a throwaway
 * cluster per file: test/support/postgres.ts). The rest reach into the SQLite file itself
 * (tampering, cut tails, injected write failures) or test the workstation.
 */
const ON_POSTGRES = [
  'test/integration/server/commands.test.ts',
  'test/integration/server/exactly-once.test.ts',
  'test/integration/server/sync.test.ts',
  'test/integration/server/read-scope.test.ts',
  'test/integration/server/unit-scope.test.ts',
  'test/integration/server/citizen-scope.test.ts',
  'test/integration/server/open311.test.ts',
  'test/integration/server/open311-boundary.test.ts',
  'test/integration/server/people.test.ts',
  'test/integration/server/restart.test.ts',
  'test/integration/server/replay-read.test.ts',
  'test/integration/server/assessment-rule-sets.test.ts',
  'test/integration/server/authorization.test.ts',
  'test/integration/server/auth.test.ts',
  'test/integration/server/origin.test.ts',
  'test/integration/server/simulator.test.ts',
  // The admin and rulesets CLIs with --store: accounts and rule sets are the cluster's on PostgreSQL.
  'test/integration/server/admin-cli.test.ts',
  'test/integration/server/assessment-cli.test.ts',
]

export default defineConfig({
  resolve: { alias: { '@shared': r('./src/shared'), '@infra': r('./src/infra') } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'sqlite',
          include: ['test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx', 'test/integration/**/*.test.ts'],
          // Several nodes need a shared store: PostgreSQL only.
          exclude: ['test/integration/cluster/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: [...ON_POSTGRES, 'test/integration/cluster/**/*.test.ts'],
          env: { GRID_TEST_STORE: 'postgres' },
          setupFiles: ['test/support/pg-setup.ts'],
        },
      },
    ],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // expect.poll waits for the system to get somewhere; one second is too little on a loaded 2-core box.
    expect: { poll: { timeout: 20_000 } },
    // Integration tests start servers and child processes; two cores, so keep it modest.
    maxWorkers: 2,
  },
})
