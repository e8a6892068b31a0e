// @ts-check
import { describeFinding, findTestDeps } from './find.mjs'
import { findInstaller } from './installer.mjs'
import { planTestDeps } from './plan.mjs'

/** @typedef {import('./system.mjs').System} System */

/** apt's last lines are where it says what went wrong. */
const TAIL_LINES = 15

/**
 * Finds what the tests need from the operating system and installs what is
 * missing where this machine can; otherwise one message naming the command.
 * Silent when everything is there.
 * @param {System} system
 * @param {(line: string) => void} say
 * @returns {{ ok: true } | { ok: false, message: string }}
 */
export function ensureTestDeps(system, say) {
  const findings = findTestDeps(system)
  if (findings.every((finding) => finding.path !== null)) return { ok: true }

  const plan = planTestDeps(findings, findInstaller(system))
  if (plan.kind === 'ready') return { ok: true }
  if (plan.kind === 'blocked') return { ok: false, message: plan.message }

  for (const line of plan.lines) say(line)
  for (const { command, args, env } of plan.commands) {
    const result = system.run(command, args, env)
    if (!result.ok) {
      const tail = result.output.trimEnd().split('\n').slice(-TAIL_LINES).join('\n')
      return {
        ok: false,
        message: `${[command, ...args].join(' ')} failed:\n${tail}\nRun:\n  ${plan.manual}\nthen npm test again.`,
      }
    }
  }

  const still = findTestDeps(system).filter((finding) => finding.path === null)
  if (still.length === 0) return { ok: true }
  return {
    ok: false,
    message: `apt-get installed the packages, but npm test still needs ${still.map(describeFinding).join(', ')}. Install that by hand, then run npm test again.`,
  }
}
