import type { Department } from '@shared/domain'

/**
 * The 21 functional departments brought into the grid (东凤镇: 21个入格职能部门).
 * The first eleven are the categories' default handlers (categories.ts).
 */
export const DEPARTMENTS: readonly Department[] = [
  { id: 'police', name: '公安分局', nameEn: 'Public Security' },
  { id: 'fire', name: '消防救援', nameEn: 'Fire and Rescue' },
  { id: 'gas', name: '燃气管理办', nameEn: 'Gas Safety Office' },
  { id: 'sanitation', name: '环境卫生', nameEn: 'Sanitation' },
  { id: 'urban_admin', name: '综合行政执法', nameEn: 'Urban Administration' },
  { id: 'housing', name: '流动人口和出租屋管理', nameEn: 'Rental Housing Office' },
  { id: 'civil_affairs', name: '民政', nameEn: 'Civil Affairs' },
  { id: 'health', name: '卫生健康', nameEn: 'Health' },
  { id: 'ecology', name: '生态环境', nameEn: 'Ecology and Environment' },
  { id: 'industry', name: '经济发展', nameEn: 'Economy and Industry' },
  { id: 'emergency', name: '应急管理', nameEn: 'Emergency Management' },
  { id: 'market', name: '市场监管', nameEn: 'Market Regulation' },
  { id: 'transport', name: '交通运输', nameEn: 'Transport' },
  { id: 'water', name: '水务', nameEn: 'Water Affairs' },
  { id: 'natural_resources', name: '自然资源', nameEn: 'Natural Resources' },
  { id: 'human_resources', name: '人力资源和社会保障', nameEn: 'Human Resources and Social Security' },
  { id: 'education', name: '教育', nameEn: 'Education' },
  { id: 'justice', name: '司法', nameEn: 'Justice' },
  { id: 'power', name: '供电', nameEn: 'Power Supply' },
  { id: 'agriculture', name: '农业农村', nameEn: 'Agriculture and Rural Affairs' },
  { id: 'culture', name: '文化广电旅游体育', nameEn: 'Culture, Tourism and Sports' },
]
