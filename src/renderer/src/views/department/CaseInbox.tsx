import { useTranslation } from 'react-i18next'
import type { IncidentView } from '@shared/contract'
import { defaultHandlingMs } from '@shared/domain'
import { countdown, formatCountdown } from '../../lib/countdown'
import { deadlineRisk } from '../../lib/deadline-risk'

/** My unit's open cases, most at risk first: time left, and the category's handling standard. */
export function CaseInbox(props: {
  rows: readonly IncidentView[]
  now: number
  ready: boolean
  selectedId: string | null
  onSelect: (id: string) => void
}) {
  const { t } = useTranslation('ops')
  const units = { d: t('detail.units.d'), h: t('detail.units.h'), m: t('detail.units.m') }
  return (
    <section className="desk-inbox" aria-label={t('desk.inbox')}>
      <div className="desk-inbox-head">
        {t('desk.inbox')} <span className="desk-count">{props.rows.length}</span>
      </div>
      {props.rows.length === 0 && props.ready && <div className="desk-hint">{t('desk.empty')}</div>}
      <ul className="desk-list" data-testid="desk-inbox">
        {props.rows.map((r) => {
          const risk = deadlineRisk(r, props.now)
          const tone = r.suspended ? 'paused' : !risk ? 'none' : risk.overdue ? 'overdue' : risk.atRisk ? 'soon' : 'ok'
          const left = risk ? formatCountdown(countdown(props.now + Math.abs(risk.msLeft), props.now), units) : ''
          return (
            <li key={r.id}>
              <button
                type="button"
                className={`desk-case desk-card ${r.id === props.selectedId ? 'selected' : ''}`}
                data-testid={`desk-case-${r.id}`}
                data-status={r.status}
                onClick={() => props.onSelect(r.id)}
              >
                <span className="desk-case-top">
                  <span className="desk-code">{r.code}</span>
                  <span className={`prio prio-${r.priority}`}>{t(`priority.${r.priority}`)}</span>
                  <span className={`desk-status status-${r.status}`}>{t(`status.${r.status}`)}</span>
                  {r.suspended && (
                    <span className="desk-flag paused" data-testid="desk-case-suspended">
                      {t('desk.suspended')}
                    </span>
                  )}
                  {r.pendingRequest && (
                    <span className="desk-flag" data-testid="desk-case-request">
                      {t(`desk.requested.${r.pendingRequest.kind}`)}
                    </span>
                  )}
                  {r.pending.length > 0 && <span className="desk-flag queued">{t('desk.queued')}</span>}
                </span>
                <span className="desk-title">{r.title}</span>
                <span className="desk-case-bottom">
                  <span>{t(`category.${r.category}`)}</span>
                  <span className="desk-standard">
                    {t('desk.standard', { hours: Math.round(defaultHandlingMs(r.category, r.priority) / 3_600_000) })}
                  </span>
                  <span className={`countdown ${tone}`} data-testid="desk-case-left">
                    {r.suspended
                      ? t('detail.paused')
                      : !risk
                        ? t('detail.noDeadline')
                        : risk.overdue
                          ? t('detail.overdueBy', { time: left })
                          : t('detail.left', { time: left })}
                  </span>
                  {r.reworkCount > 0 && <span className="desk-flag bad">{t('desk.rework', { n: r.reworkCount })}</span>}
                </span>
              </button>
            </li>
          )
        })}
      </ul>
    </section>
  )
}
