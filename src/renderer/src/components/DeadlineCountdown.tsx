import { useTranslation } from 'react-i18next'
import type { IncidentView } from '@shared/contract'
import { effectiveDeadline, isOpen, isOverdue } from '@shared/domain'
import { useNow } from '../api/hooks'
import { countdown, formatCountdown } from '../lib/countdown'

/** The detail header's deadline: a live countdown, red once overdue, stopped while suspended. */
export function DeadlineCountdown({ incident }: { incident: IncidentView }) {
  const { t } = useTranslation('ops')
  const now = useNow(1000)
  const deadline = effectiveDeadline(incident, now)
  if (deadline === null || !isOpen(incident)) {
    return <span className="countdown none">{deadline === null ? t('detail.noDeadline') : t('detail.none')}</span>
  }
  if (incident.suspended) return <span className="countdown paused">{t('detail.paused')}</span>
  const c = countdown(deadline, now)
  const text = formatCountdown(c, { d: t('detail.units.d'), h: t('detail.units.h'), m: t('detail.units.m') })
  const overdue = isOverdue(incident, now)
  return (
    <span className={`countdown ${overdue ? 'overdue' : c.soon ? 'soon' : 'ok'}`} data-testid="detail-countdown">
      {overdue ? t('detail.overdueBy', { time: text }) : t('detail.left', { time: text })}
    </span>
  )
}
