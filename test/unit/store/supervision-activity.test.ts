import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { recentActivity, timelines } from '../../../src/main/core/handlers/supervision'
import type { Store } from '../../../src/main/core/store/open-store'
import { tempStore } from '../sync/helpers'

const T0 = Date.UTC(2026, 10, 20, 8, 0)
const MIN = 60_000

describe('the supervisor desk’s reads over the cached log', () => {
  let store: Store
  let cleanup: () => Promise<void>
  let seq = 0
  const put = async (incidentId: string, type: string, minute: number, payload: object = {}, actorId = 'op-1') => {
    seq++
    await store.sqlite.run(
      `INSERT INTO incident_events (seq, incident_id, type, payload, actor_id, role, workstation_id, server_time, issued_at, command_id, version)
       VALUES (?, ?, ?, ?, ?, 'operator', NULL, ?, NULL, NULL, ?)`,
      [seq, incidentId, type, JSON.stringify(payload), actorId, T0 + minute * MIN, seq],
    )
  }

  beforeEach(async () => {
    const t = await tempStore()
    store = t.store
    cleanup = t.cleanup
    seq = 0
    await put('a', 'report', 0)
    await put('a', 'accept', 10)
    await put('b', 'report', 20)
    await put('a', 'dispatch', 70)
    await put('a', 'decide_request', 80, { request: 'send_back', approve: true, reason: 'r' }, 'sup-1')
    await put('b', 'dispatch', 90)
  })
  afterEach(() => cleanup())

  it('gives the events since a time, oldest first, with a decision’s gist but no payload', async () => {
    const recent = await recentActivity(store.sqlite, T0 + 60 * MIN)
    expect(recent.map((e) => [e.incidentId, e.type, e.serverTime - T0])).toEqual([
      ['a', 'dispatch', 70 * MIN],
      ['a', 'decide_request', 80 * MIN],
      ['b', 'dispatch', 90 * MIN],
    ])
    expect(recent[1]).toEqual({
      incidentId: 'a',
      type: 'decide_request',
      actorId: 'sup-1',
      role: 'operator',
      serverTime: T0 + 80 * MIN,
      request: 'send_back',
      approve: true,
    })
  })

  it('gives each named case its whole timeline, and an empty one for a case not cached', async () => {
    const lines = await timelines(store.sqlite, ['a', 'nowhere'])
    expect(lines.a?.map((e) => e.type)).toEqual(['report', 'accept', 'dispatch', 'decide_request'])
    expect(lines.nowhere).toEqual([])
    expect(lines.b).toBeUndefined()
  })
})
