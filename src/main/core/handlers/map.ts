import path from 'node:path'
import { SqliteDatabase, type SqlExecutor } from '@infra/sqlite'
import type { MapFigures, MapShapes, PlaceLayer } from '@shared/contract'
import { clockFor } from '../aggregates/time-buckets'
import { buildCaseLayer, caseLayerUpdate } from '../map/case-layer'
import { CaseLayerCache } from '../map/case-layer-cache'
import { buildComponentLayer, componentCard } from '../map/component-layer'
import { GlyphFiles } from '../map/glyph-files'
import { buildHeatLayer } from '../map/heat-layer'
import { MapPrefsStore } from '../map/map-prefs'
import { buildPlaceLayer } from '../map/place-layer'
import { extents, searchMap } from '../map/search'
import { loadShapes } from '../map/shape-layers'
import { buildUnitLayer, unitCard } from '../map/unit-layer'
import type { PushHub } from '../push-hub'
import type { Registry } from '../registry'
import type { StatusBoard } from '../status-board'
import type { SyncService } from '../sync/sync-service'

export interface MapDeps {
  readonly sqlite: SqliteDatabase
  readonly sync: SyncService
  readonly status: StatusBoard
  /** Change notices: they drop the case layers kept for the next map opened. */
  readonly hub: PushHub
  /** The live map figures (the aggregate engine's). */
  readonly figures: () => Promise<MapFigures>
  /** The app's resources folder (geo/, glyphs/). */
  readonly resourcesDir: string
  readonly tzOffsetMinutes?: number
  readonly now?: () => number
}

/**
 * The map's handlers (src/shared/contract/requests/map.ts): every layer built
 * here as GeoJSON from the cache, the components, the positions and
 * resources/. Layer reads go through their own read-only connection, so a
 * 100,000-case layer never holds up the sync engine's writes.
 */
export function registerMapHandlers(registry: Registry, deps: MapDeps): { stop: () => Promise<void> } {
  const now = () => (deps.now ?? Date.now)()
  const clock = clockFor(deps.tzOffsetMinutes)
  const reader = SqliteDatabase.open(deps.sqlite.file, { readonly: true }).catch(() => null)
  const db = async (): Promise<SqlExecutor> => (await reader) ?? deps.sqlite
  const glyphs = GlyphFiles.in(deps.resourcesDir)
  const prefs = new MapPrefsStore(deps.sqlite, () => deps.status.get().operator?.actorId ?? null)
  let shapes: Promise<MapShapes | null> | null = null
  const loadedShapes = () => (shapes ??= loadShapes(deps.resourcesDir).catch(() => null))
  let areas: Promise<ReturnType<typeof extents>> | null = null
  let places: { version: number; refVersion: string | null; layer: PlaceLayer } | null = null
  const ref = () => deps.sync.reference.get()
  const caseLayers = new CaseLayerCache()
  const offChanges = deps.hub.subscribe((name) => {
    if (name === 'changes') caseLayers.invalidate()
  })

  registry
    .register('map.meta', async () => {
      const index = await glyphs.meta()
      const base = await loadedShapes()
      return { bbox: base?.bbox ?? null, fontstacks: index.fontstacks, missingGlyphs: await glyphs.missing(ref()) }
    })
    .register('map.shapes', () => loadedShapes())
    .register('map.places', async () => {
      const figures = await deps.figures()
      const r = ref()
      if (!places || places.version !== figures.version || places.refVersion !== (r?.version ?? null))
        places = { version: figures.version, refVersion: r?.version ?? null, layer: buildPlaceLayer(r, figures) }
      return places.layer
    })
    .register('map.cases', (q) => {
      const at = now()
      return caseLayers.get(q, at, async () => buildCaseLayer(await db(), q, at, clock))
    })
    .register('map.caseUpdates', async ({ key, ids, overdueFrom }) =>
      caseLayerUpdate(await db(), key, ids, overdueFrom, now(), clock),
    )
    .register('map.heat', async (q) => buildHeatLayer(await db(), ref(), q, now(), clock))
    .register('map.units', async () => buildUnitLayer(await db(), ref(), deps.sync.positions))
    .register('map.unit', async ({ kind, id }) => unitCard(await db(), ref(), deps.sync.positions, kind, id))
    .register('map.components', () => {
      deps.sync.wantComponents()
      return buildComponentLayer(deps.sync.components)
    })
    .register('map.component', async ({ id }) => {
      deps.sync.wantComponents()
      return componentCard(await db(), deps.sync.components, id)
    })
    .register('map.search', async ({ q, limit }) => {
      deps.sync.wantComponents()
      areas ??= loadedShapes().then(extents)
      return searchMap(await db(), ref(), deps.sync.components, await areas, q, limit)
    })
    .register('map.glyphs', async ({ fontstack, range }) => {
      const pbf = await glyphs.range(fontstack, range)
      return pbf === null ? null : { pbf }
    })
    .register('map.prefs.get', () => prefs.get())
    .register('map.prefs.save', ({ prefs: next }) => prefs.save(next))

  return {
    stop: async () => {
      offChanges()
      await (await reader)?.close()
    },
  }
}

/** resources/ sits beside the migrations folder (as the situation handlers find it). */
export function resourcesBeside(migrationsFolder: string): string {
  return path.join(path.dirname(migrationsFolder), 'resources')
}
