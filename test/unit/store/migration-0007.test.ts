import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { assessmentDue, isLate } from '../../../src/shared/domain'
import { openStore } from '../../../src/main/core/store/open-store'
import { INCIDENT_SELECT, incidentFromRow } from '../../../src/main/core/store/incident-rows'
import { migrationDirs } from '../../support/migrations'
import { MIGRATIONS } from '../sync/helpers'

const { dir, before } = migrationDirs()

const HOUR = 3_600_000
const COLUMNS = `id, code, title, description, category, priority, source, status, town_id, grid_id, lat, lng, address,
  reporter_id, reported_at, dispatched_at, deadline, suspended, suspended_at, suspended_ms, escalation_level, rework_count,
  version, updated_at, last_seq, extensions, sent_back_from`

describe('migrations 0007_assessment_facts + 0008 backfill', () => {
  it('keeps every cached case and its handling history, judged on the deadline it already had', async () => {
    const data = path.join(dir(), 'data')
    const old = await openStore(data, await before('0007_assessment_facts'))
    const extension = JSON.stringify([
      { from: 10 * HOUR, to: 30 * HOUR, approvedAt: 5 * HOUR, approvedBy: 'sup', reason: '雨天' },
    ])
    // An extended case suspended for 2 h before, one still waiting for the command room.
    await old.sqlite.run(
      `INSERT INTO incidents (${COLUMNS}) VALUES
       ('ext', 'ZS-ext', '井盖缺失', '', 'city_components', 'normal', 'patrol', 'in_progress', 'henglan', 'henglan-m01-s01',
        22.5, 113.2, '', 'w-1', 0, ${HOUR}, ${30 * HOUR}, 0, NULL, ${2 * HOUR}, 0, 1, 6, ${5 * HOUR}, 9, ?, NULL),
       ('new', 'ZS-new', '占道经营', '', 'city_components', 'normal', 'patrol', 'reported', 'henglan', 'henglan-m01-s01',
        22.5, 113.2, '', 'w-1', ${HOUR}, NULL, NULL, 0, NULL, 0, 0, 0, 1, ${HOUR}, 10, NULL, NULL)`,
      [extension],
    )
    await old.close()

    const store = await openStore(data, MIGRATIONS)
    const rows = (await store.sqlite.all(`SELECT ${INCIDENT_SELECT} FROM incidents ORDER BY id`)).map(incidentFromRow)
    expect(rows.map((r) => r.id)).toEqual(['ext', 'new'])
    const [ext, fresh] = rows as [(typeof rows)[0], (typeof rows)[0]]
    expect(ext).toMatchObject({
      status: 'in_progress',
      reworkCount: 1,
      version: 6,
      extensions: JSON.parse(extension),
      firstDispatchedAt: HOUR,
      firstDeadline: 30 * HOUR,
      extendedMs: 0,
      creditedSuspendedMs: 2 * HOUR,
      suspensionCredited: false,
    })
    // The old row's deadline already held the extension: due is that deadline plus the suspension.
    expect(assessmentDue(ext, 'original')).toBe(32 * HOUR)
    expect(isLate(ext, 32 * HOUR)).toBe(false)
    expect(isLate(ext, 32 * HOUR + 1)).toBe(true)
    expect(fresh).toMatchObject({ status: 'reported', intakeAt: null, firstDispatchedAt: null, firstDeadline: null })
    await store.close()
  })
})
