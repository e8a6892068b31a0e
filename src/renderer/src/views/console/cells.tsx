import type { CustomCellRendererProps } from 'ag-grid-react'
import { useTranslation } from 'react-i18next'
import { isOverdue } from '@shared/domain'
import { useNow } from '../../api/hooks'
import { countdown, formatCountdown } from '../../lib/countdown'
import type { IncidentRow } from './incident-rows'

type Cell<V> = CustomCellRendererProps<IncidentRow, V>

export function PriorityCell({ data }: Cell<number>) {
  const { t } = useTranslation('ops')
  if (!data) return null
  return <span className={`prio prio-${data.priority}`}>{t(`priority.${data.priority}`)}</span>
}

export function StatusCell({ data }: Cell<string>) {
  const { t } = useTranslation('ops')
  if (!data) return null
  return (
    <span className={`status-chip st-${data.status}`}>
      {t(`status.${data.status}`)}
      {data.suspended && <span className="flag-suspended">{t('detail.suspended')}</span>}
    </span>
  )
}

/** Time left or overdue by, coloured; a suspended case shows its clock stopped. */
export function DeadlineCell({ data }: Cell<number | null>) {
  const { t } = useTranslation('ops')
  const now = useNow(30_000)
  if (!data || data.deadline === null) return <span className="muted">—</span>
  if (data.suspended) return <span className="deadline paused">{t('detail.paused')}</span>
  if (data.status === 'closed') return <span className="muted">—</span>
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
export function PendingCell({ data }: Cell<number>) {
  const { t } = useTranslation('ops')
  if (!data || data.pending.length === 0) return null
  return (
    <span
      className="pending-chip"
      data-testid="row-pending"
      title={data.pending.map((a) => t(`actions.${a}`)).join(' · ')}
    >
      <span className="pending-dot" aria-hidden />
      {data.pending.map((a) => t(`actions.${a}`)).join('·')}
    </span>
  )
}

export function EscalationCell({ data }: Cell<number>) {
  const { t } = useTranslation('ops')
  if (!data || data.escalationLevel === 0) return null
  return <span className="escalation">{t('detail.escalationShort', { n: data.escalationLevel })}</span>
}
