import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { citizenReportTitle, type Principal, type Team, type Worker } from '@shared/domain'
import { DEMO_TOKENS, MSG, type CommandReply } from '@shared/protocol'
import type { RunningServer } from '../../../src/server/index'
import { action, client, districtComponents, placeIn, quietServer, report, tempDir } from './helpers'

const OPERATOR = DEMO_TOKENS.operator.principal
const HENGLAN_OPERATOR = DEMO_TOKENS.henglanOperator.principal

/**
 * Item 3 of the trust boundary, against a real server and store: each refusal
 * comes with its code and a message, and writes nothing to the log.
 */
describe('authorization in decide, through the server', () => {
  const tmp = tempDir()
  let server: RunningServer
  let team: Team
  let teamWorker: Principal
  let otherWorker: Principal

  /** Submits and checks that a refusal left the log as it was. */
  async function refused(command: Parameters<RunningServer['submit']>[0], who: Principal): Promise<CommandReply> {
    const head = server.headSeq()
    const reply = await server.submit(command, who)
    expect(reply.status).toBe('rejected')
    expect(server.headSeq()).toBe(head)
    return reply
  }

  async function applied(command: Parameters<RunningServer['submit']>[0], who: Principal): Promise<void> {
    expect(await server.submit(command, who)).toMatchObject({ status: 'applied' })
  }

  /** A case in `gridOf`'s grid, dispatched to `assignee`. */
  async function dispatchedCase(grid: string, assignee: { kind: 'department' | 'team'; id: string }) {
    const g = server.reference.grids.find((x) => x.id === grid)
    if (!g) throw new Error(`no grid ${grid}`)
    const r = report({ townId: g.townId, gridId: g.id, lat: g.lat, lng: g.lng, category: 'public_security' })
    await applied(r, OPERATOR)
    await applied(action('dispatch', r.incidentId, 1, { assignee }), OPERATOR)
    return r.incidentId
  }

  beforeAll(async () => {
    server = await quietServer(tmp.dir)
    const workers = server.reference.workers
    const found = server.reference.teams.find((t) => workers.some((w) => w.id === t.gridWorkerId))
    if (!found) throw new Error('no team with a grid worker')
    team = found
    const mine = workers.find((w) => w.id === found.gridWorkerId) as Worker
    const other = workers.find((w) => w.townId === mine.townId && w.gridId !== mine.gridId) as Worker
    const asField = (w: Worker): Principal => ({ actorId: w.id, name: w.name, role: 'field', towns: [w.townId] })
    teamWorker = asField(mine)
    otherWorker = asField(other)
  })
  afterAll(async () => {
    await server.close()
    tmp.remove()
  })

  it('lets a grid worker take up and resolve only work of their team or grid', async () => {
    const teamCase = await dispatchedCase(server.reference.workers.find((w) => w.id === teamWorker.actorId)!.gridId, {
      kind: 'team',
      id: team.id,
    })
    expect(await refused(action('acknowledge', teamCase, 2, {}), otherWorker)).toMatchObject({
      code: 'not_assignee',
      message: expect.stringContaining(otherWorker.actorId),
    })
    await applied(action('acknowledge', teamCase, 2, {}), teamWorker)
    expect(await refused(action('resolve', teamCase, 3, { feedback: '已处理' }), otherWorker)).toMatchObject({
      code: 'not_assignee',
    })
    await applied(action('resolve', teamCase, 3, { feedback: '已处理' }), teamWorker)

    // The other worker's own grid makes a team case theirs; a department's case is never a worker's.
    const otherGrid = server.reference.workers.find((w) => w.id === otherWorker.actorId)!.gridId
    const inTheirGrid = await dispatchedCase(otherGrid, { kind: 'team', id: team.id })
    await applied(action('acknowledge', inTheirGrid, 2, {}), otherWorker)
    const departmentCase = await dispatchedCase(otherGrid, { kind: 'department', id: 'police' })
    expect(await refused(action('acknowledge', departmentCase, 2, {}), otherWorker)).toMatchObject({
      code: 'not_assignee',
    })
  })

  it('lets a grid worker verify or return only what was fed back in their own grid, revealing nothing else', async () => {
    const gridOf = (who: Principal) => server.reference.workers.find((w) => w.id === who.actorId)!.gridId
    const fedBack = async (grid: string) => {
      const id = await dispatchedCase(grid, { kind: 'department', id: 'police' })
      const police: Principal = {
        actorId: 'dept-police',
        name: '公安',
        role: 'department',
        towns: '*',
        unit: { kind: 'department', id: 'police' },
      }
      await applied(action('acknowledge', id, 2, {}), police)
      await applied(action('resolve', id, 3, { feedback: '已处理' }), police)
      return id
    }
    const theirs = await fedBack(gridOf(teamWorker))
    const hidden = {
      status: 'rejected',
      code: 'out_of_scope',
      message: 'the incident is outside your scope',
      currentVersion: null,
    }
    // Same town, another grid: neither verdict, and a wrong version changes nothing in the answer.
    expect(await refused(action('verify', theirs, 4, {}), otherWorker)).toEqual(hidden)
    expect(await refused(action('return', theirs, 9, { reason: '未整改' }), otherWorker)).toEqual(hidden)
    await applied(action('return', theirs, 4, { reason: '现场仍有问题' }), teamWorker)
    expect(server.incident(theirs)).toMatchObject({ status: 'dispatched', reworkCount: 1 })

    const mine = await fedBack(gridOf(otherWorker))
    await applied(action('verify', mine, 4, {}), otherWorker)
    expect(server.incident(mine)?.status).toBe('verified')
  })

  it('answers a merge into another town’s case as one into no case, revealing nothing of it', async () => {
    const mine = report(placeIn('henglan'))
    const theirs = report({ ...placeIn('xiaolan'), title: '小榄镇的机密案件' })
    await applied(mine, OPERATOR)
    await applied(theirs, OPERATOR)
    const code = server.incident(theirs.incidentId)?.code ?? 'missing'
    const foreign = await refused(
      action('merge', mine.incidentId, 1, { duplicateOf: theirs.incidentId }),
      HENGLAN_OPERATOR,
    )
    const nothing = await refused(
      action('merge', mine.incidentId, 1, { duplicateOf: 'no-such-case' }),
      HENGLAN_OPERATOR,
    )
    expect(foreign).toEqual(nothing)
    expect(foreign).toMatchObject({ code: 'invalid_duplicate' })
    expect(JSON.stringify(foreign)).not.toContain(code)
    // Acting on the foreign case itself tells neither its code nor its version.
    expect(await refused(action('accept', theirs.incidentId, null, {}), HENGLAN_OPERATOR)).toEqual({
      status: 'rejected',
      code: 'out_of_scope',
      message: 'the incident is outside your scope',
      currentVersion: null,
    })
  })

  it('refuses a report whose town, grid, component or point do not agree', async () => {
    const henglan = placeIn('henglan')
    const xiaolan = placeIn('xiaolan')
    const component = districtComponents().find((c) => c.townId === henglan.townId && c.gridId !== henglan.gridId)
    if (!component) throw new Error('no component elsewhere in the town')
    const cases: [string, Parameters<typeof report>[0], RegExp][] = [
      ['unknown town', { townId: 'no-such-town' }, /no town/],
      ['unknown grid', { gridId: 'no-such-grid' }, /no grid/],
      ['grid of another town', { gridId: xiaolan.gridId }, /is not in town henglan/],
      ['point in another town', { lat: xiaolan.lat, lng: xiaolan.lng }, /km from grid/],
      ['unknown component', { componentId: 'no-such-component' }, /no component/],
      ['component of another grid', { componentId: component.id }, /is not in grid/],
    ]
    for (const [what, over, message] of cases) {
      const reply = await refused(report({ ...henglan, ...over }), OPERATOR)
      expect(reply, what).toMatchObject({ code: 'invalid_location', message: expect.stringMatching(message) })
    }
  })

  it('lets a citizen set only the fields Open311 defines', async () => {
    const citizen: Principal = { actorId: 'citizen-1', name: '市民', role: 'citizen', towns: '*' }
    const own = {
      ...placeIn('henglan'),
      source: 'citizen_app' as const,
      priority: 'normal' as const,
      category: 'fire_safety' as const,
      description: '楼道堵塞',
      title: citizenReportTitle('fire_safety', '楼道堵塞'),
    }
    expect(await refused(report({ ...own, priority: 'urgent' }), citizen)).toMatchObject({ code: 'forbidden_field' })
    expect(await refused(report({ ...own, title: '特急！' }), citizen)).toMatchObject({ code: 'forbidden_field' })
    expect(await refused(report({ ...own, source: 'patrol' }), citizen)).toMatchObject({ code: 'forbidden_field' })
    await applied(report(own), citizen)
  })

  it('does not let the wall save a layout', async () => {
    const wall = await client(server.url, DEMO_TOKENS.wall.token, 'wall-pc')
    try {
      expect(await wall.emitWithAck(MSG.layoutSave, { layout: { screens: 4 } })).toMatchObject({
        code: 'read_only',
        message: expect.stringContaining('wall'),
      })
      expect(await wall.emitWithAck(MSG.layoutGet, {})).toMatchObject({ layout: null, updatedAt: null })
    } finally {
      wall.close()
    }
  })
})
