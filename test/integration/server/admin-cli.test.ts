import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AuthAdmin } from '../../../src/server/auth/admin'
import { openSideStores, storeArgs } from '../../support/side-stores'
import { tempDir } from './helpers'

const root = join(import.meta.dirname, '../../..')

/** The admin CLI as an administrator runs it: `npm run server -- …`, a password on stdin when asked. */
function cli(args: string[], stdin = ''): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/server/cli.ts'), ...args], {
      cwd: root,
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    let out = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.stderr.on('data', (d: Buffer) => (out += d.toString()))
    child.stdin.end(stdin)
    child.once('exit', (code) => resolve({ code, out }))
  })
}

describe('the admin CLI', { timeout: 180_000 }, () => {
  const tmp = tempDir()
  afterAll(() => tmp.remove())
  let dir: string[] = []
  beforeAll(async () => {
    dir = await storeArgs(tmp.dir)
  })

  it('adds, lists and changes accounts with the password from stdin, never from a flag', async () => {
    const add = await cli(
      ['users', 'add', 'op-xl-01', '--name', '小榄值班员', '--role', 'operator', '--towns', 'xiaolan', ...dir],
      'a good long password\n',
    )
    expect(add).toMatchObject({ code: 0, out: expect.stringContaining('added op-xl-01 (operator)') })
    const flag = await cli(['users', 'add', 'op-xl-02', '--role', 'operator', '--password', 'visible-to-all', ...dir])
    expect(flag.code).toBe(1)
    expect(flag.out).toMatch(/never given on the command line/)
    const short = await cli(['users', 'add', 'op-xl-03', '--role', 'operator', ...dir], 'short\n')
    expect(short.out).toMatch(/at least 10 characters/)
    const dept = await cli(['users', 'add', 'fire-desk', '--role', 'department', ...dir], 'a good long password\n')
    expect(dept.out).toMatch(/--unit department/)
    expect(
      (await cli(['users', 'set-role', 'op-xl-01', 'supervisor', '--towns', 'xiaolan,henglan', ...dir])).out,
    ).toMatch(/op-xl-01 is now supervisor \(xiaolan,henglan\)/)
    const list = await cli(['users', 'list', ...dir])
    expect(list.out).toMatch(/op-xl-01\s+supervisor\s+xiaolan,henglan/)
    expect(list.out).not.toContain('a good long password')
    const audit = await cli(['audit', ...dir])
    expect(audit.out).toMatch(/account_added[\s\S]*role_changed/)
    expect(audit.out).not.toContain('a good long password')
  })

  it('issues one-time enrolment codes and revokes workstations', async () => {
    const enrol = await cli(['workstations', 'enrol', '--name', '值班台 3', ...dir])
    expect(enrol.code).toBe(0)
    const id = /workstation (ws-[0-9a-f]{8})/.exec(enrol.out)?.[1]
    expect(enrol.out).toMatch(/one-time enrolment code: [2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}/)
    const stores = await openSideStores(tmp.dir)
    try {
      const stations = await new AuthAdmin(stores.auth).listWorkstations()
      expect(stations).toEqual([expect.objectContaining({ id, name: '值班台 3', state: 'awaiting_enrolment' })])
    } finally {
      await stores.close()
    }
    expect((await cli(['workstations', 'revoke', id ?? '', ...dir])).out).toMatch(/revoked/)
    expect((await cli(['workstations', 'list', ...dir])).out).toMatch(new RegExp(`${id}\\s+revoked`))
  })

  it('refuses tokens on the command line and demo accounts beyond loopback', async () => {
    const token = await cli(['--token', 'x:operator:a:b:*', ...dir])
    expect(token.code).toBe(1)
    expect(token.out).toMatch(/--token is no longer accepted/)
    const demo = await cli(['--demo-accounts', '--host', '0.0.0.0', ...dir])
    expect(demo.code).toBe(1)
    expect(demo.out).toMatch(/refusing --demo-accounts on 0\.0\.0\.0/)
  })
})
