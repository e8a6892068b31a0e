import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_TOKENS } from '@shared/protocol'
import { tempDir } from './helpers'
import { helloStorm, StormServer } from './storm-client'

/** What the server may hold for one hostile connection, beyond its idle state (see README). */
const BOUND_MB = 32

/**
 * Item 2 of the trust boundary: a read-only client asking for a whole snapshot
 * 100 times a second, and reading none of it, costs the server one page in
 * flight, not one per hello.
 */
describe('a hello storm from a read-only principal', () => {
  const tmp = tempDir()
  let server: StormServer

  beforeAll(async () => {
    // 4,000 cases: each snapshot is two pages of 2,000 (about 1.3 MB of JSON each).
    server = await StormServer.start(tmp.dir, 4000)
  })
  afterAll(async () => {
    await server.close()
    tmp.remove()
  })

  it(`keeps the server's memory within ${BOUND_MB} MB at 100 hellos/s`, async () => {
    const idle = await server.memory()
    const storm = await helloStorm(server.url, DEMO_TOKENS.wall.token, 100, 3)
    try {
      expect(storm.sent).toBe(300)
      const held = (await server.memory()) - idle
      // Without the bound every hello queued another page: 787 MB held after 300 hellos when measured.
      expect(held / 2 ** 20).toBeLessThan(BOUND_MB)
    } finally {
      storm.close()
    }
  })
})
