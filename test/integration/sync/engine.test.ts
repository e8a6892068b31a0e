import { describe, expect, it, vi } from 'vitest'
import type { SyncStatus } from '@shared/contract'
import { DEMO_TOKENS } from '@shared/protocol'
import type { Core } from '../../../src/main/core/core'
import { readSyncState } from '../../../src/main/core/sync/sync-state'
import { EventFactory } from '../../unit/sync/event-factory'
import { closeQuietly, perTestDirs, startCore, until } from './fixtures/harness'
import { StubServer } from './fixtures/stub-server'

let stub: StubServer | null = null
let core: Core | null = null
const tempDir = perTestDirs(() => closeQuietly(core, stub))

async function stubWith(events: number): Promise<StubServer> {
  const s = (stub = new StubServer(new EventFactory().stream(events, Math.max(1, Math.floor(events / 8)))))
  await s.listen()
  return s
}

/** Every state the status board shows from now on. */
function record(ws: Core): SyncStatus[] {
  const shown: SyncStatus[] = []
  const update = ws.status.update.bind(ws.status)
  vi.spyOn(ws.status, 'update').mockImplementation((patch) => {
    update(patch)
    shown.push(ws.status.get())
  })
  return shown
}

const online = (ws: Core, cursor: number) => () =>
  ws.status.get().cursor === cursor && ws.status.get().connection === 'online'

describe('the sync engine talking to a server', () => {
  it('says hello with its token, stored cursor and server, and remembers who it is', async () => {
    const c = await tempDir()
    const s = await stubWith(30)
    core = await startCore(c.dir, s.url)
    const first = core
    await until(online(first, 30))
    expect(s.hellos[0]).toEqual({ protocol: 1, cursor: 0, serverId: null })
    expect(s.auths[0]).toEqual({ token: DEMO_TOKENS.operator.token })
    expect(first.status.get()).toMatchObject({
      operator: DEMO_TOKENS.operator.principal,
      headSeq: 30,
      catchUp: null,
      lastContactAt: expect.any(Number),
      offlineSince: null,
    })
    await until(() => first.sync.reference.get()?.version === 'stub-1')
    expect(s.referenceRequests).toBe(1)
    expect(await readSyncState(first.store.sqlite)).toMatchObject({
      serverId: 'stub',
      cursor: 30,
      principal: DEMO_TOKENS.operator.principal,
      referenceVersion: 'stub-1',
    })
    await first.close()
    expect(first.status.get()).toMatchObject({ connection: 'offline', catchUp: null })

    // Again: from its cursor, on the same server, without fetching reference data it already has.
    core = await startCore(c.dir, s.url)
    const second = core
    await until(online(second, 30))
    expect(s.hellos[1]).toEqual({ protocol: 1, cursor: 30, serverId: 'stub' })
    expect(second.status.get().operator).toEqual(DEMO_TOKENS.operator.principal)
    expect(s.referenceRequests).toBe(1)
    await second.close()

    // New reference data on the server: fetched, stored, and the windows told to refresh everything.
    s.reference = { ...s.reference, version: 'stub-2' }
    core = await startCore(c.dir, s.url)
    const third = core
    const notices: { all: boolean }[] = []
    third.hub.subscribe((name, payload) => name === 'changes' && notices.push(payload as { all: boolean }))
    await until(() => third.sync.reference.get()?.version === 'stub-2')
    expect(s.referenceRequests).toBe(2)
    await until(() => notices.some((n) => n.all))
  })

  it('names no server while a reset is under way, so the server starts it again', async () => {
    const c = await tempDir()
    const s = await stubWith(10)
    const prepared = await startCore(c.dir, null)
    await readSyncState(prepared.store.sqlite)
    await prepared.store.sqlite.run("UPDATE sync_state SET server_id = 'stub', resetting = 1")
    await prepared.close()
    core = await startCore(c.dir, s.url)
    await until(online(core, 10))
    expect(s.hellos[0]).toEqual({ protocol: 1, cursor: 0, serverId: null })
  })

  it('drops the link when its hello is refused, and tries again until it is accepted', async () => {
    const c = await tempDir()
    const s = await stubWith(10)
    s.refuse = 2
    core = await startCore(c.dir, s.url)
    const ws = core
    const shown = record(ws)
    await until(online(ws, 10))
    // Each refused hello dropped its link (a new connection for every hello) and showed as offline;
    // only the accepted one showed as catching up, then online.
    expect(s.hellos.length).toBeGreaterThanOrEqual(3)
    expect(new Set(s.helloSockets).size).toBe(s.hellos.length)
    const states = shown.map((x) => x.connection).filter((x, i, all) => x !== all[i - 1])
    expect(states.slice(-3)).toEqual(['connecting', 'catching_up', 'online'])
    expect(states.slice(0, -2).filter((x) => x === 'offline').length).toBeGreaterThanOrEqual(2)
    expect(states.slice(0, -2).every((x) => x === 'offline' || x === 'connecting')).toBe(true)
    expect(ws.sync.engine?.lastDownReason).toMatch(/^hello refused: .*not now/)
  })

  it('tells how far it has caught up, page by page, against the head the server named', async () => {
    const c = await tempDir()
    const s = await stubWith(2500)
    core = await startCore(c.dir, null)
    await core.close()
    core = await startCore(c.dir, s.url)
    const ws = core
    const shown = record(ws)
    await until(online(ws, 2500))
    const progress = shown.filter((x) => x.catchUp !== null).map((x) => x.catchUp)
    expect(progress[0]).toEqual({ done: 0, total: 2500 })
    expect(progress).toContainEqual({ done: 1000, total: 2500 })
    expect(progress).toContainEqual({ done: 2000, total: 2500 })
    for (const p of progress) expect(p!.done).toBeLessThanOrEqual(p!.total)
    expect(shown.filter((x) => x.catchUp !== null).every((x) => x.connection === 'catching_up')).toBe(true)
    expect(ws.status.get()).toMatchObject({ connection: 'online', catchUp: null, cursor: 2500, headSeq: 2500 })
  })

  it('learns the head from heartbeats and shows it, without moving its cursor', async () => {
    const c = await tempDir()
    const all = new EventFactory().stream(25, 4)
    const s = (stub = new StubServer(all.slice(0, 20)))
    await s.listen()
    core = await startCore(c.dir, s.url)
    const ws = core
    await until(online(ws, 20))
    s.log.push(...all.slice(20)) // committed on the server; the live batch never arrives
    const before = ws.status.get().lastContactAt ?? 0
    s.beat(25)
    await until(() => ws.status.get().headSeq === 25)
    expect(ws.status.get().cursor).toBe(20)
    expect(ws.status.get().lastContactAt).toBeGreaterThanOrEqual(before)
    // A late beat naming an older head does not take the shown head back.
    s.beat(21)
    await until(() => ws.status.get().cursor === 25) // two beats behind: it asked again
    expect(ws.status.get().headSeq).toBe(25)
    expect(s.hellos.map((h) => h.cursor)).toEqual([0, 20])
  })

  it('drops a server that stopped talking (three heartbeats of silence) and reconnects', async () => {
    const c = await tempDir()
    const s = await stubWith(8) // the stub sends no heartbeats unless told
    core = await startCore(c.dir, s.url)
    const ws = core
    await until(online(ws, 8))
    const shown = record(ws)
    await until(() => s.hellos.length === 2)
    expect(ws.sync.engine?.lastDownReason).toBe('server silent')
    expect(shown.map((x) => x.connection)).toContain('offline')
    expect(new Set(s.helloSockets).size).toBe(2)
    expect(s.hellos[1]).toEqual({ protocol: 1, cursor: 8, serverId: 'stub' })
    await until(online(ws, 8))
  })

  it('after stopping, stays offline and does not reconnect', async () => {
    const c = await tempDir()
    const s = await stubWith(5)
    core = await startCore(c.dir, s.url)
    const ws = core
    await until(online(ws, 5))
    await ws.close()
    core = null
    s.beat(9)
    await new Promise((r) => setTimeout(r, 600))
    expect(s.hellos.length).toBe(1)
    expect(ws.status.get().connection).toBe('offline')
  })
})
