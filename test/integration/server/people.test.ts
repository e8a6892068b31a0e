import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_TOKENS, MSG, peopleReplySchema, type PeopleReply, type Problem } from '@shared/protocol'
import type { RunningServer } from '../../../src/server/index'
import { action, client, quietServer, report, tempDir, type ClientSocket } from './helpers'

const ask = (s: ClientSocket) => s.timeout(5_000).emitWithAck(MSG.people, {}) as Promise<PeopleReply | Problem>

/** The supervisor desk's `people`: command-room accounts with display names, and who is connected now. */
describe('people: who is in the command room and who is on shift', () => {
  const tmp = tempDir()
  let server: RunningServer
  const open: ClientSocket[] = []
  const connect = async (token: string) => {
    const s = await client(server.url, token)
    open.push(s)
    return s
  }

  beforeAll(async () => {
    server = await quietServer(tmp.dir)
    const add = (id: string, name: string, role: 'operator' | 'supervisor' | 'field', towns: '*' | string[]) =>
      server.admin.addUser({ id, name, role, towns, password: 'a-long-enough-password-1' })
    await add('op-xiaolan-07', '小榄值班员七号', 'operator', ['xiaolan'])
    await add('op-henglan-09', '横栏值班员九号', 'operator', ['henglan'])
    await add('op-gone', '已停用值班员', 'operator', '*')
    await add('w-someone', '某网格员', 'field', ['henglan'])
    await server.admin.disable('op-gone')
  })
  afterAll(async () => {
    for (const s of open) s.disconnect()
    await server.close()
    tmp.remove()
  })

  it('names the accounts, says who is connected, and leaves out other roles and disabled accounts', async () => {
    const supervisor = await connect(DEMO_TOKENS.supervisor.token)
    await connect(DEMO_TOKENS.henglanOperator.token)
    const reply = peopleReplySchema.parse(await ask(supervisor))
    const byId = new Map(reply.people.map((p) => [p.actorId, p]))
    expect(byId.get('op-xiaolan-07')).toEqual({
      actorId: 'op-xiaolan-07',
      name: '小榄值班员七号',
      role: 'operator',
      towns: ['xiaolan'],
      onShift: false,
      lastHour: { accepted: 0, dispatched: 0, verified: 0 },
    })
    // A connected principal counts as on shift (here a service token's, which has no account).
    expect(byId.get(DEMO_TOKENS.henglanOperator.principal.actorId)).toMatchObject({ onShift: true })
    expect(byId.get(DEMO_TOKENS.supervisor.principal.actorId)).toMatchObject({ role: 'supervisor', onShift: true })
    expect(byId.has('op-gone')).toBe(false)
    expect(byId.has('w-someone')).toBe(false)
    expect(byId.has(DEMO_TOKENS.wall.principal.actorId)).toBe(false)
  })

  it('gives a town-scoped reader only the people whose towns meet theirs', async () => {
    const henglan = await connect(DEMO_TOKENS.henglanOperator.token)
    const ids = peopleReplySchema.parse(await ask(henglan)).people.map((p) => p.actorId)
    expect(ids).toContain('op-henglan-09')
    expect(ids).toContain(DEMO_TOKENS.supervisor.principal.actorId) // city-wide (and still connected): meets every town
    expect(ids).not.toContain('op-xiaolan-07')
  })

  it('counts what each did in the last hour from the log: accepted, dispatched, verified', async () => {
    const supervisor = await connect(DEMO_TOKENS.supervisor.token)
    const who = DEMO_TOKENS.henglanOperator.principal
    const take = async (dispatchToo: boolean) => {
      const r = report()
      expect((await server.submit(r, who)).status).toBe('applied')
      expect((await server.submit(action('accept', r.incidentId, 1, {}), who)).status).toBe('applied')
      if (dispatchToo) {
        const d = action('dispatch', r.incidentId, 2, { assignee: { kind: 'department', id: 'fire' } })
        expect((await server.submit(d, who)).status).toBe('applied')
      }
    }
    await take(true)
    await take(false)
    const reply = peopleReplySchema.parse(await ask(supervisor))
    expect(reply.people.find((p) => p.actorId === who.actorId)?.lastHour).toEqual({
      accepted: 2,
      dispatched: 1,
      verified: 0,
    })
  })

  it('refuses roles outside the command room', async () => {
    for (const token of [DEMO_TOKENS.department.token, DEMO_TOKENS.field.token, DEMO_TOKENS.wall.token]) {
      expect(await ask(await connect(token))).toMatchObject({ code: 'forbidden_role' })
    }
  })
})
