import { defineConfig, mergeConfig } from 'vitest/config'
import { BaseSequencer, type TestSpecification } from 'vitest/node'
import base from './vitest.config'

/**
 * Unit tests before integration tests: Stryker stops a mutant's run at the first failing test, and
 * a unit test that kills it takes milliseconds where a test with a server takes seconds.
 */
class UnitFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification) => (f.moduleId.includes('/test/unit/') ? 0 : 1)
    return [...files].sort((a, b) => rank(a) - rank(b) || a.moduleId.localeCompare(b.moduleId))
  }
}

/**
 * The tests the mutation run (`npm run mutate`, stryker.config.mjs) reruns for each mutant: the
 * whole suite but the cases that take minutes or run the code in another process (there the
 * mutant is not active, so they could only ever report "survived" slowly).
 */
const config = mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: [
        // 100,000 events: minutes per run.
        'test/integration/sync/catch-up-volume.test.ts',
        // A workstation core or the server CLI in a child process (SIGKILL tests).
        'test/integration/sync/crash.test.ts',
        'test/integration/server/restart.test.ts',
        // Damaged database files rebuilt from a server with 8,000 events: half a minute, store recovery only.
        'test/integration/sync/recovery.test.ts',
      ],
      sequence: { sequencer: UnitFirst },
    },
  }),
)

/**
 * `MUTATE_TESTS=test/unit npm run mutate -- --mutate …`: only the tests under those folders (comma-
 * separated) judge the mutants. Quicker, and a lower bound: a mutant only a left-out test would
 * catch counts as survived. The summary records which tests each run used.
 */
const only = (process.env.MUTATE_TESTS ?? '')
  .split(',')
  .map((d) => d.trim().replace(/\/$/, ''))
  .filter(Boolean)
if (only.length > 0) config.test!.include = only.flatMap((d) => [`${d}/**/*.test.ts`, `${d}/**/*.test.tsx`])

export default config
