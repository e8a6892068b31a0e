import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { openStore } from '../../../src/main/core/store/open-store'
import { migrationDirs } from '../../support/migrations'
import { MIGRATIONS } from '../sync/helpers'

const { dir, before: migrationsBefore } = migrationDirs()

const COLUMNS = `id, code, title, description, category, priority, source, status, town_id, grid_id, lat, lng, address,
  reporter_id, reported_at, suspended, suspended_ms, escalation_level, rework_count, version, updated_at, last_seq`

describe('migration 0004_incident_media_url', () => {
  it('keeps a cached report’s photo URL from now on, and recovers the ones synced before from the timeline', async () => {
    const data = path.join(dir(), 'data')
    const old = await openStore(data, await migrationsBefore('0004_incident_media_url'))
    for (const [id, payload] of [
      ['with-photo', { title: '路灯不亮', mediaUrl: 'https://example.org/p/1.jpg' }],
      ['without', { title: '垃圾堆积' }],
    ] as const) {
      await old.sqlite.run(
        `INSERT INTO incidents (${COLUMNS}) VALUES (?, ?, 't', '', 'city_components', 'normal', 'patrol', 'reported',
          'henglan', 'henglan-m01-s01', 22.5, 113.2, '', 'w-1', 1, 0, 0, 0, 0, 1, 1, 1)`,
        [id, `ZS-${id}`],
      )
      await old.sqlite.run(
        `INSERT INTO incident_events (seq, incident_id, type, payload, actor_id, role, server_time, version)
         VALUES (?, ?, 'report', ?, 'w-1', 'field', 1, 1)`,
        [id === 'without' ? 2 : 1, id, JSON.stringify(payload)],
      )
    }
    await old.close()

    const store = await openStore(data, MIGRATIONS)
    const rows = await store.sqlite.all('SELECT id, media_url AS mediaUrl FROM incidents ORDER BY id')
    expect(rows).toEqual([
      { id: 'with-photo', mediaUrl: 'https://example.org/p/1.jpg' },
      { id: 'without', mediaUrl: null },
    ])
    await store.close()
  })
})
