import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Incident } from '@shared/domain'
import type { Store } from '../../../src/main/core/store/open-store'
import { getIncidents } from '../../../src/main/core/store/incident-queries'
import {
  INCIDENT_SELECT,
  incidentFromRow,
  replaceIncidents,
  updateChanged,
} from '../../../src/main/core/store/incident-rows'
import { baseIncident } from '../../support/incident'
import { tempStore } from '../sync/helpers'

let store: Store
let cleanup: () => Promise<void>
beforeEach(async () => ({ store, cleanup } = await tempStore()))
afterEach(() => cleanup())

const HISTORY: Partial<Incident> = {
  pendingRequest: {
    kind: 'send_back',
    reason: '非本单位职责 "引号"',
    requestedBy: 'dept-fire',
    requestedAt: 5,
    suggested: { kind: 'department', id: 'water' },
  },
  extensions: [{ from: 10, to: 20, approvedAt: 8, approvedBy: 'sup', reason: '同意' }],
  sentBackFrom: [{ kind: 'department', id: 'urban', dispatchedAt: 1, sentBackAt: 3, reason: '错派' }],
  formerAssignees: [{ kind: 'department', id: 'urban' }],
  overdueWhenSuspended: true,
}

describe('handling history in the workstation cache', () => {
  it('round-trips through both read paths, and is absent where a case has none', async () => {
    const plain = baseIncident({ id: 'plain' })
    const handled = baseIncident({ id: 'handled', ...HISTORY })
    await store.sqlite.transaction((tx) => replaceIncidents(tx, [plain, handled]))
    const rows = await store.sqlite.all(`SELECT ${INCIDENT_SELECT} FROM incidents ORDER BY id`)
    expect(rows.map(incidentFromRow)).toEqual([handled, plain])
    const viaJson = await getIncidents(store.sqlite, ['plain', 'handled'])
    const { stale: _s, ...got } = viaJson.get('handled')!
    expect(got).toEqual(handled)
    expect('pendingRequest' in viaJson.get('plain')!).toBe(false)
  })

  it('an update writes the changed history and clears a decided request', async () => {
    const before = baseIncident({ id: 'h', pendingRequest: HISTORY.pendingRequest })
    await store.sqlite.transaction((tx) => replaceIncidents(tx, [before]))
    const { pendingRequest: _p, ...rest } = before
    const after: Incident = { ...rest, sentBackFrom: HISTORY.sentBackFrom, version: 2 }
    await store.sqlite.transaction((tx) => updateChanged(tx, [{ before, after }]))
    const { stale: _s, ...got } = (await getIncidents(store.sqlite, ['h'])).get('h')!
    expect(got).toEqual(after)
  })
})
