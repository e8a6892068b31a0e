// @ts-check
import { onPath } from './find.mjs'

/** @typedef {import('./system.mjs').System} System */

/**
 * How this machine can install packages. `as` says who may: root itself, sudo
 * without a password, or nobody (a person must run the command).
 *
 * @typedef {{ kind: 'apt', distro: 'debian' | 'ubuntu', as: 'root' | 'sudo' | 'nobody', hasSudo: boolean }
 *   | { kind: 'none' }} Installer
 */

/**
 * Debian and Ubuntu (apt-get) only; asks sudo with -n so it never waits for a password.
 * @param {System} system
 * @returns {Installer}
 */
export function findInstaller(system) {
  if (!system.exists('/etc/debian_version') || !onPath(system, 'apt-get')) return { kind: 'none' }
  const osRelease = system.read('/etc/os-release') ?? ''
  const distro = /^(ID|ID_LIKE)=.*ubuntu/m.test(osRelease) ? 'ubuntu' : 'debian'
  const hasSudo = onPath(system, 'sudo') !== null
  if (system.uid === 0) return { kind: 'apt', distro, as: 'root', hasSudo }
  const sudoWorks = hasSudo && system.run('sudo', ['-n', 'true']).ok
  return { kind: 'apt', distro, as: sudoWorks ? 'sudo' : 'nobody', hasSudo }
}
