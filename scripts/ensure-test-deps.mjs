// @ts-check
import { ensureTestDeps } from './test-deps/ensure.mjs'
import { hostSystem } from './test-deps/system.mjs'

/**
 * The first stage of `npm test`: Chromium, the CJK fonts and PostgreSQL's server
 * binaries, installed with apt-get where this machine may (root, or sudo without
 * a password), or one message saying what to run, before any test starts.
 * Plain JavaScript so it runs in a tenth of a second before anything is built;
 * typed by JSDoc and checked by `tsc -p tsconfig.tooling.json` (allowJs + @ts-check).
 */
const result = ensureTestDeps(hostSystem(), (line) => console.log(line))
if (!result.ok) {
  console.error(result.message)
  process.exit(1)
}
