import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { findPostgresBin } from '../../scripts/test-deps/find.mjs'
import { hostSystem } from '../../scripts/test-deps/system.mjs'

/**
 * A throwaway PostgreSQL cluster for one test file: initdb + pg_ctl in a temporary folder
 * (as the `postgres` user when the tests run as root: PostgreSQL refuses root), listening on a
 * loopback port with trust authentication, fsync off; `stop` removes every trace. Each test
 * takes a fresh database from it with `database()`.
 */
export interface TestCluster {
  /** A new, empty database's URL. */
  database(): Promise<string>
  readonly port: number
  stop(): Promise<void>
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const address = s.address()
      s.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

function binFolder(): string {
  const found = findPostgresBin(hostSystem()).path
  if (!found)
    throw new Error('PostgreSQL server binaries (initdb, pg_ctl) not found: run `npm test` once (it installs them)')
  return found
}

export async function startCluster(): Promise<TestCluster> {
  const bin = binFolder()
  const asRoot = userInfo().uid === 0
  const dir = mkdtempSync(join(tmpdir(), 'gc-pg-'))
  if (asRoot) execFileSync('chown', ['postgres:postgres', dir])
  const run = (tool: string, args: string[]): void => {
    const cmd = join(bin, tool)
    if (asRoot) execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { stdio: 'pipe' })
    else execFileSync(cmd, args, { stdio: 'pipe' })
  }
  const data = join(dir, 'data')
  const port = await freePort()
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync', '-N'])
  run('pg_ctl', [
    '-D',
    data,
    '-l',
    join(dir, 'log'),
    '-w',
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`,
    'start',
  ])
  let n = 0
  const admin = `postgres://postgres@127.0.0.1:${port}/postgres`
  return {
    port,
    database: async () => {
      const name = `t${process.pid}_${++n}`
      const c = new pg.Client({ connectionString: admin })
      await c.connect()
      try {
        await c.query(`CREATE DATABASE ${name}`)
      } finally {
        await c.end()
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`
    },
    stop: async () => {
      try {
        if (existsSync(data)) run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop'])
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    },
  }
}
