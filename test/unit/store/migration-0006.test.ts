import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { openStore } from '../../../src/main/core/store/open-store'
import { INCIDENT_SELECT, incidentFromRow } from '../../../src/main/core/store/incident-rows'
import { migrationDirs } from '../../support/migrations'
import { MIGRATIONS } from '../sync/helpers'

const { dir, before: migrationsBefore } = migrationDirs()

const COLUMNS = `id, code, title, description, category, priority, source, status, town_id, grid_id, lat, lng, address,
  reporter_id, reported_at, suspended, suspended_ms, escalation_level, rework_count, version, updated_at, last_seq`

describe('migration 0006_incident_handling', () => {
  it('keeps every cached case, with no handling history (no request existed before)', async () => {
    const data = path.join(dir(), 'data')
    const old = await openStore(data, await migrationsBefore('0006_incident_handling'))
    await old.sqlite.run(
      `INSERT INTO incidents (${COLUMNS}) VALUES ('kept', 'ZS-kept', '井盖缺失', '', 'city_components', 'normal',
        'patrol', 'dispatched', 'henglan', 'henglan-m01-s01', 22.5, 113.2, '', 'w-1', 1, 0, 0, 0, 0, 3, 1, 3)`,
    )
    await old.close()

    const store = await openStore(data, MIGRATIONS)
    const rows = (await store.sqlite.all(`SELECT ${INCIDENT_SELECT} FROM incidents`)).map(incidentFromRow)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ id: 'kept', status: 'dispatched', version: 3 })
    for (const key of ['pendingRequest', 'extensions', 'sentBackFrom', 'formerAssignees', 'overdueWhenSuspended'])
      expect(key in rows[0]!).toBe(false)
    await store.close()
  })
})
