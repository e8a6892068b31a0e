import type { CategoryId, IncidentStatus } from '@shared/domain'

/**
 * Names of the domain's own values (lifecycle states, categories), one source
 * for every view's namespace so the console, the board and the wall never
 * call the same thing two names.
 */
export const statusLabels: Record<'zh' | 'en', Record<IncidentStatus, string>> = {
  zh: {
    reported: '待受理',
    accepted: '已受理',
    rejected: '不予受理',
    merged: '已合并',
    dispatched: '已派遣',
    in_progress: '处置中',
    resolved: '已反馈',
    verified: '已核查',
    closed: '已结案',
  },
  en: {
    reported: 'Reported',
    accepted: 'Accepted',
    rejected: 'Rejected',
    merged: 'Merged',
    dispatched: 'Dispatched',
    in_progress: 'In progress',
    resolved: 'Resolved',
    verified: 'Verified',
    closed: 'Closed',
  },
}

export const categoryLabels: Record<'zh' | 'en', Record<CategoryId, string>> = {
  zh: {
    fire_safety: '消防安全',
    gas_safety: '燃气安全',
    environment_sanitation: '环境卫生',
    city_components: '城市部件',
    public_security: '治安隐患',
    rental_housing: '出租屋',
    resident_services: '民生服务',
    epidemic_control: '疫情防控',
    water_pollution: '水污染',
    industrial_parks: '低效工业园',
    enterprise_safety: '企业安全',
  },
  en: {
    fire_safety: 'Fire safety',
    gas_safety: 'Gas safety',
    environment_sanitation: 'Environment & sanitation',
    city_components: 'City components',
    public_security: 'Public security',
    rental_housing: 'Rental housing',
    resident_services: 'Resident services',
    epidemic_control: 'Epidemic control',
    water_pollution: 'Water pollution',
    industrial_parks: 'Industrial parks',
    enterprise_safety: 'Enterprise safety',
  },
}
