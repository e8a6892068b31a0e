import { CATEGORIES, STATUSES, type Incident, type IncidentStatus } from '../../../src/shared/domain'
import { baseIncident } from '../../support/incident'

const HOUR = 3_600_000

/** mulberry32: a small seeded generator, so a failing run can be replayed from its seed. */
export class Rand {
  private state: number
  constructor(seed: number) {
    this.state = seed >>> 0
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T
  }
  chance(p: number): boolean {
    return this.next() < p
  }
}

export const TOWNS = ['henglan', 'xiaolan', 'dongfeng', 'shiqi', 'tanzhou', 'sanxiang'] as const
const DEPARTMENTS = ['fire', 'gas', 'sanitation', 'urban_admin', 'police', 'housing'] as const

/** Where new cases fall: the whole district by default, or a narrow mix where many share a day's row. */
export interface CaseMix {
  readonly towns: readonly string[]
  readonly categories: readonly Incident['category'][]
  readonly departments: readonly string[]
}
const WHOLE_DISTRICT: CaseMix = { towns: TOWNS, categories: CATEGORIES.map((c) => c.id), departments: DEPARTMENTS }

/**
 * Cases in every category, status and town, moved along their lifecycle the way
 * the domain allows (only open cases change; a finished one only gets comments).
 * Every time is a whole hour, so deadlines, suspensions and closes often fall on
 * the same instant: the boundaries are hit, not just approached.
 */
export class RandomCases {
  readonly cases = new Map<string, Incident>()
  private n = 0

  constructor(
    private readonly rand: Rand,
    /** The current instant; moved on by `advance`. */
    public now: number,
    private readonly mix: CaseMix = WHOLE_DISTRICT,
  ) {}

  /**
   * Some hours later (now and then past midnight, so the district day rolls over); half the time
   * exactly to the instant the clock of a case awaiting closure runs out.
   */
  advance(): number {
    const later = this.now + this.rand.int(0, 7) * HOUR
    const dues = [...this.cases.values()]
      .filter((i) => i.status === 'resolved' || i.status === 'verified')
      .map((i) => (i.deadline ?? 0) + i.suspendedMs)
      .filter((due) => due > this.now && due <= later)
    this.now = dues.length > 0 && this.rand.chance(0.5) ? Math.min(...dues) : later
    return this.now
  }

  /** Cases awaiting closure whose clock ran out in (since, now]: the ones a close on the boundary can hit. */
  comingDue(since: number): string[] {
    return [...this.cases.values()]
      .filter((i) => !i.suspended && (i.status === 'resolved' || i.status === 'verified'))
      .filter((i) => {
        const due = (i.deadline ?? 0) + i.suspendedMs
        return due > Math.max(since, i.updatedAt) && due <= this.now
      })
      .map((i) => i.id)
  }

  /** A case reported `hoursAgo` hours before now, already walked to `status`. */
  seed(status: IncidentStatus, hoursAgo: number): Incident {
    const reportedAt = this.now - hoursAgo * HOUR
    let i = this.fresh(reportedAt)
    // Walk it to `status` along the lifecycle, spending the hours between the report and now.
    const path: Record<IncidentStatus, IncidentStatus[]> = {
      reported: [],
      accepted: ['accepted'],
      rejected: ['rejected'],
      merged: ['merged'],
      dispatched: ['dispatched'],
      in_progress: ['dispatched', 'in_progress'],
      resolved: ['dispatched', 'in_progress', 'resolved'],
      verified: ['dispatched', 'in_progress', 'resolved', 'verified'],
      closed: ['dispatched', 'in_progress', 'resolved', 'verified', 'closed'],
    }
    let t = reportedAt
    for (const next of path[status]) {
      t = Math.min(this.now, t + this.rand.int(0, Math.max(0, Math.floor(hoursAgo / 4))) * HOUR)
      i = this.to(i, next, t)
    }
    if ((i.status === 'dispatched' || i.status === 'in_progress') && this.rand.chance(0.25)) i = this.suspend(i, t)
    this.cases.set(i.id, i)
    return i
  }

  /** A new report at some hour since `since` (a change that landed between two refreshes). */
  report(since: number): Incident {
    const i = this.fresh(Math.max(since, this.now - this.rand.int(0, 3) * HOUR))
    this.cases.set(i.id, i)
    return i
  }

  /** One lifecycle step the domain allows, at an hour in (since, now]; a finished case gets a comment. */
  step(id: string, since: number): Incident {
    const cur = this.cases.get(id)
    if (!cur) throw new Error(`no case ${id}`)
    const lo = Math.max(since, cur.updatedAt)
    const hours = Math.floor((this.now - lo) / HOUR)
    let t = hours > 0 ? lo + this.rand.int(1, hours) * HOUR : this.now
    // A close or resolve on the very instant the clock runs out, whenever that instant is in range.
    const due = cur.deadline === null ? null : cur.deadline + cur.suspendedMs
    const onDue = due !== null && due > lo && due <= this.now && this.rand.chance(0.5)
    if (onDue) t = due
    const finishing = onDue && (cur.status === 'resolved' || cur.status === 'verified') && this.rand.chance(0.7)
    const next = finishing ? this.to(cur, 'closed', t) : this.move(cur, t)
    this.cases.set(id, next)
    return next
  }

  private move(i: Incident, t: number): Incident {
    const r = this.rand
    if (i.suspended) return r.chance(0.6) ? this.resume(i, t) : this.touch(i, t)
    switch (i.status) {
      case 'reported':
        return this.to(i, r.pick(['accepted', 'rejected', 'merged', 'dispatched'] as const), t)
      case 'accepted':
        return this.to(i, r.pick(['dispatched', 'dispatched', 'rejected'] as const), t)
      case 'dispatched':
        return r.chance(0.2)
          ? this.suspend(i, t)
          : r.chance(0.2)
            ? this.to(i, 'dispatched', t)
            : this.to(i, 'in_progress', t)
      case 'in_progress':
        return r.chance(0.2) ? this.suspend(i, t) : this.to(i, 'resolved', t)
      case 'resolved':
        return r.chance(0.25) ? this.rework(i, t) : this.to(i, r.pick(['verified', 'closed'] as const), t)
      case 'verified':
        return r.chance(0.25) ? this.rework(i, t) : this.to(i, 'closed', t)
      default:
        return this.touch(i, t) // a comment on a finished case
    }
  }

  private fresh(reportedAt: number): Incident {
    const id = `c${++this.n}`
    const town = this.rand.pick(this.mix.towns)
    return baseIncident({
      id,
      code: `ZS-${String(this.n).padStart(6, '0')}`,
      category: this.rand.pick(this.mix.categories),
      townId: town,
      gridId: `${town}-g${this.rand.int(1, 4)}`,
      status: 'reported',
      reportedAt,
      updatedAt: reportedAt,
      version: 1,
      lastSeq: this.n,
    })
  }

  private touch(i: Incident, t: number): Incident {
    return { ...i, version: i.version + 1, updatedAt: Math.max(i.updatedAt, t) }
  }

  private to(i: Incident, status: IncidentStatus, t: number): Incident {
    const next = { ...this.touch(i, t), status }
    if (status === 'dispatched') {
      const team = this.rand.chance(0.2)
      return {
        ...next,
        assigneeKind: team ? 'team' : 'department',
        assigneeId: team ? `${i.townId}-team-1` : this.rand.pick(this.mix.departments),
        dispatchedAt: t,
        deadline: t + this.rand.int(1, 96) * HOUR,
        acknowledgedAt: null,
      }
    }
    if (status === 'in_progress') return { ...next, acknowledgedAt: t }
    if (status === 'resolved') return { ...next, resolvedAt: t }
    if (status === 'verified') return { ...next, verifiedAt: t }
    if (status === 'closed') return { ...next, closedAt: t }
    if (status === 'merged') return { ...next, duplicateOf: 'c1' }
    return next
  }

  private rework(i: Incident, t: number): Incident {
    return {
      ...this.touch(i, t),
      status: 'dispatched',
      reworkCount: i.reworkCount + 1,
      dispatchedAt: t,
      deadline: t + this.rand.int(1, 48) * HOUR,
      acknowledgedAt: null,
      resolvedAt: null,
      verifiedAt: null,
    }
  }

  private suspend(i: Incident, t: number): Incident {
    return { ...this.touch(i, t), suspended: true, suspendedAt: t }
  }

  private resume(i: Incident, t: number): Incident {
    return {
      ...this.touch(i, t),
      suspended: false,
      suspendedMs: i.suspendedMs + Math.max(0, t - (i.suspendedAt ?? t)),
      suspendedAt: null,
    }
  }
}

export { STATUSES }
