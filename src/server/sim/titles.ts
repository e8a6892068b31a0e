import type { CategoryId } from '@shared/domain'

/** Typical report titles per category, in the words a grid worker or citizen would use. */
export const TITLES: Record<CategoryId, readonly string[]> = {
  fire_safety: [
    '消防通道被杂物堵塞',
    '电动车在楼道内违规充电',
    '灭火器过期未更换',
    '出租屋未配置烟感报警器',
    '疏散指示灯损坏',
    '厂房内易燃物堆放',
  ],
  gas_safety: [
    '餐饮店液化气瓶违规存放',
    '燃气管道老化锈蚀',
    '疑似燃气泄漏气味',
    '燃气报警器未安装',
    '瓶装气无合格标识',
  ],
  environment_sanitation: [
    '路边垃圾堆积未清运',
    '河涌边乱倒建筑垃圾',
    '公厕卫生差',
    '卫生死角蚊虫滋生',
    '占道经营垃圾乱扔',
  ],
  city_components: ['路灯不亮', '垃圾桶破损', '井盖缺失', '消防栓漏水', '道路护栏损坏', '交通标志牌倾斜'],
  public_security: ['出租屋内可疑人员聚集', '夜间噪音扰民', '小区门禁损坏', '电动车被盗隐患', '疑似电信诈骗窝点'],
  rental_housing: ['出租屋租客未登记', '出租屋视频门禁故障', '群租隐患', '出租屋消防设施不全', '房东未落实治安责任'],
  resident_services: ['独居老人需要帮扶', '社保办理咨询', '居民反映水压不足', '残疾人补贴申请协助', '小区楼道照明报修'],
  epidemic_control: ['重点人员健康监测', '疫苗接种咨询', '场所防疫措施不到位'],
  water_pollution: ['河涌水体发黑发臭', '企业疑似偷排废水', '排水口异常排放'],
  industrial_parks: ['工业园厂房闲置', '园区道路破损', '低效用地改造诉求'],
  enterprise_safety: ['企业安全生产隐患', '危化品存放不规范', '特种设备未年检'],
}

export const FEEDBACK = [
  '已现场处置完毕',
  '已整改到位并拍照留存',
  '已更换损坏部件',
  '已约谈责任人并限期整改',
  '已清理完毕',
  '已督促业主落实整改',
]
/** Why a hazard the owner must rebuild for is suspended (缓办) for months. */
export const LONG_SUSPEND_REASONS = [
  '需业主实施消防改造，已出具整改通知书',
  '燃气管道需整体更换，纳入老旧管网改造计划',
  '涉及违章搭建拆除，待执法程序完成',
  '业主失联，已发函责令限期整改',
]
export const RETURN_REASONS = ['现场核查仍未整改到位', '整改照片与现场不符', '群众反映问题仍存在']
export const REJECT_REASONS = ['不属于网格事项', '信息不全无法核实', '重复上报']
