import { z } from 'zod'
import type { Feature, FeatureCollection, LineString, Point, Polygon } from 'geojson'
import { CATEGORY_IDS, type ComponentKind } from '../../domain'
import { request } from '../define'
import type { IncidentView } from '../views'
import { drillKeySchema, type DrillKey } from './situation'

/**
 * The map (一图统管): every layer is a GeoJSON source the core builds from the cache
 * and resources/ (src/main/core/map), handed to MapLibre as data. Ids are promoted
 * from `properties.id` so live updates are diffs (add, replace, remove) by id.
 */

const id = z.string().min(1).max(64)
const time = z.number().int().nonnegative()

/**
 * A large layer travels as the JSON text of its FeatureCollection, not as objects: the page
 * hands the text to MapLibre's worker, which parses and indexes it there, so the page's main
 * thread never builds (nor copies to the worker) one object per feature.
 */
export type LayerText = string

/* ---- the case layer ---- */

/** Which cases the case layer shows: the open ones, or everything reported today / in 7 / in 30 days. */
export const CASE_SCOPES = ['open', 'today', 'week', 'month'] as const
export type CaseScope = (typeof CASE_SCOPES)[number]

/** Statuses grouped as the map colours them. */
export const CASE_GROUPS = ['awaiting', 'handling', 'checking', 'closed', 'void'] as const
export type CaseGroup = (typeof CASE_GROUPS)[number]

export const caseLayerQuerySchema = z.object({
  scope: z.enum(CASE_SCOPES).default('open'),
  category: z.enum(CATEGORY_IDS).optional(),
})
export type CaseLayerQuery = z.input<typeof caseLayerQuerySchema>

/** One case as a point. Short keys: the layer holds up to 100,000 of them. */
export interface CaseProps {
  readonly id: string
  /** ZS-YYMMDD-NNNNNN */
  readonly code: string
  /** The colour group of its status (the case's card has the status itself). */
  readonly g: CaseGroup
  /** 0 low … 3 urgent (the style sizes by it). */
  readonly p: number
  /** 1 when overdue at the time the feature was built. */
  readonly o: 0 | 1
}
export type CaseFeature = Feature<Point, CaseProps>

export interface CaseLayer {
  /**
   * The drill-down key that selects exactly these cases (situation.drill): the same SQL built the
   * layer, so a box on the map plus this key lists in the console what the box holds.
   */
  readonly key: DrillKey
  /**
   * The layer as GeoJSON text, a FeatureCollection of CaseFeature (see LayerText): up to 100,000
   * points go to the map's worker unparsed.
   */
  readonly geojson: LayerText
  /** How many cases the layer holds. */
  readonly count: number
  /** Core clock when built; pass it back as `overdueFrom` so cases that fell overdue since are refreshed. */
  readonly builtAt: number
}

export interface CaseLayerUpdate {
  /** New or changed cases that belong to the layer (replace by id). */
  readonly add: readonly CaseFeature[]
  /** Asked-for ids no longer in the layer (closed when the layer shows open cases, pruned…). */
  readonly remove: readonly string[]
  readonly builtAt: number
}

/* ---- base map: polygons and label points ---- */

export type ShapeProps = { readonly id: string; readonly townId: string; readonly parentId: string | null }
export interface MapShapes {
  readonly towns: FeatureCollection<Polygon, ShapeProps>
  /** Villages and communities (medium grids): outlines over their leaves. */
  readonly mediums: FeatureCollection<Polygon, ShapeProps>
  /** The 1,740 leaf grids that tile the towns. */
  readonly grids: FeatureCollection<Polygon, ShapeProps>
  /** [west, south, east, north] of the district. */
  readonly bbox: readonly [number, number, number, number]
}

export const PLACE_LEVELS = ['town', 'medium', 'grid'] as const
export type PlaceLevel = (typeof PLACE_LEVELS)[number]

export interface PlaceProps {
  readonly id: string
  readonly level: PlaceLevel
  readonly name: string
  /** Towns only: the English name. */
  readonly nameEn: string | null
  readonly townId: string
  readonly open: number
  readonly overdue: number
  readonly today: number
}
export interface PlaceLayer {
  /** One label point per town, village/community and grid, with its live figures. */
  readonly data: FeatureCollection<Point, PlaceProps>
  /** The aggregates version behind the figures. */
  readonly version: number
  /** The largest open count per level (the fill colour's scale tops out there). */
  readonly maxOpen: Readonly<Record<PlaceLevel, number>>
}

/* ---- heat ---- */

export const HEAT_DAYS = [1, 7, 30] as const
export const heatQuerySchema = z.object({
  days: z.union([z.literal(1), z.literal(7), z.literal(30)]).default(7),
  category: z.enum(CATEGORY_IDS).optional(),
})
export type HeatQuery = z.input<typeof heatQuerySchema>
export interface HeatProps {
  readonly id: string
  /** Reports in the period. */
  readonly n: number
  /** n as a share of the busiest grid's (the heat's weight). */
  readonly w: number
}
export interface HeatLayer {
  /** One point per grid with reports in the period (at the grid's centre). */
  readonly data: FeatureCollection<Point, HeatProps>
  readonly max: number
  readonly total: number
  readonly from: number
}

/* ---- joint teams and grid workers ---- */

export const UNIT_KINDS = ['team', 'worker'] as const
export type UnitKind = (typeof UNIT_KINDS)[number]

export interface UnitProps {
  /** `team:<id>` or `worker:<id>` (one source holds both). */
  readonly id: string
  readonly kind: UnitKind
  readonly unitId: string
  readonly name: string
  readonly townId: string
  /** Open cases in hand: a team's dispatched cases, a worker's grid's open cases. */
  readonly load: number
  /** The case it is on now (earliest deadline), its code; empty when none. */
  readonly task: string
  /** Server time of the position. */
  readonly at: number
}
export interface UnitLayer {
  readonly units: FeatureCollection<Point, UnitProps>
  /** The last few positions of each team that moved (a short trail). */
  readonly trails: FeatureCollection<LineString, { readonly id: string }>
  /** When positions last arrived (server time), null before any. */
  readonly asOf: number | null
}

/** Pushed when positions arrive (at most every second): the units that moved. */
export interface UnitMoves {
  readonly moves: readonly {
    readonly id: string
    readonly lng: number
    readonly lat: number
    readonly at: number
  }[]
}

export interface UnitCard {
  readonly kind: UnitKind
  readonly id: string
  readonly name: string
  readonly townId: string
  /** Team: the officer and the grid worker on joint duty; worker: the grid. */
  readonly members: readonly string[]
  readonly gridId: string | null
  readonly position: { readonly lng: number; readonly lat: number; readonly at: number } | null
  /** Open cases in hand, earliest deadline first. */
  readonly tasks: readonly IncidentView[]
}

/* ---- city components and rental buildings ---- */

export interface ComponentProps {
  readonly id: string
  readonly kind: ComponentKind
  readonly qr: string
  /** Rental buildings: rooms (15+ is large, 规模以上), else 0. */
  readonly rooms: number
  /** 1 with video door access. */
  readonly video: 0 | 1
}
export interface ComponentLayer {
  /** A FeatureCollection of Feature<Point, ComponentProps> as GeoJSON text (see LayerText). */
  readonly geojson: LayerText
  /** The reference version the components are from (null before the first fetch). */
  readonly version: string | null
}

export interface ComponentCard {
  readonly id: string
  readonly qrCode: string
  readonly kind: ComponentKind
  readonly townId: string
  readonly gridId: string
  readonly lng: number
  readonly lat: number
  readonly address: string
  readonly rooms: number | null
  readonly videoAccess: boolean | null
  /** Every cached case reported against it, newest first. */
  readonly cases: readonly IncidentView[]
}

/* ---- search ---- */

export const SEARCH_KINDS = ['town', 'medium', 'grid', 'component', 'case', 'address'] as const
export type SearchKind = (typeof SEARCH_KINDS)[number]
export interface SearchHit {
  readonly kind: SearchKind
  /** The town, grid, component or incident id. */
  readonly id: string
  readonly label: string
  /** Where it is (town · village), or the case's title. */
  readonly detail: string
  readonly lng: number
  readonly lat: number
  /** Areas: their extent, to fit the view to. */
  readonly bbox: readonly [number, number, number, number] | null
}

/* ---- glyphs and prefs ---- */

export interface MapMeta {
  /** [west, south, east, north] of the district (null without map files). */
  readonly bbox: readonly [number, number, number, number] | null
  readonly fontstacks: readonly string[]
  /**
   * Label characters the shipped glyphs do not cover (a server whose names differ from the
   * district the app was built for): the map then draws CJK labels with a local font.
   */
  readonly missingGlyphs: string
}

export const MAP_LAYERS = ['cases', 'heat', 'units', 'components', 'grids'] as const
export type MapLayerId = (typeof MAP_LAYERS)[number]

export const mapPrefsSchema = z.object({
  layers: z.object({
    cases: z.boolean(),
    heat: z.boolean(),
    units: z.boolean(),
    components: z.boolean(),
    grids: z.boolean(),
  }),
  scope: z.enum(CASE_SCOPES),
  heatDays: z.union([z.literal(1), z.literal(7), z.literal(30)]),
  category: z.enum(CATEGORY_IDS).nullable(),
  legend: z.boolean(),
})
export type MapPrefs = z.infer<typeof mapPrefsSchema>

export const DEFAULT_MAP_PREFS: MapPrefs = {
  layers: { cases: true, heat: false, units: true, components: true, grids: true },
  scope: 'open',
  heatDays: 7,
  category: null,
  legend: true,
}

export interface SavedMapPrefs {
  readonly prefs: MapPrefs
  /** Whose they are (the signed-in operator's actorId; `local` before the server named one). */
  readonly actorId: string
}

export const mapRequests = {
  'map.meta': request<MapMeta>()(z.object({})),
  'map.shapes': request<MapShapes | null>()(z.object({})),
  'map.places': request<PlaceLayer>()(z.object({})),
  'map.cases': request<CaseLayer>()(caseLayerQuerySchema),
  /**
   * The layer's current state for these ids (after a change notice), and the cases that fell
   * overdue since `overdueFrom`; `key` is the one `map.cases` answered with.
   */
  'map.caseUpdates': request<CaseLayerUpdate>()(
    z.object({ key: drillKeySchema, ids: z.array(id).max(5000).default([]), overdueFrom: time.optional() }),
  ),
  'map.heat': request<HeatLayer>()(heatQuerySchema),
  'map.units': request<UnitLayer>()(z.object({})),
  'map.unit': request<UnitCard | null>()(z.object({ kind: z.enum(UNIT_KINDS), id })),
  'map.components': request<ComponentLayer>()(z.object({})),
  'map.component': request<ComponentCard | null>()(z.object({ id })),
  'map.search': request<SearchHit[]>()(
    z.object({ q: z.string().trim().min(1).max(100), limit: z.number().int().positive().max(50).default(12) }),
  ),
  /** One range of label glyphs (PBF, base64) from resources/glyphs; null when not shipped. */
  'map.glyphs': request<{ readonly pbf: string } | null>()(
    z.object({ fontstack: z.string().min(1).max(100), range: z.string().regex(/^\d{1,6}-\d{1,6}$/) }),
  ),
  'map.prefs.get': request<SavedMapPrefs>()(z.object({})),
  'map.prefs.save': request<SavedMapPrefs>()(z.object({ prefs: mapPrefsSchema })),
}
