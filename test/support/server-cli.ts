import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'

const root = join(import.meta.dirname, '../..')

export interface CliServer {
  readonly child: ChildProcess
  /** The address it serves on, once it printed it (rejects if it exits first; `verify` never prints one). */
  readonly url: Promise<string>
  /** Its exit code (null when killed by a signal). */
  readonly exit: Promise<number | null>
}

/** `npm run server -- <args>` as its own process (`src/server/cli.ts` through tsx), for tests that kill or restart it. */
export function runServerCli(args: string[]): CliServer {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/server/cli.ts'), ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  const url = new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const m = /sync \(socket\.io\): (http:\/\/[^\s]+)\/sync/.exec(out)
      if (m?.[1]) resolve(m[1])
    })
    child.once('exit', () => reject(new Error(`server exited: ${out}`)))
  })
  url.catch(() => undefined) // only callers that await it care
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  return { child, url, exit }
}
