import type {
  ExpressionSpecification,
  GeoJSONSourceSpecification,
  LayerSpecification,
  StyleSpecification,
} from 'maplibre-gl'
import type { MapLayerId } from '@shared/contract'

/**
 * The map's style as data: a blank style (no tiles) whose sources are the
 * GeoJSON layers the core builds, and whose layers say how each is drawn.
 * MapLibre does the rest (clustering, hit-testing, label placement with
 * collision, the heat map). `text` is the label size in px (the wall passes
 * its own), `locale` picks the town names' language.
 */
export interface StyleOptions {
  readonly text: number
  readonly locale: 'zh-CN' | 'en'
  /** The wall: bigger marks, no close-zoom detail. */
  readonly wall: boolean
}

/** Label fonts shipped in resources/glyphs (scripts/generate-glyphs.ts). */
export const FONT_REGULAR = ['Noto Sans CJK SC Regular']
export const FONT_BOLD = ['Noto Sans CJK SC Bold']
/** The style asks the core for glyph ranges through this scheme (see maplibre-adapter.ts). */
export const GLYPHS_URL = 'grid://glyphs/{fontstack}/{range}.pbf'

/** Zooms at which the levels come in (the district is ~55 km across; a grid ~1 km). */
export const ZOOM = {
  mediums: 11,
  grids: 12.5,
  gridLabels: 14,
  buildings: 14,
  components: 15,
  workers: 12.5,
  caseLabels: 16,
}

/** Colours of the case groups (CASE_GROUPS) and the fill scale (tone 0–4). */
export const CASE_COLOURS = {
  awaiting: '#f5b73b',
  handling: '#3ea6ff',
  checking: '#36c98e',
  closed: '#7d8aa3',
  void: '#4a5670',
} as const
export const OVERDUE_COLOUR = '#ff3b6b'
export const TONES = ['#132440', '#16325c', '#1f5a8f', '#3a86c8', '#f0a93b', '#ff5d5d'] as const
export const COMPONENT_COLOURS = {
  streetlight: '#ffe08a',
  garbage_bin: '#7bd88f',
  manhole: '#b0b8c8',
  hydrant: '#ff6b6b',
  gas_station: '#ff9f43',
} as const
export const TEAM_COLOUR = '#ffd479'
export const WORKER_COLOUR = '#7fe3ff'

/** Which style layers each toggle shows and hides. */
export const LAYER_GROUPS: Record<MapLayerId, readonly string[]> = {
  grids: ['grid-fill', 'grid-line', 'medium-line', 'medium-label', 'grid-label'],
  heat: ['heat'],
  cases: ['case-halo', 'case-clusters', 'case-cluster-count', 'case-points', 'case-labels'],
  units: ['unit-trails', 'unit-workers', 'unit-teams', 'unit-labels'],
  components: ['components', 'buildings'],
}

/** Layers a click, a hover or the keyboard can land on, topmost first. */
export const PICKABLE = [
  'case-points',
  'case-clusters',
  'unit-teams',
  'unit-workers',
  'buildings',
  'components',
  'grid-fill',
  'town-fill',
] as const

const tone: ExpressionSpecification = [
  'match',
  ['coalesce', ['feature-state', 'tone'], 0],
  1,
  TONES[1],
  2,
  TONES[2],
  3,
  TONES[3],
  4,
  TONES[4],
  5,
  TONES[5],
  TONES[0],
]

const groupColour: ExpressionSpecification = [
  'match',
  ['get', 'g'],
  'awaiting',
  CASE_COLOURS.awaiting,
  'handling',
  CASE_COLOURS.handling,
  'checking',
  CASE_COLOURS.checking,
  'closed',
  CASE_COLOURS.closed,
  CASE_COLOURS.void,
]

/** A source with nothing in it yet: the core's layers arrive as data after the style loads. */
const empty = (): GeoJSONSourceSpecification => ({ type: 'geojson', data: { type: 'FeatureCollection', features: [] } })

export function mapStyle(o: StyleOptions): StyleSpecification {
  const t = o.text
  const k = o.wall ? t / 14 : 1
  const townName: ExpressionSpecification =
    o.locale === 'en' ? ['coalesce', ['get', 'nameEn'], ['get', 'name']] : ['get', 'name']
  const openWord = o.locale === 'en' ? 'open ' : '在办 '
  const label = (name: ExpressionSpecification, size: number): ExpressionSpecification => [
    'format',
    name,
    { 'font-scale': 1 },
    '\n',
    {},
    ['concat', openWord, ['to-string', ['get', 'open']]],
    { 'font-scale': size, 'text-color': ['case', ['>', ['get', 'overdue'], 0], '#ffb4b4', '#cfe2ff'] },
  ]
  const halo = { 'text-halo-color': '#07101f', 'text-halo-width': Math.max(1.5, t / 8) }
  /**
   * Cluster counts and place labels never cover each other. At the desk the counts win: they are
   * drawn above every label and placed first (MapLibre places the topmost layer's symbols first), so
   * labels move aside or wait. On the wall the town labels (names with their open counts) win: the
   * counts sit below them and a count that would collide is left out (its bubble stays).
   */
  const clusterCount: LayerSpecification = {
    id: 'case-cluster-count',
    type: 'symbol',
    source: 'cases',
    filter: ['has', 'point_count'],
    layout: {
      'text-field': ['get', 'point_count_abbreviated'],
      'text-font': FONT_BOLD,
      'text-size': t * 0.9,
      'text-allow-overlap': !o.wall,
    },
    paint: { 'text-color': '#ffffff' },
  }
  const layers: LayerSpecification[] = [
    { id: 'background', type: 'background', paint: { 'background-color': '#070d19' } },
    {
      id: 'town-fill',
      type: 'fill',
      source: 'towns',
      paint: {
        'fill-color': tone,
        'fill-opacity': ['interpolate', ['linear'], ['zoom'], 9, 0.9, ZOOM.grids, 0.35, 15, 0.15],
      },
    },
    {
      id: 'grid-fill',
      type: 'fill',
      source: 'grids',
      minzoom: ZOOM.mediums,
      paint: {
        'fill-color': tone,
        'fill-opacity': ['interpolate', ['linear'], ['zoom'], ZOOM.mediums, 0, ZOOM.grids, 0.75, 16, 0.35],
      },
    },
    {
      id: 'heat',
      type: 'heatmap',
      source: 'heat',
      layout: { visibility: 'none' },
      paint: {
        'heatmap-weight': ['get', 'w'],
        'heatmap-intensity': ['interpolate', ['linear'], ['zoom'], 9, 1, 14, 2.5],
        'heatmap-radius': ['interpolate', ['exponential', 2], ['zoom'], 9, 14 * k, 12, 40 * k, 15, 240 * k],
        'heatmap-opacity': 0.75,
        'heatmap-color': [
          'interpolate',
          ['linear'],
          ['heatmap-density'],
          0,
          'rgba(0,0,0,0)',
          0.2,
          '#1f5a8f',
          0.45,
          '#3ea6ff',
          0.65,
          '#f5b73b',
          0.85,
          '#ff7a45',
          1,
          '#ff3b6b',
        ],
      },
    },
    {
      id: 'grid-line',
      type: 'line',
      source: 'grids',
      minzoom: ZOOM.mediums,
      paint: {
        'line-color': '#2c4a78',
        'line-width': ['interpolate', ['linear'], ['zoom'], ZOOM.mediums, 0.3, 15, 1],
        'line-opacity': ['interpolate', ['linear'], ['zoom'], ZOOM.mediums, 0, ZOOM.grids, 1],
      },
    },
    {
      id: 'medium-line',
      type: 'line',
      source: 'mediums',
      minzoom: ZOOM.mediums - 1,
      paint: {
        'line-color': '#5b86c4',
        'line-width': ['interpolate', ['linear'], ['zoom'], ZOOM.mediums - 1, 0.4, 14, 1.6],
        'line-opacity': ['interpolate', ['linear'], ['zoom'], ZOOM.mediums - 1, 0, ZOOM.mediums, 0.9],
      },
    },
    {
      id: 'town-line',
      type: 'line',
      source: 'towns',
      paint: { 'line-color': '#8ab8ff', 'line-width': o.wall ? 2.5 * k : 1.8 },
    },
    {
      id: 'components',
      type: 'circle',
      source: 'components',
      minzoom: ZOOM.components,
      filter: ['!=', ['get', 'kind'], 'rental_building'],
      paint: {
        'circle-radius': ['interpolate', ['linear'], ['zoom'], ZOOM.components, 2.5, 18, 6],
        'circle-color': [
          'match',
          ['get', 'kind'],
          'streetlight',
          COMPONENT_COLOURS.streetlight,
          'garbage_bin',
          COMPONENT_COLOURS.garbage_bin,
          'manhole',
          COMPONENT_COLOURS.manhole,
          'hydrant',
          COMPONENT_COLOURS.hydrant,
          COMPONENT_COLOURS.gas_station,
        ],
        'circle-stroke-color': '#07101f',
        'circle-stroke-width': 1,
      },
    },
    {
      id: 'buildings',
      type: 'circle',
      source: 'components',
      minzoom: ZOOM.buildings,
      filter: ['==', ['get', 'kind'], 'rental_building'],
      paint: {
        // Large rental buildings (15+ rooms, 规模以上) are drawn bigger; the ring says whether video door access is fitted.
        'circle-radius': [
          'interpolate',
          ['linear'],
          ['zoom'],
          ZOOM.buildings,
          ['case', ['>=', ['get', 'rooms'], 15], 3.5, 2],
          18,
          ['case', ['>=', ['get', 'rooms'], 15], 10, 6],
        ],
        'circle-color': ['case', ['>=', ['get', 'rooms'], 15], '#c792ea', '#8f7bb8'],
        'circle-stroke-color': ['case', ['==', ['get', 'video'], 1], '#36c98e', '#f5b73b'],
        'circle-stroke-width': ['interpolate', ['linear'], ['zoom'], ZOOM.buildings, 1, 18, 2.5],
      },
    },
    {
      id: 'unit-trails',
      type: 'line',
      source: 'trails',
      minzoom: 11,
      paint: { 'line-color': TEAM_COLOUR, 'line-width': 2, 'line-opacity': 0.55, 'line-dasharray': [2, 1.5] },
    },
    {
      id: 'unit-workers',
      type: 'circle',
      source: 'units',
      minzoom: ZOOM.workers,
      filter: ['==', ['get', 'kind'], 'worker'],
      paint: {
        'circle-radius': ['interpolate', ['linear'], ['zoom'], ZOOM.workers, 2.5, 17, 5],
        'circle-color': WORKER_COLOUR,
        'circle-stroke-color': '#07101f',
        'circle-stroke-width': 1,
      },
    },
    {
      id: 'unit-teams',
      type: 'circle',
      source: 'units',
      filter: ['==', ['get', 'kind'], 'team'],
      paint: {
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 9, 3.5 * k, 13, 7 * k, 17, 10 * k],
        'circle-color': TEAM_COLOUR,
        'circle-stroke-color': ['case', ['>', ['get', 'load'], 0], '#ff7a45', '#07101f'],
        'circle-stroke-width': ['case', ['>', ['get', 'load'], 0], 2.5, 1.5],
      },
    },
    {
      id: 'case-halo',
      type: 'circle',
      source: 'cases',
      filter: ['all', ['!', ['has', 'point_count']], ['==', ['get', 'o'], 1]],
      paint: {
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 9, 7 * k, 15, 14 * k],
        'circle-color': OVERDUE_COLOUR,
        'circle-opacity': 0.35,
        'circle-blur': 0.6,
      },
    },
    {
      id: 'case-clusters',
      type: 'circle',
      source: 'cases',
      filter: ['has', 'point_count'],
      paint: {
        'circle-color': ['case', ['>', ['get', 'overdue'], 0], '#7a2338', '#1d3f6e'],
        'circle-stroke-color': ['case', ['>', ['get', 'overdue'], 0], OVERDUE_COLOUR, '#3ea6ff'],
        'circle-stroke-width': 2 * k,
        'circle-radius': ['step', ['get', 'point_count'], 12 * k, 10, 16 * k, 100, 21 * k, 1000, 27 * k],
      },
    },
    ...(o.wall ? [clusterCount] : []),
    {
      id: 'case-points',
      type: 'circle',
      source: 'cases',
      filter: ['!', ['has', 'point_count']],
      paint: {
        'circle-radius': [
          'interpolate',
          ['linear'],
          ['zoom'],
          9,
          ['+', 3 * k, ['get', 'p']],
          16,
          ['+', 6 * k, ['*', 1.5, ['get', 'p']]],
        ],
        'circle-color': ['case', ['==', ['get', 'o'], 1], OVERDUE_COLOUR, groupColour],
        'circle-stroke-color': ['case', ['>=', ['get', 'p'], 3], '#ffffff', '#07101f'],
        'circle-stroke-width': ['case', ['>=', ['get', 'p'], 3], 2, 1],
      },
    },
    {
      id: 'case-labels',
      type: 'symbol',
      source: 'cases',
      minzoom: ZOOM.caseLabels,
      filter: ['!', ['has', 'point_count']],
      layout: {
        'text-field': ['get', 'code'],
        'text-font': FONT_REGULAR,
        'text-size': t * 0.8,
        'text-offset': [0, 1.2],
        'text-anchor': 'top',
      },
      paint: { 'text-color': '#cfe2ff', ...halo },
    },
    {
      id: 'unit-labels',
      type: 'symbol',
      source: 'units',
      minzoom: 13,
      filter: ['==', ['get', 'kind'], 'team'],
      layout: {
        'text-field': ['get', 'name'],
        'text-font': FONT_REGULAR,
        'text-size': t * 0.8,
        'text-offset': [0, 1.3],
        'text-anchor': 'top',
        'text-optional': true,
      },
      paint: { 'text-color': TEAM_COLOUR, ...halo },
    },
    {
      id: 'town-label',
      type: 'symbol',
      source: 'places',
      maxzoom: ZOOM.mediums + 0.5,
      filter: ['==', ['get', 'level'], 'town'],
      layout: {
        'text-field': label(townName, 0.85),
        'text-font': FONT_BOLD,
        'text-size': o.wall ? t : t * 1.1,
        'text-padding': o.wall ? 0 : 4,
        // A label that would collide at its town's centre tries beside it, then diagonally off it,
        // before it is left out (the small central streets need the corners to all be named).
        'text-variable-anchor': [
          'center',
          'top',
          'bottom',
          'left',
          'right',
          'top-left',
          'top-right',
          'bottom-left',
          'bottom-right',
        ],
        'text-radial-offset': o.wall ? 0.2 : 0.4,
        'symbol-sort-key': ['-', 0, ['get', 'open']],
      },
      paint: { 'text-color': '#eaf3ff', ...halo },
    },
    {
      id: 'medium-label',
      type: 'symbol',
      source: 'places',
      minzoom: ZOOM.mediums + 0.5,
      maxzoom: ZOOM.gridLabels,
      filter: ['==', ['get', 'level'], 'medium'],
      layout: {
        'text-field': label(['get', 'name'], 0.85),
        'text-font': FONT_REGULAR,
        'text-size': t,
        'text-padding': 3,
        'symbol-sort-key': ['-', 0, ['get', 'open']],
      },
      paint: { 'text-color': '#eaf3ff', ...halo },
    },
    {
      id: 'grid-label',
      type: 'symbol',
      source: 'places',
      minzoom: ZOOM.gridLabels,
      filter: ['==', ['get', 'level'], 'grid'],
      layout: {
        'text-field': label(['get', 'name'], 0.85),
        'text-font': FONT_REGULAR,
        'text-size': t * 0.9,
        'text-padding': 2,
        'symbol-sort-key': ['-', 0, ['get', 'open']],
      },
      paint: { 'text-color': '#dce8ff', ...halo },
    },
    ...(o.wall ? [] : [clusterCount]),
    {
      id: 'focus-area',
      type: 'line',
      source: 'focus',
      filter: ['==', ['geometry-type'], 'Polygon'],
      paint: { 'line-color': '#ffffff', 'line-width': 3 },
    },
    {
      id: 'focus-ring',
      type: 'circle',
      source: 'focus',
      filter: ['==', ['geometry-type'], 'Point'],
      paint: {
        'circle-radius': 16 * k,
        'circle-color': 'rgba(0,0,0,0)',
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 3,
      },
    },
  ]
  return {
    version: 8,
    name: 'grid-command',
    glyphs: GLYPHS_URL,
    sources: {
      towns: { ...empty(), promoteId: 'id' },
      mediums: { ...empty(), promoteId: 'id' },
      grids: { ...empty(), promoteId: 'id' },
      places: { ...empty(), promoteId: 'id' },
      heat: empty(),
      cases: {
        ...empty(),
        promoteId: 'id',
        cluster: true,
        clusterRadius: o.wall ? 60 : 45,
        clusterMaxZoom: 15,
        clusterProperties: { overdue: ['+', ['get', 'o']], urgent: ['max', ['get', 'p']] },
      },
      units: { ...empty(), promoteId: 'id' },
      trails: empty(),
      components: { ...empty(), promoteId: 'id' },
      focus: empty(),
    },
    layers,
  }
}
