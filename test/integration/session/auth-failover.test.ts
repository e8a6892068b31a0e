import { createServer } from 'node:net'
import { describe, expect, it } from 'vitest'
import type { RunningServer } from '../../../src/server/index'
import { AuthClient, AuthRefused, ServerUnreachable } from '../../../src/main/core/session/auth-client'
import { ServerEndpoints } from '../../../src/main/core/sync/server-endpoints'
import { closeQuietly, perTestDirs, startTestServer } from '../sync/fixtures/harness'

let server: RunningServer | null = null
const tempDir = perTestDirs(() => closeQuietly(server))

/** A loopback address nobody listens on (a node that is down). */
async function deadAddress(): Promise<string> {
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const port = (probe.address() as { port: number }).port
  await new Promise((resolve) => probe.close(resolve))
  return `http://127.0.0.1:${port}`
}

/**
 * Sign-in, enrolment and refresh reach whichever node of the cluster answers: a node that refuses
 * connections is skipped (the request never arrived there), and the next one is kept for what follows.
 */
describe('the auth client across server addresses', () => {
  it('moves past a node that refuses connections and stays on the one that answered', async () => {
    server = await startTestServer((await tempDir()).dir)
    const dead = await deadAddress()
    const endpoints = new ServerEndpoints([dead, server.url])
    const client = new AuthClient(endpoints)
    // The live node answers (and refuses the made-up code): the request got there.
    await expect(client.enrol('NOT-A-CODE')).rejects.toBeInstanceOf(AuthRefused)
    expect(endpoints.current).toBe(server.url)
    expect(endpoints.failedAttempts).toBe(0)
  })

  it('reports the link down when no node answers', async () => {
    const endpoints = new ServerEndpoints([await deadAddress(), await deadAddress()])
    await expect(new AuthClient(endpoints).enrol('NOT-A-CODE')).rejects.toBeInstanceOf(ServerUnreachable)
  })
})
