import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Conflict, IncidentDetail, TimelineEntry } from '@shared/contract'
import { call } from '../../api/client'
import type { ReferenceIndex } from '../../data/reference-index'
import { formatDateTime } from '../../lib/format'
import { conflictSentence } from './people'

/** The change that made the case what it is now: the last entry of its timeline. */
export function lastChange(timeline: readonly TimelineEntry[]): TimelineEntry | null {
  return timeline.reduce<TimelineEntry | null>((last, e) => (last === null || e.seq > last.seq ? e : last), null)
}

/** Rejected commands: what was refused and why, the incident as it stands now, redo or dismiss. */
export function ConflictsPanel(props: {
  conflicts: readonly Conflict[]
  /** Names of units and people, for "who did what to whom". */
  index: ReferenceIndex
  current: (incidentId: string) => IncidentDetail | undefined
  onOpen?: (incidentId: string) => void
  onClose?: () => void
}) {
  const { t } = useTranslation('ops')
  const [busy, setBusy] = useState<string | null>(null)
  const act = async (id: string, kind: 'redo' | 'dismiss') => {
    setBusy(id)
    try {
      await call(kind === 'redo' ? 'conflicts.redo' : 'conflicts.dismiss', { id })
    } finally {
      setBusy(null)
    }
  }
  return (
    <aside className="conflicts-panel" data-testid="conflicts-panel">
      <header className="panel-head">
        <h3>
          {t('conflicts.title')} <span className="count-badge danger">{props.conflicts.length}</span>
        </h3>
        {props.onClose && (
          <button type="button" className="icon-btn" aria-label={t('detail.close')} onClick={props.onClose}>
            ×
          </button>
        )}
      </header>
      {props.conflicts.length === 0 && <p className="muted">{t('conflicts.empty')}</p>}
      <ul className="conflict-list">
        {props.conflicts.map((c) => {
          const detail = props.current(c.incidentId)
          const now = detail?.incident
          const change = detail ? lastChange(detail.timeline) : null
          const sentence = change ? conflictSentence(change, props.index, t, formatDateTime) : null
          // Redo only what the case still allows; otherwise the operator can only set the conflict aside.
          const canRedo = !detail || detail.allowedActions.includes(c.type)
          return (
            <li key={c.id} className="conflict-item" data-testid="conflict-item" data-incident={c.incidentId}>
              <div className="conflict-head">
                <span className="conflict-action">{t(`actions.${c.type}`)}</span>
                <button type="button" className="link mono" onClick={() => props.onOpen?.(c.incidentId)}>
                  {c.incidentCode ?? c.incidentId}
                </button>
              </div>
              <div className="conflict-reason" data-testid="conflict-reason" data-code={c.code}>
                <strong>{t(`conflicts.codes.${c.code}`, { defaultValue: c.code })}</strong>
                {!change && <span className="muted"> — {c.message}</span>}
              </div>
              {sentence && (
                <p className="conflict-who" data-testid="conflict-changed-by">
                  {t(sentence.key, sentence.params)}
                </p>
              )}
              <dl className="facts compact">
                <dt>{t('conflicts.current')}</dt>
                <dd>
                  {now ? (
                    <>
                      <span className={`status-chip st-${now.status}`}>{t(`status.${now.status}`)}</span>{' '}
                      {props.index.assigneeName(now.assigneeKind, now.assigneeId)}{' '}
                      <span className="muted">v{now.version}</span>
                    </>
                  ) : c.currentVersion !== null ? (
                    `v${c.currentVersion}`
                  ) : (
                    '—'
                  )}
                </dd>
                <dt>{t('conflicts.issuedAt')}</dt>
                <dd className="mono">{formatDateTime(c.issuedAt)}</dd>
                <dt>{t('conflicts.rejectedAt')}</dt>
                <dd className="mono">{formatDateTime(c.rejectedAt)}</dd>
              </dl>
              <div className="form-buttons">
                {canRedo && (
                  <button
                    type="button"
                    className="btn primary"
                    data-testid="conflict-redo"
                    disabled={busy === c.id}
                    onClick={() => void act(c.id, 'redo')}
                  >
                    {t('conflicts.redo')}
                  </button>
                )}
                <button
                  type="button"
                  className="btn"
                  data-testid="conflict-dismiss"
                  disabled={busy === c.id}
                  onClick={() => void act(c.id, 'dismiss')}
                >
                  {t('conflicts.dismiss')}
                </button>
              </div>
            </li>
          )
        })}
      </ul>
    </aside>
  )
}
