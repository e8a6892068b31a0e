import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SqliteDatabase, type SqlParam } from '@infra/sqlite'
import { exactReal, insertJson, insertMany } from '../../../src/main/core/store/bulk'

let db: SqliteDatabase
let dir: string
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'gc-bulk-'))
  db = await SqliteDatabase.open(path.join(dir, 'db.sqlite'))
  for (const t of ['viaJson', 'viaBound'])
    await db.exec(`CREATE TABLE ${t} (k INTEGER PRIMARY KEY, s TEXT, r REAL, i INTEGER, n TEXT, b INTEGER)`)
})
afterEach(async () => {
  await db.close()
  await rm(dir, { recursive: true, force: true })
})

const COLUMNS = ['k', 's', 'r', 'i', 'n', 'b']

function rng(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0
    return s / 4294967296
  }
}

const STRINGS = [
  '',
  'plain',
  '中文 地址 缓办',
  'emoji 🚒 pair',
  'quote " backslash \\ slash /',
  'text that looks like an escape: \\ud800 \\u0041',
  'controls \n\t\r\u0000\u001f',
  'lone high \ud800 here',
  'lone low \udc00 here',
  'reversed \udc00\ud800',
]

async function both(rows: SqlParam[][], reals: string[]): Promise<void> {
  await db.transaction(async (tx) => {
    await insertJson(tx, 'viaJson', COLUMNS, rows, '', reals)
    await insertMany(tx, 'viaBound', COLUMNS, rows)
  })
}

async function expectSame(): Promise<void> {
  const a = await db.all('SELECT *, typeof(r) AS tr, typeof(i) AS ti FROM viaJson ORDER BY k')
  const b = await db.all('SELECT *, typeof(r) AS tr, typeof(i) AS ti FROM viaBound ORDER BY k')
  expect(a.length).toBe(b.length)
  for (let x = 0; x < a.length; x++) {
    // Object.is: the doubles must be the same bits, not merely close.
    for (const key of Object.keys(b[x]!)) {
      if (!Object.is(a[x]![key], b[x]![key])) expect(a[x], `row ${x} column ${key}`).toStrictEqual(b[x])
    }
  }
}

describe('insertJson', () => {
  it('stores exactly what binding the same values stores: doubles to the bit, text, integers, NULL, booleans', async () => {
    const r = rng(7)
    const rows: SqlParam[][] = []
    for (let k = 1; k <= 20_000; k++) {
      const real =
        k % 5 === 0
          ? Math.round((r() - 0.5) * 1e7) / 1e5
          : k % 5 === 1
            ? (r() - 0.5) * 360
            : k % 5 === 2
              ? Math.round((r() - 0.5) * 1000)
              : k % 5 === 3
                ? r() * 1e-6 // too small for the exact encoding within 62 bits: this page falls back
                : (r() - 0.5) * 180
      rows.push([
        k,
        STRINGS[k % STRINGS.length]!,
        k % 97 === 0 ? null : real,
        Math.floor((r() - 0.5) * 2 ** 53),
        k % 3 === 0 ? null : `n${k}`,
        k % 2 === 0,
      ])
    }
    // Pages of 1,000 as the sync engine writes them: some take the JSON path, some fall back.
    for (let i = 0; i < rows.length; i += 1000) {
      const page = rows.slice(i, i + 1000)
      // Keep most pages free of values that force the fallback, so both paths are exercised.
      const clean = (i / 1000) % 2 === 0
      await both(
        clean
          ? page.map((row) => {
              const out = [...row]
              if (exactReal(out[2]!) === undefined) out[2] = 22.5
              if (typeof out[1] === 'string' && /[\ud800-\udfff]|\\u/.test(out[1])) out[1] = 'x'
              return out
            })
          : page,
        ['r'],
      )
    }
    await expectSame()
    expect(Number((await db.get('SELECT count(*) AS n FROM viaJson'))?.n)).toBe(20_000)
  })

  it('encodes reals exactly or not at all', () => {
    const r = rng(11)
    let encoded = 0
    for (let n = 0; n < 100_000; n++) {
      const x = (r() - 0.5) * 10 ** Math.floor(r() * 8 - 3)
      const e = exactReal(x)
      if (e === undefined || e === null) continue
      encoded++
      if (e[0] / 2 ** e[1] !== x || !Number.isSafeInteger(e[0]) || e[1] > 62) expect.fail(`${x} → ${e.join(', ')}`)
    }
    expect(encoded).toBeGreaterThan(50_000)
    expect(exactReal(null)).toBeNull()
    expect(exactReal(Number.NaN)).toBeUndefined()
    expect(exactReal(Number.POSITIVE_INFINITY)).toBeUndefined()
    expect(exactReal('1.5')).toBeUndefined()
  })
})
