import type { Feature, FeatureCollection, Geometry } from 'geojson'
import type {
  ArgsOf,
  CaseLayer,
  DrillKey,
  EventName,
  EventPayloadOf,
  HeatLayer,
  MapLayerId,
  MapPrefs,
  RequestName,
  ResultOf,
  UnitLayer,
} from '@shared/contract'
import { DiffCoalescer } from './diff-coalescer'
import { placeTones } from './map-tones'

/** Where the feed writes: the map engine's sources (a fake in tests). */
export interface MapSink {
  setData(source: string, data: FeatureCollection): void
  /** A large layer as GeoJSON text (LayerText): parsed where the map indexes it, not here. */
  setText(source: string, geojson: string): void
  /** Resolves once the map has taken the diff in (its worker re-indexed the source). */
  update(
    source: string,
    diff: {
      add?: readonly Feature[]
      remove?: readonly (string | number)[]
      move?: readonly { id: string; geometry: Geometry }[]
    },
  ): Promise<void> | void
  setStates(source: string, states: ReadonlyMap<string, Readonly<Record<string, number>>>): void
}

/** The core as the feed reaches it (api/client's call and subscribe, or a fake). */
export interface FeedApi {
  call<N extends RequestName>(name: N, args: ArgsOf<N>): Promise<ResultOf<N>>
  subscribe<E extends EventName>(name: E, listener: (payload: EventPayloadOf<E>) => void): () => void
}

export type FeedSettings = Pick<MapPrefs, 'layers' | 'scope' | 'category' | 'heatDays'>

export interface FeedListener {
  /** The case layer was (re)built: its key (for box selection) and how many cases it holds. */
  cases?(key: DrillKey, count: number): void
  /** The heat layer: how many reports and the busiest grid's count, for the legend. */
  heat?(layer: Pick<HeatLayer, 'max' | 'total'>): void
  /** Newest position time (server clock). */
  units?(asOf: number | null): void
  error?(message: string): void
}

export type Bbox = readonly [number, number, number, number]

function ringBbox(ring: readonly (readonly number[])[]): Bbox {
  let w = Infinity
  let s = Infinity
  let e = -Infinity
  let n = -Infinity
  for (const [x = 0, y = 0] of ring) {
    w = Math.min(w, x)
    e = Math.max(e, x)
    s = Math.min(s, y)
    n = Math.max(n, y)
  }
  return [w, s, e, n]
}

/** Live changes are gathered this long, then asked for in one request. */
const CASE_FLUSH_MS = 250
/** The case layer takes a diff at most this often (each re-clusters every case and redraws every tile). */
const CASE_DIFF_GAP_MS = 500
/** How often cases that merely passed their deadline are looked for. */
const OVERDUE_SWEEP_MS = 30_000
/** Units' loads and tasks, and the teams' trails, are rebuilt this often (positions move by push). */
const UNIT_REFRESH_MS = 15_000
/** The heat follows new reports at most this often. */
const HEAT_REFRESH_MS = 30_000
const MAX_IDS = 5000

/**
 * Keeps the map's sources live: loads each layer the core builds, then applies
 * what changes as diffs by id — a change notice's incidents are asked for again
 * and replaced or removed (never the whole layer), positions move units, new
 * aggregates refill the labels and fills. Knows nothing of MapLibre: it writes
 * to a MapSink.
 */
export class MapFeed {
  private settings: FeedSettings
  private caseKey: DrillKey | null = null
  private builtAt = 0
  private caseCount = 0
  private pendingIds = new Set<string>()
  private reloadCases = false
  private flushTimer: ReturnType<typeof setTimeout> | null = null
  private flushing: Promise<void> | null = null
  private placesVersion = -1
  private heatAt = 0
  private componentsVersion: string | null | undefined = undefined
  private unsubscribe: (() => void)[] = []
  private timers: ReturnType<typeof setInterval>[] = []
  private stopped = false
  private caseGeneration = 0
  private readonly areas = new Map<string, { bbox: Bbox; townId: string; parentId: string | null }>()
  private districtBbox: Bbox | null = null
  private readonly caseDiffs: DiffCoalescer

  constructor(
    private readonly sink: MapSink,
    private readonly api: FeedApi,
    settings: FeedSettings,
    private readonly listener: FeedListener = {},
  ) {
    this.settings = settings
    this.caseDiffs = new DiffCoalescer((diff) => this.sink.update('cases', diff), CASE_DIFF_GAP_MS)
  }

  start(): void {
    this.unsubscribe.push(
      this.api.subscribe('changes', (c) => {
        if (c.all) {
          this.reloadCases = true
          this.componentsVersion = undefined
          if (this.on('components')) void this.loadComponents()
        } else for (const id of c.incidentIds) this.pendingIds.add(id)
        this.scheduleFlush()
      }),
      this.api.subscribe('aggregates', (a) => {
        if (a.version !== this.placesVersion) void this.loadPlaces()
        if (this.on('heat') && Date.now() - this.heatAt > HEAT_REFRESH_MS) void this.loadHeat()
      }),
      this.api.subscribe('units', (u) => {
        if (!this.on('units')) return
        void this.sink.update('units', {
          move: u.moves.map((m) => ({ id: m.id, geometry: { type: 'Point', coordinates: [m.lng, m.lat] } })),
        })
      }),
    )
    this.timers.push(
      setInterval(() => this.scheduleFlush(true), OVERDUE_SWEEP_MS),
      setInterval(() => this.on('units') && void this.loadUnits(), UNIT_REFRESH_MS),
    )
    void this.loadShapes()
    void this.loadPlaces()
    this.loadEnabled()
  }

  stop(): void {
    this.stopped = true
    for (const u of this.unsubscribe) u()
    for (const t of this.timers) clearInterval(t)
    if (this.flushTimer) clearTimeout(this.flushTimer)
    this.caseDiffs.stop()
    this.unsubscribe = []
    this.timers = []
  }

  /** New toggles or filters: loads what became visible or changed, keeps the rest. */
  configure(next: FeedSettings): void {
    const before = this.settings
    this.settings = next
    const casesChanged = next.scope !== before.scope || next.category !== before.category
    if (this.on('cases') && (casesChanged || !before.layers.cases)) void this.loadCases()
    if (
      this.on('heat') &&
      (!before.layers.heat || next.heatDays !== before.heatDays || next.category !== before.category)
    )
      void this.loadHeat()
    if (this.on('units') && !before.layers.units) void this.loadUnits()
    if (this.on('components') && !before.layers.components) void this.loadComponents()
  }

  /** Everything again (the link to the core came back). */
  reload(): void {
    this.placesVersion = -1
    this.componentsVersion = undefined
    void this.loadPlaces()
    this.loadEnabled()
  }

  /** A town's, village's or grid's extent and where it sits (null before the shapes arrive). */
  area(id: string): { bbox: Bbox; townId: string; parentId: string | null } | null {
    return this.areas.get(id) ?? null
  }

  get district(): Bbox | null {
    return this.districtBbox
  }

  /** The key of the case layer as last built (what a box on the map selects with). */
  get key(): DrillKey | null {
    return this.caseKey
  }

  private on(layer: MapLayerId): boolean {
    return this.settings.layers[layer]
  }

  private loadEnabled(): void {
    if (this.on('cases')) void this.loadCases()
    if (this.on('heat')) void this.loadHeat()
    if (this.on('units')) void this.loadUnits()
    if (this.on('components')) void this.loadComponents()
  }

  private fail(err: unknown): void {
    if (!this.stopped) this.listener.error?.(err instanceof Error ? err.message : String(err))
  }

  private async loadShapes(): Promise<void> {
    try {
      const shapes = await this.api.call('map.shapes', {})
      if (!shapes || this.stopped) return
      this.sink.setData('towns', shapes.towns)
      this.sink.setData('mediums', shapes.mediums)
      this.sink.setData('grids', shapes.grids)
      this.districtBbox = shapes.bbox
      for (const c of [shapes.towns, shapes.mediums, shapes.grids])
        for (const f of c.features)
          this.areas.set(f.properties.id, {
            bbox: ringBbox(f.geometry.coordinates[0] ?? []),
            townId: f.properties.townId,
            parentId: f.properties.parentId,
          })
      // Fills are feature states of these sources: set them again now the features exist.
      this.placesVersion = -1
      void this.loadPlaces()
    } catch (err) {
      this.fail(err)
    }
  }

  private async loadPlaces(): Promise<void> {
    try {
      const layer = await this.api.call('map.places', {})
      if (this.stopped || layer.version === this.placesVersion) return
      this.placesVersion = layer.version
      this.sink.setData('places', layer.data)
      const { towns, grids } = placeTones(layer)
      this.sink.setStates('towns', towns)
      this.sink.setStates('grids', grids)
    } catch (err) {
      this.fail(err)
    }
  }

  private async loadCases(): Promise<void> {
    const generation = ++this.caseGeneration
    try {
      const layer: CaseLayer = await this.api.call('map.cases', {
        scope: this.settings.scope,
        ...(this.settings.category ? { category: this.settings.category } : {}),
      })
      if (this.stopped || generation !== this.caseGeneration) return
      this.caseKey = layer.key
      this.builtAt = layer.builtAt
      this.caseCount = layer.count
      this.pendingIds.clear()
      this.reloadCases = false
      // Diffs still waiting describe the layer being replaced: the new text already holds them.
      this.caseDiffs.clear()
      this.sink.setText('cases', layer.geojson)
      this.listener.cases?.(layer.key, this.caseCount)
    } catch (err) {
      this.fail(err)
    }
  }

  private scheduleFlush(now = false): void {
    if (this.stopped || !this.on('cases')) return
    if (this.flushTimer && !now) return
    if (this.flushTimer) clearTimeout(this.flushTimer)
    this.flushTimer = setTimeout(
      () => {
        this.flushTimer = null
        void this.flush()
      },
      now ? 0 : CASE_FLUSH_MS,
    )
  }

  /** Applies the gathered changes (one at a time: what arrives meanwhile waits for the next). */
  private async flush(): Promise<void> {
    if (this.flushing) {
      await this.flushing
      return this.scheduleFlush()
    }
    this.flushing = this.applyChanges().finally(() => (this.flushing = null))
    return this.flushing
  }

  private async applyChanges(): Promise<void> {
    if (this.reloadCases || !this.caseKey) return this.loadCases()
    const key = this.caseKey
    const generation = this.caseGeneration
    const ids = [...this.pendingIds].slice(0, MAX_IDS)
    for (const id of ids) this.pendingIds.delete(id)
    try {
      const u = await this.api.call('map.caseUpdates', { key, ids, overdueFrom: this.builtAt })
      if (this.stopped || generation !== this.caseGeneration) return
      this.builtAt = u.builtAt
      // The next batch waits until the map has re-indexed this one (and the diffs' gap has passed):
      // under a flood of changes the batches grow instead of queueing (each re-clusters the whole
      // layer and redraws it).
      if (u.add.length > 0 || u.remove.length > 0) await this.caseDiffs.push({ add: u.add, remove: u.remove })
    } catch (err) {
      for (const id of ids) this.pendingIds.add(id)
      this.fail(err)
    }
    if (this.pendingIds.size > 0) this.scheduleFlush()
  }

  private async loadHeat(): Promise<void> {
    this.heatAt = Date.now()
    try {
      const layer = await this.api.call('map.heat', {
        days: this.settings.heatDays,
        ...(this.settings.category ? { category: this.settings.category } : {}),
      })
      if (this.stopped) return
      this.sink.setData('heat', layer.data)
      this.listener.heat?.(layer)
    } catch (err) {
      this.fail(err)
    }
  }

  private async loadUnits(): Promise<void> {
    try {
      const layer: UnitLayer = await this.api.call('map.units', {})
      if (this.stopped) return
      this.sink.setData('units', layer.units)
      this.sink.setData('trails', layer.trails)
      this.listener.units?.(layer.asOf)
    } catch (err) {
      this.fail(err)
    }
  }

  private async loadComponents(): Promise<void> {
    try {
      const layer = await this.api.call('map.components', {})
      if (this.stopped || layer.version === this.componentsVersion) return
      this.componentsVersion = layer.version
      this.sink.setText('components', layer.geojson)
    } catch (err) {
      this.fail(err)
    }
  }
}
