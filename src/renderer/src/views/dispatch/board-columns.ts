import type { IncidentView } from '@shared/contract'
import {
  assess,
  AWAITING_DISPATCH,
  isOverdue,
  WITH_HANDLER,
  type AssigneeKind,
  type Priority,
  type Rate,
} from '@shared/domain'

/** Someone a case can be dispatched to: a department, or a joint police + grid-worker team. */
export interface BoardTarget {
  readonly kind: AssigneeKind
  readonly id: string
  readonly name: string
  /** Second line (a team's officer and grid worker). */
  readonly detail: string | null
}

export interface BoardColumn extends BoardTarget {
  readonly key: string
  /** Open cases with this handler (dispatched … verified). */
  readonly open: number
  readonly overdue: number
  readonly onTimeRate: Rate
  /** The cases shown as cards: pending first, then overdue, then nearest deadline. */
  readonly cards: readonly IncidentView[]
}

export interface Board {
  readonly queue: readonly IncidentView[]
  readonly columns: readonly BoardColumn[]
}

export const targetKey = (kind: AssigneeKind, id: string): string => `${kind}:${id}`

const PRIORITY_RANK: Record<Priority, number> = { urgent: 0, high: 1, normal: 2, low: 3 }

/** Queue order: most urgent first, then oldest first (first come, first served within a priority). */
export function queueOrder(a: IncidentView, b: IncidentView): number {
  return (
    PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] || a.reportedAt - b.reportedAt || a.id.localeCompare(b.id)
  )
}

function cardOrder(now: number) {
  return (a: IncidentView, b: IncidentView): number => {
    const pa = a.pending.length > 0 ? 0 : 1
    const pb = b.pending.length > 0 ? 0 : 1
    if (pa !== pb) return pa - pb
    const oa = isOverdue(a, now) ? 0 : 1
    const ob = isOverdue(b, now) ? 0 : 1
    if (oa !== ob) return oa - ob
    return (a.deadline ?? Infinity) - (b.deadline ?? Infinity) || a.id.localeCompare(b.id)
  }
}

/**
 * The board from the incidents the window holds: the queue (optionally one town),
 * and one column per target with its load, overdue count and on-time rate
 * (the shared assessment formulas, so the board agrees with every other figure).
 */
export function buildBoard(
  incidents: Iterable<IncidentView>,
  targets: readonly BoardTarget[],
  options: { now: number; townId: string | null; cardsPerColumn: number },
): Board {
  const { now, townId, cardsPerColumn } = options
  const queue: IncidentView[] = []
  const byTarget = new Map<string, IncidentView[]>()
  for (const t of targets) byTarget.set(targetKey(t.kind, t.id), [])
  for (const i of incidents) {
    if (AWAITING_DISPATCH.includes(i.status)) {
      if (townId === null || i.townId === townId) queue.push(i)
      continue
    }
    if (i.assigneeKind === null || i.assigneeId === null) continue
    byTarget.get(targetKey(i.assigneeKind, i.assigneeId))?.push(i)
  }
  queue.sort(queueOrder)
  const order = cardOrder(now)
  const columns = targets.map((t): BoardColumn => {
    const key = targetKey(t.kind, t.id)
    const all = byTarget.get(key) ?? []
    const open = all.filter((i) => WITH_HANDLER.includes(i.status))
    const a = assess(all, now)
    return {
      ...t,
      key,
      open: open.length,
      overdue: open.filter((i) => isOverdue(i, now)).length,
      onTimeRate: a.onTimeRate,
      cards: open.sort(order).slice(0, cardsPerColumn),
    }
  })
  return { queue, columns }
}

/** Keyboard target picking: move the highlighted column by `delta`, wrapping around. */
export function stepTarget(current: number, delta: number, count: number): number {
  if (count <= 0) return -1
  if (current < 0) return delta >= 0 ? 0 : count - 1
  return (((current + delta) % count) + count) % count
}

/** Digit keys 1–9 pick the first nine columns; 0 the tenth. */
export function targetForDigit(key: string, count: number): number | null {
  if (!/^[0-9]$/.test(key)) return null
  const index = key === '0' ? 9 : Number(key) - 1
  return index < count ? index : null
}
