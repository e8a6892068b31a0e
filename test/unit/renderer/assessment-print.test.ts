import { describe, expect, it } from 'vitest'
import { parsePrintRoute, printRoute, type ReportSource } from '../../../src/shared/contract'
import type { FrozenReport } from '../../../src/shared/protocol'
import { cssString, pageCss } from '../../../src/renderer/src/views/assessment/print-css'
import { correctedBy, frozenLeague } from '../../../src/renderer/src/views/assessment/frozen-shape'

describe('the print view’s route', () => {
  it('round-trips a live period and a frozen report with the language', () => {
    const live: ReportSource = { kind: 'live', period: { kind: 'custom', first: '2026-11-01', last: '2026-11-15' } }
    expect(parsePrintRoute(`#/${printRoute(live, 'en')}`)).toEqual({ source: live, locale: 'en' })
    const frozen: ReportSource = { kind: 'frozen', id: 12 }
    expect(parsePrintRoute(`#/${printRoute(frozen, 'zh-CN')}`)).toEqual({ source: frozen, locale: 'zh-CN' })
  })

  it('names nothing when the query is not a report source', () => {
    expect(parsePrintRoute('#/assessment/print?source=%7B%22kind%22%3A%22frozen%22%7D')).toBeNull()
    expect(parsePrintRoute('#/assessment/print?source=not-json')).toBeNull()
    expect(parsePrintRoute('#/assessment')).toBeNull()
  })
})

describe('the running header and footer', () => {
  it('puts the facts in every page’s margin boxes and numbers the pages', () => {
    const css = pageCss({
      headLeft: '考核报告 · 2026-11',
      headRight: '评分细则 ZS-2026.1 · 日志位置 42',
      footLeft: '生成于 2026-12-01 "08:00"',
      pageText: '第 {{page}} 页，共 {{pages}} 页',
    })
    expect(css).toContain('size: A4 portrait')
    expect(css).toContain('@top-left { content: "考核报告 · 2026-11"')
    expect(css).toContain('@top-right { content: "评分细则 ZS-2026.1 · 日志位置 42"')
    expect(css).toContain('@bottom-left { content: "生成于 2026-12-01 \\"08:00\\""')
    expect(css).toContain('@bottom-right { content: "第 " counter(page) " 页，共 " counter(pages) " 页"')
  })

  it('escapes what would end a CSS string', () => {
    expect(cssString('a\\b"c\nd')).toBe('"a\\\\b\\"c d"')
  })
})

describe('a frozen report on the screen', () => {
  const report = {
    id: 3,
    seq: 99,
    headHash: 'f'.repeat(64),
    generatedAt: 5,
    evaluatedAt: 4,
    period: { kind: 'month', from: 0, to: 10, label: '2026-11' },
    ruleSet: { revision: 2, version: 'ZS-2026.2' },
    body: {
      previous: { kind: 'month', from: -10, to: 0, label: '2026-10' },
      leagues: [{ unitKind: 'town', ranked: [], insufficient: [] }],
      platform: {},
    },
  } as unknown as FrozenReport

  it('shows its own numbers, rule-set version and log position, and nothing for a kind it does not cover', () => {
    expect(frozenLeague(report, 'town', 5)).toMatchObject({
      cursor: 99,
      computedAt: 5,
      ruleSet: { version: 'ZS-2026.2' },
      period: { label: '2026-11' },
    })
    expect(frozenLeague(report, 'department', 5)).toBeNull()
  })

  it('knows which version corrects which', () => {
    const list = [
      { id: 4, previousId: 3 },
      { id: 3, previousId: null },
    ] as never
    expect(correctedBy(list)).toEqual(new Map([[3, 4]]))
  })
})
