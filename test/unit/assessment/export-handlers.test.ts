import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AssessmentDocument, AssessmentReport } from '@shared/contract'
import { printRoute } from '@shared/contract'
import type { Incident } from '@shared/domain'
import { shippedRules } from '../../../src/main/core/assessment/active-rules'
import { FrozenReports } from '../../../src/main/core/assessment/frozen-reports'
import { RuleSetCache } from '../../../src/main/core/assessment/rule-set-cache'
import type { ShellFiles } from '../../../src/main/core/assessment/shell-files'
import { registerAssessmentHandlers } from '../../../src/main/core/handlers/assessment'
import { registerAssessmentReportHandlers } from '../../../src/main/core/handlers/assessment-reports'
import { Registry } from '../../../src/main/core/registry'
import type { StatusBoard } from '../../../src/main/core/status-board'
import { upsertIncidents } from '../../../src/main/core/store/incident-rows'
import { ReferenceCache } from '../../../src/main/core/sync/reference-cache'
import { blankStatusBoard, tempStore } from '../sync/helpers'
import { HOUR, dept, fold } from '../domain/assessment-events'

const NOV = Date.UTC(2026, 10, 1) - 8 * HOUR
const NOW = Date.UTC(2026, 11, 5)
const period = { kind: 'month', at: NOV + HOUR } as const

/** A case dispatched to `unit` with 24 h, its feedback at `doneHours`. */
const handled = (id: string, start: number, unit: string, doneHours: number): Incident =>
  fold(
    [
      [0, 'report'],
      [0.5, 'accept', {}, 'op1'],
      [1, 'dispatch', dept(unit, 24), 'op1'],
      [1.5, 'acknowledge'],
      [doneHours, 'resolve', { feedback: '已处置' }],
      [doneHours + 1, 'verify', {}, 'w1'],
      [doneHours + 2, 'close'],
    ],
    id,
    {},
    start,
  )

let registry: Registry
let status: StatusBoard
let cleanup: () => Promise<void>
let saved: { suggestedName: string; bytes: Uint8Array; format: string }[]
let printed: string[]

function setUp(shell: ShellFiles | null) {
  return async () => {
    const t = await tempStore()
    cleanup = t.cleanup
    status = blankStatusBoard()
    status.update({ cursor: 77 })
    const cases: Incident[] = []
    for (let k = 0; k < 6; k++) cases.push(handled(`a-${k}`, NOV + k * 24 * HOUR, 'urban', k === 0 ? 30 : 10))
    for (let k = 0; k < 5; k++) cases.push(handled(`b-${k}`, NOV + k * 24 * HOUR, 'water', 40))
    await t.store.sqlite.transaction((tx) => upsertIncidents(tx, cases))
    const reference = new ReferenceCache(t.store.sqlite)
    await reference.save({
      version: 't',
      towns: [],
      grids: [],
      departments: [
        { id: 'urban', name: '城管局', nameEn: 'Urban Administration' },
        { id: 'water', name: '水务局', nameEn: 'Water Affairs' },
      ],
      teams: [],
      workers: [],
    })
    await reference.load()
    registry = new Registry()
    registerAssessmentHandlers(registry, { sqlite: t.store.sqlite, status, now: () => NOW })
    registerAssessmentReportHandlers(registry, {
      sqlite: t.store.sqlite,
      status,
      rules: shippedRules,
      ruleSets: new RuleSetCache(t.store.sqlite),
      reference,
      frozen: new FrozenReports(async () => null),
      shell,
      now: () => NOW,
    })
  }
}

async function call<T>(name: string, args: object): Promise<T> {
  const out = await registry.call(name, args, { origin: 'internal', readOnly: false })
  if (!out.ok) throw Object.assign(new Error(`${out.error.code}: ${out.error.message}`), { code: out.error.code })
  return out.value as T
}

afterEach(async () => {
  status.dispose()
  await cleanup()
})

describe('exports in the desktop app', () => {
  beforeEach(
    setUp({
      save: async (o) => {
        saved.push(o)
        return `/tmp/${o.suggestedName}`
      },
      printToPdf: async (route) => {
        printed.push(route)
        return new Uint8Array([0x25, 0x50, 0x44, 0x46])
      },
    }),
  )
  beforeEach(() => {
    saved = []
    printed = []
  })

  it('documents every unit kind from one read, with the same league as the screen and the units’ names', async () => {
    const doc = await call<AssessmentDocument>('assessment.document', {
      source: { kind: 'live', period },
      locale: 'en',
    })
    const screen = await call<AssessmentReport>('assessment.report', { period, unitKind: 'department' })
    expect(doc.leagues.map((l) => l.unitKind)).toEqual([
      'department',
      'team',
      'town',
      'medium_grid',
      'small_grid',
      'grid_worker',
      'operator',
    ])
    const departments = doc.leagues[0]!
    expect(departments.ranked.map((r) => [r.id, r.rank, r.score, r.name])).toEqual(
      screen.ranked.map((r) => [r.id, r.rank, r.score, r.id === 'urban' ? 'Urban Administration' : 'Water Affairs']),
    )
    expect(doc).toMatchObject({
      position: { seq: 77, headHash: null },
      frozen: null,
      ruleSet: { version: 'ZS-2026.1', revision: null },
    })
  })

  it('saves the XLSX through the save dialog, and prints the print view to PDF', async () => {
    const source = { kind: 'live', period } as const
    expect(await call('assessment.saveExport', { source, locale: 'zh-CN', format: 'xlsx' })).toEqual({
      path: '/tmp/考核报告-2026-11.xlsx',
    })
    expect(saved[0]!.format).toBe('xlsx')
    // An XLSX is a zip: it starts with PK.
    expect(Buffer.from(saved[0]!.bytes.subarray(0, 2)).toString('latin1')).toBe('PK')
    expect(await call('assessment.saveExport', { source, locale: 'en', format: 'pdf' })).toEqual({
      path: '/tmp/Assessment-report-2026-11.pdf',
    })
    expect(printed).toEqual([printRoute(source, 'en')])
  })
})

describe('exports in the browser host', () => {
  beforeEach(setUp(null))

  it('has no save dialog (the page downloads the XLSX and prints the view itself)', async () => {
    await expect(
      call('assessment.saveExport', { source: { kind: 'live', period }, locale: 'zh-CN', format: 'xlsx' }),
    ).rejects.toMatchObject({ code: 'unavailable' })
    const file = await call<{ fileName: string; base64: string }>('assessment.exportXlsx', {
      source: { kind: 'live', period },
      locale: 'zh-CN',
    })
    expect(file.fileName).toBe('考核报告-2026-11.xlsx')
    expect(Buffer.from(file.base64, 'base64').subarray(0, 2).toString('latin1')).toBe('PK')
  })
})
