import { describe, expect, it } from 'vitest'
import { CSV_COLUMNS, type CsvLabels } from '@shared/contract'
import { csvCell } from '@shared/csv/csv-format'
import { referenceNames } from '@shared/domain'
import { csvCells, csvHead, csvRecords } from '../../../src/main/core/table/csv-record'
import { baseIncident } from '../../support/incident'

const labels: CsvLabels = {
  locale: 'zh-CN',
  tzOffsetMinutes: 480,
  headers: { code: '编号', title: '事件' },
  values: { 'status.dispatched': '已派遣', 'priority.urgent': '特急', 'actions.reassign': '改派' },
}
const names = referenceNames(
  {
    version: 'v',
    towns: [
      { id: 'henglan', name: '横栏镇', nameEn: 'Henglan', kind: 'town', areaKm2: 1, population: 1, lat: 0, lng: 0 },
    ],
    grids: [],
    departments: [{ id: 'fire', name: '消防救援', nameEn: 'Fire and rescue' }],
    teams: [],
    workers: [],
  },
  false,
)

describe('the core writes the CSV export', () => {
  it('starts with the BOM and the headers the window sent (a missing one names its column)', () => {
    expect(csvHead(labels)).toBe(
      `\uFEFF编号,priority,status,pending,category,事件,${CSV_COLUMNS.slice(6).join(',')}\r\n`,
    )
  })

  it('writes what the table shows: labels, names, full times in the operator zone, the deadline pushed back', () => {
    const v = {
      ...baseIncident({
        code: 'ZS-1',
        status: 'dispatched',
        priority: 'urgent',
        title: '=cmd|calc',
        address: '横栏, "新茂"',
        assigneeKind: 'department',
        assigneeId: 'fire',
        reportedAt: Date.UTC(2026, 4, 8, 1, 2, 3),
        deadline: Date.UTC(2026, 4, 9, 0, 0, 0),
        suspendedMs: 3_600_000,
      }),
      pending: ['reassign' as const],
    }
    const cells = csvCells(v, labels, names, Date.UTC(2026, 4, 8))
    const at = (c: (typeof CSV_COLUMNS)[number]) => cells[CSV_COLUMNS.indexOf(c)]
    expect(at('status')).toBe('已派遣')
    expect(at('priority')).toBe('特急')
    expect(at('category')).toBe('fire_safety') // no label sent: the code itself
    expect(at('pending')).toBe('改派')
    expect(at('town')).toBe('横栏镇')
    expect(at('assignee')).toBe('消防救援')
    expect(at('reportedAt')).toBe('2026-05-08 09:02:03')
    expect(at('deadline')).toBe('2026-05-09 09:00:00')
    const line = csvRecords([v], labels, names, Date.UTC(2026, 4, 8))
    // A cell a spreadsheet would run is defused; commas and quotes are quoted.
    expect(line).toContain(`,'=cmd|calc,`)
    expect(line).toContain(`,"横栏, ""新茂"""\r\n`)
    expect(csvCell(-5)).toBe('-5')
    expect(csvCell('-5')).toBe("'-5")
  })
})
