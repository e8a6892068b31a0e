import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { CaseFeature } from '@shared/contract'
import { isOpen, isOverdue, PRIORITIES, STATUSES, type Incident } from '@shared/domain'
import { DEMO_TOKENS } from '@shared/protocol'
import { createCore, type Core } from '../../../src/main/core/core'
import { upsertIncidents } from '../../../src/main/core/store/incident-rows'
import { baseIncident } from '../../support/incident'
import { MIGRATIONS } from '../../unit/sync/helpers'

/**
 * The map's case layer is written by SQLite as GeoJSON text (one statement for up to 100,000
 * cases), its live updates feature by feature in TypeScript: both must describe a case alike,
 * and the layer must hold exactly the open cases with the domain's overdue rule.
 */
const DAY = 86_400_000
const NOW = Date.now()
let dir = ''
let core: Core
let all: Incident[] = []

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'gc-map-layer-'))
  core = await createCore({
    dataDir: dir,
    migrationsFolder: MIGRATIONS,
    host: 'browser',
    version: 'test',
    server: null,
    embeddedServer: false,
  })
  core.status.update({ operator: DEMO_TOKENS.operator.principal })
  all = Array.from({ length: 60 }, (_, i) =>
    baseIncident({
      id: `case-${String(i).padStart(3, '0')}`,
      code: `ZS-${String(i).padStart(6, '0')}`,
      status: STATUSES[i % STATUSES.length]!,
      priority: PRIORITIES[i % PRIORITIES.length]!,
      lng: 113.3 + i / 1000,
      lat: 22.5 - i / 1000,
      reportedAt: NOW - i * 3_600_000,
      deadline: i % 3 === 0 ? null : NOW + ((i % 5) - 2) * DAY,
      suspended: i % 11 === 0,
      suspendedMs: i % 7 === 0 ? 3 * DAY : 0,
    }),
  )
  await upsertIncidents(core.store.sqlite, all)
})
afterAll(async () => {
  await core.close()
  await rm(dir, { recursive: true, force: true })
})

async function call<T>(name: string, args: unknown): Promise<T> {
  const out = await core.registry.call(name, args, { origin: 'internal', readOnly: false })
  if (!out.ok) throw new Error(out.error.message)
  return out.value as T
}

it('the layer text holds every open case, described as its live updates describe it', async () => {
  const layer = await call<{ geojson: string; count: number; builtAt: number }>('map.cases', { scope: 'open' })
  const parsed = JSON.parse(layer.geojson) as { type: string; features: CaseFeature[] }
  expect(parsed.type).toBe('FeatureCollection')
  const byId = (a: CaseFeature, b: CaseFeature) => a.properties.id.localeCompare(b.properties.id)
  const features = [...parsed.features].sort(byId)
  const open = all.filter((i) => isOpen(i))
  expect(layer.count).toBe(open.length)
  expect(features.map((f) => f.properties.id)).toEqual(open.map((i) => i.id).sort())
  // Overdue by the domain's rule at the time the layer was built.
  for (const f of features) {
    const i = open.find((x) => x.id === f.properties.id)!
    expect(f.properties.o, i.id).toBe(isOverdue(i, layer.builtAt) ? 1 : 0)
    // Coordinates to 6 decimals: the same point to a tenth of a metre.
    expect(f.geometry.coordinates[0]).toBeCloseTo(i.lng, 6)
    expect(f.geometry.coordinates[1]).toBeCloseTo(i.lat, 6)
  }
  expect(features.some((f) => f.properties.o === 1)).toBe(true)
  // The same cases asked for as an update: feature for feature the same.
  const update = await call<{ add: CaseFeature[]; remove: string[] }>('map.caseUpdates', {
    key: { metric: 'open' },
    ids: all.map((i) => i.id),
  })
  const rounded = (list: CaseFeature[]) =>
    list.map((f) => ({
      ...f,
      geometry: { ...f.geometry, coordinates: f.geometry.coordinates.map((c) => c.toFixed(9)) },
    }))
  expect(rounded([...update.add].sort(byId))).toEqual(rounded(features))
  expect(update.remove.sort()).toEqual(all.filter((i) => !isOpen(i)).map((i) => i.id))
})
