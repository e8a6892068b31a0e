import type { CustomCellRendererProps } from 'ag-grid-react'
import type { TFunction } from 'i18next'
import { isOverdue } from '@shared/domain'
import { countdown, formatCountdown } from '../../lib/countdown'
import type { IncidentRow } from './incident-rows'
import { acceptance } from './pending-queue'

/** What every cell reads from the grid's context: the operator's language (no hook per cell). */
export interface CellContext {
  readonly t: TFunction<'ops'>
}

type Cell<V> = CustomCellRendererProps<IncidentRow, V, CellContext>

/**
 * The time the deadline cells count from: set by the table when it redraws them (every half minute),
 * so that every cell on screen counts from the same moment.
 */
export const deadlineClock = { now: Date.now() }

export function PriorityCell({ data, context }: Cell<number>) {
  if (!data) return null
  return <span className={`prio prio-${data.priority}`}>{context.t(`priority.${data.priority}`)}</span>
}

export function StatusCell({ data, context }: Cell<string>) {
  if (!data) return null
  return (
    <span className={`status-chip st-${data.status}`}>
      {context.t(`status.${data.status}`)}
      {data.suspended && <span className="flag-suspended">{context.t('detail.suspended')}</span>}
    </span>
  )
}

/**
 * Time left or overdue by, coloured; a suspended case shows its clock stopped. Read at render: the
 * table redraws this column's cells on screen every half minute.
 */
export function DeadlineCell({ data, context }: Cell<number | null>) {
  const { t } = context
  if (!data || data.deadline === null) return <span className="muted">—</span>
  if (data.suspended) return <span className="deadline paused">{t('detail.paused')}</span>
  if (data.status === 'closed') return <span className="muted">—</span>
  const now = deadlineClock.now
  const c = countdown(data.deadline, now)
  const text = formatCountdown(c, { d: t('detail.units.d'), h: t('detail.units.h'), m: t('detail.units.m') })
  const overdue = isOverdue(data.incident, now)
  return (
    <span className={`deadline ${overdue ? 'overdue' : c.soon ? 'soon' : ''}`}>
      {overdue ? t('detail.overdueBy', { time: text }) : t('detail.left', { time: text })}
    </span>
  )
}

/** Commands issued here that the server has not acknowledged yet. */
export function PendingCell({ data, context }: Cell<number>) {
  if (!data || data.pending.length === 0) return null
  const names = data.pending.map((a) => context.t(`actions.${a}`))
  return (
    <span className="pending-chip" data-testid="row-pending" title={names.join(' · ')}>
      <span className="pending-dot" aria-hidden />
      {names.join('·')}
    </span>
  )
}

export function EscalationCell({ data, context }: Cell<number>) {
  if (!data || data.escalationLevel === 0) return null
  return <span className="escalation">{context.t('detail.escalationShort', { n: data.escalationLevel })}</span>
}

const unitsOf = (t: TFunction<'ops'>) => ({ d: t('detail.units.d'), h: t('detail.units.h'), m: t('detail.units.m') })

/** Time since the report (the pending queue), counting with the deadline cells. */
export function WaitingCell({ data, context }: Cell<number>) {
  if (!data) return null
  const a = acceptance(data, deadlineClock.now)
  return (
    <span className="waiting">
      {formatCountdown(countdown(deadlineClock.now - a.waitingMs, deadlineClock.now), unitsOf(context.t))}
    </span>
  )
}

/** The category's acceptance limit for a new report: time left, or emphasised once it is past. */
export function AcceptByCell({ data, context }: Cell<number>) {
  const { t } = context
  if (!data) return null
  const a = acceptance(data, deadlineClock.now)
  if (a.limit === null) return <span className="muted">{t('console.accepted')}</span>
  const text = formatCountdown(countdown(a.limit, deadlineClock.now), unitsOf(t))
  return a.overdue ? (
    <span className="deadline overdue accept-overdue" data-testid="accept-overdue">
      {t('console.acceptOverdue', { time: text })}
    </span>
  ) : (
    <span className="deadline soon">{t('console.acceptLeft', { time: text })}</span>
  )
}
