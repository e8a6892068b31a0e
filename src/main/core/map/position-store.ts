import { LIMITS, POSITION_UNIT_KINDS, type PositionReport, type PositionSnapshot } from '@shared/protocol'
import type { UnitMoves } from '@shared/contract'
import type { PushHub } from '../push-hub'

export interface Track {
  readonly kind: PositionReport['unitKind']
  readonly unitId: string
  readonly townId: string
  lng: number
  lat: number
  at: number
  /** Earlier positions, oldest first: [lng, lat, at]. */
  trail: [number, number, number][]
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)

/** A position report that crossed the network, checked; null when it is not one. */
export function parseReport(v: unknown): PositionReport | null {
  if (typeof v !== 'object' || v === null) return null
  const r = v as Record<string, unknown>
  if (!(POSITION_UNIT_KINDS as readonly unknown[]).includes(r.unitKind)) return null
  if (typeof r.unitId !== 'string' || typeof r.townId !== 'string' || r.unitId.length > 64) return null
  if (!finite(r.lng) || !finite(r.lat) || !finite(r.at)) return null
  if (Math.abs(r.lng) > 180 || Math.abs(r.lat) > 90) return null
  return r as unknown as PositionReport
}

/**
 * Where the district's joint teams and grid workers are, as the server relays
 * it: the latest position and a short trail per unit, in memory only (a restart
 * asks the server again). Moves are pushed to the windows at most once a second,
 * the latest per unit.
 */
export class PositionStore {
  private readonly tracks = new Map<string, Track>()
  private moved = new Map<string, UnitMoves['moves'][number]>()
  private timer: NodeJS.Timeout | null = null
  private newest: number | null = null

  constructor(
    private readonly hub: PushHub,
    private readonly pushEveryMs = 1000,
  ) {}

  /** Replaces everything with the server's snapshot (after each hello). */
  replace(snapshot: unknown): void {
    const units = (snapshot as Partial<PositionSnapshot> | null)?.units
    if (!Array.isArray(units)) return
    this.tracks.clear()
    for (const u of units) {
      const r = parseReport(u)
      if (!r) continue
      const trail = Array.isArray((u as { trail?: unknown }).trail)
        ? (u as { trail: unknown[] }).trail
            .filter((p): p is [number, number, number] => Array.isArray(p) && p.length === 3 && p.every(finite))
            .slice(-(LIMITS.positionTrail - 1))
        : []
      this.tracks.set(`${r.unitKind}:${r.unitId}`, { ...r, kind: r.unitKind, trail })
      this.newest = Math.max(this.newest ?? 0, r.at)
    }
    this.emitAll()
  }

  /** Applies one `positions` batch; malformed reports are skipped. */
  apply(batch: unknown): number {
    const reports = (batch as { reports?: unknown } | null)?.reports
    if (!Array.isArray(reports)) return 0
    let n = 0
    for (const raw of reports) {
      const r = parseReport(raw)
      if (!r) continue
      const key = `${r.unitKind}:${r.unitId}`
      const t = this.tracks.get(key)
      if (t && r.at < t.at) continue // an older report than the one we hold
      if (t) {
        t.trail.push([t.lng, t.lat, t.at])
        if (t.trail.length > LIMITS.positionTrail - 1) t.trail.shift()
        t.lng = r.lng
        t.lat = r.lat
        t.at = r.at
      } else
        this.tracks.set(key, {
          kind: r.unitKind,
          unitId: r.unitId,
          townId: r.townId,
          lng: r.lng,
          lat: r.lat,
          at: r.at,
          trail: [],
        })
      this.newest = Math.max(this.newest ?? 0, r.at)
      this.moved.set(key, { id: key, lng: r.lng, lat: r.lat, at: r.at })
      n++
    }
    this.schedule()
    return n
  }

  all(): Iterable<Track> {
    return this.tracks.values()
  }

  get(kind: Track['kind'], unitId: string): Track | null {
    return this.tracks.get(`${kind}:${unitId}`) ?? null
  }

  /** Server time of the newest position held. */
  get asOf(): number | null {
    return this.newest
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }

  private emitAll(): void {
    this.moved = new Map([...this.tracks].map(([k, t]) => [k, { id: k, lng: t.lng, lat: t.lat, at: t.at }]))
    this.schedule()
  }

  private schedule(): void {
    if (this.timer || this.moved.size === 0) return
    this.timer = setTimeout(() => {
      this.timer = null
      const moves = [...this.moved.values()]
      this.moved = new Map()
      this.hub.emit('units', { moves })
    }, this.pushEveryMs)
    this.timer.unref?.()
  }
}
