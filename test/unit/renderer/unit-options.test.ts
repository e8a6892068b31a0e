import { describe, expect, it } from 'vitest'
import { referenceNames, type ReferenceData } from '@shared/domain'
import { parseUnitValue, redispatchUnits, unitValue } from '../../../src/renderer/src/data/unit-options'

const REF: Pick<ReferenceData, 'departments' | 'teams'> = {
  departments: [
    { id: 'fire', name: '消防救援', nameEn: 'Fire' },
    { id: 'water', name: '水务', nameEn: 'Water' },
  ],
  teams: [
    { id: 'team-hl-1', townId: 'henglan', name: '横栏联勤一组', officer: '警', gridWorkerId: 'w1' },
    { id: 'team-hl-2', townId: 'henglan', name: '横栏联勤二组', officer: '警', gridWorkerId: 'w2' },
    { id: 'team-xl-1', townId: 'xiaolan', name: '小榄联勤一组', officer: '警', gridWorkerId: 'w3' },
  ],
}
const names = referenceNames({ version: 't', towns: [], grids: [], workers: [], ...REF }, false)

describe('where a sent-back case can go', () => {
  it('lists every other department and the joint teams of the case’s town', () => {
    const units = redispatchUnits(REF, names, { townId: 'henglan', assigneeKind: 'department', assigneeId: 'fire' })
    expect(units.departments.map((o) => o.label)).toEqual(['水务'])
    expect(units.teams.map((o) => o.value)).toEqual(['team:team-hl-1', 'team:team-hl-2'])
    expect(units.teams[0]).toMatchObject({ assignee: { kind: 'team', id: 'team-hl-1' }, label: '横栏联勤一组' })
  })

  it('leaves out the team the case is with, and keeps every department for a team’s case', () => {
    const units = redispatchUnits(REF, names, { townId: 'henglan', assigneeKind: 'team', assigneeId: 'team-hl-1' })
    expect(units.departments).toHaveLength(2)
    expect(units.teams.map((o) => o.assignee.id)).toEqual(['team-hl-2'])
    expect(redispatchUnits(null, names, { townId: 'henglan', assigneeKind: null, assigneeId: null })).toEqual({
      departments: [],
      teams: [],
    })
  })

  it('round-trips a picker value, and reads anything else as no unit', () => {
    expect(parseUnitValue(unitValue({ kind: 'team', id: 'team-hl-1' }))).toEqual({ kind: 'team', id: 'team-hl-1' })
    expect(parseUnitValue('department:water')).toEqual({ kind: 'department', id: 'water' })
    for (const bad of ['', 'water', 'grid:n1', ':water', 'team:']) expect(parseUnitValue(bad)).toBeNull()
  })
})
