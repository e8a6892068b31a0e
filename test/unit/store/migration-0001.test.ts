import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openStore } from '../../../src/main/core/store/open-store'
import { MIGRATIONS } from '../sync/helpers'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'gc-migrate-'))
})
afterEach(() => rm(dir, { recursive: true, force: true }))

describe('migration 0001_sync_cache', () => {
  it('upgrades a store made by 0000_init, keeping its settings', async () => {
    // The previous version: the same folder with only the first journal entry.
    const old = path.join(dir, 'migrations-0000')
    await cp(MIGRATIONS, old, { recursive: true })
    const journalFile = path.join(old, 'meta', '_journal.json')
    const journal = JSON.parse(await readFile(journalFile, 'utf8')) as { entries: { tag: string }[] }
    journal.entries = journal.entries.filter((e) => e.tag === '0000_init')
    await writeFile(journalFile, JSON.stringify(journal))
    const data = path.join(dir, 'data')
    const before = await openStore(data, old)
    await before.sqlite.run("INSERT INTO settings (key, value, updated_at) VALUES ('workstation_id', 'ws-keep', 1)")
    expect(await before.sqlite.get("SELECT count(*) AS n FROM sqlite_master WHERE name = 'incidents'")).toEqual({
      n: 0,
    })
    await before.close()

    const after = await openStore(data, MIGRATIONS)
    expect(await after.sqlite.get("SELECT value FROM settings WHERE key = 'workstation_id'")).toEqual({
      value: 'ws-keep',
    })
    for (const table of [
      'incidents',
      'incident_events',
      'outbox',
      'conflicts',
      'quarantine',
      'sync_state',
      'reference_data',
      'action_audit',
    ]) {
      expect(
        await after.sqlite.get('SELECT count(*) AS n FROM sqlite_master WHERE type = ? AND name = ?', ['table', table]),
      ).toEqual({ n: 1 })
    }
    await after.close()
  })
})
