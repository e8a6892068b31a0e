// @ts-check
import { describeFinding } from './find.mjs'

/**
 * What to do about the test prerequisites, decided from what was found and how
 * this machine installs packages. Pure: no file, process or network here.
 *
 * @typedef {import('./find.mjs').Finding} Finding
 * @typedef {import('./installer.mjs').Installer} Installer
 * @typedef {{ command: string, args: string[], env: Record<string, string> }} Command
 * @typedef {{ kind: 'ready' }
 *   | { kind: 'install', lines: string[], commands: Command[], manual: string }
 *   | { kind: 'blocked', message: string }} Plan
 */

/** @type {Record<Finding['need'], string>} */
const PURPOSE = {
  chromium: 'the end-to-end tests run in it',
  fonts: 'the Chinese UI needs them',
  postgres: 'the PostgreSQL store tests start their own cluster with them',
  poppler: 'the assessment export test reads the printed PDF with them',
}

/** What to ask for where there is no apt. */
/** @type {Record<Finding['need'], string>} */
const BY_HAND = {
  chromium: 'Chromium (or set CHROMIUM_PATH to a Chromium or Chrome binary)',
  fonts: 'the Noto Sans CJK fonts',
  postgres: 'PostgreSQL 15 or newer with its server binaries (initdb, pg_ctl)',
  poppler: 'the Poppler utilities (pdfinfo, pdftotext, pdftoppm)',
}

/**
 * The apt package that provides a need.
 * @param {Finding['need']} need
 * @param {'debian' | 'ubuntu'} distro
 */
export function aptPackage(need, distro) {
  if (need === 'chromium') return distro === 'ubuntu' ? 'chromium-browser' : 'chromium'
  if (need === 'poppler') return 'poppler-utils'
  return need === 'fonts' ? 'fonts-noto-cjk' : 'postgresql'
}

/**
 * The command a person runs: with sudo unless they are root, or have no sudo.
 * @param {string[]} packages
 * @param {{ as: 'root' | 'sudo' | 'nobody', hasSudo: boolean }} installer
 */
export function aptCommandLine(packages, installer) {
  const sudo = installer.as === 'root' || !installer.hasSudo ? '' : 'sudo '
  return `${sudo}apt-get update && ${sudo}apt-get install -y ${packages.join(' ')}`
}

/**
 * @param {Finding[]} findings
 * @param {Installer} installer
 * @returns {Plan}
 */
export function planTestDeps(findings, installer) {
  const missing = findings.filter((finding) => finding.path === null)
  if (missing.length === 0) return { kind: 'ready' }
  const fixable = missing.filter((finding) => finding.installable)
  // A wrong setting is the person's to fix: say so, and install nothing meanwhile.
  const settings = missing.filter((finding) => !finding.installable).map((finding) => `${finding.note}.`)
  const heading = `npm test needs ${fixable.map(describeFinding).join(', ')}, missing on this machine.`
  /** @param {string[]} lines @returns {Plan} */
  const blocked = (lines) => ({ kind: 'blocked', message: [...settings, ...lines].join('\n') })

  if (installer.kind === 'none') {
    if (fixable.length === 0) return blocked(['Then run npm test again.'])
    const wanted = fixable.map((finding) => BY_HAND[finding.need]).join('; ')
    return blocked([`${heading} Install`, `  ${wanted}`, 'with your package manager, then run npm test again.'])
  }

  const packages = fixable.map((finding) => aptPackage(finding.need, installer.distro))
  const manual = aptCommandLine(packages, installer)
  if (settings.length > 0 || installer.as === 'nobody') {
    if (fixable.length === 0) return blocked(['Then run npm test again.'])
    const who = installer.as !== 'root' && !installer.hasSudo ? ' as root' : ''
    return blocked([`${heading} Run${who}:`, `  ${manual}`, 'then npm test again.'])
  }

  /** @param {string[]} args @returns {Command} */
  const aptGet = (args) =>
    installer.as === 'root'
      ? { command: 'apt-get', args, env: { DEBIAN_FRONTEND: 'noninteractive' } }
      : // sudo resets the environment; env carries the setting through it.
        { command: 'sudo', args: ['-n', 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', ...args], env: {} }
  const how = installer.as === 'root' ? 'apt-get' : 'sudo apt-get'
  return {
    kind: 'install',
    lines: fixable.map(
      (finding, i) => `${finding.label} missing (${PURPOSE[finding.need]}): installing ${packages[i]} with ${how}.`,
    ),
    commands: [aptGet(['update', '-qq']), aptGet(['install', '-y', '-qq', ...packages])],
    manual,
  }
}
