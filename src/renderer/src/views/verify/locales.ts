/** Field verification: Chinese and English strings (namespace `ops`, key `verify`). */
export const verifyZh = {
  verify: {
    title: '现场核查',
    myGrid: '我的网格：{{grid}}',
    myTowns: '辖区全部网格',
    empty: '暂无待核查事件',
    pick: '在左侧选择一件待核查事件',
    fedBack: '{{time}} 反馈',
    failures: '核查不通过 {{n}} 次',
    reason: '核查意见（不通过时必填）',
    photos: '现场照片链接（每行一个 http(s) 地址，选填）',
    pass: '核查通过',
    fail: '核查不通过（返工）',
    needReason: '核查不通过须填写原因',
    badPhotos: '照片须为 http(s) 链接，最多 9 个',
    queued: '已提交，待同步',
  },
}

export const verifyEn: typeof verifyZh = {
  verify: {
    title: 'On-site verification',
    myGrid: 'My grid: {{grid}}',
    myTowns: 'Every grid of my towns',
    empty: 'No cases awaiting verification',
    pick: 'Pick a case awaiting verification on the left',
    fedBack: 'fed back {{time}}',
    failures: 'Failed verification {{n}}×',
    reason: 'Finding (required when it fails)',
    photos: 'On-site photo links (one http(s) URL a line, optional)',
    pass: 'Verified',
    fail: 'Failed (rework)',
    needReason: 'Say why it failed verification',
    badPhotos: 'Photos must be http(s) links, at most 9',
    queued: 'Submitted, awaiting the server',
  },
}
