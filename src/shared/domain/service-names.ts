import type { CategoryId } from './categories'

/** Open311 service names and descriptions per category (the public face of the category list). */
export const SERVICE_TEXT: Record<CategoryId, { name: string; description: string; keywords: string }> = {
  fire_safety: {
    name: '消防安全隐患',
    description: '消防通道堵塞、灭火器缺失、电动车违规充电等',
    keywords: '消防,火灾,电动车',
  },
  gas_safety: { name: '燃气安全隐患', description: '燃气泄漏、气瓶违规存放、管道老化等', keywords: '燃气,煤气,气瓶' },
  environment_sanitation: {
    name: '环境卫生',
    description: '垃圾堆积、乱扔垃圾、卫生死角等',
    keywords: '垃圾,卫生,环境',
  },
  city_components: {
    name: '城市部件损坏',
    description: '路灯、垃圾桶、井盖、消防栓等部件损坏（可扫码报修）',
    keywords: '路灯,垃圾桶,井盖,部件',
  },
  public_security: { name: '治安隐患', description: '可疑人员、治安隐患、防范漏洞等', keywords: '治安,安全' },
  rental_housing: { name: '出租屋管理', description: '出租屋登记、门禁、消防和治安问题', keywords: '出租屋,租房,门禁' },
  resident_services: { name: '服务群众', description: '群众诉求、民生服务事项', keywords: '服务,诉求' },
  epidemic_control: { name: '疫情防控', description: '疫情防控相关事项', keywords: '疫情,防控' },
  water_pollution: { name: '水污染', description: '河涌污染、偷排漏排等', keywords: '水污染,河涌,排污' },
  industrial_parks: { name: '低效工业园', description: '低效工业园改造相关问题', keywords: '工业园,改造' },
  enterprise_safety: { name: '企业安全生产', description: '企业安全生产隐患', keywords: '企业,安全生产' },
}

/**
 * A citizen's report is titled by its service, with the start of what the
 * citizen wrote: Open311 defines no title, so neither a citizen nor an app
 * acting for one chooses it (decide refuses any other).
 */
export function citizenReportTitle(category: CategoryId, description: string): string {
  const said = description.trim().slice(0, 40).trim()
  return `${SERVICE_TEXT[category].name}${said ? `：${said}` : ''}`
}
