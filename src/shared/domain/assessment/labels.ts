import type { IndicatorId, UnitKind } from './rules'

/** The words every view of an assessment uses: the screen, the print view and the XLSX export. */
export interface AssessmentLabels {
  readonly units: Readonly<Record<UnitKind, string>>
  readonly indicators: Readonly<Record<IndicatorId, string>>
  readonly head: {
    readonly rank: string
    readonly unit: string
    readonly score: string
    readonly previous: string
    readonly change: string
    readonly volume: string
    readonly bottom: string
  }
  /** A unit below the minimum volume (样本不足), in a rank's place. */
  readonly insufficient: string
}

/**
 * ONE table of the assessment's labels (the 考核 screen's locales and the exports read it), so a
 * sheet's header never says something other than the screen's column.
 */
export const ASSESSMENT_LABELS: { readonly 'zh-CN': AssessmentLabels; readonly en: AssessmentLabels } = {
  'zh-CN': {
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
      score: '得分',
      previous: '上期得分',
      change: '较上期',
      volume: '考核件数',
      bottom: '末位',
    },
    insufficient: '样本不足',
  },
  en: {
    units: {
      department: 'Departments',
      team: 'Joint teams',
      town: 'Towns',
      medium_grid: 'Medium grids',
      small_grid: 'Small grids',
      grid_worker: 'Grid workers',
      operator: 'Command-room operators',
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
      score: 'Score',
      previous: 'Previous score',
      change: 'Change',
      volume: 'Cases',
      bottom: 'Bottom',
    },
    insufficient: 'Too few cases',
  },
}
