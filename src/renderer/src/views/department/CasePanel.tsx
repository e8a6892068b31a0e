import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { IncidentView } from '@shared/contract'
import { allowedActions, type Assignee } from '@shared/domain'
import { call, RequestError } from '../../api/client'
import { UnitSelect } from '../../components/UnitSelect'
import { parseUnitValue, redispatchUnits, unitValue } from '../../data/unit-options'
import { useReference } from '../../data/use-reference'
import { formatDateTime } from '../../lib/format'
import {
  buildDeskPayload,
  DESK_ACTIONS,
  EMPTY_DESK_FORM,
  toLocalInput,
  type DeskAction,
  type DeskForm,
} from './desk-forms'

/** One case of my unit: what it is, where it stands, and my next steps on it. */
export function CasePanel({ incident, now, unit }: { incident: IncidentView; now: number; unit: Assignee }) {
  const { t } = useTranslation('ops')
  const { reference, index } = useReference()
  const [action, setAction] = useState<DeskAction | null>(null)
  const [form, setForm] = useState<DeskForm>(EMPTY_DESK_FORM)
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const offered = allowedActions('department', incident).filter((a): a is DeskAction =>
    (DESK_ACTIONS as readonly string[]).includes(a),
  )

  const open = (a: DeskAction) => {
    setAction(a)
    setProblem(null)
    setForm({
      ...EMPTY_DESK_FORM,
      deadline: a === 'request_extension' && incident.deadline ? toLocalInput(incident.deadline + 86_400_000) : '',
    })
  }
  const submit = async (a: DeskAction) => {
    const built = buildDeskPayload(a, form, Date.now())
    if (!built.ok) return setProblem(t(`desk.problem.${built.problem}`))
    setBusy(true)
    try {
      await call('commands.submit', {
        type: a,
        incidentId: incident.id,
        expectedVersion: incident.version,
        payload: built.payload,
      })
      setAction(null)
      setForm(EMPTY_DESK_FORM)
    } catch (err) {
      setProblem(t('form.failed', { message: err instanceof RequestError ? err.message : String(err) }))
    } finally {
      setBusy(false)
    }
  }

  const units = redispatchUnits(reference, index, {
    townId: incident.townId,
    assigneeKind: unit.kind,
    assigneeId: unit.id,
  })
  return (
    <section className="desk-panel" data-testid="desk-panel">
      <header>
        <span className="desk-code">{incident.code}</span>
        <h2>{incident.title}</h2>
      </header>
      <dl className="desk-facts">
        <dt>{t('detail.status')}</dt>
        <dd data-testid="desk-panel-status">{t(`status.${incident.status}`)}</dd>
        <dt>{t('detail.category')}</dt>
        <dd>{t(`category.${incident.category}`)}</dd>
        <dt>{t('desk.deadline')}</dt>
        <dd data-testid="desk-panel-deadline">{incident.deadline ? formatDateTime(incident.deadline) : '—'}</dd>
        <dt>{t('detail.location')}</dt>
        <dd>{incident.address || index.gridName(incident.gridId)}</dd>
        {incident.description && (
          <>
            <dt>{t('detail.description')}</dt>
            <dd>{incident.description}</dd>
          </>
        )}
        {incident.pendingRequest && (
          <>
            <dt>{t('desk.waiting')}</dt>
            <dd data-testid="desk-panel-request">
              {t(`desk.requested.${incident.pendingRequest.kind}`)} · {incident.pendingRequest.reason}
            </dd>
          </>
        )}
        {(incident.extensions ?? []).map((e, k) => (
          <FactRow key={k} label={t('desk.extended')} value={`${formatDateTime(e.from)} → ${formatDateTime(e.to)}`} />
        ))}
      </dl>
      <div className="desk-actions">
        {offered.map((a) => (
          <button
            key={a}
            type="button"
            className={`desk-action ${a === action ? 'active' : ''}`}
            data-testid={`desk-action-${a}`}
            onClick={() => open(a)}
          >
            {t(`desk.action.${a}`)}
          </button>
        ))}
        {offered.length === 0 && <span className="desk-hint">{t('desk.nothingToDo')}</span>}
      </div>
      {action && (
        <form
          className="desk-form desk-fields"
          data-testid="desk-form"
          onSubmit={(e) => {
            e.preventDefault()
            void submit(action)
          }}
        >
          <label>
            <span>{t(`desk.field.${action}`)}</span>
            <textarea
              data-testid="desk-form-text"
              value={form.text}
              rows={3}
              onChange={(e) => setForm({ ...form, text: e.target.value })}
            />
          </label>
          {action === 'resolve' && (
            <label>
              <span>{t('desk.field.attachments')}</span>
              <textarea
                data-testid="desk-form-attachments"
                value={form.attachments}
                rows={2}
                placeholder="https://…"
                onChange={(e) => setForm({ ...form, attachments: e.target.value })}
              />
            </label>
          )}
          {action === 'request_extension' && (
            <label>
              <span>{t('desk.field.deadline')}</span>
              <input
                type="datetime-local"
                data-testid="desk-form-deadline"
                value={form.deadline}
                min={toLocalInput(now)}
                onChange={(e) => setForm({ ...form, deadline: e.target.value })}
              />
            </label>
          )}
          {action === 'send_back' && (
            <label>
              <span>{t('desk.field.suggested')}</span>
              <UnitSelect
                testId="desk-form-suggested"
                groups={units}
                value={form.suggested ? unitValue(form.suggested) : ''}
                onChange={(v) => setForm({ ...form, suggested: parseUnitValue(v) })}
                none={t('desk.field.noSuggestion')}
              />
            </label>
          )}
          {problem && (
            <div className="desk-problem" role="alert" data-testid="desk-form-problem">
              {problem}
            </div>
          )}
          <div className="desk-form-buttons">
            <button type="submit" className="primary" disabled={busy} data-testid="desk-form-submit">
              {t(`desk.action.${action}`)}
            </button>
            <button type="button" onClick={() => setAction(null)}>
              {t('desk.cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  )
}

function FactRow({ label, value }: { label: string; value: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  )
}
