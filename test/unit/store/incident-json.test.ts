import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Incident } from '@shared/domain'
import type { Store } from '../../../src/main/core/store/open-store'
import { getIncidents, listIncidents } from '../../../src/main/core/store/incident-queries'
import { INCIDENT_SELECT, incidentFromRow, replaceIncidents } from '../../../src/main/core/store/incident-rows'
import { baseIncident } from '../../support/incident'
import { tempStore } from '../sync/helpers'

let store: Store
let cleanup: () => Promise<void>
beforeEach(async () => ({ store, cleanup } = await tempStore()))
afterEach(() => cleanup())

const TEXTS = [
  '',
  '中文 地址 缓办',
  'emoji 🚒 pair',
  'quote " backslash \\ slash /',
  'controls \n\t\r\u001f',
  '\\u0041 not an escape',
]

function rng(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0
    return s / 4294967296
  }
}

describe('incident rows read through SQLite JSON', () => {
  it('equal a plain select to the bit: doubles, text, NULLs, booleans, key order', async () => {
    const r = rng(3)
    const incidents: Incident[] = []
    for (let k = 0; k < 2000; k++) {
      const base = baseIncident({ id: `inc-${k}`, reportedAt: k * 1000 })
      incidents.push({
        ...base,
        title: TEXTS[k % TEXTS.length]!,
        address: TEXTS[(k + 3) % TEXTS.length]!,
        // Any double: 17 significant digits, tiny, whole, negative.
        lat: k % 4 === 0 ? (r() - 0.5) * 180 : k % 4 === 1 ? r() * 1e-7 : k % 4 === 2 ? Math.round(r() * 90) : -r(),
        lng: (r() - 0.5) * 360,
        suspended: k % 2 === 0,
        componentId: k % 3 === 0 ? null : `c-${k}`,
        deadline: k % 5 === 0 ? null : Math.floor(r() * 2 ** 52),
      })
    }
    await store.sqlite.transaction((tx) => replaceIncidents(tx, incidents))
    await store.sqlite.run("UPDATE incidents SET stale_since_seq = 7 WHERE id = 'inc-5'")

    const plain = new Map(
      (await store.sqlite.all(`SELECT ${INCIDENT_SELECT} FROM incidents`)).map((row) => {
        const i = incidentFromRow(row)
        return [i.id, i]
      }),
    )
    const viaJson = await getIncidents(
      store.sqlite,
      incidents.map((i) => i.id),
    )
    expect(viaJson.size).toBe(2000)
    for (const [id, expected] of plain) {
      const { stale, ...got } = viaJson.get(id)!
      expect(stale).toBe(id === 'inc-5')
      expect(Object.keys(got)).toEqual(Object.keys(expected))
      for (const key of Object.keys(expected) as (keyof Incident)[])
        if (!Object.is(got[key], expected[key])) expect(got, `${id}.${key}`).toStrictEqual(expected)
    }
    const page = await listIncidents(store.sqlite, {}, { offset: 0, limit: 5000 }, Date.now())
    expect(page.total).toBe(2000)
    expect(page.rows.map((x) => x.id).sort()).toEqual([...plain.keys()].sort())
  })
})
