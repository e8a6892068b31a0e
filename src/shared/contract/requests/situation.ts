import { z } from 'zod'
import { AREAS, CATEGORY_IDS, type AreaId, type CategoryId, type Rate } from '../../domain'
import { request } from '../define'
import { assessmentLineSchema } from './assessment'
import type { IncidentFilter } from './incidents'

/**
 * The situation area: aggregates for the dashboard and the wall, map figures,
 * drill-downs from any number to the incidents behind it, and the operator's
 * screen layout (which display shows which role).
 */

const id = z.string().min(1).max(64)

/** What a number on the dashboard counts; a drill-down names one of these plus a scope. */
export const DRILL_METRICS = [
  /** Reported since the start of today (district time). */
  'reported_today',
  /** Open now (not closed, rejected or merged). */
  'open',
  /** Open, not suspended, past the deadline (isOverdue). */
  'overdue',
  /** The assessment denominator: due, less suspended (reported in the window). */
  'assessed',
  /** Of the assessed, the ones not closed on time (what pulls 按期办结率 down). */
  'late',
  /** Closed (reported in the window). */
  'closed',
  /** Reported in the window (a day or an hour narrows it). */
  'reported',
  /** Reported in the window and returned for rework at least once. */
  'reworked',
  /** Rectification: found (accepted into handling) — scope it with a category. */
  'found',
  /** Rectification: found and not yet rectified. */
  'unrectified',
  /** The cases behind one line of an assessment card (the key's `assessment`, docs/assessment.md). */
  'assessment',
] as const
export type DrillMetric = (typeof DRILL_METRICS)[number]

export const drillKeySchema = z.object({
  metric: z.enum(DRILL_METRICS),
  townId: id.optional(),
  gridId: id.optional(),
  category: z.enum(CATEGORY_IDS).optional(),
  area: z.enum(AREAS).optional(),
  departmentId: id.optional(),
  /** A trend bucket: [from, to) in ms (a day or an hour); `closed` then means closed in it. */
  from: z.number().int().nonnegative().optional(),
  to: z.number().int().nonnegative().optional(),
  /** A box drawn on the map: [west, south, east, north] in degrees; the cases whose point lies in it. */
  bbox: z
    .tuple([
      z.number().min(-180).max(180),
      z.number().min(-90).max(90),
      z.number().min(-180).max(180),
      z.number().min(-90).max(90),
    ])
    .optional(),
  /** metric `assessment`: the period, unit, step and case set of the line (assessment.cases). */
  assessment: assessmentLineSchema.optional(),
})
export type DrillKey = z.infer<typeof drillKeySchema>

/** The figures every assessment table row carries (city, town, department, grid). */
export interface AssessmentFigures {
  /** Reported in the window. */
  readonly reported: number
  /** Due and not suspended: the denominator of both rates. */
  readonly assessed: number
  readonly closed: number
  readonly closedOnTime: number
  readonly completionRate: Rate
  readonly onTimeRate: Rate
  /** Open now (no window). */
  readonly open: number
  /** Overdue now (no window). */
  readonly overdue: number
  readonly reworkCount: number
}

export interface Rectification {
  readonly found: number
  readonly rectified: number
  readonly rate: Rate
}

export interface Kpis extends AssessmentFigures {
  readonly reportedToday: number
  /** Open and suspended (缓办) now. */
  readonly suspended: number
  /** Incidents returned for rework at least once (window). */
  readonly reworked: number
  readonly fire: Rectification
  readonly gas: Rectification
}

export interface TrendPoint {
  /** Bucket start, ms since epoch; the bucket is an hour or a district day. */
  readonly from: number
  readonly to: number
  readonly reported: number
  readonly closed: number
}

export interface CategoryFigures {
  readonly category: CategoryId
  readonly area: AreaId
  readonly reported: number
  readonly open: number
  readonly overdue: number
  readonly closed: number
}

export interface AreaFigures {
  readonly area: AreaId
  readonly reported: number
  readonly open: number
  readonly overdue: number
  readonly closed: number
}

export interface LeagueRow extends AssessmentFigures {
  readonly id: string
}

/** Everything the dashboard and the wall show, computed once in the core and pushed to every window. */
export interface Aggregates {
  /** Increases with every recomputation that changed something. */
  readonly version: number
  /** Core clock when composed. */
  readonly computedAt: number
  /** Server time of the newest event behind these figures (the age of the data). */
  readonly dataAsOf: number | null
  /** Last seq applied to the cache when composed. */
  readonly cursor: number
  /** District time zone, minutes east of UTC (China: +480); days and hours are cut in it. */
  readonly tzOffsetMinutes: number
  readonly todayStart: number
  /** The assessment window: reported at or after this (start of the day `windowDays` − 1 ago). */
  readonly windowStart: number
  readonly windowDays: number
  readonly kpis: Kpis
  /** The last 24 hours, oldest first (the current hour last). */
  readonly hourly: readonly TrendPoint[]
  /** The last `windowDays` days, oldest first (today last). */
  readonly daily: readonly TrendPoint[]
  readonly byCategory: readonly CategoryFigures[]
  readonly byArea: readonly AreaFigures[]
  /** Departments (assignee kind department), best completion rate first. */
  readonly departments: readonly LeagueRow[]
  readonly towns: readonly LeagueRow[]
}

/** Map figures of one town or grid. */
export interface PlaceFigures {
  readonly id: string
  readonly open: number
  readonly overdue: number
  readonly reportedToday: number
}

export interface MapFigures {
  readonly version: number
  readonly computedAt: number
  readonly dataAsOf: number | null
  readonly towns: readonly PlaceFigures[]
  readonly grids: readonly PlaceFigures[]
}

export interface DrillResult {
  readonly key: DrillKey
  /** The exact incidents behind the number, frozen at the moment of the click. */
  readonly ids: readonly string[]
  /** A filter `incidents.list` understands that selects exactly those (it names the ids). */
  readonly filter: IncidentFilter
  readonly total: number
  readonly computedAt: number
}

/* ---- screens ---- */

export const DISPLAY_ROLES = ['console', 'dispatch', 'map', 'dashboard', 'wall', 'none'] as const
export type DisplayRole = (typeof DISPLAY_ROLES)[number]

const rectSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
})
export type Rect = z.infer<typeof rectSchema>

/** A display as Electron reports it (DIP coordinates), reduced to what the planner needs. */
export const displayInfoSchema = z.object({
  id: z.string().min(1).max(64),
  label: z.string().max(200),
  bounds: rectSchema,
  workArea: rectSchema,
  scaleFactor: z.number().positive().max(8),
  primary: z.boolean(),
})
export type DisplayInfo = z.infer<typeof displayInfoSchema>

export const displayAssignmentSchema = z.object({
  /** Electron's display id at the time of saving. */
  displayId: z.string().min(1).max(64),
  /** Label and size, to find the same monitor again when ids change (another workstation, a replug). */
  label: z.string().max(200),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  role: z.enum(DISPLAY_ROLES),
  /** The window's last bounds on that display, relative to the display's work area origin. */
  window: rectSchema.optional(),
})
export type DisplayAssignment = z.infer<typeof displayAssignmentSchema>

export const screenLayoutSchema = z.object({
  version: z.literal(1),
  assignments: z.array(displayAssignmentSchema).max(16),
  /** Seconds each wall page stays before the playlist moves on. */
  wallSeconds: z.number().int().min(5).max(600).optional(),
})
export type ScreenLayout = z.infer<typeof screenLayoutSchema>

export interface SavedLayout {
  readonly layout: ScreenLayout | null
  readonly updatedAt: number | null
  /** Where it came from: the central server (follows the operator) or the local copy (offline). */
  readonly source: 'server' | 'local' | 'none'
  /** Saved locally while offline and not yet on the server. */
  readonly pendingUpload: boolean
}

export const situationRequests = {
  'aggregates.get': request<Aggregates>()(z.object({})),
  'situation.map': request<MapFigures>()(z.object({})),
  /** The exact incidents behind a number (see DrillKey). */
  'situation.drill': request<DrillResult>()(z.object({ key: drillKeySchema })),
  /** The displays the shell sees (empty in a browser). */
  'screens.displays': request<DisplayInfo[]>()(z.object({})),
  /** Shell only (internal): the displays changed. */
  'screens.report': request<{ count: number }>()(z.object({ displays: z.array(displayInfoSchema).max(16) })),
  'layout.get': request<SavedLayout>()(z.object({})),
  'layout.save': request<SavedLayout>()(z.object({ layout: screenLayoutSchema })),
}
