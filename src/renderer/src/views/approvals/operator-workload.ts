import type { ActivityEvent, DeskPerson, IncidentView } from '@shared/contract'
import {
  AWAITING_DISPATCH,
  inScope,
  WORKLOAD_KIND,
  WORKLOAD_WINDOW_MS,
  type Role,
  type TownScope,
} from '@shared/domain'

export { WORKLOAD_WINDOW_MS }

export interface OperatorLoad {
  readonly actorId: string
  readonly name: string
  readonly role: Role
  /** Connected now (the server says); null when the server could not be asked. */
  readonly onShift: boolean | null
  /** In the last hour: reports accepted (受理, rejections and merges included), cases dispatched, verdicts given. */
  readonly accepted: number
  readonly dispatched: number
  readonly verified: number
  /** The oldest case waiting in this operator's towns for acceptance or dispatch, ms; null when none waits. */
  readonly queueAgeMs: number | null
  readonly queued: number
}

const COMMAND_ROOM: readonly Role[] = ['operator', 'supervisor']

/** The intake queue of a town scope: how many wait, and the oldest's age. */
function queueOf(rows: readonly IncidentView[], towns: TownScope, now: number): { queued: number; age: number | null } {
  let queued = 0
  let oldest: number | null = null
  for (const r of rows) {
    if (!AWAITING_DISPATCH.includes(r.status) || !inScope(towns, r.townId)) continue
    queued++
    if (oldest === null || r.reportedAt < oldest) oldest = r.reportedAt
  }
  return { queued, age: oldest === null ? null : Math.max(0, now - oldest) }
}

/**
 * The operator workload panel: per operator on shift (connected now, per the
 * server) or active in the last hour, what they accepted, dispatched and
 * verified in that hour, and the age of the queue in their towns. The counts
 * are the server's (its log is whole; this cache may have been refilled from a
 * snapshot at a handover); only while the server cannot be asked are they
 * counted from the cached events. Operators before supervisors, busiest first.
 * Names come from the server's accounts, or the workstation's own knowledge,
 * or the id itself.
 */
export function operatorWorkload(
  recent: readonly ActivityEvent[],
  people: readonly DeskPerson[] | null,
  names: Readonly<Record<string, string>>,
  rows: readonly IncidentView[],
  now: number,
): OperatorLoad[] {
  const since = now - WORKLOAD_WINDOW_MS
  const counts = new Map<string, { role: Role; accepted: number; dispatched: number; verified: number }>()
  const entry = (actorId: string, role: Role) => {
    let c = counts.get(actorId)
    if (!c) counts.set(actorId, (c = { role, accepted: 0, dispatched: 0, verified: 0 }))
    return c
  }
  const busy = (w: { accepted: number; dispatched: number; verified: number }) => w.accepted + w.dispatched + w.verified
  for (const p of people ?? []) if (p.onShift || busy(p.lastHour) > 0) entry(p.actorId, p.role)
  for (const e of recent) {
    if (e.serverTime < since || !COMMAND_ROOM.includes(e.role)) continue
    const c = entry(e.actorId, e.role)
    const what = WORKLOAD_KIND[e.type]
    if (what) c[what]++
  }
  const byId = new Map((people ?? []).map((p) => [p.actorId, p]))
  const loads: OperatorLoad[] = [...counts.entries()].map(([actorId, c]) => {
    const person = byId.get(actorId)
    // Without the server's word on someone's towns, their queue is every town this desk reads.
    const q = queueOf(rows, person?.towns ?? '*', now)
    const done = person?.lastHour ?? c
    return {
      actorId,
      name: person?.name ?? names[actorId] ?? actorId,
      role: person?.role ?? c.role,
      onShift: people === null ? null : (person?.onShift ?? false),
      accepted: done.accepted,
      dispatched: done.dispatched,
      verified: done.verified,
      queueAgeMs: q.age,
      queued: q.queued,
    }
  })
  return loads.sort(
    (a, b) =>
      (a.role === 'operator' ? 0 : 1) - (b.role === 'operator' ? 0 : 1) ||
      busy(b) - busy(a) ||
      a.name.localeCompare(b.name, 'zh-CN'),
  )
}
