import { statusLabels } from '../i18n/domain-labels'
/** Strings of the shared widgets, by the namespace they are read from (`ops`, `situation`). */

/** Deadline countdowns (`ops:detail.*`): the detail panel, table cells and board cards all word them alike. */
export const componentOpsZh = {
  /** Headings of the unit picker (UnitSelect). */
  units: { departments: '职能部门', teams: '联勤队伍' },
  targets: {
    search: '输入名称或拼音首字母筛选（如 xf）',
    recommended: '推荐',
    none: '未选择处置单位',
    noMatch: '没有匹配的单位',
    team: '联勤队伍',
    department: '职能部门',
    km: '{{km}} 公里',
  },
  detail: {
    none: '—',
    left: '剩余 {{time}}',
    overdueBy: '已超期 {{time}}',
    noDeadline: '未派遣',
    paused: '计时暂停',
    units: {
      d: '天',
      h: '小时',
      m: '分',
    },
  },
}

export const componentOpsEn: typeof componentOpsZh = {
  units: { departments: 'Departments', teams: 'Joint teams' },
  targets: {
    search: 'Type a name or its pinyin initials (e.g. xf)',
    recommended: 'Recommended',
    none: 'No unit chosen',
    noMatch: 'No unit matches',
    team: 'Joint team',
    department: 'Department',
    km: '{{km}} km',
  },
  detail: {
    none: '—',
    left: '{{time}} left',
    overdueBy: 'Overdue by {{time}}',
    noDeadline: 'Not dispatched',
    paused: 'Clock stopped',
    units: {
      d: 'd',
      h: 'h',
      m: 'm',
    },
  },
}

/** KPI tile, charts, area breakdown, league table, data-age badge and drill panel (`situation`). */
export const componentSituationZh = {
  kpi: {
    reportedToday: '今日上报',
    open: '在办事件',
    overdue: '超期未办',
    completionRate: '结案率',
    onTimeRate: '按期结案率',
    fireRate: '消防隐患整改率',
    gasRate: '燃气隐患整改率',
    rework: '返工事件',
    ofAssessed: '{{closed}} / {{assessed}} 件',
    ofOnTime: '按期 {{onTime}} / {{assessed}} 件',
    ofFound: '已整改 {{rectified}} / {{found}} 件',
    suspended: '其中缓办 {{n}} 件',
    overdueShare: '占在办 {{share}}',
    reworkTimes: '累计返工 {{n}} 次',
    todayVsAvg: '近 30 天日均 {{avg}}',
  },
  series: {
    reported: '上报',
    closed: '办结',
    open: '在办',
    overdue: '超期',
  },
  league: {
    rank: '名次',
    name: '名称',
    completion: '结案率',
    onTime: '按期率',
    assessed: '应办',
    overdue: '超期',
    open: '在办',
  },
  areas: {
    industrial_economy: '产业经济',
    social_governance: '社会治理',
    government_services: '政务服务',
    urban_management: '城市管理',
  },
  age: {
    live: '实时 · {{age}}',
    asOf: '数据截至 {{time}}',
    noData: '暂无数据',
  },
  drill: {
    title: '明细：{{label}}',
    count: '共 {{n}} 件',
    openConsole: '在事件台中打开',
    close: '关闭',
    empty: '没有符合条件的事件',
    more: '仅显示前 {{shown}} 件',
    code: '编号',
    category: '类别',
    town: '镇街',
    status: '状态',
    reported: '上报时间',
  },
  status: statusLabels.zh,
}

export const componentSituationEn: typeof componentSituationZh = {
  kpi: {
    reportedToday: 'Reported today',
    open: 'Open',
    overdue: 'Overdue',
    completionRate: 'Completion rate',
    onTimeRate: 'On-time rate',
    fireRate: 'Fire hazards rectified',
    gasRate: 'Gas hazards rectified',
    rework: 'Reworked',
    ofAssessed: '{{closed}} / {{assessed}} cases',
    ofOnTime: 'on time {{onTime}} / {{assessed}}',
    ofFound: 'rectified {{rectified}} / {{found}}',
    suspended: '{{n}} suspended',
    overdueShare: '{{share}} of open',
    reworkTimes: '{{n}} returns in all',
    todayVsAvg: '30-day daily mean {{avg}}',
  },
  series: {
    reported: 'Reported',
    closed: 'Closed',
    open: 'Open',
    overdue: 'Overdue',
  },
  league: {
    rank: '#',
    name: 'Name',
    completion: 'Completion',
    onTime: 'On time',
    assessed: 'Due',
    overdue: 'Overdue',
    open: 'Open',
  },
  areas: {
    industrial_economy: 'Industrial economy',
    social_governance: 'Social governance',
    government_services: 'Government services',
    urban_management: 'Urban management',
  },
  age: {
    live: 'Live · {{age}}',
    asOf: 'Data as of {{time}}',
    noData: 'No data',
  },
  drill: {
    title: 'Incidents: {{label}}',
    count: '{{n}} incidents',
    openConsole: 'Open in console',
    close: 'Close',
    empty: 'No incidents match',
    more: 'first {{shown}} shown',
    code: 'Code',
    category: 'Category',
    town: 'Town',
    status: 'Status',
    reported: 'Reported',
  },
  status: statusLabels.en,
}
