import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { asc } from 'drizzle-orm'
import { drizzle } from 'drizzle-orm/node-postgres'
import pg from 'pg'
import { DEMO_TOKENS } from '@shared/protocol'
import { drizzleOver, SqliteDatabase } from '../../../src/infra/sqlite'
import * as schema from '../../../src/server/db/schema'
import { STORE_FILE } from '../../../src/server/db/open'
import { eventFromRow, type EventRow } from '../../../src/server/log/rows'
import * as pgSchema from '../../../src/server/pg/schema'
import { storeFor } from '../../support/test-store'
import type { RunningServer } from '../../../src/server/index'
import { action, client, henglanPlace, quietServer, report, sync, tempDir, type ClientSocket } from './helpers'

/** The log's rows as stored, read straight from the suite's store (SQLite file or PostgreSQL database). */
async function storedRows(dir: string): Promise<EventRow[]> {
  const url = await storeFor(dir)
  if (url) {
    const pool = new pg.Pool({ connectionString: url })
    try {
      return await drizzle(pool, { schema: pgSchema }).select().from(pgSchema.events).orderBy(asc(pgSchema.events.seq))
    } finally {
      await pool.end()
    }
  }
  const db = await SqliteDatabase.open(path.join(dir, STORE_FILE), { readonly: true })
  try {
    return await drizzleOver(db, schema).select().from(schema.events).orderBy(asc(schema.events.seq)).all()
  } finally {
    await db.close()
  }
}

const AWKWARD = [
  '引号 " 反斜杠 \\ 斜杠 /',
  'emoji 🚒 and \u2028 line separator',
  '\\u0041 is not an escape',
  'tab\there',
]

describe('replay reads', () => {
  const tmp = tempDir()
  let server: RunningServer
  let socket: ClientSocket

  beforeAll(async () => {
    server = await quietServer(tmp.dir)
    const who = DEMO_TOKENS.operator.principal
    for (let i = 0; i < 40; i++) {
      // Coordinates with every digit a double carries, and text JSON must escape.
      const lat = henglanPlace().lat + (Math.random() - 0.5) * 0.002
      const lng = henglanPlace().lng + (Math.random() - 0.5) * 0.002
      const r = report({ title: AWKWARD[i % AWKWARD.length]!, address: AWKWARD[(i + 1) % AWKWARD.length]!, lat, lng })
      expect((await server.submit(r, who)).status).toBe('applied')
      const note = action('comment', r.incidentId, 1, { text: `${AWKWARD[(i + 2) % AWKWARD.length]} ${i}` })
      expect((await server.submit(note, who)).status).toBe('applied')
    }
    socket = await client(server.url, DEMO_TOKENS.wall.token, 'ws-read')
  })
  afterAll(async () => {
    socket.close()
    await server.close()
    tmp.remove()
  })

  it('send every event exactly as the log stores it: keys, order, payload values to the bit', async () => {
    const replayed = (await sync(socket, 0, null)).events
    const stored = (await storedRows(tmp.dir)).map(eventFromRow)
    expect(replayed).toHaveLength(80)
    expect(replayed).toStrictEqual(stored)
    expect(JSON.stringify(replayed)).toBe(JSON.stringify(stored))
  })
})
