import * as maplibregl from 'maplibre-gl'
import {
  type GeoJSONSource,
  type GeoJSONSourceDiff,
  type MapGeoJSONFeature,
  type PointLike,
  type StyleSpecification,
} from 'maplibre-gl'
import 'maplibre-gl/dist/maplibre-gl.css'
// The worker ships inside the bundle: a file:// page (Electron) cannot fetch it from disk.
import workerSource from 'maplibre-gl/dist/maplibre-gl-worker.mjs?raw'
import type { Feature, FeatureCollection, Geometry } from 'geojson'

/**
 * The one module that touches MapLibre GL JS (lint keeps it so): it builds the
 * map from a style (map-style.ts), feeds its GeoJSON sources, and answers what
 * is where (the library's hit-testing). Everything the views need goes through
 * the MapEngine interface below, so they never see MapLibre's own types.
 */

export type Bbox = readonly [number, number, number, number]
export type LngLat = readonly [number, number]

export interface PickedFeature {
  readonly layer: string
  readonly source: string
  /** The promoted id (properties.id) or a cluster's id. */
  readonly id: string | number | null
  readonly properties: Readonly<Record<string, unknown>>
  readonly geometry: Geometry
  /** Where it is drawn, in CSS px of the map's container. */
  readonly point: { readonly x: number; readonly y: number }
}

export interface SourceDiff {
  readonly add?: readonly Feature[]
  readonly remove?: readonly (string | number)[]
  /** Moves: a feature's new geometry by id. */
  readonly move?: readonly { readonly id: string; readonly geometry: Geometry }[]
}

export interface MapEngine {
  /** Resolves once the style is loaded and sources can take data. */
  readonly ready: Promise<void>
  setData(source: string, data: FeatureCollection): void
  /** GeoJSON text: handed to MapLibre's worker as it is, parsed and indexed there (off the page's thread). */
  setText(source: string, geojson: string): void
  /** Resolves once MapLibre's worker has applied the diff. */
  update(source: string, diff: SourceDiff): Promise<void>
  setStates(source: string, states: ReadonlyMap<string, Readonly<Record<string, number | boolean>>>): void
  setVisible(layers: readonly string[], on: boolean): void
  fitBounds(bbox: Bbox, options?: { readonly padding?: number; readonly animate?: boolean }): void
  flyTo(at: LngLat, zoom?: number): void
  zoom(): number
  bounds(): Bbox
  /** Features drawn at a point (a few px of slop), topmost first, of these layers. */
  pick(x: number, y: number, layers: readonly string[]): PickedFeature[]
  /** Features drawn inside a box of the container, or in the whole view without one. */
  pickBox(box: { x0: number; y0: number; x1: number; y1: number } | null, layers: readonly string[]): PickedFeature[]
  project(at: LngLat): { x: number; y: number }
  unproject(x: number, y: number): LngLat
  /** Zooms into a cluster of `source` far enough to split it. */
  expandCluster(source: string, clusterId: number, at: LngLat): Promise<void>
  /** The ids of the points in a cluster (all of them). */
  clusterLeaves(source: string, clusterId: number): Promise<string[]>
  on(event: 'click' | 'moveend' | 'mousemove' | 'idle', listener: (e: { x: number; y: number }) => void): () => void
  setDragPan(on: boolean): void
  resize(): void
  destroy(): void
}

export interface EngineOptions {
  readonly container: HTMLElement
  readonly style: StyleSpecification
  readonly bounds: Bbox
  /** The wall is looked at, not used: no pan, zoom or keyboard of its own. */
  readonly interactive: boolean
  /** Loads one glyph range (the style's `grid://glyphs/…` URLs). */
  readonly glyphs: (fontstack: string, range: string) => Promise<ArrayBuffer | null>
  /**
   * A CSS font family for CJK labels the shipped glyphs do not cover (a server whose names
   * differ from the district the app was built for); false draws every label from the glyphs.
   */
  readonly localFont: string | false
  /** Keeps the drawing buffer readable (screenshots of the map's canvas in benchmarks). */
  readonly preserveDrawingBuffer?: boolean
}

/**
 * The URL a source's text takes to reach the worker: `gridtext://layer/<blob URL, encoded>`. The worker
 * fetches the blob itself (connect-src allows blob:) and parses it there; a plain blob: URL would
 * be fetched and parsed on the page's thread (MapLibre hands unknown schemes to the page).
 */
const TEXT_SCHEME = 'gridtext'
const TEXT_PREFIX = `${TEXT_SCHEME}://layer/`
const WORKER_TEXT_PROTOCOL = `
self.addProtocol(${JSON.stringify(TEXT_SCHEME)}, async (params, abort) => {
  const url = decodeURIComponent(params.url.slice(${JSON.stringify(TEXT_PREFIX)}.length))
  const response = await fetch(url, { signal: abort.signal })
  if (!response.ok) throw new Error('layer text ' + response.status)
  return { data: await response.json() }
})
// A source loaded from a URL gets its parsed features sent back to the page (GeoJSONSource keeps
// a copy for getData): 100,000 features cloned onto the page's thread (~1.2 s of the first paint)
// that nothing here reads — diffs by id (updateData) and clusters are the worker's. So the worker
// keeps our text layers to itself. The hook wraps the worker's load handler ('LD'); where it is
// not found (another MapLibre version) the result goes back as before.
;(() => {
  const actor = self.worker && self.worker.actor
  const load = actor && actor.messageHandlers && actor.messageHandlers.LD
  if (typeof load !== 'function') return
  actor.messageHandlers.LD = async (mapId, params, abort) => {
    const result = await load(mapId, params, abort)
    const url = params && params.request && params.request.url
    if (result && typeof url === 'string' && url.startsWith(${JSON.stringify(`${TEXT_SCHEME}:`)})) delete result.data
    return result
  }
})()
`

let workerUrl: string | null = null
let glyphLoader: EngineOptions['glyphs'] | null = null

/** Once per page: the worker from the bundle, and the scheme the style's glyphs come through. */
function setUp(glyphs: EngineOptions['glyphs']): void {
  glyphLoader = glyphs
  if (workerUrl) return
  workerUrl = URL.createObjectURL(new Blob([workerSource, WORKER_TEXT_PROTOCOL], { type: 'text/javascript' }))
  maplibregl.setWorkerUrl(workerUrl)
  maplibregl.addProtocol('grid', async (params) => {
    const m = /^grid:\/\/glyphs\/(.+)\/(\d+-\d+)\.pbf$/.exec(params.url)
    if (!m || !glyphLoader) throw new Error(`not a glyph range: ${params.url}`)
    const data = await glyphLoader(decodeURIComponent(m[1] as string), m[2] as string)
    if (!data) throw new Error(`glyph range ${m[2]} of ${m[1]} is not shipped`)
    return { data }
  })
}

function picked(f: MapGeoJSONFeature, map: maplibregl.Map): PickedFeature {
  const g = f.geometry
  const at: [number, number] =
    g.type === 'Point'
      ? [g.coordinates[0] as number, g.coordinates[1] as number]
      : [Number(f.properties.lng ?? 0), Number(f.properties.lat ?? 0)]
  const p = g.type === 'Point' ? map.project(at) : { x: NaN, y: NaN }
  const clusterId = f.properties.cluster_id
  return {
    layer: f.layer.id,
    source: f.source,
    id: typeof clusterId === 'number' ? clusterId : (f.id ?? (f.properties.id as string | undefined) ?? null),
    properties: f.properties,
    geometry: g,
    point: { x: p.x, y: p.y },
  }
}

export function createMapEngine(o: EngineOptions): MapEngine {
  setUp(o.glyphs)
  const map = new maplibregl.Map({
    container: o.container,
    style: o.style,
    bounds: [o.bounds[0], o.bounds[1], o.bounds[2], o.bounds[3]],
    fitBoundsOptions: { padding: 24 },
    interactive: o.interactive,
    // North up, no tilt: a box drawn on the screen is a box of longitudes and latitudes.
    dragRotate: false,
    pitchWithRotate: false,
    touchPitch: false,
    maxPitch: 0,
    boxZoom: false,
    keyboard: o.interactive,
    attributionControl: false,
    localIdeographFontFamily: o.localFont,
    minZoom: 8,
    maxZoom: 19,
    fadeDuration: 0,
    canvasContextAttributes: { preserveDrawingBuffer: o.preserveDrawingBuffer ?? false },
  })
  map.touchZoomRotate.disableRotation()
  const ready = new Promise<void>((resolve) => {
    if (map.loaded()) resolve()
    else map.once('load', () => resolve())
  })
  const source = (id: string) => map.getSource(id) as GeoJSONSource | undefined
  // Data set before the style loaded waits here (the last per source wins).
  const early = new Map<string, FeatureCollection>()
  let loaded = false
  void ready.then(() => {
    loaded = true
    for (const [id, data] of early) source(id)?.setData(data)
    for (const [id, text] of earlyText) sendText(id, text)
    early.clear()
    earlyText.clear()
  })
  const layersPresent = (layers: readonly string[]) => layers.filter((l) => map.getLayer(l))
  // Each source's latest text stays in a blob until newer text replaces it (a load MapLibre
  // retries, or one still queued behind a diff, can still read it); the map's end frees them all.
  const blobs = new Map<string, string>()
  const dropBlob = (id: string) => {
    const url = blobs.get(id)
    if (url) URL.revokeObjectURL(url)
    blobs.delete(id)
  }
  const sendText = (id: string, text: string) => {
    dropBlob(id)
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }))
    blobs.set(id, url)
    source(id)?.setData(`${TEXT_PREFIX}${encodeURIComponent(url)}`)
  }
  const earlyText = new Map<string, string>()

  return {
    ready,
    setData(id, data) {
      earlyText.delete(id)
      if (!loaded) early.set(id, data)
      else source(id)?.setData(data)
    },
    setText(id, text) {
      early.delete(id)
      if (!loaded) earlyText.set(id, text)
      else sendText(id, text)
    },
    async update(id, diff) {
      const s = source(id)
      if (!s) return
      const d: GeoJSONSourceDiff = {}
      if (diff.add?.length) d.add = [...diff.add] as GeoJSONSourceDiff['add']
      if (diff.remove?.length) d.remove = [...diff.remove]
      if (diff.move?.length) d.update = diff.move.map((m) => ({ id: m.id, newGeometry: m.geometry }))
      if (d.add || d.remove || d.update) await s.updateData(d)
    },
    setStates(id, states) {
      if (!map.getSource(id)) return
      for (const [featureId, state] of states) map.setFeatureState({ source: id, id: featureId }, state)
    },
    setVisible(layers, on) {
      for (const l of layersPresent(layers)) map.setLayoutProperty(l, 'visibility', on ? 'visible' : 'none')
    },
    fitBounds(bbox, options) {
      map.fitBounds([bbox[0], bbox[1], bbox[2], bbox[3]], {
        padding: options?.padding ?? 40,
        animate: options?.animate ?? true,
        duration: 600,
      })
    },
    flyTo(at, zoom) {
      map.flyTo({ center: [at[0], at[1]], zoom: zoom ?? Math.max(map.getZoom(), 15), duration: 700, essential: true })
    },
    zoom: () => map.getZoom(),
    bounds() {
      const b = map.getBounds()
      return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]
    },
    pick(x, y, layers) {
      const slop = 4
      const box: [PointLike, PointLike] = [
        [x - slop, y - slop],
        [x + slop, y + slop],
      ]
      return map.queryRenderedFeatures(box, { layers: layersPresent(layers) }).map((f) => picked(f, map))
    },
    pickBox(box, layers) {
      const present = layersPresent(layers)
      const found = box
        ? map.queryRenderedFeatures(
            [
              [Math.min(box.x0, box.x1), Math.min(box.y0, box.y1)],
              [Math.max(box.x0, box.x1), Math.max(box.y0, box.y1)],
            ],
            { layers: present },
          )
        : map.queryRenderedFeatures({ layers: present })
      return found.map((f) => picked(f, map))
    },
    project(at) {
      const p = map.project([at[0], at[1]])
      return { x: p.x, y: p.y }
    },
    unproject(x, y) {
      const l = map.unproject([x, y])
      return [l.lng, l.lat]
    },
    async expandCluster(id, clusterId, at) {
      const s = source(id)
      if (!s) return
      const zoom = await s.getClusterExpansionZoom(clusterId)
      map.easeTo({ center: [at[0], at[1]], zoom: Math.min(zoom, 19), duration: 500 })
    },
    async clusterLeaves(id, clusterId) {
      const s = source(id)
      if (!s) return []
      const leaves = await s.getClusterLeaves(clusterId, Infinity, 0)
      return leaves.map((f) => String(f.properties?.id ?? f.id))
    },
    on(event, listener) {
      const handler = (e: object) => {
        const point = 'point' in e ? (e.point as { x: number; y: number }) : null
        listener({ x: point?.x ?? 0, y: point?.y ?? 0 })
      }
      map.on(event, handler)
      return () => void map.off(event, handler)
    },
    setDragPan(on) {
      if (on) map.dragPan.enable()
      else map.dragPan.disable()
    },
    resize: () => map.resize(),
    destroy: () => {
      map.remove()
      for (const id of [...blobs.keys()]) dropBlob(id)
    },
  }
}
