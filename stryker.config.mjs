// @ts-check
// MUTATE_REPORT_DIR: where this run's report and incremental file go, so two runs (say two folders)
// can go side by side; scripts/mutate.mjs reads the report from the same place.
const reports = process.env.MUTATE_REPORT_DIR ?? 'reports/mutation'

/**
 * Mutation testing (`npm run mutate`): StrykerJS plants small bugs ("mutants") in the code that
 * keeps the product's promises, and reruns the tests that cover each one; a mutant the tests do not
 * notice (survived) is a promise nothing guards. Not part of `npm test` (it takes hours on a small
 * machine); the score per folder is in README.md and bench/results/mutation-score.md.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutate.config.ts', related: true },
  // Each mutant runs only the tests that reached it (Stryker's per-test coverage).
  coverageAnalysis: 'perTest',
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.main.json',
  mutate: [
    'src/shared/domain/**/*.ts',
    'src/server/log/**/*.ts',
    'src/server/commands/**/*.ts',
    'src/main/core/sync/**/*.ts',
    'src/server/http/open311-format.ts',
  ],
  // Module-level tables (the lifecycle, the schemas, the category list) are "static" mutants: each
  // would need the whole suite rerun in a fresh process. They are left out of the score.
  ignoreStatic: true,
  // The machine is shared (two cores): one test runner, and time for a loaded box before a mutant
  // counts as an endless loop.
  concurrency: 1,
  timeoutMS: 20_000,
  dryRunTimeoutMinutes: 30,
  incremental: true,
  incrementalFile: `${reports}/stryker-incremental.json`,
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: `${reports}/mutation.json` },
  tempDirName: '.stryker-tmp',
}
