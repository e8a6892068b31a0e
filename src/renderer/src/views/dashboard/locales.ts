/** Dashboard: Chinese and English strings (namespace `situation`). */
export const dashboardZh = {
  dashboard: {
    title: '综合态势',
    subtitle: '{{scope}} · 一屏感知 · 近 {{days}} 天考核窗口',
    wholeCity: '全市',
  },
  drill: {
    hint: '点击任一数字查看对应事件',
  },
}

export const dashboardEn: typeof dashboardZh = {
  dashboard: {
    title: 'Situation',
    subtitle: '{{scope}} · one screen senses all · {{days}}-day assessment window',
    wholeCity: 'Whole city',
  },
  drill: {
    hint: 'Click any number to see its incidents',
  },
}
