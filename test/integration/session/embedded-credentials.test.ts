import { io } from 'socket.io-client'
import { afterAll, describe, expect, it } from 'vitest'
import { DEMO_TOKEN_LIST, SYNC_NAMESPACE, type SessionReply } from '@shared/protocol'
import { startEmbeddedServer, type EmbeddedServer } from '../../../src/main/launch/embedded-server'
import { enrolSeat, signIn } from '../../support/auth-http'
import { SERVER_MIGRATIONS, tempDir } from '../sync/fixtures/harness'

/** Resolves with the handshake's outcome: 'connected', or the connect_error's message. */
function handshake(url: string, token: string): Promise<string> {
  const socket = io(`${url}${SYNC_NAMESPACE}`, { auth: { token }, transports: ['websocket'], reconnection: false })
  return new Promise((resolve) => {
    socket.once('connect', () => {
      socket.close()
      resolve('connected')
    })
    socket.once('connect_error', (err) => {
      socket.close()
      resolve(err.message)
    })
  })
}

/**
 * Item 1 of the trust boundary, where it meets sign-in: the server `npm start` embeds accepts only
 * this run's credentials, never the well-known demo tokens a local attacker could read in the source.
 */
describe('the embedded server', () => {
  const stops: (() => Promise<void>)[] = []
  afterAll(async () => {
    for (const stop of stops.reverse()) await stop()
  })

  async function embedded(dir: string, printed: string[]): Promise<EmbeddedServer> {
    const server = await startEmbeddedServer({
      dataDir: dir,
      migrationsFolder: SERVER_MIGRATIONS,
      simulatorRate: 0,
      volume: null,
      timeScale: 1,
      historyIncidents: 0,
      log: () => undefined,
      print: (line) => printed.push(line),
    })
    stops.push(() => server.close())
    return server
  }

  it('refuses every public demo token, and lets in only the accounts it printed for this run', async () => {
    const tmp = await tempDir('gc-embedded-')
    stops.push(tmp.cleanup)
    const printed: string[] = []
    const { server } = await embedded(tmp.dir, printed)

    for (const grant of DEMO_TOKEN_LIST)
      expect(await handshake(server.url, grant.token), grant.token).toBe('unauthorized')

    const operator = server.demoCredentials.find((c) => c.identity === 'operator')
    if (!operator) throw new Error('no demo operator this run')
    expect(printed.join('\n')).toContain(operator.password)
    const seat = await enrolSeat(server)
    const session = await signIn(server, seat, operator.username, operator.password)
    expect(session.status).toBe(200)
    expect(await handshake(server.url, (session.body as SessionReply).accessToken)).toBe('connected')
  })
})
