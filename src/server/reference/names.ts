import type { Rng } from './rng'

/** Characters for schematic village/community and road names (pinyin for English labels). */
const VILLAGE_CHARS = '东西南北新大小上下沙涌岗洲塘基围安乐富兴隆和平福龙凤石岭湾埔桥海联合群丰裕永华庆'
const SURNAMES = '陈李黄梁何林张吴刘郑冯杨罗周谭曾苏卢郭区麦欧钟刘高萧'
const GIVEN = '伟志明华建国文杰俊辉婷敏丽芳燕玲静丹霞慧嘉欣宇浩锦荣耀强永健'
const ROADS = [
  '中山路',
  '兴业路',
  '康乐大道',
  '富丰路',
  '民生路',
  '文明路',
  '长安路',
  '繁华路',
  '沿江路',
  '工业大道',
  '新村路',
  '环镇路',
]

export function villageName(rng: Rng, used: Set<string>): string {
  for (;;) {
    const suffix = rng.chance(0.35) ? '社区' : '村'
    const name = `${rng.pick([...VILLAGE_CHARS])}${rng.pick([...VILLAGE_CHARS])}${suffix}`
    if (!used.has(name)) {
      used.add(name)
      return name
    }
  }
}

export function personName(rng: Rng): string {
  const given = rng.chance(0.7) ? `${rng.pick([...GIVEN])}${rng.pick([...GIVEN])}` : rng.pick([...GIVEN])
  return `${rng.pick([...SURNAMES])}${given}`
}

export function streetAddress(rng: Rng, townName: string, gridName: string): string {
  return `${townName}${gridName}${rng.pick(ROADS)}${rng.int(1, 320)}号`
}
