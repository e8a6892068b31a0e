import { chmodSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { DEMO_TOKENS } from '@shared/protocol'
import type { Core } from '../../../src/main/core/core'
import { FileVault, SECRETS_FILE } from '../../../src/main/core/session/file-vault'
import { readTokensFile } from '../../../src/server/auth/tokens'
import type { RunningServer } from '../../../src/server/index'
import { closeQuietly, perTestDirs, until } from '../sync/fixtures/harness'
import {
  call,
  ensureAccount,
  online,
  signInThrough,
  startAuthServer,
  startSessionCore,
  TEST_PASSWORD,
} from './fixtures'
import { writeFileSync } from 'node:fs'

const OPERATOR = DEMO_TOKENS.operator.principal
const mode = (file: string) => statSync(file).mode & 0o777

let server: RunningServer | null = null
let core: Core | null = null
const tempDir = perTestDirs(() => closeQuietly(core, server))

describe('secrets at rest', () => {
  it('keeps data folders 0700, stores 0600, and the vault holds no password and no access token', async () => {
    const [s, c] = await Promise.all([tempDir(), tempDir()])
    chmodSync(s.dir, 0o755)
    chmodSync(c.dir, 0o755)
    server = await startAuthServer(s.dir)
    await ensureAccount(server, OPERATOR)
    core = await startSessionCore(c.dir, server)
    await signInThrough(core, OPERATOR)
    await online(core, server)
    expect(mode(s.dir)).toBe(0o700)
    expect(mode(path.join(s.dir, 'central.sqlite'))).toBe(0o600)
    expect(mode(c.dir)).toBe(0o700)
    for (const f of ['workstation.sqlite', 'workstation.sqlite-wal', SECRETS_FILE])
      expect(mode(path.join(c.dir, f))).toBe(0o600)
    const text = readFileSync(path.join(c.dir, SECRETS_FILE), 'utf8')
    expect(text).not.toContain(TEST_PASSWORD)
    const secrets = await new FileVault(c.dir).read()
    expect(secrets.session?.refreshToken).toBeTruthy()
    expect(secrets.seats[OPERATOR.actorId]?.verifier).toMatch(/^scrypt\$15\$8\$1\$/)
    expect(text).not.toMatch(/access/i)
  })

  it('refuses a secrets file or a service-tokens file that other users can read', async () => {
    const [s, c] = await Promise.all([tempDir(), tempDir()])
    server = await startAuthServer(s.dir)
    core = await startSessionCore(c.dir, server)
    await core.close()
    core = null
    chmodSync(path.join(c.dir, SECRETS_FILE), 0o644)
    await expect(startSessionCore(c.dir, server)).rejects.toThrow(/readable or writable by other users \(mode 0644\)/)
    const tokens = path.join(s.dir, 'tokens.json')
    writeFileSync(tokens, JSON.stringify([{ token: 'a-service-token-long-enough', principal: OPERATOR }]), {
      mode: 0o640,
    })
    chmodSync(tokens, 0o640)
    expect(() => readTokensFile(tokens)).toThrow(/chmod 600/)
    chmodSync(tokens, 0o600)
    expect(readTokensFile(tokens)).toHaveLength(1)
  })
})

describe('secrets in logs', () => {
  const lines: string[] = []
  beforeEach(() => {
    lines.length = 0
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const)
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(' ')))
  })
  afterEach(() => vi.restoreAllMocks())

  it('prints and logs no password, token, grant or credential through sign-in, refresh, failure and sign-out', async () => {
    const [s, c] = await Promise.all([tempDir(), tempDir()])
    server = await startAuthServer(s.dir, { auth: { accessTtlMs: 1_000 }, logger: (l) => lines.push(l) })
    await ensureAccount(server, OPERATOR)
    core = await startSessionCore(c.dir, server)
    await call(core, 'session.signIn', { username: OPERATOR.actorId, password: 'a wrong password' })
    await signInThrough(core, OPERATOR)
    await online(core, server)
    const vault = new FileVault(c.dir)
    const first = await vault.read()
    await until(async () => (await vault.read()).session?.refreshToken !== first.session?.refreshToken, 'a refresh')
    const secrets = await vault.read()
    await call(core, 'session.signOut')
    const all = lines.join('\n') + JSON.stringify(await server.admin.audit(100))
    for (const secret of [
      TEST_PASSWORD,
      'a wrong password',
      first.session?.refreshToken,
      secrets.session?.refreshToken,
      secrets.seats[OPERATOR.actorId]?.seatGrant,
      secrets.workstation?.workstationSecret,
    ])
      expect(all).not.toContain(secret)
  })
})
