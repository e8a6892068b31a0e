import { fork, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** Shared by the sync benchmarks (exports no `run`, so bench/run.ts skips it). */
export const ROOT = fileURLToPath(new URL('../', import.meta.url))
export const MIGRATIONS = path.join(ROOT, 'drizzle')

export async function withTempDir<T>(work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), 'gc-bench-'))
  try {
    return await work(dir)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

export const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits

type ServerMessage =
  | { type: 'ready'; url: string; username: string; password: string; enrolCode: string }
  | { type: 'seeded'; head: number }
  | { type: 'committed'; items: [string, number][] }
  | { type: 'traffic-done'; head: number }

/** The real central server in a child process (test/integration/sync/fixtures/server-child.ts). */
export class ServerProcess {
  url = ''
  /** An operator account on this server and a one-time enrolment code (for a browser host that signs in). */
  signIn = { username: '', password: '', enrolCode: '' }
  private readonly listeners = new Set<(m: ServerMessage) => void>()
  private constructor(private readonly child: ChildProcess) {
    child.on('message', (m) => {
      for (const l of this.listeners) l(m as ServerMessage)
    })
  }

  static async start(dataDir: string): Promise<ServerProcess> {
    const script = path.join(ROOT, 'test/integration/sync/fixtures/server-child.ts')
    const child = fork(script, [dataDir], {
      cwd: ROOT,
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    const p = new ServerProcess(child)
    const ready = await p.next('ready')
    p.url = ready.url
    p.signIn = { username: ready.username, password: ready.password, enrolCode: ready.enrolCode }
    return p
  }

  on(listener: (m: ServerMessage) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  next<T extends ServerMessage['type']>(type: T): Promise<Extract<ServerMessage, { type: T }>> {
    return new Promise((resolve) => {
      const off = this.on((m) => {
        if (m.type === type) {
          off()
          resolve(m as Extract<ServerMessage, { type: T }>)
        }
      })
    })
  }

  async seed(reports: number, steps: number): Promise<number> {
    const done = this.next('seeded')
    this.child.send({ op: 'seed', reports, steps })
    return (await done).head
  }

  async traffic(rate: number, seconds: number): Promise<number> {
    const done = this.next('traffic-done')
    this.child.send({ op: 'traffic', rate, seconds })
    return (await done).head
  }

  async close(): Promise<void> {
    const exited = new Promise((r) => this.child.on('exit', r))
    this.child.send({ op: 'close' })
    await exited
  }
}

export async function until(check: () => boolean, intervalMs = 5): Promise<void> {
  while (!check()) await new Promise((r) => setTimeout(r, intervalMs))
}
