import { districtTime, type Locale } from '@shared/contract'
import { ASSESSMENT_LABELS, type IndicatorId, type UnitKind } from '@shared/domain'

// The screen's words (src/shared/domain/assessment/labels.ts), one table for both.
const ZH = ASSESSMENT_LABELS['zh-CN']
const EN = ASSESSMENT_LABELS.en

/** The words of an exported report (XLSX), in the document's language (the screen's own words). */
export interface ExportLabels {
  readonly title: string
  readonly cover: string
  readonly units: Record<UnitKind, string>
  readonly indicators: Record<IndicatorId, string>
  readonly head: {
    readonly rank: string
    readonly unit: string
    readonly id: string
    readonly score: string
    readonly previous: string
    readonly change: string
    readonly volume: string
    readonly bottom: string
    readonly deductions: string
  }
  readonly insufficient: string
  readonly yes: string
  readonly field: {
    readonly period: string
    readonly range: string
    readonly ruleSet: string
    readonly position: string
    readonly seq: string
    readonly headHash: string
    readonly evaluatedAt: string
    readonly computedAt: string
    readonly generatedAt: string
    readonly kind: string
    readonly frozen: string
    readonly live: string
    readonly reason: string
    readonly author: string
    readonly corrects: string
  }
  readonly revision: (n: number | null) => string
  readonly frozenAs: (id: number, version: number) => string
}

const zh: ExportLabels = {
  title: '考核报告',
  cover: '封面',
  units: ZH.units,
  indicators: ZH.indicators,
  head: { ...ZH.head, id: '编号', deductions: '扣分项' },
  insufficient: ZH.insufficient,
  yes: '是',
  field: {
    period: '考核周期',
    range: '起止',
    ruleSet: '评分细则',
    position: '日志位置',
    seq: '序号',
    headHash: '头部哈希',
    evaluatedAt: '评定时刻',
    computedAt: '计算时间',
    generatedAt: '生成时间',
    kind: '报告类型',
    frozen: '已冻结报告',
    live: '实时计算（未冻结）',
    reason: '原因',
    author: '关账人',
    corrects: '更正版本',
  },
  revision: (n) => (n === null ? '内置' : `修订 ${n}`),
  frozenAs: (id, version) => `报告 #${id} 第 ${version} 版`,
}

const en: ExportLabels = {
  title: 'Assessment report',
  cover: 'Cover',
  units: EN.units,
  indicators: EN.indicators,
  head: { ...EN.head, id: 'Id', deductions: 'Deductions' },
  insufficient: EN.insufficient,
  yes: 'yes',
  field: {
    period: 'Period',
    range: 'From – to',
    ruleSet: 'Rule set',
    position: 'Log position',
    seq: 'Seq',
    headHash: 'Head hash',
    evaluatedAt: 'Evaluated at',
    computedAt: 'Computed at',
    generatedAt: 'Generated at',
    kind: 'Report',
    frozen: 'Frozen report',
    live: 'Live recomputation (not frozen)',
    reason: 'Reason',
    author: 'Closed by',
    corrects: 'Corrects report',
  },
  revision: (n) => (n === null ? 'built-in' : `revision ${n}`),
  frozenAs: (id, version) => `report #${id}, version ${version}`,
}

export function exportLabels(locale: Locale): ExportLabels {
  return locale === 'en' ? en : zh
}

export { districtTime }
