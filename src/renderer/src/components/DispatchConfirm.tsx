import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { IncidentView } from '@shared/contract'
import { defaultHandlingMs } from '@shared/domain'
import { formatDateTime } from '../lib/format'
import './DispatchConfirm.css'

/**
 * The last step of a dispatch from the board (a drop or a keyboard pick) or the map (a case dropped on a
 * joint team): target and default deadline shown, optional note, Enter confirms, Escape cancels.
 */
export function DispatchConfirm(props: {
  incident: IncidentView
  targetName: string
  now: number
  onConfirm: (note: string) => void
  onCancel: () => void
}) {
  const { t } = useTranslation('ops')
  const [note, setNote] = useState('')
  const ms = defaultHandlingMs(props.incident.category, props.incident.priority)
  return (
    <div className="dispatch-confirm-backdrop" onClick={props.onCancel}>
      <div
        className="dispatch-confirm"
        role="dialog"
        aria-modal="true"
        data-testid="dispatch-confirm"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault()
            props.onConfirm(note)
          } else if (e.key === 'Escape') {
            e.preventDefault()
            props.onCancel()
          }
        }}
      >
        <h3>{t('board.confirmTitle', { code: props.incident.code, target: props.targetName })}</h3>
        <p className="confirm-sub">
          <span className={`prio prio-${props.incident.priority}`}>{t(`priority.${props.incident.priority}`)}</span>{' '}
          {props.incident.title}
        </p>
        <p className="muted">
          {t('board.deadline', { time: formatDateTime(props.now + ms), hours: Math.round(ms / 3_600_000) })}
        </p>
        <input
          autoFocus
          data-testid="dispatch-note"
          placeholder={t('board.note')}
          value={note}
          maxLength={2000}
          onChange={(e) => setNote(e.target.value)}
        />
        <div className="form-buttons">
          <button
            type="button"
            className="btn primary"
            data-testid="dispatch-confirm-ok"
            onClick={() => props.onConfirm(note)}
          >
            {t('board.confirm')}
          </button>
          <button type="button" className="btn" onClick={props.onCancel}>
            {t('board.cancel')}
          </button>
        </div>
      </div>
    </div>
  )
}
