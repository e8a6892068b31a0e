import { useEffect, useRef, useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { IncidentView } from '@shared/contract'
import { componentQr, type ReferenceIndex } from '../../data/reference-index'
import { formatDateTime } from '../../lib/format'
import { buildPayload, EMPTY_FORM } from './action-forms'
import {
  formatDistance,
  mergeMatch,
  preselectedDuplicate,
  STRONG_NEAR_METRES,
  STRONG_WITHIN_HOURS,
  type MergeMatch,
} from './merge-match'
import { formKey, useActionSubmit } from './use-action-submit'
import { FormFooter } from './FormFooter'

/** One side of the comparison: time, place, component, reporter, text. */
function CaseSide(props: { label: string; incident: IncidentView; index: ReferenceIndex; testId: string }) {
  const { t } = useTranslation('ops')
  const i = props.incident
  return (
    <section className="merge-side" data-testid={props.testId} data-id={i.id}>
      <h5>
        {props.label} <span className="mono">{i.code}</span>
      </h5>
      <dl className="facts compact">
        <dt>{t('mergeView.time')}</dt>
        <dd className="mono">{formatDateTime(i.reportedAt)}</dd>
        <dt>{t('mergeView.place')}</dt>
        <dd>
          {props.index.townName(i.townId)} · {props.index.gridName(i.gridId)}
          <br />
          <span className="muted">{i.address}</span>
        </dd>
        <dt>{t('mergeView.component')}</dt>
        <dd className="mono">{componentQr(i.componentId) ?? t('mergeView.noComponent')}</dd>
        <dt>{t('mergeView.reporter')}</dt>
        <dd>{props.index.personName(i.reporterId)}</dd>
        <dt>{t('mergeView.text')}</dt>
        <dd>
          <strong>{i.title}</strong>
          {i.description && <p className="merge-text">{i.description}</p>}
        </dd>
      </dl>
    </section>
  )
}

function useMatchWords() {
  const { t } = useTranslation('ops')
  return (m: MergeMatch) => {
    const mins = Math.abs(m.minutesApart)
    return [
      t(`mergeView.reason.${m.reason}`, { metres: STRONG_NEAR_METRES, hours: STRONG_WITHIN_HOURS }),
      t('mergeView.distance', { distance: formatDistance(m.distanceM) }),
      mins < 120
        ? t('mergeView.apart', { minutes: mins })
        : t('mergeView.apartHours', { hours: Math.round(mins / 60) }),
    ]
  }
}

/**
 * Merging a duplicate: the candidates on the left, this case and the chosen master side by side,
 * with the distance and time between them. Only a strong match is preselected (merge-match.ts).
 */
export function MergeView(props: {
  incident: IncidentView
  candidates: readonly IncidentView[]
  index: ReferenceIndex
  onDone: () => void
  onCancel: () => void
}) {
  const { t } = useTranslation('ops')
  const words = useMatchWords()
  const { incident } = props
  const [pick, setPick] = useState<string | null>(() => preselectedDuplicate(incident, props.candidates))
  const [note, setNote] = useState('')
  const { busy, error, setError, send } = useActionSubmit(incident, props.onDone)
  const dialog = useRef<HTMLDivElement>(null)
  // Focus stays in the dialog (Esc and Enter work) even when there is no candidate to focus.
  useEffect(() => {
    if (dialog.current && !dialog.current.contains(document.activeElement)) dialog.current.focus()
  }, [])
  const master = props.candidates.find((c) => c.id === pick) ?? null
  const match = master ? mergeMatch(incident, master) : null

  const submit = async () => {
    if (busy) return
    const built = buildPayload('merge', { ...EMPTY_FORM, duplicateOf: pick, note }, incident, Date.now())
    if (!built.ok) {
      setError(t('mergeView.pickOne'))
      return
    }
    await send('merge', built.payload)
  }
  const onKeyDown = (e: KeyboardEvent) => formKey(e, () => void submit(), props.onCancel)

  return (
    <div className="merge-backdrop">
      <div
        ref={dialog}
        tabIndex={-1}
        className="merge-view"
        role="dialog"
        aria-modal="true"
        aria-label={t('mergeView.title')}
        data-testid="merge-view"
        onKeyDown={onKeyDown}
      >
        <header className="merge-head">
          <h4>{t('mergeView.title')}</h4>
          <span className="muted">{t('mergeView.intro')}</span>
        </header>
        <div className="merge-body">
          <fieldset className="merge-candidates" data-testid="merge-candidates">
            <legend>{t('mergeView.candidates')}</legend>
            {props.candidates.length === 0 && <p className="muted">{t('form.noSuggestions')}</p>}
            {props.candidates.length > 0 && pick === null && (
              <p className="muted" data-testid="merge-none-strong">
                {t('mergeView.noneStrong')}
              </p>
            )}
            {props.candidates.map((c, n) => {
              const m = mergeMatch(incident, c)
              return (
                <label
                  key={c.id}
                  className={`merge-option ${m.strong ? 'strong' : 'weak'}`}
                  data-testid="merge-option"
                  data-id={c.id}
                  data-strong={m.strong}
                >
                  <input
                    type="radio"
                    name="merge-master"
                    autoFocus={pick ? c.id === pick : n === 0}
                    checked={pick === c.id}
                    onChange={() => {
                      setPick(c.id)
                      setError(null)
                    }}
                  />
                  <span className="merge-option-text">
                    <span className="mono">{c.code}</span> {c.title}{' '}
                    <span className={`status-chip st-${c.status}`}>{t(`status.${c.status}`)}</span>
                    <small className={m.strong ? 'ok' : 'muted'}>{words(m).join(' · ')}</small>
                  </span>
                </label>
              )
            })}
          </fieldset>
          <div className="merge-compare" data-testid="merge-compare">
            <CaseSide label={t('mergeView.thisCase')} incident={incident} index={props.index} testId="merge-this" />
            <div className="merge-between" data-testid="merge-between">
              {match ? words(match).map((w) => <span key={w}>{w}</span>) : <span>→</span>}
            </div>
            {master ? (
              <CaseSide label={t('mergeView.master')} incident={master} index={props.index} testId="merge-master" />
            ) : (
              <section className="merge-side empty" data-testid="merge-master-empty">
                <p className="muted">{t('mergeView.pickOne')}</p>
              </section>
            )}
          </div>
        </div>
        <label className="field">
          <span>{t('form.note')}</span>
          <input data-testid="form-note" value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
        </label>
        <FormFooter error={error} busy={busy} onSubmit={() => void submit()} onCancel={props.onCancel} />
      </div>
    </div>
  )
}
