/**
 * What a click, a key or a drop landed on, from the features the map's
 * hit-testing found (topmost first): the map's own layers named in plain terms.
 */
export type MapTarget =
  | { readonly kind: 'case'; readonly id: string; readonly label: string; readonly at: Point }
  | {
      readonly kind: 'cluster'
      readonly id: number
      readonly label: string
      readonly at: Point
      readonly count: number
    }
  | { readonly kind: 'team' | 'worker'; readonly id: string; readonly label: string; readonly at: Point }
  | { readonly kind: 'building' | 'component'; readonly id: string; readonly label: string; readonly at: Point }
  | { readonly kind: 'grid' | 'town'; readonly id: string; readonly label: string; readonly at: Point }

type Point = { readonly x: number; readonly y: number }

/** The picked-feature shape the adapter returns (kept structural: this module knows no MapLibre). */
export interface Picked {
  readonly layer: string
  readonly id: string | number | null
  readonly properties: Readonly<Record<string, unknown>>
  readonly point: Point
}

const str = (v: unknown) => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v))

export function targetOf(f: Picked, names: { grid(id: string): string; town(id: string): string }): MapTarget | null {
  const p = f.properties
  switch (f.layer) {
    case 'case-points':
      return { kind: 'case', id: str(p.id), label: str(p.code), at: f.point }
    case 'case-clusters':
      return typeof f.id === 'number'
        ? {
            kind: 'cluster',
            id: f.id,
            label: str(p.point_count_abbreviated),
            at: f.point,
            count: Number(p.point_count),
          }
        : null
    case 'unit-teams':
    case 'unit-workers':
      return { kind: p.kind === 'team' ? 'team' : 'worker', id: str(p.unitId), label: str(p.name), at: f.point }
    case 'buildings':
      return { kind: 'building', id: str(p.id), label: str(p.qr), at: f.point }
    case 'components':
      return { kind: 'component', id: str(p.id), label: str(p.qr), at: f.point }
    case 'grid-fill':
      return { kind: 'grid', id: str(p.id), label: names.grid(str(p.id)), at: f.point }
    case 'town-fill':
      return { kind: 'town', id: str(p.id), label: names.town(str(p.id)), at: f.point }
    default:
      return null
  }
}

/** A stable key for a target (the keyboard's place in the list survives a redraw). */
export function targetKey(t: MapTarget): string {
  return `${t.kind}:${t.id}`
}

/**
 * The order the keyboard walks the features in view: reading order (rows of
 * `band` px, left to right), one stop per feature (a feature split over tiles
 * or drawn by two layers counts once), areas after the points on them.
 */
export function keyboardOrder(targets: readonly MapTarget[], band = 48): MapTarget[] {
  const seen = new Set<string>()
  const points: MapTarget[] = []
  const areas: MapTarget[] = []
  for (const t of targets) {
    const k = targetKey(t)
    if (seen.has(k)) continue
    seen.add(k)
    if (t.kind === 'grid' || t.kind === 'town') areas.push(t)
    else if (Number.isFinite(t.at.x) && Number.isFinite(t.at.y)) points.push(t)
  }
  const row = (t: MapTarget) => Math.floor(t.at.y / band)
  points.sort((a, b) => row(a) - row(b) || a.at.x - b.at.x)
  areas.sort((a, b) => a.label.localeCompare(b.label, 'zh-CN'))
  return [...points, ...areas]
}

/** The next (or previous) stop after `current` in `order`, wrapping; the first when there is none. */
export function step(order: readonly MapTarget[], current: string | null, by: 1 | -1): MapTarget | null {
  if (order.length === 0) return null
  const i = current === null ? -1 : order.findIndex((t) => targetKey(t) === current)
  if (i < 0) return by === 1 ? (order[0] ?? null) : (order[order.length - 1] ?? null)
  return order[(i + by + order.length) % order.length] ?? null
}
