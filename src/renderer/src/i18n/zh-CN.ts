/** Simplified Chinese: the default language of the command room. */
export const zhCN = {
  app: { name: '网格指挥', subtitle: '中山市综合网格调度指挥系统 · 一网统管' },
  nav: { console: '事件台', dispatch: '调度板', map: '一张图', dashboard: '态势', wall: '大屏', settings: '设置' },
  status: {
    online: '在线',
    connecting: '连接中',
    offline: '离线',
    offlineSince: '离线（自 {{time}}）',
    catching_up: '同步中 {{done}}/{{total}}',
    pending: '待确认 {{count}}',
    conflicts: '冲突 {{count}}',
    quarantined: '隔离 {{count}}',
    dataAge: '数据 {{age}}',
    noData: '暂无数据',
    database: '本地库',
    databaseDetail: '{{incidents}} 条事件 · {{size}} · 迁移 v{{schema}} · {{journal}}',
    recovered: '本地库已损坏并重建（原文件：{{file}}）',
    host: { electron: '桌面版', browser: '浏览器' },
    hostLost: '与工作站核心的连接已断开，正在重连…',
    embedded: '内置中心服务',
    remote: '中心服务 {{url}}',
    operator: '{{name}}（{{role}}）',
    noOperator: '未登录',
  },
  roles: {
    operator: '值班员',
    supervisor: '值班长',
    wall: '大屏（只读）',
    field: '网格员',
    department: '处置部门',
    citizen: '群众',
    system: '系统',
  },
  age: { seconds: '{{n}} 秒前', minutes: '{{n}} 分钟前', hours: '{{n}} 小时前', days: '{{n}} 天前', justNow: '刚刚' },
  language: { label: '语言', zh: '中文', en: 'English' },
  common: { loading: '加载中…', retry: '重试', error: '出错了：{{message}}' },
  access: {
    title: '无法进入工作站',
    body: '访问令牌缺失、有误或已过期（未配置令牌文件时，工作站每次启动都会生成新的令牌）。请打开工作站启动时在控制台显示的地址，或向管理员索取令牌。',
  },
  views: {
    console: { title: '事件台', empty: '本地缓存中还没有事件。连接中心服务后，事件流会自动同步到这里。' },
    dispatch: { title: '调度板' },
    map: { title: '一张图' },
    dashboard: { title: '态势' },
    wall: { title: '大屏' },
    settings: {
      title: '设置',
      about: '关于本工作站',
      workstation: '工作站编号',
      dataDir: '数据目录',
      version: '版本',
      started: '启动时间',
      server: '中心服务',
    },
  },
}

/** Every locale has exactly these keys (TypeScript checks the English file against this shape). */
type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> }
export type Messages = Shape<typeof zhCN>
