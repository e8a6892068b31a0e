import { isOpen, type Incident, type IncidentEvent } from '@shared/domain'
import { LIMITS, type PositionReport } from '@shared/protocol'
import { pointInGrid, type GeneratedReference } from '../reference/generate'
import { createRng, type Rng } from '../reference/rng'

/** Metres per degree of latitude, and of longitude at the district's latitude (22.5° N). */
const M_PER_DEG_LAT = 111_320
const M_PER_DEG_LNG = 111_320 * Math.cos((22.5 * Math.PI) / 180)
/** On foot or by bicycle, grid workers; joint teams on an e-scooter or in a car, in town traffic. */
const WORKER_SPEED = 1.5
const TEAM_SPEED = 4.5

interface Unit {
  readonly kind: 'team' | 'worker'
  readonly id: string
  readonly townId: string
  /** The leaf grids it patrols: a worker its own; a team its village's or community's. */
  readonly area: readonly string[]
  readonly speed: number
  readonly everyMs: number
  lng: number
  lat: number
  target: [number, number]
  nextAt: number
  lastAt: number
}

export interface PatrolTarget {
  get(incidentId: string): Incident | null
  all(): Iterable<Incident>
  onCommit(listener: (events: readonly IncidentEvent[]) => void): () => void
}

export interface PatrolOptions {
  readonly seed: string
  /** District time per real time (a compressed clock moves patrols as much faster). */
  readonly timeScale?: number
  readonly tickMs?: number
}

/**
 * The simulator's patrols: every joint team (联勤搭档) and grid worker walks its
 * area and reports where it is — teams every 15 s, workers every minute
 * (LIMITS), each on its own phase so reports spread evenly. A team with cases
 * dispatched to it heads for the one due first and stays there until it is
 * handled; otherwise it and every worker walk to random points of their grids.
 */
export class Patrols {
  private readonly units: Unit[] = []
  private readonly rng: Rng
  private readonly scale: number
  /** Open cases dispatched to a team: incident → team, team → incidents. */
  private readonly teamOf = new Map<string, string>()
  private readonly tasks = new Map<string, Set<string>>()
  private timer: NodeJS.Timeout | null = null
  private offCommit: (() => void) | null = null

  constructor(
    private readonly ref: GeneratedReference,
    private readonly target: PatrolTarget,
    private readonly report: (r: PositionReport) => void,
    private readonly options: PatrolOptions,
    private readonly clock: () => number = Date.now,
  ) {
    this.rng = createRng(`${options.seed}/patrols`)
    this.scale = options.timeScale ?? 1
    const now = clock()
    const leavesOf = new Map<string, string[]>()
    const gridOfWorker = new Map(ref.data.workers.map((w) => [w.id, w.gridId]))
    const parentOf = new Map(ref.data.grids.map((g) => [g.id, g.parentId]))
    for (const g of ref.data.grids)
      if (g.parentId) leavesOf.set(g.parentId, [...(leavesOf.get(g.parentId) ?? []), g.id])
    const teamEvery = LIMITS.teamReportSeconds * 1000
    const workerEvery = LIMITS.workerReportSeconds * 1000
    for (const t of ref.data.teams) {
      const grid = gridOfWorker.get(t.gridWorkerId)
      const medium = grid ? parentOf.get(grid) : null
      const area = (medium && leavesOf.get(medium)) || (grid ? [grid] : [])
      if (area.length > 0) this.units.push(this.place('team', t.id, t.townId, area, TEAM_SPEED, teamEvery, now))
    }
    for (const w of ref.data.workers)
      this.units.push(this.place('worker', w.id, w.townId, [w.gridId], WORKER_SPEED, workerEvery, now))
  }

  get unitCount(): number {
    return this.units.length
  }

  start(): void {
    if (this.timer) return
    for (const i of this.target.all()) this.track(i)
    this.offCommit = this.target.onCommit((events) => {
      for (const e of events) {
        const i = this.target.get(e.incidentId)
        if (i) this.track(i)
      }
    })
    this.timer = setInterval(() => this.tick(this.clock()), this.options.tickMs ?? 1000)
    this.timer.unref()
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    this.offCommit?.()
    this.offCommit = null
  }

  /** Moves and reports every unit whose report is due at `now`. */
  tick(now: number): number {
    let reported = 0
    for (const u of this.units) {
      if (u.nextAt > now) continue
      this.move(u, now)
      u.nextAt = now + u.everyMs
      this.report({ unitKind: u.kind, unitId: u.id, townId: u.townId, lng: round(u.lng), lat: round(u.lat), at: now })
      reported++
    }
    return reported
  }

  private place(
    kind: Unit['kind'],
    id: string,
    townId: string,
    area: readonly string[],
    speed: number,
    everyMs: number,
    now: number,
  ): Unit {
    const [lng, lat] = this.randomPoint(area)
    return {
      kind,
      id,
      townId,
      area,
      speed,
      everyMs,
      lng,
      lat,
      target: this.randomPoint(area),
      // Each unit on its own phase: the district's reports spread evenly over the period.
      nextAt: now + Math.floor(this.rng.next() * everyMs),
      lastAt: now,
    }
  }

  private randomPoint(area: readonly string[]): [number, number] {
    return pointInGrid(this.ref, this.rng.pick(area), () => this.rng.next())
  }

  private move(u: Unit, now: number): void {
    const seconds = (Math.max(0, now - u.lastAt) / 1000) * this.scale
    u.lastAt = now
    const task = u.kind === 'team' ? this.currentTask(u.id) : null
    if (task) u.target = [task.lng, task.lat]
    let left = u.speed * seconds
    // Walk towards the target; at it, a patrol picks the next point (a team on a case stays).
    for (let legs = 0; left > 0 && legs < 4; legs++) {
      const dx = (u.target[0] - u.lng) * M_PER_DEG_LNG
      const dy = (u.target[1] - u.lat) * M_PER_DEG_LAT
      const d = Math.hypot(dx, dy)
      if (d <= left) {
        u.lng = u.target[0]
        u.lat = u.target[1]
        left -= d
        if (task) break
        u.target = this.randomPoint(u.area)
      } else {
        u.lng += (dx / d) * (left / M_PER_DEG_LNG)
        u.lat += (dy / d) * (left / M_PER_DEG_LAT)
        left = 0
      }
    }
  }

  private currentTask(teamId: string): Incident | null {
    let best: Incident | null = null
    for (const id of this.tasks.get(teamId) ?? []) {
      const i = this.target.get(id)
      if (i && (!best || (i.deadline ?? Infinity) < (best.deadline ?? Infinity))) best = i
    }
    return best
  }

  private track(i: Incident): void {
    const was = this.teamOf.get(i.id)
    const now = isOpen(i) && i.assigneeKind === 'team' && i.assigneeId ? i.assigneeId : null
    if (was === now) return
    if (was) this.tasks.get(was)?.delete(i.id)
    if (now) {
      this.teamOf.set(i.id, now)
      const set = this.tasks.get(now) ?? new Set<string>()
      set.add(i.id)
      this.tasks.set(now, set)
    } else this.teamOf.delete(i.id)
  }
}

const round = (v: number) => Math.round(v * 1e5) / 1e5
