import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { openStore } from '../../../src/main/core/store/open-store'
import {
  INCIDENT_COLUMNS,
  INCIDENT_SELECT,
  incidentFromRow,
  incidentParams,
} from '../../../src/main/core/store/incident-rows'
import { baseIncident } from '../../support/incident'
import { migrationDirs } from '../../support/migrations'
import { MIGRATIONS } from '../sync/helpers'

const { dir, before: migrationsBefore } = migrationDirs()

describe('migration 0010_dispatch_deadline_reason', () => {
  it('keeps every cached case (no reason: dispatched on the default) and then stores a reason', async () => {
    const data = path.join(dir(), 'data')
    const old = await openStore(data, await migrationsBefore('0010_dispatch_deadline_reason'))
    const keep = INCIDENT_COLUMNS.map((c, i) => [c, i] as const).filter(([c]) => c !== 'deadline_reason')
    const params = incidentParams(baseIncident({ id: 'kept', code: 'ZS-kept', status: 'dispatched', version: 3 }))
    await old.sqlite.run(
      `INSERT INTO incidents (${keep.map(([c]) => c).join(', ')}) VALUES (${keep.map(() => '?').join(', ')})`,
      keep.map(([, i]) => params[i] ?? null),
    )
    await old.close()

    const store = await openStore(data, MIGRATIONS)
    const read = async () => (await store.sqlite.all(`SELECT ${INCIDENT_SELECT} FROM incidents`)).map(incidentFromRow)
    const [kept] = await read()
    expect(kept).toMatchObject({ id: 'kept', status: 'dispatched', version: 3 })
    expect(kept && 'deadlineReason' in kept).toBe(false)
    await store.sqlite.run(`UPDATE incidents SET deadline_reason = ? WHERE id = 'kept'`, ['节假日前需完成'])
    expect((await read())[0]?.deadlineReason).toBe('节假日前需完成')
    await store.close()
  })
})
