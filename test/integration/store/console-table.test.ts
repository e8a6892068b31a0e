import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  NO_ASSIGNEE,
  TABLE_SORT_COLUMNS,
  tableQuerySchema,
  type IncidentView,
  type TableCounts,
  type TableQueryInput,
  type TableSortColumn,
} from '@shared/contract'
import {
  AWAITING_DISPATCH,
  CATEGORY_IDS,
  isOpen,
  isOverdue,
  PRIORITIES,
  SOURCES,
  STATUSES,
  type Incident,
} from '@shared/domain'
import { DEMO_TOKENS } from '@shared/protocol'
import { createCore, type Core } from '../../../src/main/core/core'
import { upsertIncidents } from '../../../src/main/core/store/incident-rows'
import { tableIds } from '../../../src/main/core/store/table-queries'
import { sortIndex, tableWhere } from '../../../src/main/core/store/table-sql'
import { tableFilters } from '../../../src/renderer/src/views/console/table-query'
import { baseIncident } from '../../support/incident'
import { MIGRATIONS } from '../../unit/sync/helpers'

/**
 * The console table's requests against a real core and store: every view,
 * filter kind and sort key, checked against the same cases filtered and sorted
 * here in plain TypeScript with the domain's own rules (the order the contract
 * documents: the sort keys, then the report time and the insertion order in the
 * first key's direction; nulls first when ascending, as SQLite sorts them).
 */
const DAY = 86_400_000
const NOW = Date.now()
const TOWNS = ['henglan', 'dongfeng', 'xiaolan']
const ASSIGNEES: [Incident['assigneeKind'], string | null][] = [
  [null, null],
  ['department', 'fire'],
  ['department', 'gas'],
  ['team', 'team-henglan-1'],
]
const TITLES = ['消防通道堵塞', '燃气管道老化', 'Street LIGHT out', '路灯不亮', '井盖缺失 50%_off']
const N = 240

/** A spread of cases: every status, category, priority, source, town; deadlines past and future. */
function cases(): Incident[] {
  const out: Incident[] = []
  for (let i = 0; i < N; i++) {
    const status = STATUSES[i % STATUSES.length]!
    const [assigneeKind, assigneeId] = ASSIGNEES[(i * 7) % ASSIGNEES.length]!
    const withHandler = assigneeId !== null
    out.push(
      baseIncident({
        id: `case-${String(i).padStart(4, '0')}`,
        code: `ZS-${String((i * 37) % N).padStart(6, '0')}`,
        title: TITLES[(i * 3) % TITLES.length]!,
        category: CATEGORY_IDS[(i * 5) % CATEGORY_IDS.length]!,
        priority: PRIORITIES[(i * 11) % PRIORITIES.length]!,
        source: SOURCES[(i * 13) % SOURCES.length]!,
        status,
        townId: TOWNS[i % TOWNS.length]!,
        gridId: `${TOWNS[i % TOWNS.length]}-m0${i % 4}-s01`,
        address: `${TOWNS[i % TOWNS.length]} 路 ${(i * 17) % 50} 号`,
        // Some share a report time, so the tie-breakers show.
        reportedAt: NOW - Math.floor(i / 3) * 3_600_000,
        assigneeKind: withHandler ? assigneeKind : null,
        assigneeId,
        dispatchedAt: withHandler ? NOW - 5 * DAY : null,
        deadline: withHandler ? NOW + ((i % 9) - 4) * DAY : null,
        suspended: i % 23 === 0,
        suspendedAt: i % 23 === 0 ? NOW - DAY : null,
        suspendedMs: i % 10 === 0 ? 2 * DAY : 0,
        escalationLevel: i % 4,
        reworkCount: i % 6 === 0 ? 1 : 0,
      }),
    )
  }
  return out
}

const SORT_VALUE: Record<TableSortColumn, (i: Incident) => string | number | null> = {
  code: (i) => i.code,
  priority: (i) => PRIORITIES.indexOf(i.priority),
  status: (i) => i.status,
  // Replaced per direction below (finished cases last either way).
  deadline: (i) => (i.deadline === null ? null : i.deadline + i.suspendedMs),
  category: (i) => i.category,
  title: (i) => i.title,
  town: (i) => i.townId,
  grid: (i) => i.gridId,
  assignee: (i) => i.assigneeId,
  reportedAt: (i) => i.reportedAt,
  escalation: (i) => i.escalationLevel,
  rework: (i) => i.reworkCount,
  source: (i) => i.source,
  address: (i) => i.address,
}

function compareValues(a: string | number | null, b: string | number | null): number {
  if (a === b) return 0
  if (a === null) return -1
  if (b === null) return 1
  return a < b ? -1 : 1
}

const FINISHED: readonly string[] = ['closed', 'rejected', 'merged']
/**
 * By deadline, as documented: open cases by effective deadline (none: first ascending, after the dated
 * ones descending), then finished cases (closed, rejected, merged) in either direction.
 */
function deadlineKey(dir: 'asc' | 'desc'): (i: Incident) => number | null {
  const due = (i: Incident) => (i.deadline === null ? null : i.deadline + i.suspendedMs)
  return (i) => {
    const finished = FINISHED.includes(i.status)
    if (dir === 'asc') return finished ? 1e15 + (due(i) ?? 0) : due(i)
    return finished ? (due(i) ?? 0) - 1e15 : (due(i) ?? -5e14)
  }
}

/** The documented order; `position` is the insertion order (SQLite's rowid). */
function expectedOrder(
  rows: Incident[],
  sort: readonly { col: TableSortColumn; dir: 'asc' | 'desc' }[],
  position: Map<string, number>,
): string[] {
  const keys = sort.length > 0 ? sort : [{ col: 'reportedAt' as const, dir: 'desc' as const }]
  const last = keys[0]!.dir === 'asc' ? 1 : -1
  return [...rows]
    .sort((a, b) => {
      for (const k of keys) {
        const value = k.col === 'deadline' ? deadlineKey(k.dir) : SORT_VALUE[k.col]
        const c = compareValues(value(a), value(b))
        if (c !== 0) return k.dir === 'asc' ? c : -c
      }
      if (a.reportedAt !== b.reportedAt) return last * (a.reportedAt - b.reportedAt)
      return last * (position.get(a.id)! - position.get(b.id)!)
    })
    .map((i) => i.id)
}

let core: Core
let dir: string
let all: Incident[]
const position = new Map<string, number>()
const ctx = { origin: 'internal', readOnly: false } as const

async function call<T>(name: string, args: unknown): Promise<T> {
  const r = await core.registry.call(name, args, ctx)
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`)
  return r.value as T
}

/** Every row of a query, read block by block as the grid does. */
async function readAll(query: TableQueryInput, block = 37): Promise<IncidentView[]> {
  const out: IncidentView[] = []
  for (let offset = 0; ; offset += block) {
    const r = await call<{ rows: IncidentView[]; end: boolean }>('table.rows', { query, offset, limit: block })
    out.push(...r.rows)
    if (r.end) return out
  }
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'gc-table-'))
  core = await createCore({
    dataDir: dir,
    migrationsFolder: MIGRATIONS,
    host: 'browser',
    version: 'test',
    server: null,
    embeddedServer: false,
  })
  core.status.update({ operator: DEMO_TOKENS.operator.principal })
  all = cases()
  // Inserted in a shuffled order, so the insertion order (the last tie-breaker) is not the id order.
  const shuffled = [...all].sort((a, b) => ((a.id.charCodeAt(7) * 31) % 17) - ((b.id.charCodeAt(7) * 31) % 17))
  shuffled.forEach((i, n) => position.set(i.id, n))
  for (const i of shuffled) await upsertIncidents(core.store.sqlite, [i])
})
afterAll(async () => {
  await core.close()
  await rm(dir, { recursive: true, force: true })
})

describe('console table: sorting', () => {
  it.each(
    TABLE_SORT_COLUMNS.flatMap((col) => [
      { col, dir: 'asc' as const },
      { col, dir: 'desc' as const },
    ]),
  )('sorts by $col $dir, block after block, exactly as documented', async (sort) => {
    const rows = await readAll({ sort: [sort] })
    expect(rows.map((r) => r.id)).toEqual(expectedOrder(all, [sort], position))
  })

  it('sorts by several keys, and newest first when nothing is sorted', async () => {
    const sort = [
      { col: 'status', dir: 'asc' },
      { col: 'priority', dir: 'desc' },
    ] as const
    expect((await readAll({ sort: [...sort] })).map((r) => r.id)).toEqual(expectedOrder(all, sort, position))
    expect((await readAll({})).map((r) => r.id)).toEqual(expectedOrder(all, [], position))
  })

  it('puts finished cases (closed, rejected, merged) last when sorted by deadline, either way', async () => {
    for (const dir of ['asc', 'desc'] as const) {
      const statuses = (await readAll({ sort: [{ col: 'deadline', dir }] })).map((r) => r.status)
      const firstFinished = statuses.findIndex((s) => FINISHED.includes(s))
      expect(firstFinished, dir).toBeGreaterThan(0)
      expect(
        statuses.slice(firstFinished).every((s) => FINISHED.includes(s)),
        dir,
      ).toBe(true)
    }
  })
})

describe('console table: the checkbox filters', () => {
  it('status and category checkbox lists (the grid filter model) read the same ids as plain SQL', async () => {
    const words = {
      status: (id: string) => id,
      priority: (id: string) => id,
      category: (id: string) => id,
      source: (id: string) => id,
      towns: [],
      grids: [],
      assignees: [],
    }
    const statuses = ['accepted', 'dispatched', 'closed']
    const categories = CATEGORY_IDS.slice(0, 4)
    const filters = tableFilters(
      {
        status: { filterType: 'set', values: statuses },
        category: { filterType: 'set', values: categories },
      },
      words,
    )
    const rows = await readAll({ filters, sort: [{ col: 'code', dir: 'asc' }] })
    const sql = await core.store.sqlite.all(
      `SELECT id FROM incidents WHERE status IN (${statuses.map(() => '?').join(',')})
         AND category IN (${categories.map(() => '?').join(',')}) ORDER BY code`,
      [...statuses, ...categories],
    )
    expect(rows.length).toBeGreaterThan(0)
    expect(rows.map((r) => r.id)).toEqual(sql.map((r) => r.id))
    // Nothing checked: nothing passes (the operator unticked every box).
    const none = tableFilters({ status: { filterType: 'set', values: [] } }, words)
    expect(await readAll({ filters: none })).toEqual([])
  })
})

describe('console table: views, filters, quick filter', () => {
  const now = () => Date.now()
  const cases_: [string, TableQueryInput, (i: Incident) => boolean][] = [
    ['all', { view: 'all' }, () => true],
    ['awaiting', { view: 'awaiting' }, (i) => AWAITING_DISPATCH.includes(i.status)],
    ['my town', { view: 'my_town', myTowns: ['henglan', 'xiaolan'] }, (i) => ['henglan', 'xiaolan'].includes(i.townId)],
    ['my town, city-wide', { view: 'my_town', myTowns: '*' }, () => true],
    ['overdue', { view: 'overdue' }, (i) => isOverdue(i, now())],
    ['hazards', { view: 'hazards' }, (i) => ['fire_safety', 'gas_safety'].includes(i.category) && isOpen(i)],
    ['rework', { view: 'rework' }, (i) => i.reworkCount > 0 && isOpen(i)],
    [
      'title contains (any case, % and _ are literal)',
      { filters: { title: { kind: 'text', op: 'contains', value: 'light' } } },
      (i) => i.title.toLowerCase().includes('light'),
    ],
    [
      'title contains a literal 50%_',
      { filters: { title: { kind: 'text', op: 'contains', value: '50%_' } } },
      (i) => i.title.includes('50%_'),
    ],
    [
      'code starts with, or address ends with',
      {
        filters: {
          code: { kind: 'text', op: 'startsWith', value: 'ZS-0001' },
          address: {
            join: 'or',
            of: [
              { kind: 'text', op: 'endsWith', value: '7 号' },
              { kind: 'text', op: 'notContains', value: '路' },
            ],
          },
        },
      },
      (i) => i.code.startsWith('ZS-0001') && i.address.endsWith('7 号'),
    ],
    [
      'status and town sets',
      {
        filters: {
          status: { kind: 'set', values: ['dispatched', 'in_progress'] },
          town: { kind: 'set', values: ['dongfeng'] },
        },
      },
      (i) => ['dispatched', 'in_progress'].includes(i.status) && i.townId === 'dongfeng',
    ],
    [
      'assignee: a department, or none',
      { filters: { assignee: { kind: 'set', values: ['gas', NO_ASSIGNEE] } } },
      (i) => i.assigneeId === 'gas' || i.assigneeId === null,
    ],
    ['an empty set keeps nothing', { filters: { category: { kind: 'set', values: [] } } }, () => false],
    [
      'escalation strictly between 0 and 3, rework ≥ 1',
      {
        filters: {
          escalation: { kind: 'number', op: 'between', value: 0, to: 3 },
          rework: { kind: 'number', op: 'ge', value: 1 },
        },
      },
      (i) => i.escalationLevel > 0 && i.escalationLevel < 3 && i.reworkCount >= 1,
    ],
    [
      'reported on one day; deadline blank',
      {
        filters: {
          reportedAt: { kind: 'date', op: 'on', from: NOW - 2 * DAY, to: NOW - DAY },
          deadline: { kind: 'date', op: 'blank' },
        },
      },
      (i) => i.reportedAt >= NOW - 2 * DAY && i.reportedAt < NOW - DAY && i.deadline === null,
    ],
    [
      'deadline (pushed back by suspended time) after a day',
      { filters: { deadline: { kind: 'date', op: 'after', to: NOW + DAY } } },
      (i) => i.deadline !== null && i.deadline + i.suspendedMs >= NOW + DAY,
    ],
    [
      'quick filter: two words, each in text or a coded value named like it',
      { quick: [{ text: '路' }, { text: 'x', towns: ['henglan'] }] },
      (i) =>
        [i.code, i.title, i.address].some((s) => s.includes('路')) &&
        ([i.code, i.title, i.address].some((s) => s.toLowerCase().includes('x')) || i.townId === 'henglan'),
    ],
  ]

  it.each(cases_)('%s: the rows and the count are the matching cases, in order', async (_, query, keep) => {
    const expected = expectedOrder(all.filter(keep), query.sort ?? [], position)
    expect((await readAll(query)).map((r) => r.id)).toEqual(expected)
    const counts = await call<TableCounts>('table.count', { query })
    expect(counts).toMatchObject({ count: expected.length, cached: N })
  })

  it('reads the same rows whichever way it finds the range: walking the sort index or narrowing first', async () => {
    const query = tableQuerySchema.parse({
      view: 'awaiting',
      filters: { town: { kind: 'set', values: ['henglan', 'dongfeng'] } },
      quick: [{ text: '路' }],
      sort: [{ col: 'grid', dir: 'desc' }],
    })
    const now = Date.now()
    const expected = expectedOrder(
      all.filter(
        (i) =>
          AWAITING_DISPATCH.includes(i.status) &&
          ['henglan', 'dongfeng'].includes(i.townId) &&
          [i.code, i.title, i.address].some((t) => t.includes('路')),
      ),
      query.sort,
      position,
    )
    expect(expected.length).toBeGreaterThan(5)
    const read = (plan: Parameters<typeof tableIds>[5]) => tableIds(core.store.sqlite, query, now, 2, 1000, plan)
    expect(await read({ walk: sortIndex('grid', 'desc'), budget: null, cap: 0, cached: 0 })).toEqual(expected.slice(2))
    // A walk with a budget large enough; one that runs out and reads further; one that then narrows first.
    const walk = { walk: sortIndex('grid', 'desc'), cached: N }
    expect(await read({ ...walk, budget: 10_000, cap: N })).toEqual(expected.slice(2))
    expect(await read({ ...walk, budget: 5, cap: N })).toEqual(expected.slice(2))
    expect(await read({ ...walk, budget: 5, cap: 10 })).toEqual(expected.slice(2))
    expect(await read({ narrow: tableWhere(query, now, { text: false }) })).toEqual(expected.slice(2))
    // A block that is full within the budget is the same as the unbounded walk's.
    const head = await tableIds(core.store.sqlite, query, now, 0, 3, { ...walk, budget: 10_000, cap: N })
    expect(head).toEqual(expected.slice(0, 3))
  })

  it("counts every view for the tabs' badges", async () => {
    const counts = await call<Record<string, number>>('table.viewCounts', { myTowns: ['henglan'] })
    expect(counts).toEqual({
      all: N,
      awaiting: all.filter((i) => AWAITING_DISPATCH.includes(i.status)).length,
      my_town: all.filter((i) => i.townId === 'henglan').length,
      overdue: all.filter((i) => isOverdue(i, Date.now())).length,
      hazards: all.filter((i) => ['fire_safety', 'gas_safety'].includes(i.category) && isOpen(i)).length,
      rework: all.filter((i) => i.reworkCount > 0 && isOpen(i)).length,
    })
  })

  it('refuses a filter of the wrong kind for its column', async () => {
    const r = await core.registry.call(
      'table.rows',
      { query: { filters: { status: { kind: 'text', op: 'contains', value: 'x' } } }, offset: 0, limit: 10 },
      ctx,
    )
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.code).toBe('invalid_args')
  })
})

describe('console table: changes, drill-downs, pending commands, export', () => {
  it('tells which ids fill a range now, and returns the changed cases asked about', async () => {
    const order = expectedOrder(all, [{ col: 'title', dir: 'asc' }], position)
    const r = await call<{ ids: string[]; rows: IncidentView[] }>('table.changed', {
      query: { sort: [{ col: 'title', dir: 'asc' }] },
      ids: [order[12]!, 'no-such-case'],
      offset: 10,
      limit: 5,
    })
    expect(r.ids).toEqual(order.slice(10, 15))
    expect(r.rows.map((v) => v.id)).toEqual([order[12]])
  })

  it('a drill-down set holds exactly the cases the number counted; a forgotten one is refused', async () => {
    const drill = await call<{ drill: string; total: number }>('table.drill', { key: { metric: 'open' } })
    const open = all.filter(isOpen)
    expect(drill.total).toBe(open.length)
    const rows = await readAll({ drill: drill.drill, sort: [{ col: 'code', dir: 'asc' }] })
    expect(rows.map((r) => r.id)).toEqual(expectedOrder(open, [{ col: 'code', dir: 'asc' }], position))
    const r = await core.registry.call('table.rows', { query: { drill: 'drill-999' }, offset: 0, limit: 5 }, ctx)
    expect(r.ok ? null : r.error.code).toBe('not_found')
  })

  it('shows a queued command as pending, overlaid on its row, and exports every matching row', async () => {
    const target = all.find((i) => i.status === 'accepted' && i.townId === 'dongfeng')!
    await call('commands.submit', {
      type: 'dispatch',
      incidentId: target.id,
      expectedVersion: target.version,
      payload: { assignee: { kind: 'department', id: 'fire' } },
    })
    const rows = await readAll({ view: 'awaiting', myTowns: '*' })
    const shown = rows.find((r) => r.id === target.id)!
    // Still where the cache puts it (the server has not answered), shown as it will be.
    expect(shown.pending).toEqual(['dispatch'])
    expect(shown.status).toBe('dispatched')

    const query = { view: 'my_town', myTowns: ['dongfeng'], sort: [{ col: 'code', dir: 'desc' }] } as const
    const labels = {
      locale: 'zh-CN',
      tzOffsetMinutes: 480,
      headers: { code: '编号', pending: '待确认', town: '镇街' },
      values: { 'actions.dispatch': '派遣', 'status.dispatched': '已派遣' },
    }
    const start = await call<{ exportId: string; total: number }>('table.exportStart', { query, labels })
    const expected = expectedOrder(
      all.filter((i) => i.townId === 'dongfeng'),
      query.sort,
      position,
    )
    expect(start.total).toBe(expected.length)
    let text = ''
    for (;;) {
      const chunk = await call<{ text: string; done: boolean }>('table.exportNext', { exportId: start.exportId })
      text += chunk.text
      if (chunk.done) break
    }
    const lines = text.split('\r\n').filter(Boolean)
    expect(lines[0]).toBe(
      '\uFEFF编号,priority,status,待确认,category,title,镇街,grid,assignee,reportedAt,deadline,escalation,rework,source,address',
    )
    expect(lines).toHaveLength(expected.length + 1)
    const codes = new Map(all.map((i) => [i.id, i.code]))
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(expected.map((id) => codes.get(id)))
    const line = lines.find((l) => l.startsWith(`${target.code},`))!
    expect(line.split(',').slice(2, 4)).toEqual(['已派遣', '派遣'])
    // Finished exports are let go.
    const again = await core.registry.call('table.exportNext', { exportId: start.exportId }, ctx)
    expect(again.ok ? null : again.error.code).toBe('not_found')
  })
})

describe('console table: holding the rows still while cases arrive', () => {
  it('leaves out cases that arrived after the watermark and counts them as newer', async () => {
    const query = { view: 'awaiting' as const }
    const before = await call<TableCounts>('table.count', { query })
    const held = { ...query, arrivedUpTo: before.lastArrival }
    const shown = (await readAll(held)).map((v) => v.id)
    expect(await call<TableCounts>('table.count', { query: held })).toMatchObject({ count: before.count, newer: 0 })

    // Three new reports (awaiting dispatch), one dispatched case and an update of a held case arrive.
    const arrivals = [0, 1, 2].map((n) =>
      baseIncident({ id: `arrival-${n}`, code: `ZS-9${n}`, status: 'reported', reportedAt: NOW + n * 1000 }),
    )
    const other = baseIncident({ id: 'arrival-x', code: 'ZS-99', status: 'closed', reportedAt: NOW })
    const updated = all.find((i) => i.id === shown[0])!
    await upsertIncidents(core.store.sqlite, [...arrivals, other, { ...updated, title: '标题改了', version: 9 }])
    core.hub.emit('changes', {
      incidentIds: [...arrivals.map((a) => a.id), other.id],
      all: false,
      conflictsChanged: false,
      cursor: 2,
    })

    // Held: the same rows in the same order (the updated case keeps its place), three waiting.
    expect((await readAll(held)).map((v) => v.id)).toEqual(shown)
    const counts = await call<TableCounts>('table.count', { query: held })
    expect(counts).toMatchObject({ count: before.count, newer: 3, lastArrival: before.lastArrival + 4 })
    // Let in: the newest first, as the view sorts them.
    const now = await readAll({ ...query, arrivedUpTo: counts.lastArrival })
    expect(now.slice(0, 3).map((v) => v.id)).toEqual(['arrival-2', 'arrival-1', 'arrival-0'])
    expect((await readAll(query)).length).toBe(before.count + 3)
  })
})
