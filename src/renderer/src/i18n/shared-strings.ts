import { categoryLabels, statusLabels } from './domain-labels'
/** Vocabulary several views read (not any one view's own strings), by namespace. */

/** Incident status, priority, category and conflict reasons: the console and the board (`ops`). */
export const opsSharedZh = {
  status: statusLabels.zh,
  priority: {
    urgent: '特急',
    high: '紧急',
    normal: '一般',
    low: '较低',
  },
  category: categoryLabels.zh,
  // The request actions' names (the console's timeline shows them; the desks offer them).
  actions: {
    request_extension: '申请延期',
    send_back: '退单',
    request_suspension: '申请缓办',
    request_reopen: '申请重办',
    decide_request: '审批',
  },
  conflicts: {
    codes: {
      invalid_payload: '内容不合规',
      not_found: '事件不存在',
      already_exists: '事件已存在',
      stale_version: '事件已被他人更新',
      invalid_transition: '当前状态不允许此操作',
      forbidden_role: '无此操作权限',
      out_of_scope: '超出辖区范围',
      read_only: '只读席位',
      unknown_assignee: '承办单位不存在',
      invalid_duplicate: '重复对象无效',
      not_assignee: '未派给本单位或本网格',
      forbidden_field: '无权填写该项',
      invalid_location: '位置与网格不符',
      request_pending: '已有申请待审批',
      no_pending_request: '没有待审批的申请',
      deadline_out_of_range: '处置时限超出该类别允许范围',
      deadline_reason_required: '调整处置时限须填写理由',
      payload_too_large: '内容过大',
      rate_limited: '操作过于频繁',
      unavailable: '服务暂不可用',
    },
  },
}

export const opsSharedEn: typeof opsSharedZh = {
  status: statusLabels.en,
  priority: {
    urgent: 'Urgent',
    high: 'High',
    normal: 'Normal',
    low: 'Low',
  },
  category: categoryLabels.en,
  actions: {
    request_extension: 'Extension request',
    send_back: 'Send back',
    request_suspension: 'Suspension request',
    request_reopen: 'Reopen request',
    decide_request: 'Decision',
  },
  conflicts: {
    codes: {
      invalid_payload: 'Invalid content',
      not_found: 'Incident not found',
      already_exists: 'Incident already exists',
      stale_version: 'Someone else updated the incident first',
      invalid_transition: 'Not allowed in the current state',
      forbidden_role: 'Your role may not do this',
      out_of_scope: 'Outside your towns',
      read_only: 'Read-only seat',
      unknown_assignee: 'Unknown assignee',
      invalid_duplicate: 'Invalid duplicate target',
      not_assignee: 'Not assigned to your unit or grid',
      forbidden_field: 'You may not set this field',
      invalid_location: 'Place does not match the grid',
      request_pending: 'A request is already awaiting a decision',
      no_pending_request: 'No request awaiting a decision',
      deadline_out_of_range: 'Deadline outside the range allowed for the category',
      deadline_reason_required: 'A changed deadline needs a reason',
      payload_too_large: 'Content too large',
      rate_limited: 'Too many actions at once',
      unavailable: 'Server unavailable',
    },
  },
}

/** Category names and the panel titles the dashboard and the wall both show (`situation`). */
export const situationSharedZh = {
  categories: categoryLabels.zh,
  dashboard: {
    trend24h: '近 24 小时事件趋势',
    trend30d: '近 30 天事件趋势',
    byCategory: '事件类别分布',
    byArea: '四大领域',
    townLeague: '镇街考核排名',
    deptLeague: '部门考核排名',
    loading: '正在计算态势数据…',
    scopeSeparator: '、',
  },
  map: {
    title: '一图统管',
    noGeometry: '地图数据未就绪',
    overdue: '超期 {{n}}',
  },
}

export const situationSharedEn: typeof situationSharedZh = {
  categories: categoryLabels.en,
  dashboard: {
    trend24h: 'Incidents, last 24 hours',
    trend30d: 'Incidents, last 30 days',
    byCategory: 'By category',
    byArea: 'Four areas',
    townLeague: 'Towns league table',
    deptLeague: 'Departments league table',
    loading: 'Computing the situation…',
    scopeSeparator: ', ',
  },
  map: {
    title: 'One map manages all',
    noGeometry: 'Map data not available',
    overdue: 'Overdue {{n}}',
  },
}
