import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { IncidentView } from '@shared/contract'
import { defaultHandlingMs } from '@shared/domain'
import { formatDateTime } from '../../lib/format'

/** A case dropped on a joint team: the team, the default deadline, an optional note; Enter confirms. */
export function MapDispatchConfirm(props: {
  incident: IncidentView
  teamName: string
  now: number
  onConfirm: (note: string) => void
  onCancel: () => void
}) {
  const { t } = useTranslation('situation')
  const [note, setNote] = useState('')
  const ms = defaultHandlingMs(props.incident.category, props.incident.priority)
  return (
    <div className="map-confirm-backdrop" onClick={props.onCancel}>
      <div
        className="map-confirm"
        role="dialog"
        aria-modal="true"
        data-testid="map-dispatch-confirm"
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
        <h3>{t('map.drop.title', { code: props.incident.code, team: props.teamName })}</h3>
        <p>{props.incident.title}</p>
        <p className="muted">
          {t('map.drop.deadline', { time: formatDateTime(props.now + ms), hours: Math.round(ms / 3_600_000) })}
        </p>
        <input
          autoFocus
          placeholder={t('map.drop.note')}
          value={note}
          maxLength={2000}
          onChange={(e) => setNote(e.target.value)}
          data-testid="map-dispatch-note"
        />
        <div className="form-buttons">
          <button
            type="button"
            className="btn primary"
            onClick={() => props.onConfirm(note)}
            data-testid="map-dispatch-ok"
          >
            {t('map.drop.confirm')}
          </button>
          <button type="button" className="btn" onClick={props.onCancel}>
            {t('map.drop.cancel')}
          </button>
        </div>
      </div>
    </div>
  )
}
