import { LIMITS, type PositionReport, type PositionSnapshot } from '@shared/protocol'

interface Track {
  latest: PositionReport
  /** Positions before the latest, oldest first, at most LIMITS.positionTrail − 1. */
  trail: [number, number, number][]
}

const keyOf = (r: Pick<PositionReport, 'unitKind' | 'unitId'>) => `${r.unitKind}:${r.unitId}`

/**
 * Where every joint team and grid worker is: the latest position and a short
 * trail per unit, in memory only. Positions are not incident events: at the
 * district's 4,642 units they would outnumber everything else in the
 * hash-chained log many times over, and nobody audits where a patrol was a
 * week ago (docs/protocol.md §6). Reports since the last batch wait in
 * `pending` (one per unit: a newer one replaces it) until the hub flushes them.
 */
export class PositionBoard {
  private readonly tracks = new Map<string, Track>()
  private pending = new Map<string, PositionReport>()

  report(r: PositionReport): void {
    const key = keyOf(r)
    const track = this.tracks.get(key)
    if (!track) this.tracks.set(key, { latest: r, trail: [] })
    else {
      track.trail.push([track.latest.lng, track.latest.lat, track.latest.at])
      if (track.trail.length > LIMITS.positionTrail - 1) track.trail.shift()
      track.latest = r
    }
    this.pending.set(key, r)
  }

  /** The reports since the last flush, and forgets them. */
  flush(): PositionReport[] {
    if (this.pending.size === 0) return []
    const out = [...this.pending.values()]
    this.pending = new Map()
    return out
  }

  latest(kind: PositionReport['unitKind'], unitId: string): PositionReport | null {
    return this.tracks.get(keyOf({ unitKind: kind, unitId }))?.latest ?? null
  }

  snapshot(visible: (townId: string) => boolean = () => true): PositionSnapshot {
    const units: PositionSnapshot['units'][number][] = []
    for (const t of this.tracks.values())
      if (visible(t.latest.townId)) units.push({ ...t.latest, trail: t.trail.map((p) => [p[0], p[1], p[2]] as const) })
    return { units, serverTime: Date.now() }
  }

  get size(): number {
    return this.tracks.size
  }
}
