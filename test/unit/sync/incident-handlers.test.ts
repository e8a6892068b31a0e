import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Conflict, IncidentDetail, IncidentView, PendingCommand } from '@shared/contract'
import { DEMO_TOKENS } from '@shared/protocol'
import { createCore, type Core } from '../../../src/main/core/core'
import { applyEvents } from '../../../src/main/core/sync/apply-events'
import { EventFactory } from './event-factory'
import { MIGRATIONS } from './helpers'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'

let core: Core
let dir: string
const ctx = { origin: 'internal', readOnly: false } as const
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'gc-handlers-'))
  core = await createCore({
    dataDir: dir,
    migrationsFolder: MIGRATIONS,
    host: 'browser',
    version: 'test',
    server: null,
    embeddedServer: false,
  })
  core.status.update({ operator: DEMO_TOKENS.operator.principal })
})
afterEach(async () => {
  await core.close()
  await rm(dir, { recursive: true, force: true })
})

async function call<T>(name: string, args: unknown): Promise<T> {
  const r = await core.registry.call(name, args, ctx)
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`)
  return r.value as T
}

describe('incident handlers', () => {
  it('lists with filters: status, text, overdue (effective deadline), paging', async () => {
    const now = Date.now()
    const f = new EventFactory(now - 30 * 86_400_000)
    const events = [f.report('a'), f.report('b', { category: 'gas_safety' }), f.report('c'), f.step('a'), f.step('a')] // a: dispatched long ago
    await applyEvents(core.store.sqlite, events, 'live')
    const all = await call<{ rows: IncidentView[]; total: number }>('incidents.list', {})
    expect(all.total).toBe(3)
    const dispatched = await call<{ rows: IncidentView[] }>('incidents.list', { filter: { statuses: ['dispatched'] } })
    expect(dispatched.rows.map((r) => r.id)).toEqual(['a'])
    const overdue = await call<{ rows: IncidentView[] }>('incidents.list', { filter: { overdue: true } })
    expect(overdue.rows.map((r) => r.id)).toEqual(['a'])
    const notOverdue = await call<{ total: number }>('incidents.list', { filter: { overdue: false } })
    expect(notOverdue.total).toBe(2)
    const byText = await call<{ rows: IncidentView[] }>('incidents.list', { filter: { text: 'No. b Road' } })
    expect(byText.rows.map((r) => r.id)).toEqual(['b'])
    const page = await call<{ rows: IncidentView[]; total: number }>('incidents.list', { offset: 1, limit: 1 })
    expect(page.rows).toHaveLength(1)
    expect(page.total).toBe(3)
  })

  it('overlays pending commands, lists them, and offers the actions the role allows', async () => {
    const f = new EventFactory()
    await applyEvents(
      core.store.sqlite,
      [f.report('a'), f.report('near', { lat: 22.5005 }), f.report('far', { lat: 23.5 })],
      'live',
    )
    const notices: unknown[] = []
    core.hub.subscribe((name, p) => name === 'changes' && notices.push(p))
    const { commandId } = await call<{ commandId: string }>('commands.submit', {
      type: 'accept',
      incidentId: 'a',
      expectedVersion: 1,
      payload: {},
    })
    expect(notices).toContainEqual(expect.objectContaining({ incidentIds: ['a'] }))
    const detail = await call<IncidentDetail>('incident.get', { id: 'a' })
    expect(detail.incident.status).toBe('accepted')
    expect(detail.incident.pending).toEqual(['accept'])
    expect(detail.pending.map((p) => p.commandId)).toEqual([commandId])
    expect(detail.allowedActions).toContain('dispatch')
    expect(detail.allowedActions).not.toContain('accept')
    expect(detail.timeline.map((t) => t.type)).toEqual(['report'])
    expect(detail.suggestedDuplicates.map((d) => d.id)).toEqual(['near'])
    const pending = await call<PendingCommand[]>('commands.pending', {})
    expect(pending).toHaveLength(1)
    await expect(
      call('commands.submit', { type: 'resolve', incidentId: 'a', expectedVersion: 2, payload: {} }),
    ).rejects.toThrow(/invalid_args/)
    expect(await call<Conflict[]>('conflicts.list', {})).toEqual([])
  })

  it('names the cases a merge links by ZS- code: the master on the duplicate, the duplicates on the master', async () => {
    const f = new EventFactory()
    const events = [f.report('master'), f.report('dup'), f.report('other')]
    events.push(f.merge('dup', 'master'))
    await applyEvents(core.store.sqlite, events, 'live')
    const dup = await call<IncidentDetail>('incident.get', { id: 'dup' })
    const master = await call<IncidentDetail>('incident.get', { id: 'master' })
    expect(dup.related).toEqual([
      { id: 'master', code: master.incident.code, title: 'Hazard master', relation: 'master' },
    ])
    expect(master.related).toEqual([{ id: 'dup', code: dup.incident.code, title: 'Hazard dup', relation: 'merged_in' }])
    expect(master.incident.code).toMatch(/^ZS-/)
    expect((await call<IncidentDetail>('incident.get', { id: 'other' })).related).toEqual([])
  })

  it('shows a case reported here before the server has it', async () => {
    await call('commands.submit', {
      type: 'report',
      incidentId: 'local-1',
      expectedVersion: null,
      payload: {
        title: '路灯不亮',
        description: '',
        category: 'city_components',
        priority: 'low',
        source: 'patrol',
        townId: 't',
        gridId: 'g',
        componentId: null,
        lat: 22.5,
        lng: 113.4,
        address: '中山路',
      },
    })
    const list = await call<{ rows: IncidentView[] }>('incidents.list', {})
    expect(list.rows.map((r) => [r.id, r.pending])).toEqual([['local-1', ['report']]])
    const detail = await call<IncidentDetail>('incident.get', { id: 'local-1' })
    expect(detail.incident.title).toBe('路灯不亮')
  })

  it('refuses writes from read-only callers and unknown incidents', async () => {
    const r = await core.registry.call(
      'commands.submit',
      { type: 'comment', incidentId: 'x', expectedVersion: 1, payload: { text: 'x' } },
      { origin: 'socket', readOnly: true },
    )
    expect(r.ok).toBe(false)
    await expect(call('incident.get', { id: 'nope' })).rejects.toThrow(/not_found/)
  })
})
