import type { Incident } from '@shared/domain'

/**
 * How strongly a suggested duplicate matches the case being merged. The core suggests broadly
 * (same component, or same category within ~500 m over the last 6 h); only a STRONG match is
 * preselected, so a merge never goes to a weak candidate by a reflex Enter.
 */

/** Two reports of the same category this close (metres)… */
export const STRONG_NEAR_METRES = 150
/** …and this close in time (hours) are one problem reported twice. */
export const STRONG_WITHIN_HOURS = 2

export type MatchReason = 'same_component' | 'near_same_category' | 'weak'

export interface MergeMatch {
  readonly distanceM: number
  /** Signed: positive when the candidate was reported after the case. */
  readonly minutesApart: number
  readonly sameComponent: boolean
  readonly sameCategory: boolean
  readonly reason: MatchReason
  readonly strong: boolean
}

type Located = Pick<Incident, 'lat' | 'lng' | 'componentId' | 'category' | 'reportedAt'>

/** Great-circle distance in metres (haversine). */
export function distanceMetres(a: Pick<Incident, 'lat' | 'lng'>, b: Pick<Incident, 'lat' | 'lng'>): number {
  const rad = Math.PI / 180
  const dLat = (b.lat - a.lat) * rad
  const dLng = (b.lng - a.lng) * rad
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2
  return 2 * 6_371_000 * Math.asin(Math.min(1, Math.sqrt(h)))
}

export function mergeMatch(theCase: Located, candidate: Located): MergeMatch {
  const distanceM = distanceMetres(theCase, candidate)
  const minutesApart = Math.round((candidate.reportedAt - theCase.reportedAt) / 60_000)
  const sameComponent = theCase.componentId !== null && theCase.componentId === candidate.componentId
  const sameCategory = theCase.category === candidate.category
  const near = sameCategory && distanceM <= STRONG_NEAR_METRES && Math.abs(minutesApart) <= STRONG_WITHIN_HOURS * 60
  const reason: MatchReason = sameComponent ? 'same_component' : near ? 'near_same_category' : 'weak'
  return { distanceM, minutesApart, sameComponent, sameCategory, reason, strong: reason !== 'weak' }
}

/** The candidate to preselect: the strongest (same component first, then the nearest), or none. */
export function preselectedDuplicate<T extends Located & { readonly id: string }>(
  theCase: Located,
  candidates: readonly T[],
): string | null {
  let best: { id: string; rank: number; distanceM: number } | null = null
  for (const c of candidates) {
    const m = mergeMatch(theCase, c)
    if (!m.strong) continue
    const rank = m.sameComponent ? 0 : 1
    if (!best || rank < best.rank || (rank === best.rank && m.distanceM < best.distanceM))
      best = { id: c.id, rank, distanceM: m.distanceM }
  }
  return best?.id ?? null
}

/** "85 m" or "1.2 km". */
export function formatDistance(metres: number): string {
  return metres < 1000 ? `${Math.round(metres)} m` : `${(metres / 1000).toFixed(1)} km`
}
