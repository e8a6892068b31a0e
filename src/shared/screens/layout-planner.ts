import type { DisplayAssignment, DisplayInfo, DisplayRole, Rect, ScreenLayout } from '../contract/requests/situation'

/**
 * The screens planner, pure: (the displays Electron reports, the operator's
 * saved layout, the windows open now) → one window per display role. The shell
 * (src/main/electron/screens.ts) applies the plan and calls this again
 * whenever a display is added, removed or changed.
 *
 * Rules:
 * - A saved assignment finds its display by id, else by label and size (ids
 *   change between machines and replugs); one naming no present display is
 *   reported as missing and its role is not placed, except the console, which
 *   always has a home (the primary display) so the operator is never left
 *   without one.
 * - Displays without a saved role get defaults in order (primary first, then
 *   left to right): console, dispatch board, map, dashboard.
 * - Every window lies wholly inside its display's work area (in DIP, Electron's
 *   global coordinates, so mixed scale factors need no conversion): a window
 *   straddling two displays of different scale would be resized by the OS.
 * - A window that exists keeps its size and place when its display still has
 *   its role (re-planning must not disturb the operator); one whose display
 *   went away moves, clamped, to wherever its role now lives, or to the
 *   primary display when its role lives nowhere now: an open window is never
 *   closed by a re-plan.
 * - Wall windows cover the whole display, full screen.
 */
export type WindowRole = Exclude<DisplayRole, 'none'>

export interface WindowPlan {
  /** One window per key: the role, or `wall:<displayId>` (a wall may span several displays). */
  readonly key: string
  readonly role: WindowRole
  readonly displayId: string
  readonly bounds: Rect
  readonly fullscreen: boolean
}

export interface CurrentWindow {
  readonly key: string
  readonly displayId: string
  readonly bounds: Rect
}

export interface Plan {
  readonly windows: readonly WindowPlan[]
  /** Saved assignments whose display is not connected now. */
  readonly missing: readonly DisplayAssignment[]
  /** The role of every present display, after defaults (what the settings view shows). */
  readonly roles: ReadonlyMap<string, DisplayRole>
}

export const DEFAULT_ORDER: readonly WindowRole[] = ['console', 'dispatch', 'map', 'dashboard']

/** Primary first, then left to right, top to bottom: the order defaults are handed out in. */
export function orderDisplays(displays: readonly DisplayInfo[]): DisplayInfo[] {
  return [...displays].sort(
    (a, b) => Number(b.primary) - Number(a.primary) || a.bounds.x - b.bounds.x || a.bounds.y - b.bounds.y,
  )
}

/** Saved assignment → present display: by id, then by label and size among the displays still free. */
export function matchAssignments(
  displays: readonly DisplayInfo[],
  saved: readonly DisplayAssignment[],
): { matched: Map<string, DisplayAssignment>; missing: DisplayAssignment[] } {
  const matched = new Map<string, DisplayAssignment>()
  const rest: DisplayAssignment[] = []
  for (const a of saved) {
    if (displays.some((d) => d.id === a.displayId) && !matched.has(a.displayId)) matched.set(a.displayId, a)
    else rest.push(a)
  }
  const missing: DisplayAssignment[] = []
  for (const a of rest) {
    const d = displays.find(
      (x) => !matched.has(x.id) && x.label === a.label && x.bounds.width === a.width && x.bounds.height === a.height,
    )
    if (d) matched.set(d.id, a)
    else missing.push(a)
  }
  return { matched, missing }
}

/** A rectangle moved and shrunk as little as possible to lie wholly inside `area`. */
export function clampRect(r: Rect, area: Rect): Rect {
  const width = Math.max(1, Math.min(r.width, area.width))
  const height = Math.max(1, Math.min(r.height, area.height))
  const x = Math.min(Math.max(r.x, area.x), area.x + area.width - width)
  const y = Math.min(Math.max(r.y, area.y), area.y + area.height - height)
  return { x: Math.round(x), y: Math.round(y), width: Math.round(width), height: Math.round(height) }
}

function inside(r: Rect, area: Rect): boolean {
  return (
    r.x >= area.x && r.y >= area.y && r.x + r.width <= area.x + area.width && r.y + r.height <= area.y + area.height
  )
}

/** Which present display a rectangle is mostly on (by overlap area). */
export function displayOf(r: Rect, displays: readonly DisplayInfo[]): DisplayInfo | null {
  let best: DisplayInfo | null = null
  let bestArea = 0
  for (const d of displays) {
    const w = Math.min(r.x + r.width, d.bounds.x + d.bounds.width) - Math.max(r.x, d.bounds.x)
    const h = Math.min(r.y + r.height, d.bounds.y + d.bounds.height) - Math.max(r.y, d.bounds.y)
    if (w > 0 && h > 0 && w * h > bestArea) {
      best = d
      bestArea = w * h
    }
  }
  return best
}

export function planWindows(
  displays: readonly DisplayInfo[],
  layout: ScreenLayout | null,
  current: readonly CurrentWindow[] = [],
): Plan {
  if (displays.length === 0) return { windows: [], missing: layout?.assignments ?? [], roles: new Map() }
  const ordered = orderDisplays(displays)
  const { matched, missing } = matchAssignments(ordered, layout?.assignments ?? [])
  const roles = new Map<string, DisplayRole>()
  for (const [id, a] of matched) roles.set(id, a.role)
  const taken = new Set<DisplayRole>([...roles.values()].filter((r) => r !== 'wall'))
  const defaults = DEFAULT_ORDER.filter((r) => !taken.has(r))
  for (const d of ordered) {
    if (roles.has(d.id)) continue
    roles.set(d.id, defaults.shift() ?? 'none')
  }

  const byKey = new Map(current.map((w) => [w.key, w]))
  const windows: WindowPlan[] = []
  for (const d of ordered) {
    const role = roles.get(d.id) ?? 'none'
    if (role === 'none') continue
    if (role === 'wall') {
      windows.push({ key: `wall:${d.id}`, role, displayId: d.id, bounds: { ...d.bounds }, fullscreen: true })
      continue
    }
    if (windows.some((w) => w.key === role)) continue // a role shows once (only walls repeat)
    windows.push({
      key: role,
      role,
      displayId: d.id,
      bounds: boundsFor(d, matched.get(d.id), byKey.get(role)),
      fullscreen: false,
    })
  }

  // The console always has a home: lost with its display, it goes to the primary display.
  // (A layout that gives no display the console — a wall PC — is respected.)
  const consoleWanted = !layout || missing.some((a) => a.role === 'console')
  if (!windows.some((w) => w.role === 'console') && consoleWanted) {
    const home = ordered.find((d) => roles.get(d.id) !== 'wall') ?? ordered[0]
    if (home)
      windows.unshift({
        key: 'console',
        role: 'console',
        displayId: home.id,
        bounds: boundsFor(home, undefined, byKey.get('console')),
        fullscreen: false,
      })
  }
  // A window already open whose role has no display now stays open (its state is the operator's),
  // moved onto the primary display, keeping its size where it fits.
  const primary = ordered[0] as DisplayInfo
  for (const w of current) {
    if (windows.some((p) => p.key === w.key) || w.key.startsWith('wall:')) continue
    const role = w.key as WindowRole
    if (!DEFAULT_ORDER.includes(role) || displays.some((d) => d.id === w.displayId)) continue
    windows.push({
      key: role,
      role,
      displayId: primary.id,
      bounds: boundsFor(primary, undefined, w),
      fullscreen: false,
    })
  }
  return { windows, missing, roles }
}

function boundsFor(d: DisplayInfo, saved: DisplayAssignment | undefined, existing: CurrentWindow | undefined): Rect {
  const area = d.workArea
  // An open window on this same display keeps its place (clamped if the display shrank).
  if (existing && existing.displayId === d.id)
    return inside(existing.bounds, area) ? existing.bounds : clampRect(existing.bounds, area)
  if (saved?.window) {
    const w = saved.window
    return clampRect({ x: area.x + w.x, y: area.y + w.y, width: w.width, height: w.height }, area)
  }
  // A window moving from a display that went away keeps its size, placed on the new one.
  if (existing)
    return clampRect({ x: area.x, y: area.y, width: existing.bounds.width, height: existing.bounds.height }, area)
  return { ...area }
}

/** The layout that reproduces `roles` (what the settings view saves). */
export function layoutFrom(
  displays: readonly DisplayInfo[],
  roles: ReadonlyMap<string, DisplayRole>,
  previous: ScreenLayout | null,
  windows: readonly CurrentWindow[] = [],
): ScreenLayout {
  const assignments: DisplayAssignment[] = orderDisplays(displays).map((d) => {
    const role = roles.get(d.id) ?? 'none'
    const win = windows.find((w) => w.displayId === d.id && (w.key === role || w.key === `wall:${d.id}`))
    const rel = win
      ? {
          x: win.bounds.x - d.workArea.x,
          y: win.bounds.y - d.workArea.y,
          width: win.bounds.width,
          height: win.bounds.height,
        }
      : undefined
    return {
      displayId: d.id,
      label: d.label,
      width: d.bounds.width,
      height: d.bounds.height,
      role,
      ...(rel ? { window: rel } : {}),
    }
  })
  // Assignments for displays not connected now are kept: they apply again when that monitor returns.
  const absent = (previous?.assignments ?? []).filter((a) => !displays.some((d) => d.id === a.displayId))
  return {
    version: 1,
    assignments: [...assignments, ...absent].slice(0, 16),
    ...(previous?.wallSeconds ? { wallSeconds: previous.wallSeconds } : {}),
  }
}
