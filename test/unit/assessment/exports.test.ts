import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import type { AssessmentDocument, DocumentRow } from '@shared/contract'
import { ContractError } from '@shared/contract'
import { exportFileName, workbookBytes } from '../../../src/main/core/assessment/export-xlsx'
import { FrozenReports, OFFLINE_MESSAGE } from '../../../src/main/core/assessment/frozen-reports'

function row(id: string, name: string, rank: number | null, score: number, rate: number | null, change: number | null) {
  return {
    kind: 'department',
    id,
    name,
    score,
    rank,
    bottom: rank === 2,
    previousScore: change === null ? null : score - change,
    change,
    volume: 12,
    lines: [
      {
        type: 'indicator',
        indicator: 'handling_on_time',
        step: 'handling',
        rate,
        judged: 12,
        threshold: 0.9,
        points: 70,
        perPoint: 1,
        earned: 60,
      },
      { type: 'event', event: 'verification_failure', step: 'handling', count: 3, perEvent: 0.2, deduction: 0.6 },
    ],
    steps: {},
  } as DocumentRow
}

function doc(locale: 'zh-CN' | 'en', frozen: boolean): AssessmentDocument {
  return {
    locale,
    period: { kind: 'month', from: Date.UTC(2026, 9, 31, 16), to: Date.UTC(2026, 10, 30, 16), label: '2026-11' },
    previous: { kind: 'month', from: Date.UTC(2026, 8, 30, 16), to: Date.UTC(2026, 9, 31, 16), label: '2026-10' },
    ruleSet: { version: 'ZS-2026.1', revision: 1 },
    position: { seq: 4321, headHash: frozen ? 'ab'.repeat(32) : null },
    evaluatedAt: Date.UTC(2026, 10, 30, 16),
    computedAt: Date.UTC(2026, 11, 1, 1),
    generatedAt: Date.UTC(2026, 11, 2, 2, 3, 4),
    frozen: frozen ? { id: 7, version: 2, previousId: 5, authorId: 'sup-city-01', reason: '更正' } : null,
    leagues: [
      {
        unitKind: 'department',
        ranked: [row('d1', '城管局', 1, 95.5, 0.9512, 1.25), row('d2', '住建局', 2, 60.25, 0.5, null)],
        insufficient: [row('d3', '水务局', null, 80, null, null)],
      },
      { unitKind: 'town', ranked: [], insufficient: [] },
    ],
  }
}

async function read(d: AssessmentDocument): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook()
  await book.xlsx.load((await workbookBytes(d)) as unknown as ExcelJS.Buffer)
  return book
}

describe('the XLSX export', () => {
  it('has a cover, then one sheet per unit kind with Chinese headers and numbers stored as numbers', async () => {
    const book = await read(doc('zh-CN', true))
    expect(book.worksheets.map((s) => s.name)).toEqual(['封面', '职能部门', '镇街'])
    const cover = new Map<string, unknown>()
    book.getWorksheet('封面')!.eachRow((r) => cover.set(String(r.getCell(1).value), r.getCell(2).value))
    expect(cover.get('考核周期')).toBe('2026-11')
    expect(cover.get('评分细则')).toBe('ZS-2026.1 (修订 1)')
    expect(cover.get('序号')).toBe(4321)
    expect(cover.get('头部哈希')).toBe('ab'.repeat(32))
    expect(cover.get('生成时间')).toBe('2026-12-02 10:03:04')
    expect(cover.get('报告类型')).toBe('已冻结报告: 报告 #7 第 2 版')
    expect(cover.get('更正版本')).toBe('#5')

    const sheet = book.getWorksheet('职能部门')!
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      '排名',
      '单位',
      '编号',
      '得分',
      '上期得分',
      '较上期',
      '考核件数',
      '按期处置率',
      '扣分项',
      '末位',
    ])
    const first = sheet.getRow(2)
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9].map((c) => first.getCell(c).value)).toEqual([
      1,
      '城管局',
      'd1',
      95.5,
      94.25,
      1.25,
      12,
      0.9512,
      0.6,
    ])
    expect(first.getCell(8).numFmt).toBe('0.00%')
    expect(first.getCell(4).numFmt).toBe('0.00')
    expect(sheet.getRow(3).getCell(10).value).toBe('是')
    // 样本不足 after the ranked units; a rate with nothing to judge is an empty cell, not 0 %.
    expect(sheet.getRow(4).getCell(1).value).toBe('样本不足')
    expect(sheet.getRow(4).getCell(8).value).toBeNull()
  })

  it('speaks English when the screen does, and a live report names no head hash', async () => {
    const book = await read(doc('en', false))
    expect(book.worksheets.map((s) => s.name)).toEqual(['Cover', 'Departments', 'Towns'])
    const cover = new Map<string, unknown>()
    book.getWorksheet('Cover')!.eachRow((r) => cover.set(String(r.getCell(1).value), r.getCell(2).value))
    expect(cover.has('Head hash')).toBe(false)
    expect(cover.get('Report')).toBe('Live recomputation (not frozen)')
    expect(book.getWorksheet('Departments')!.getRow(1).getCell(8).value).toBe('On-time handling rate')
    expect(exportFileName(doc('en', false), 'xlsx')).toBe('Assessment-report-2026-11.xlsx')
    expect(exportFileName(doc('zh-CN', true), 'pdf')).toBe('考核报告-2026-11-报告7v2.pdf')
  })
})

describe('frozen reports through the sync link', () => {
  it('says the central server is needed when not connected', async () => {
    const reports = new FrozenReports(async () => null)
    await expect(reports.list()).rejects.toMatchObject({ code: 'unavailable', message: OFFLINE_MESSAGE })
  })

  it('refuses a reply that is not a report, and passes the server’s refusals on with their code', async () => {
    await expect(new FrozenReports(async () => ({ reply: { id: 1, seq: 'x' } })).get(1)).rejects.toThrow(
      /not a valid report/,
    )
    const refused = new FrozenReports(async () => ({
      reply: { code: 'forbidden', message: 'reportClose: supervisors only' },
    }))
    const err = await refused.close({ period: { kind: 'month' }, scope: 'all', reason: 'x' }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ContractError)
    expect(err).toMatchObject({ code: 'forbidden', message: 'reportClose: supervisors only' })
  })
})
