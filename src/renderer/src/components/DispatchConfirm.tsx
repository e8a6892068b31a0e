import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { IncidentView } from '@shared/contract'
import { defaultHandlingMs, type Assignee } from '@shared/domain'
import { routingMismatch, type ChosenDeadline } from '../data/dispatch-command'
import type { DispatchTargets } from '../data/dispatch-targets'
import { chooseDeadline, DEFAULT_DEADLINE_INPUT, type DeadlineInput } from '../lib/deadline-choice'
import { formatDateTime } from '../lib/format'
import { targetKey, type Target } from '../lib/target-search'
import { DeadlineField } from './DeadlineField'
import { TargetPicker } from './TargetPicker'
import './DispatchConfirm.css'

/** What the operator confirmed: the note, and where a picker or deadline field was shown, their choice. */
export interface DispatchChoice {
  readonly target: Target | null
  readonly deadline?: ChosenDeadline
}

/**
 * The last step of a dispatch from the board (a drop, a keyboard pick, or the target picker) or the map (a
 * case dropped on a joint team): target and deadline shown, optional note, Enter confirms, Escape cancels.
 * With `picker` the unit is picked here by type-ahead (the recommended one preselected); a pick against the
 * category's routing for an urgent or high case asks for a second Enter. With `withDeadline` the deadline
 * may be changed within the category's range, with a reason.
 */
export function DispatchConfirm(props: {
  incident: IncidentView
  /** The unit dropped on (without a picker). */
  targetName?: string
  target?: Assignee
  picker?: DispatchTargets
  withDeadline?: boolean
  now: number
  onConfirm: (note: string, choice: DispatchChoice) => void
  onCancel: () => void
}) {
  const { t } = useTranslation('ops')
  const { incident, picker } = props
  const [note, setNote] = useState('')
  const [picked, setPicked] = useState<Target | null>(picker?.recommended ?? null)
  const [deadline, setDeadline] = useState<DeadlineInput>(DEFAULT_DEADLINE_INPUT)
  const [tried, setTried] = useState(false)
  const [confirming, setConfirming] = useState<string | null>(null)
  const ms = defaultHandlingMs(incident.category, incident.priority)
  const target = picker ? picked : (props.target ?? null)
  const name = picker ? (picked?.name ?? '…') : (props.targetName ?? '')
  const mismatch = target !== null && routingMismatch(incident, target)

  const confirm = () => {
    if (picker && !picked) return setTried(true)
    let chosen: ChosenDeadline | undefined
    if (props.withDeadline) {
      const choice = chooseDeadline(deadline, incident.category, incident.priority)
      if (!choice.ok) return setTried(true)
      chosen = choice
    }
    // Picked here against the routing: the operator says so once more (a drop is its own confirmation).
    if (picker && picked && mismatch && confirming !== targetKey(picked)) return setConfirming(targetKey(picked))
    props.onConfirm(note, { target: picked, ...(chosen ? { deadline: chosen } : {}) })
  }

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
            confirm()
          } else if (e.key === 'Escape') {
            e.preventDefault()
            props.onCancel()
          }
        }}
      >
        <h3>{t('board.confirmTitle', { code: incident.code, target: name })}</h3>
        <p className="confirm-sub">
          <span className={`prio prio-${incident.priority}`}>{t(`priority.${incident.priority}`)}</span>{' '}
          {incident.title}
        </p>
        {picker && (
          <TargetPicker
            testId="board-picker"
            targets={picker.list}
            recommended={picker.recommended}
            value={picked}
            onChange={(next) => {
              setPicked(next)
              setConfirming(null)
            }}
            autoFocus
          />
        )}
        {mismatch && (
          <p className="form-warning" role="alert" data-testid="dispatch-mismatch">
            {t('form.mismatch', {
              priority: t(`priority.${incident.priority}`),
              category: t(`category.${incident.category}`),
              unit: name,
            })}
          </p>
        )}
        {props.withDeadline ? (
          <DeadlineField
            category={incident.category}
            priority={incident.priority}
            now={props.now}
            value={deadline}
            onChange={setDeadline}
            showProblem={tried}
            testId="dispatch-deadline"
          />
        ) : (
          <p className="muted">
            {t('board.deadline', { time: formatDateTime(props.now + ms), hours: Math.round(ms / 3_600_000) })}
          </p>
        )}
        <input
          autoFocus={!picker}
          data-testid="dispatch-note"
          placeholder={t('board.note')}
          value={note}
          maxLength={2000}
          onChange={(e) => setNote(e.target.value)}
        />
        <div className="form-buttons">
          <button type="button" className="btn primary" data-testid="dispatch-confirm-ok" onClick={confirm}>
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
