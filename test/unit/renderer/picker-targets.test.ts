import { describe, expect, it } from 'vitest'
import { openLoads, withLoads } from '../../../src/renderer/src/views/dispatch/picker-targets'
import { incident } from './incident-fixture'

describe('the board picker’s units', () => {
  const rows = [
    incident({ id: 'a', status: 'dispatched', assigneeKind: 'department', assigneeId: 'fire' }),
    incident({ id: 'b', status: 'in_progress', assigneeKind: 'department', assigneeId: 'fire' }),
    incident({ id: 'c', status: 'resolved', assigneeKind: 'team', assigneeId: 't1' }),
    // Closed and not-yet-dispatched cases are no load.
    incident({ id: 'd', status: 'closed', assigneeKind: 'department', assigneeId: 'fire' }),
    incident({ id: 'e', status: 'reported' }),
  ]

  it('counts each unit’s open cases', () => {
    expect(Object.fromEntries(openLoads(rows))).toEqual({ 'department:fire': 2, 'team:t1': 1 })
  })

  it('shows the load beside each unit (after its distance) and keeps the recommendation', () => {
    const fire = { kind: 'department', id: 'fire', name: '消防救援' } as const
    const team = { kind: 'team', id: 't1', name: '新丰村联勤搭档', note: '0.8 km' } as const
    const gas = { kind: 'department', id: 'gas', name: '燃气管理办' } as const
    const out = withLoads({ list: [fire, gas, team], recommended: fire }, openLoads(rows), (n) => `在办 ${n} 件`)
    expect(out.list.map((t) => t.note)).toEqual(['在办 2 件', '在办 0 件', '0.8 km · 在办 1 件'])
    expect(out.recommended).toEqual({ ...fire, note: '在办 2 件' })
    expect(withLoads({ list: [gas], recommended: null }, new Map(), String).recommended).toBeNull()
  })
})
