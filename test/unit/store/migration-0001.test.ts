import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { openStore } from '../../../src/main/core/store/open-store'
import { migrationDirs } from '../../support/migrations'
import { MIGRATIONS } from '../sync/helpers'

const { dir, before: migrationsBefore } = migrationDirs()

describe('migration 0001_sync_cache', () => {
  it('upgrades a store made by 0000_init, keeping its settings', async () => {
    // The previous version: only the first migration.
    const old = await migrationsBefore('0001_sync_cache')
    const data = path.join(dir(), 'data')
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
