import { mkdtemp, readdir, rm, stat, truncate, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SqliteDatabase } from '@infra/sqlite'
import { STORE_FILE } from '../../../src/main/core/store/open-store'
import { openRecoveringStore } from '../../../src/main/core/store/recover-store'
import { Outbox } from '../../../src/main/core/sync/outbox'
import { MIGRATIONS } from '../sync/helpers'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'gc-recover-'))
})
afterEach(() => rm(dir, { recursive: true, force: true }))

const file = () => path.join(dir, STORE_FILE)
const aside = async () =>
  (await readdir(dir)).filter((n) => n.includes('.damaged-') && !n.endsWith('-wal') && !n.endsWith('-shm'))

describe('openRecoveringStore', () => {
  it('opens a healthy store untouched', async () => {
    const first = await openRecoveringStore(dir, MIGRATIONS)
    await first.store.close()
    const again = await openRecoveringStore(dir, MIGRATIONS)
    expect(again.recoveredFrom).toBeNull()
    await again.store.close()
  })

  it('moves aside a file that is not SQLite and starts fresh', async () => {
    await writeFile(file(), 'this is not a database, just text '.repeat(200))
    const r = await openRecoveringStore(dir, MIGRATIONS)
    expect(r.recoveredFrom).toMatch(/\.damaged-/)
    expect(await aside()).toHaveLength(1)
    expect(Number((await r.store.sqlite.get('SELECT count(*) AS n FROM incidents'))?.n)).toBe(0)
    await r.store.close()
  })

  it('recovers from a truncated file and carries over readable outbox entries', async () => {
    const first = await openRecoveringStore(dir, MIGRATIONS)
    const outbox = new Outbox(first.store.sqlite)
    const cmd = await outbox.submit(
      { type: 'comment', incidentId: 'a', expectedVersion: 1, payload: { text: 'keep me' } },
      null,
    )
    // Bulk so the file has pages past the outbox's to cut off.
    await first.store.sqlite.exec(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
       INSERT INTO incident_events (seq, incident_id, type, payload, actor_id, role, server_time, version)
       SELECT i, 'x' || i, 'comment', '{"text":"' || hex(randomblob(40)) || '"}', 'a', 'operator', 0, 1 FROM n`,
    )
    await first.store.sqlite.exec('PRAGMA wal_checkpoint(TRUNCATE)')
    await first.store.close()
    const size = (await stat(file())).size
    await truncate(file(), Math.floor(size * 0.6))
    const r = await openRecoveringStore(dir, MIGRATIONS)
    expect(r.recoveredFrom).toMatch(/\.damaged-/)
    expect(r.salvagedCommands).toBe(1)
    const pending = await new Outbox(r.store.sqlite).pending()
    expect(pending.map((p) => p.commandId)).toEqual([cmd.commandId])
    await r.store.close()
  })

  it("moves aside a SQLite file with somebody else's schema", async () => {
    const other = await SqliteDatabase.open(file())
    await other.exec(
      'CREATE TABLE incidents (id TEXT PRIMARY KEY, something_else TEXT); CREATE TABLE outbox (x INTEGER);',
    )
    await other.close()
    const r = await openRecoveringStore(dir, MIGRATIONS)
    expect(r.recoveredFrom).toMatch(/\.damaged-/)
    expect(r.reason).toBeTruthy()
    const cols = await r.store.sqlite.all('PRAGMA table_info(incidents)')
    expect(cols.map((c) => c.name)).toContain('stale_since_seq')
    await r.store.close()
  })
})
