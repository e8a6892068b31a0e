import { useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { IncidentView } from '@shared/contract'
import { categoryDef, defaultDeadline, type Assignee, type ReferenceData } from '@shared/domain'
import { call, RequestError } from '../../api/client'
import { useNow } from '../../api/hooks'
import { formatDateTime } from '../../lib/format'
import { buildPayload, EMPTY_FORM, FORM_NEEDS, type FormValues } from './action-forms'
import type { ReferenceIndex } from '../../data/reference-index'
import type { ConsoleAction } from './shortcuts'

const encode = (a: Assignee) => `${a.kind}:${a.id}`
function decode(value: string): Assignee | null {
  const [kind, id] = value.split(':')
  return (kind === 'department' || kind === 'team') && id ? { kind, id } : null
}

/** The inputs one action needs (reason, note, assignee, duplicate), submitted with Enter, dropped with Esc. */
export function ActionForm(props: {
  action: ConsoleAction
  incident: IncidentView
  reference: ReferenceData | null
  index: ReferenceIndex
  duplicates: readonly IncidentView[]
  onDone: () => void
  onCancel: () => void
}) {
  const { t } = useTranslation('ops')
  const { action, incident } = props
  const needs = FORM_NEEDS[action]
  const now = useNow(30_000)
  const defaultDept = props.reference?.departments.find(
    (d) => d.id === categoryDef(incident.category).defaultDepartment,
  )
  const [form, setForm] = useState<FormValues>({
    ...EMPTY_FORM,
    assignee: needs.assignee && defaultDept ? { kind: 'department', id: defaultDept.id } : null,
    duplicateOf: props.duplicates[0]?.id ?? null,
  })
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const set = (patch: Partial<FormValues>) => setForm((f) => ({ ...f, ...patch }))

  const submit = async () => {
    if (busy) return
    const built = buildPayload(action, form, incident, Date.now())
    if (!built.ok) {
      setError(t('form.missing'))
      return
    }
    setBusy(true)
    try {
      await call('commands.submit', {
        type: action,
        incidentId: incident.id,
        expectedVersion: incident.version,
        payload: built.payload,
      })
      props.onDone()
    } catch (err) {
      setError(t('form.failed', { message: err instanceof RequestError ? err.message : String(err) }))
    } finally {
      setBusy(false)
    }
  }
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault()
      void submit()
    } else if (e.key === 'Escape') {
      e.preventDefault()
      props.onCancel()
    }
  }
  const teams = props.index.teamsOf(incident.townId)

  return (
    <div className="action-form" data-testid="action-form" onKeyDown={onKeyDown}>
      <h4>{t(`actions.${action}`)}</h4>
      {needs.assignee && (
        <label className="field">
          <span>{t('form.assignee')}</span>
          <select
            data-testid="form-assignee"
            autoFocus
            value={form.assignee ? encode(form.assignee) : ''}
            onChange={(e) => set({ assignee: decode(e.target.value) })}
          >
            <option value="">{t('form.pickAssignee')}</option>
            <optgroup label={t('form.departments')}>
              {props.reference?.departments.map((d) => (
                <option key={d.id} value={`department:${d.id}`}>
                  {props.index.assigneeName('department', d.id)}
                </option>
              ))}
            </optgroup>
            {teams.length > 0 && (
              <optgroup label={t('form.teams')}>
                {teams.map((tm) => (
                  <option key={tm.id} value={`team:${tm.id}`}>
                    {tm.name}
                  </option>
                ))}
              </optgroup>
            )}
          </select>
          <small className="muted">
            {t('form.deadline', { time: formatDateTime(defaultDeadline(incident.category, incident.priority, now)) })}
          </small>
        </label>
      )}
      {needs.duplicate && (
        <fieldset className="field dup-list">
          <legend>{t('form.duplicate')}</legend>
          {props.duplicates.length === 0 && <p className="muted">{t('form.noSuggestions')}</p>}
          {props.duplicates.map((d, i) => (
            <label key={d.id} className="dup-option">
              <input
                type="radio"
                name="dup"
                autoFocus={i === 0}
                checked={form.duplicateOf === d.id}
                onChange={() => set({ duplicateOf: d.id })}
              />
              <span className="mono">{d.code}</span> <span>{d.title}</span>{' '}
              <span className={`status-chip st-${d.status}`}>{t(`status.${d.status}`)}</span>
            </label>
          ))}
        </fieldset>
      )}
      {needs.reason && (
        <label className="field">
          <span>{t('form.reason')}</span>
          <input
            data-testid="form-reason"
            autoFocus
            value={form.reason}
            maxLength={1000}
            onChange={(e) => set({ reason: e.target.value })}
          />
        </label>
      )}
      {needs.text && (
        <label className="field">
          <span>{t('form.text')}</span>
          <input
            data-testid="form-text"
            autoFocus
            value={form.text}
            maxLength={2000}
            onChange={(e) => set({ text: e.target.value })}
          />
        </label>
      )}
      {needs.note && (
        <label className="field">
          <span>{t('form.note')}</span>
          <input
            data-testid="form-note"
            autoFocus={!needs.assignee && !needs.duplicate}
            value={form.note}
            maxLength={2000}
            onChange={(e) => set({ note: e.target.value })}
          />
        </label>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-buttons">
        <button
          type="button"
          className="btn primary"
          data-testid="form-submit"
          disabled={busy}
          onClick={() => void submit()}
        >
          {t('form.submit')}
        </button>
        <button type="button" className="btn" onClick={props.onCancel}>
          {t('form.cancel')}
        </button>
      </div>
    </div>
  )
}
