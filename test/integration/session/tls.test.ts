import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEMO_TOKENS } from '@shared/protocol'
import type { Core } from '../../../src/main/core/core'
import type { RunningServer } from '../../../src/server/index'
import { closeQuietly, perTestDirs } from '../sync/fixtures/harness'
import {
  call,
  ensureAccount,
  online,
  signInThrough,
  startAuthServer,
  startSessionCore,
  TEST_PASSWORD,
} from './fixtures'

const OPERATOR = DEMO_TOKENS.operator.principal

let server: RunningServer | null = null
let core: Core | null = null
const tempDir = perTestDirs(() => closeQuietly(core, server))

/** A private CA and a server certificate it signed for 127.0.0.1 / localhost (openssl, as a city's admin would). */
function privateCa(dir: string): { ca: string; cert: string; key: string } {
  const f = (name: string) => path.join(dir, name)
  const ssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' })
  ssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    f('ca.key'),
    '-out',
    f('ca.pem'),
    '-days',
    '2',
    '-subj',
    '/CN=Grid Command test CA',
  )
  ssl(
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    f('server.key'),
    '-out',
    f('server.csr'),
    '-subj',
    '/CN=localhost',
  )
  writeFileSync(f('ext.cnf'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n')
  ssl(
    'x509',
    '-req',
    '-in',
    f('server.csr'),
    '-CA',
    f('ca.pem'),
    '-CAkey',
    f('ca.key'),
    '-CAcreateserial',
    '-out',
    f('server.pem'),
    '-days',
    '2',
    '-extfile',
    f('ext.cnf'),
  )
  return {
    ca: readFileSync(f('ca.pem'), 'utf8'),
    cert: readFileSync(f('server.pem'), 'utf8'),
    key: readFileSync(f('server.key'), 'utf8'),
  }
}

describe('TLS', () => {
  it('serves sign-in and sync over HTTPS/WSS; a workstation trusting the private CA signs in and syncs, one that does not is refused', async () => {
    const [s, c, other, certs] = await Promise.all([tempDir(), tempDir(), tempDir(), tempDir()])
    const pki = privateCa(certs.dir)
    server = await startAuthServer(s.dir, { tls: { cert: pki.cert, key: pki.key } })
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/)
    await ensureAccount(server, OPERATOR)
    core = await startSessionCore(c.dir, server, { ca: pki.ca })
    await signInThrough(core, OPERATOR)
    await online(core, server)
    expect(core.status.get().serverUrl).toMatch(/^https:/)

    // Without the CA the server's certificate is not trusted: nothing is sent to it (not even the enrolment code).
    const stranger = await startSessionCore(other.dir, server)
    try {
      expect(await call(stranger, 'session.get')).toMatchObject({ value: { phase: 'unenrolled' } })
      expect(
        await call(stranger, 'session.signIn', { username: OPERATOR.actorId, password: TEST_PASSWORD }),
      ).toMatchObject({
        value: { ok: false, reason: 'unenrolled' },
      })
    } finally {
      await stranger.close()
    }
  })
})
