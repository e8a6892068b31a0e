import { districtTime, type Locale } from '@shared/contract'
import type { IndicatorId, UnitKind } from '@shared/domain'

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
  units: {
    department: '职能部门',
    team: '联勤搭档',
    town: '镇街',
    medium_grid: '中网格',
    small_grid: '小网格',
    grid_worker: '网格员',
    operator: '指挥中心坐席',
  },
  indicators: {
    handling_on_time: '按期处置率',
    intake_timely: '受理及时率',
    dispatch_timely: '派遣及时率',
    verify_timely: '核查及时率',
    closing_on_time: '按期结案率',
    completion: '结案率',
    urgent_on_time: '紧急问题按期结案率',
    urgent_completion: '紧急问题结案率',
    rectification: '整改率',
    rework_rate: '返工率',
  },
  head: {
    rank: '排名',
    unit: '单位',
    id: '编号',
    score: '得分',
    previous: '上期得分',
    change: '较上期',
    volume: '考核件数',
    bottom: '末位',
    deductions: '扣分项',
  },
  insufficient: '样本不足',
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
  units: {
    department: 'Departments',
    team: 'Joint teams',
    town: 'Towns',
    medium_grid: 'Medium grids',
    small_grid: 'Small grids',
    grid_worker: 'Grid workers',
    operator: 'Operators',
  },
  indicators: {
    handling_on_time: 'On-time handling rate',
    intake_timely: 'Timely intake rate',
    dispatch_timely: 'Timely dispatch rate',
    verify_timely: 'Timely verification rate',
    closing_on_time: 'On-time closure rate',
    completion: 'Closure rate',
    urgent_on_time: 'Urgent on-time closure rate',
    urgent_completion: 'Urgent closure rate',
    rectification: 'Rectification rate',
    rework_rate: 'Rework rate',
  },
  head: {
    rank: 'Rank',
    unit: 'Unit',
    id: 'Id',
    score: 'Score',
    previous: 'Previous score',
    change: 'Change',
    volume: 'Cases',
    bottom: 'Bottom',
    deductions: 'Deductions',
  },
  insufficient: 'Too few cases',
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
