import { describe, expect, it } from 'vitest'
import {
  citizenReportTitle,
  decide,
  referenceLookup,
  type Command,
  type DecideContext,
  type Incident,
  type Principal,
  type ReferenceData,
} from '@shared/domain'
import { HOUR, incident, operator } from './fixtures'

/** A two-town district of its own: the rules are about how places relate, not about real ids. */
const DATA: ReferenceData = {
  version: 't',
  towns: [
    { id: 'north', name: '北镇', nameEn: 'North', kind: 'town', areaKm2: 40, population: 1, lat: 22.6, lng: 113.3 },
    { id: 'south', name: '南镇', nameEn: 'South', kind: 'town', areaKm2: 40, population: 1, lat: 22.4, lng: 113.3 },
  ],
  grids: [
    { id: 'n1', townId: 'north', parentId: null, level: 'small', name: 'N1', lat: 22.6, lng: 113.3 },
    { id: 'n2', townId: 'north', parentId: null, level: 'small', name: 'N2', lat: 22.61, lng: 113.3 },
    { id: 's1', townId: 'south', parentId: null, level: 'small', name: 'S1', lat: 22.4, lng: 113.3 },
    { id: 's2', townId: 'south', parentId: null, level: 'small', name: 'S2', lat: 22.41, lng: 113.3 },
  ],
  departments: [{ id: 'fire', name: '消防', nameEn: 'Fire' }],
  teams: [{ id: 'team-n', townId: 'north', name: '北联勤', officer: '警', gridWorkerId: 'w-n1' }],
  workers: [
    { id: 'w-n1', name: '甲', townId: 'north', gridId: 'n1', fullTime: true },
    { id: 'w-n2', name: '乙', townId: 'north', gridId: 'n2', fullTime: true },
  ],
}
const COMPONENTS = [{ id: 'lamp-n1', townId: 'north', gridId: 'n1', lat: 22.6005, lng: 113.3005 }]
const REF = referenceLookup(DATA, COMPONENTS)
const NOW = 1_000 * HOUR

const ctx = (known: Incident[] = []): DecideContext => ({
  now: NOW,
  nextCode: () => 'ZS-260101-000001',
  assigneeExists: () => true,
  lookup: (id) => known.find((i) => i.id === id) ?? null,
  reference: REF,
})

function cmd(
  type: Command['type'],
  payload: object,
  incidentId = 'i1',
  expectedVersion: number | null = null,
): Command {
  return {
    commandId: '00000000-0000-4000-8000-000000000001',
    type,
    incidentId,
    expectedVersion,
    payload,
    issuedAt: 0,
  } as Command
}

const place = { townId: 'north', gridId: 'n1', componentId: null, lat: 22.6, lng: 113.3 }
const report = {
  title: '电动车违规充电',
  description: '楼道内充电',
  category: 'fire_safety',
  priority: 'high',
  source: 'patrol',
  address: '北镇一号',
  ...place,
}
const northWorker: Principal = { actorId: 'w-n1', name: '甲', role: 'field', towns: ['north'] }
const otherWorker: Principal = { actorId: 'w-n2', name: '乙', role: 'field', towns: ['north'] }
const teamPrincipal: Principal = {
  actorId: 'team-n',
  name: '北联勤',
  role: 'field',
  towns: ['north'],
  unit: { kind: 'team', id: 'team-n' },
}
const citizen: Principal = { actorId: 'open311', name: '市民', role: 'citizen', towns: '*' }
const northOperator: Principal = { actorId: 'op-n', name: '北', role: 'operator', towns: ['north'] }

describe('decide: where a report may be', () => {
  it('accepts a report whose town, grid, component and point agree', () => {
    expect(decide(null, cmd('report', report), operator, ctx())).toMatchObject({ ok: true })
    const scanned = { ...report, componentId: 'lamp-n1', lat: 22.6005, lng: 113.3005 }
    expect(decide(null, cmd('report', scanned), operator, ctx())).toMatchObject({ ok: true })
  })

  it.each([
    ['an unknown town', { townId: 'atlantis' }, /no town atlantis/],
    ['an unknown grid', { gridId: 'n9' }, /no grid n9/],
    ['a grid of another town', { gridId: 's1' }, /grid s1 is not in town north/],
    ['an unknown component', { componentId: 'lamp-x' }, /no component lamp-x/],
    ['a component of another grid', { gridId: 'n2', lat: 22.61, componentId: 'lamp-n1' }, /not in grid n2/],
    ['a point in the other town', { lat: 22.4 }, /km from grid n1/],
  ])('refuses %s', (_what, over, message) => {
    const out = decide(null, cmd('report', { ...report, ...over }), operator, ctx())
    expect(out).toMatchObject({ ok: false, code: 'invalid_location', currentVersion: null })
    if (!out.ok) expect(out.message).toMatch(message)
  })

  it('checks what it can where components are not held (a workstation), and nothing before reference data', () => {
    const workstation = { ...ctx(), reference: referenceLookup(DATA) }
    expect(decide(null, cmd('report', { ...report, componentId: 'lamp-x' }), operator, workstation)).toMatchObject({
      ok: true,
    })
    expect(decide(null, cmd('report', { ...report, gridId: 's1' }), operator, workstation)).toMatchObject({
      ok: false,
      code: 'invalid_location',
    })
    expect(
      decide(null, cmd('report', { ...report, gridId: 's1' }), operator, { ...ctx(), reference: null }),
    ).toMatchObject({ ok: true })
  })
})

describe('decide: a citizen sets only what Open311 defines', () => {
  const own = {
    ...report,
    priority: 'normal',
    source: 'citizen_app',
    title: citizenReportTitle('fire_safety', '楼道内充电'),
  }

  it('takes a citizen report with the service title, normal priority and a citizen source', () => {
    expect(decide(null, cmd('report', own), citizen, ctx())).toMatchObject({ ok: true })
    const scanned = { ...own, source: 'citizen_qr', componentId: 'lamp-n1', lat: 22.6005, lng: 113.3005 }
    expect(decide(null, cmd('report', scanned), citizen, ctx())).toMatchObject({ ok: true })
  })

  it.each([
    ['a priority', { priority: 'urgent' }, /priority/],
    ['a title of its own', { title: '紧急！！！' }, /titled by its service/],
    ['a non-citizen source', { source: 'patrol' }, /source citizen_app/],
    ['a QR source without a component', { source: 'citizen_qr' }, /source citizen_app/],
  ])('refuses %s', (_what, over, message) => {
    const out = decide(null, cmd('report', { ...own, ...over }), citizen, ctx())
    expect(out).toMatchObject({ ok: false, code: 'forbidden_field' })
    if (!out.ok) expect(out.message).toMatch(message)
  })

  it('keeps citizen sources for citizens', () => {
    expect(decide(null, cmd('report', { ...report, source: 'citizen_app' }), operator, ctx())).toMatchObject({
      ok: false,
      code: 'forbidden_field',
    })
  })
})

describe('decide: a grid worker takes up only their own work', () => {
  const dispatched = (over: Partial<Incident>) =>
    incident({
      townId: 'north',
      gridId: 'n2',
      status: 'dispatched',
      assigneeKind: 'team',
      assigneeId: 'team-n',
      ...over,
    })

  it('lets the team, its grid worker and the worker of the case’s grid acknowledge a team case', () => {
    expect(decide(dispatched({}), cmd('acknowledge', {}), teamPrincipal, ctx())).toMatchObject({ ok: true })
    expect(decide(dispatched({}), cmd('acknowledge', {}), northWorker, ctx())).toMatchObject({ ok: true })
    expect(decide(dispatched({}), cmd('acknowledge', {}), otherWorker, ctx())).toMatchObject({ ok: true })
  })

  it('refuses a worker a team case in another grid, and any department’s case', () => {
    const elsewhere = dispatched({ gridId: 'n1', assigneeId: 'team-other' })
    expect(decide(elsewhere, cmd('acknowledge', {}), otherWorker, ctx())).toMatchObject({
      ok: false,
      code: 'not_assignee',
    })
    const fire = dispatched({ assigneeKind: 'department', assigneeId: 'fire' })
    expect(decide(fire, cmd('acknowledge', {}), otherWorker, ctx())).toMatchObject({ ok: false, code: 'not_assignee' })
    const working = dispatched({ gridId: 'n1', assigneeId: 'team-other', status: 'in_progress' })
    expect(decide(working, cmd('resolve', { feedback: '已处理' }), otherWorker, ctx())).toMatchObject({
      ok: false,
      code: 'not_assignee',
    })
  })
})

describe('decide: nothing about another town’s case', () => {
  it('answers a merge into another town’s case exactly as one into no case', () => {
    const mine = incident({ id: 'mine', townId: 'north', gridId: 'n1' })
    const theirs = incident({ id: 'theirs', townId: 'south', gridId: 's1', code: 'ZS-260101-009999' })
    const foreign = decide(mine, cmd('merge', { duplicateOf: 'theirs' }, 'mine'), northOperator, ctx([mine, theirs]))
    const missing = decide(mine, cmd('merge', { duplicateOf: 'nothing' }, 'mine'), northOperator, ctx([mine]))
    expect(foreign).toEqual(missing)
    expect(foreign).toMatchObject({ ok: false, code: 'invalid_duplicate' })
    expect(JSON.stringify(foreign)).not.toContain('ZS-260101-009999')
  })

  it('refuses a command on another town’s case without its code or version', () => {
    const theirs = incident({ townId: 'south', code: 'ZS-260101-009999', version: 7 })
    const out = decide(theirs, cmd('accept', {}), northOperator, ctx())
    expect(out).toEqual({
      ok: false,
      code: 'out_of_scope',
      message: 'the incident is outside your scope',
      currentVersion: null,
    })
  })
})

describe('decide: a grid worker verifies only in their own grid', () => {
  const fedBack = (gridId: string) =>
    incident({
      townId: 'north',
      gridId,
      status: 'resolved',
      assigneeKind: 'department',
      assigneeId: 'fire',
      version: 5,
    })
  const gridCentre: Principal = { actorId: 'gc-north', name: '北网格中心', role: 'field', towns: ['north'] }
  const hidden = {
    ok: false,
    code: 'out_of_scope',
    message: 'the incident is outside your scope',
    currentVersion: null,
  }

  it('lets the worker of the case’s grid pass or fail it', () => {
    expect(decide(fedBack('n1'), cmd('verify', {}), northWorker, ctx())).toMatchObject({ ok: true })
    expect(decide(fedBack('n1'), cmd('return', { reason: '仍未整改' }), northWorker, ctx())).toMatchObject({ ok: true })
  })

  it('refuses a case in another grid of the same town, revealing nothing (not even a stale version)', () => {
    expect(decide(fedBack('n1'), cmd('verify', {}), otherWorker, ctx())).toEqual(hidden)
    expect(decide(fedBack('n1'), cmd('return', { reason: '仍未整改' }, 'i1', 2), otherWorker, ctx())).toEqual(hidden)
  })

  it('gives a team’s account its grid worker’s grid', () => {
    expect(decide(fedBack('n1'), cmd('verify', {}), teamPrincipal, ctx())).toMatchObject({ ok: true })
    expect(decide(fedBack('n2'), cmd('verify', {}), teamPrincipal, ctx())).toEqual(hidden)
  })

  it('leaves grid-centre staff (no grid of their own) their towns, and a workstation without reference data to the server', () => {
    expect(decide(fedBack('n2'), cmd('verify', {}), gridCentre, ctx())).toMatchObject({ ok: true })
    expect(decide(fedBack('n1'), cmd('verify', {}), otherWorker, { ...ctx(), reference: null })).toMatchObject({
      ok: true,
    })
  })

  it('keeps supervisors and operators district-wide verifiers', () => {
    expect(decide(fedBack('n2'), cmd('verify', {}), northOperator, ctx())).toMatchObject({ ok: true })
  })
})
