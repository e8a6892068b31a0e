/**
 * The wall's playlist: pages shown in turn, each for `seconds`, with pause.
 * Pure, so the rotation is tested without timers or a DOM.
 */
export const WALL_PAGES = ['overview', 'areas', 'league', 'rectification', 'map'] as const
export type WallPage = (typeof WALL_PAGES)[number]

export interface PlaylistState {
  readonly index: number
  /** The page's own page (第 n 页, 0-based): the league pages through every row, one `seconds` each. */
  readonly sub: number
  /** When the current page appeared (ms). */
  readonly since: number
  readonly paused: boolean
}

/** How many pages of its own each wall page has now (1 unless it pages through rows). */
export type SubPages = (index: number) => number
const ONE: SubPages = () => 1

export function startPlaylist(now: number, index = 0, paused = false): PlaylistState {
  return { index: ((index % WALL_PAGES.length) + WALL_PAGES.length) % WALL_PAGES.length, sub: 0, since: now, paused }
}

/** One slot on: the page's next own page, or the next page's first. */
function next(state: { index: number; sub: number }, pages: number, subPages: SubPages) {
  return state.sub + 1 < Math.max(1, subPages(state.index))
    ? { index: state.index, sub: state.sub + 1 }
    : { index: (state.index + 1) % pages, sub: 0 }
}

/**
 * The state at `now`: past a slot's time (a page, or one of a page's own pages) the next slot
 * shows, several if the wall slept; every slot is shown for `seconds`.
 */
export function advance(
  state: PlaylistState,
  now: number,
  seconds: number,
  pages = WALL_PAGES.length,
  subPages: SubPages = ONE,
): PlaylistState {
  const slots = Array.from({ length: pages }, (_, i) => Math.max(1, subPages(i))).reduce((a, b) => a + b, 0)
  if (state.paused || slots <= 1) return state
  const ms = seconds * 1000
  const steps = Math.floor((now - state.since) / ms)
  if (steps <= 0) return state
  let at = { index: state.index % pages, sub: Math.min(state.sub, Math.max(1, subPages(state.index)) - 1) }
  for (let i = 0; i < steps % slots; i++) at = next(at, pages, subPages)
  return { ...at, since: state.since + steps * ms, paused: false }
}

export function togglePause(state: PlaylistState, now: number): PlaylistState {
  // Resuming gives the page its full time again rather than switching at once.
  return state.paused ? { ...state, paused: false, since: now } : { ...state, paused: true }
}

/** Arrows left and right: the previous or next page, from its first own page. */
export function step(state: PlaylistState, by: number, now: number, pages = WALL_PAGES.length): PlaylistState {
  return { ...state, index: (((state.index + by) % pages) + pages) % pages, sub: 0, since: now }
}

/** Arrows down and up: the page's next or previous own page (wrapping), the page staying. */
export function stepSub(state: PlaylistState, by: number, now: number, subPages: SubPages = ONE): PlaylistState {
  const n = Math.max(1, subPages(state.index))
  return { ...state, sub: (((state.sub + by) % n) + n) % n, since: now }
}

export function secondsLeft(state: PlaylistState, now: number, seconds: number): number {
  return Math.max(0, Math.ceil((state.since + seconds * 1000 - now) / 1000))
}

/** `?page=league&pause=1&seconds=30` on the wall's address fixes what it shows (e.g. a briefing). */
export function playlistFromQuery(search: string): { index: number; paused: boolean; seconds: number | null } {
  const q = new URLSearchParams(search)
  const page = q.get('page')
  const byName = page ? WALL_PAGES.indexOf(page as WallPage) : -1
  const byNumber = page && /^\d+$/.test(page) ? Number(page) - 1 : -1
  const seconds = Number(q.get('seconds'))
  return {
    index: Math.max(0, byName >= 0 ? byName : byNumber),
    paused: q.get('pause') === '1' || q.get('pause') === 'true',
    seconds: Number.isFinite(seconds) && seconds >= 5 ? Math.min(600, seconds) : null,
  }
}

/**
 * Type size for a wall: the design is drawn for 1080 lines and scales with the
 * viewport's height; nothing is ever smaller than WALL_MIN_TEXT_PX at 1080p
 * (≈ 10 mm on a 2 m-high 1080p wall, legible from 10 m), 56 px at 2160p.
 */
export const WALL_MIN_TEXT_PX = 28
export function wallUnit(viewportHeight: number, viewportWidth: number): number {
  // A very wide wall is limited by height; a narrow one by width (16:9 reference).
  return Math.max(0.5, Math.min(viewportHeight / 1080, viewportWidth / 1920))
}
export function wallText(unit: number, size = WALL_MIN_TEXT_PX): number {
  return Math.round(Math.max(WALL_MIN_TEXT_PX * unit, size * unit))
}
