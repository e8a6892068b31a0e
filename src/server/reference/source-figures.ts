/**
 * The figures the source gives (shared/seed/zhongshan-grid-reform.txt), in one
 * place: the reference data is built to them and the simulator is calibrated
 * against them (`npm run server -- calibrate`).
 */
export const SOURCE = {
  city: {
    /** 整合优化网格1740个 */
    grids: 1740,
    /** 配备专兼职网格员4355名 */
    gridWorkers: 4355,
    /** 今年上半年，全市网格事件办结率达98% */
    completionRate: 0.98,
  },
  henglan: {
    /** 按村（社区）为单位划分的11个中网格 … 细分为66个小网格 */
    mediumGrids: 11,
    smallGrids: 66,
    /** 出租屋3068栋，房间数11万间，其中规模以上出租屋（15间房以上）1919栋 */
    rentalBuildings: 3068,
    rentalRooms: 110_000,
    largeRentalBuildings: 1919,
    /** 规模以上出租屋已实现100%安装智感门禁系统 */
    largeWithVideoAccess: 1,
    population: 400_000,
  },
  dongfeng: {
    /** 将全镇划分为80个“全科网格” */
    allSubjectGrids: 80,
    /** 21个入格职能部门 */
    departments: 21,
    /** 其中出租屋超过6000栋 */
    rentalBuildings: 6000,
    /** 1.2万多个“城市部件” */
    cityComponents: 12_000,
    /** 9500余家工业企业 */
    industrialFirms: 9500,
    /** 2021年排查消防安全不合格事项21815宗次，完成隐患整改20137宗次 */
    fire2021: { found: 21_815, rectified: 20_137 },
    /** 2021年排查燃气安全不合格事项25102宗次，整改完成23510宗次 */
    gas2021: { found: 25_102, rectified: 23_510 },
    /** 平台上线三年多来 … 解决问题隐患5.4万宗次 */
    hazardsResolvedThreeYears: 54_000,
  },
} as const
