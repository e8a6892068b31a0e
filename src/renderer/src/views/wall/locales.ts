/** Wall: Chinese and English strings (namespace `situation`). */
export const wallZh = {
  wall: {
    title: '{{scope}} · 一网统管态势',
    wholeCity: '中山市综合网格',
    pages: {
      overview: '总体态势',
      areas: '四大领域',
      league: '考核排名',
      map: '一图统管',
    },
    paused: '已暂停',
    next: '{{s}} 秒后切换',
    topTowns: '在办事件最多的镇街',
  },
  link: {
    live: '实时',
    catchingUp: '正在同步',
    checking: '正在确认连接',
    offlineTitle: '与中心服务的连接已中断',
    offlineBody: '以下为 {{time}} 的数据，非实时；恢复连接后自动更新',
    hostLost: '与工作站的连接已中断',
  },
}

export const wallEn: typeof wallZh = {
  wall: {
    title: '{{scope}} · situation',
    wholeCity: 'Zhongshan comprehensive grid',
    pages: {
      overview: 'Overview',
      areas: 'Four areas',
      league: 'League tables',
      map: 'One map',
    },
    paused: 'Paused',
    next: 'next in {{s}} s',
    topTowns: 'Towns with most open incidents',
  },
  link: {
    live: 'Live',
    catchingUp: 'Catching up',
    checking: 'Checking the link',
    offlineTitle: 'Link to the central server is down',
    offlineBody: 'Figures below are from {{time}}, not live; they update by themselves when the link returns',
    hostLost: 'Link to the workstation is down',
  },
}
