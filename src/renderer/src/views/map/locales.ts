/** Map view: Chinese and English strings (namespace `situation`). */
export const mapZh = {
  map: {
    district: '全区',
    back: '返回上一级',
    legendOpen: '在办事件',
    legendOverdue: '含超期',
    colorBy: '着色',
    byOpen: '在办',
    byOverdue: '超期',
    open: '在办 {{n}}',
    today: '今日上报 {{n}}',
    clickTown: '点击镇街查看网格',
    clickGrid: '点击网格查看事件',
  },
}

export const mapEn: typeof mapZh = {
  map: {
    district: 'District',
    back: 'Back',
    legendOpen: 'Open incidents',
    legendOverdue: 'with overdue',
    colorBy: 'Colour by',
    byOpen: 'Open',
    byOverdue: 'Overdue',
    open: 'Open {{n}}',
    today: 'Today {{n}}',
    clickTown: 'Click a town to see its grids',
    clickGrid: 'Click a grid to see its incidents',
  },
}
