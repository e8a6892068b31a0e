/** Screen layout settings: Chinese and English strings (namespace `situation`). */
export const screensZh = {
  screens: {
    title: '多屏布局',
    intro: '为每台显示器指定用途；布局保存在中心服务，随值班员登录任意工作站。',
    display: '显示器 {{n}}',
    primary: '主屏',
    resolution: '{{w}}×{{h}} · 缩放 {{scale}}',
    role: '用途',
    save: '保存布局',
    saved: '已保存（{{source}}）',
    sourceServer: '中心服务',
    sourceLocal: '本机副本，联网后上传',
    sourceNone: '尚未保存',
    noDisplays: '浏览器中无法获取显示器信息；请在桌面版中设置多屏布局。',
    wallSeconds: '大屏轮播间隔（秒）',
    roles: {
      console: '事件台',
      dispatch: '调度板',
      map: '一张图',
      dashboard: '态势',
      wall: '大屏（全屏）',
      none: '不使用',
    },
  },
}

export const screensEn: typeof screensZh = {
  screens: {
    title: 'Screens',
    intro:
      'Give each monitor a role; the layout is saved on the central server and follows the operator to any workstation.',
    display: 'Display {{n}}',
    primary: 'primary',
    resolution: '{{w}}×{{h}} · scale {{scale}}',
    role: 'Role',
    save: 'Save layout',
    saved: 'Saved ({{source}})',
    sourceServer: 'central server',
    sourceLocal: 'local copy, uploaded when online',
    sourceNone: 'not saved yet',
    noDisplays: 'A browser cannot see the monitors; set up screens in the desktop app.',
    wallSeconds: 'Wall page interval (seconds)',
    roles: {
      console: 'Console',
      dispatch: 'Dispatch board',
      map: 'Map',
      dashboard: 'Dashboard',
      wall: 'Wall (full screen)',
      none: 'Unused',
    },
  },
}
