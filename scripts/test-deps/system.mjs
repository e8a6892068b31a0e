// @ts-check
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'

/**
 * What the prerequisite finder may ask of the machine. The real one is below;
 * unit tests pass a fake, so no test looks at this machine or calls apt.
 *
 * @typedef {object} System
 * @property {Readonly<Record<string, string | undefined>>} env
 * @property {number | null} uid null where there are no user ids (Windows)
 * @property {(file: string) => boolean} exists
 * @property {(dir: string) => string[]} list names in a folder; [] when it is missing
 * @property {(file: string) => string | null} read a small text file; null when missing
 * @property {(command: string, args: string[], env?: Record<string, string>) => RunResult} run
 *   runs to the end with output captured; never throws
 */

/**
 * @typedef {object} RunResult
 * @property {boolean} ok started and exited with status 0
 * @property {string} output stdout, then stderr
 */

/** @returns {System} this machine */
export function hostSystem() {
  return {
    env: process.env,
    uid: typeof process.getuid === 'function' ? process.getuid() : null,
    exists: (file) => existsSync(file),
    list: (dir) => {
      try {
        return readdirSync(dir)
      } catch {
        return []
      }
    },
    read: (file) => {
      try {
        return readFileSync(file, 'utf8')
      } catch {
        return null
      }
    },
    run: (command, args, env) => {
      const result = spawnSync(command, args, {
        encoding: 'utf8',
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
        // apt's progress through a whole install is long; keep all of it for the error message.
        maxBuffer: 64 * 1024 * 1024,
      })
      return { ok: result.status === 0, output: `${result.stdout ?? ''}${result.stderr ?? ''}` }
    },
  }
}
