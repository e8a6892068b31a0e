/**
 * Writes the schematic map of the district to resources/geo/ (GeoJSON, [lng, lat]
 * rounded to 1e-5°), generated from the same seed as the server's reference
 * data, so ids and shapes match what the server sends. Run: npx tsx scripts/generate-geo.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { generateReference } from '../src/server/reference/generate'

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'geo')
mkdirSync(out, { recursive: true })
const ref = generateReference()
const shapes = new Map([...ref.townShapes, ...ref.gridShapes].map((s) => [s.id, s.ring]))

const polygon = (id: string): { type: 'Polygon'; coordinates: (readonly (readonly [number, number])[])[] } => ({
  type: 'Polygon',
  coordinates: [shapes.get(id) ?? []],
})

const towns = {
  type: 'FeatureCollection',
  referenceVersion: ref.data.version,
  features: ref.data.towns.map((t) => ({
    type: 'Feature',
    id: t.id,
    properties: {
      id: t.id,
      name: t.name,
      nameEn: t.nameEn,
      kind: t.kind,
      areaKm2: t.areaKm2,
      population: t.population,
      lat: t.lat,
      lng: t.lng,
    },
    geometry: polygon(t.id),
  })),
}

const grids = {
  type: 'FeatureCollection',
  referenceVersion: ref.data.version,
  features: ref.data.grids.map((g) => ({
    type: 'Feature',
    id: g.id,
    properties: {
      id: g.id,
      townId: g.townId,
      parentId: g.parentId,
      level: g.level,
      name: g.name,
      lat: g.lat,
      lng: g.lng,
    },
    geometry: polygon(g.id),
  })),
}

const all = ref.townShapes.flatMap((s) => s.ring)
const index = {
  referenceVersion: ref.data.version,
  bbox: [
    Math.min(...all.map((p) => p[0])),
    Math.min(...all.map((p) => p[1])),
    Math.max(...all.map((p) => p[0])),
    Math.max(...all.map((p) => p[1])),
  ],
  files: { towns: 'towns.json', grids: 'grids.json' },
  note: 'Schematic geometry (power diagram of approximate town centres, nested grids); not survey data.',
}

writeFileSync(join(out, 'towns.json'), JSON.stringify(towns))
writeFileSync(join(out, 'grids.json'), JSON.stringify(grids))
writeFileSync(join(out, 'index.json'), `${JSON.stringify(index, null, 2)}\n`)
console.log(`wrote ${towns.features.length} towns and ${grids.features.length} grids to ${out}`)
