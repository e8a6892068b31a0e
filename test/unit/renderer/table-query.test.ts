import { describe, expect, it } from 'vitest'
import { NO_ASSIGNEE, tableQuerySchema } from '@shared/contract'
import {
  dayStart,
  quickWords,
  tableFilters,
  tableQuery,
  tableSort,
  type Vocabulary,
} from '../../../src/renderer/src/views/console/table-query'
import { cachedLabel } from '../../../src/renderer/src/lib/label-cache'

/** The labels an operator reads (Chinese, as the app's default). */
const LABELS: Record<string, string> = {
  'status.reported': '待受理',
  'status.accepted': '已受理',
  'status.dispatched': '已派遣',
  'status.in_progress': '处置中',
  'status.closed': '已结案',
  'priority.urgent': '特急',
  'priority.high': '紧急',
  'category.gas_safety': '燃气安全',
  'category.fire_safety': '消防安全',
  'source.hotline': '12345热线',
}
const words: Vocabulary = {
  status: (id) => LABELS[`status.${id}`] ?? id,
  priority: (id) => LABELS[`priority.${id}`] ?? id,
  category: (id) => LABELS[`category.${id}`] ?? id,
  source: (id) => LABELS[`source.${id}`] ?? id,
  towns: [
    { id: 'henglan', name: '横栏镇' },
    { id: 'xiaolan', name: '小榄镇' },
    { id: 'shiqi', name: '石岐街道' },
  ],
  grids: [
    { id: 'henglan-m01-s01', name: '新茂村第1网格' },
    { id: 'xiaolan-m02-s01', name: '永宁社区第1网格' },
  ],
  assignees: [
    { id: 'fire', name: '消防救援' },
    { id: 'gas', name: '燃气办' },
  ],
}

describe('the grid state as the core query', () => {
  it('passes free-text conditions on code, title and address through, two joined ones too', () => {
    expect(
      tableFilters(
        {
          title: { filterType: 'text', type: 'contains', filter: '燃气' },
          address: {
            filterType: 'text',
            operator: 'OR',
            conditions: [
              { filterType: 'text', type: 'startsWith', filter: '横栏' },
              { filterType: 'text', type: 'blank' },
            ],
          },
        },
        words,
      ),
    ).toEqual({
      title: { kind: 'text', op: 'contains', value: '燃气' },
      address: {
        join: 'or',
        of: [
          { kind: 'text', op: 'startsWith', value: '横栏' },
          { kind: 'text', op: 'blank', value: '' },
        ],
      },
    })
  })

  it('turns a text filter on a coded column into the codes whose label passes it', () => {
    const f = tableFilters(
      {
        status: { filterType: 'text', type: 'contains', filter: '已' },
        town: { filterType: 'text', type: 'notContains', filter: '镇' },
        category: { filterType: 'text', type: 'equals', filter: '燃气安全' },
      },
      words,
    )
    expect(f.status).toEqual({ kind: 'set', values: ['accepted', 'dispatched', 'closed'] })
    expect(f.town).toEqual({ kind: 'set', values: ['shiqi'] })
    expect(f.category).toEqual({ kind: 'set', values: ['gas_safety'] })
  })

  it('an unassigned case has a blank assignee; checkbox sets pass through, unknown values dropped', () => {
    expect(tableFilters({ assignee: { filterType: 'text', type: 'blank' } }, words).assignee).toEqual({
      kind: 'set',
      values: [NO_ASSIGNEE],
    })
    expect(tableFilters({ priority: { filterType: 'set', values: ['urgent', 'nonsense'] } }, words).priority).toEqual({
      kind: 'set',
      values: ['urgent'],
    })
  })

  it('numbers keep their comparison; dates become whole local days, as the grid compared them', () => {
    const f = tableFilters(
      {
        rework: { filterType: 'number', type: 'greaterThan', filter: 0 },
        escalation: { filterType: 'number', type: 'inRange', filter: 1, filterTo: 3 },
        reportedAt: { filterType: 'date', type: 'equals', dateFrom: '2026-05-08 00:00:00' },
        deadline: { filterType: 'date', type: 'inRange', dateFrom: '2026-05-01', dateTo: '2026-05-04' },
      },
      words,
    )
    expect(f.rework).toEqual({ kind: 'number', op: 'gt', value: 0, to: undefined })
    expect(f.escalation).toEqual({ kind: 'number', op: 'between', value: 1, to: 3 })
    // Whole district days (midnight in Zhongshan, +08:00), whatever the PC's zone.
    const cst = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) - 8 * 3_600_000
    expect(f.reportedAt).toEqual({ kind: 'date', op: 'on', from: cst(2026, 5, 8), to: cst(2026, 5, 9) })
    // The grid's range leaves out both end days.
    expect(f.deadline).toEqual({
      kind: 'date',
      op: 'between',
      from: cst(2026, 5, 2),
      to: cst(2026, 5, 4),
    })
    expect(dayStart('not a date')).toBeUndefined()
  })

  it('leaves out what it cannot read (an unknown column or condition)', () => {
    expect(
      tableFilters({ nope: { filterType: 'text', type: 'contains', filter: 'x' }, code: { type: 'weird' } }, words),
    ).toEqual({})
  })

  it('splits the quick filter into words, each with the coded values named like it', () => {
    expect(quickWords('  横栏  燃气 ', words)).toEqual([
      { text: '横栏', towns: ['henglan'] },
      { text: '燃气', categories: ['gas_safety'], assignees: ['gas'] },
    ])
    expect(quickWords('新茂', words)).toEqual([{ text: '新茂', grids: ['henglan-m01-s01'] }])
    expect(quickWords('', words)).toEqual([])
  })

  it('sorts by the sortable columns in the grid order, at most three', () => {
    expect(
      tableSort([
        { colId: 'pending', sort: 'asc' },
        { colId: 'deadline', sort: 'asc' },
        { colId: 'priority', sort: 'desc' },
      ]),
    ).toEqual([
      { col: 'deadline', dir: 'asc' },
      { col: 'priority', dir: 'desc' },
    ])
  })

  it('assembles a query the contract accepts', () => {
    const q = tableQuery(
      {
        view: 'my_town',
        myTowns: ['henglan'],
        filterModel: { status: { filterType: 'text', type: 'contains', filter: '派' } },
        sortModel: [{ colId: 'reportedAt', sort: 'desc' }],
        quick: '横栏',
        drill: 'drill-1',
      },
      words,
    )
    expect(tableQuerySchema.parse(q)).toEqual(q)
    expect(q).toMatchObject({ view: 'my_town', myTowns: ['henglan'], drill: 'drill-1' })
  })
})

describe('the labels a query reads', () => {
  it('looks up only the coded columns that have a filter (a query is built per block and per change notice)', () => {
    const asked: string[] = []
    const counting: Vocabulary = {
      ...words,
      status: (id) => (asked.push(`status.${id}`), words.status(id)),
      priority: (id) => (asked.push(`priority.${id}`), words.priority(id)),
      category: (id) => (asked.push(`category.${id}`), words.category(id)),
      source: (id) => (asked.push(`source.${id}`), words.source(id)),
    }
    tableFilters({ title: { filterType: 'text', type: 'contains', filter: '燃气' } }, counting)
    expect(asked).toEqual([])
    const f = tableFilters({ status: { filterType: 'text', type: 'contains', filter: '受理' } }, counting)
    expect(f.status).toEqual({ kind: 'set', values: ['reported', 'accepted'] })
    expect(asked.every((k) => k.startsWith('status.'))).toBe(true)
  })
})

describe('labels read once per language', () => {
  it('asks the translation function once per key, and again for another language', () => {
    let calls = 0
    const zh = (key: string) => {
      calls++
      return `zh:${key}`
    }
    const en = (key: string) => {
      calls++
      return `en:${key}`
    }
    for (let i = 0; i < 100; i++) expect(cachedLabel(zh, 'status.reported')).toBe('zh:status.reported')
    expect(cachedLabel(zh, 'status.closed')).toBe('zh:status.closed')
    expect(cachedLabel(en, 'status.reported')).toBe('en:status.reported')
    expect(calls).toBe(3)
  })
})
