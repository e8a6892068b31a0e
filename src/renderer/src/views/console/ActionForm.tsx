import { useMemo, useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { IncidentView } from '@shared/contract'
import type { ReferenceData } from '@shared/domain'
import { useNow } from '../../api/hooks'
import { DeadlineField } from '../../components/DeadlineField'
import { TargetPicker } from '../../components/TargetPicker'
import { dispatchTargets } from '../../data/dispatch-targets'
import type { Target } from '../../lib/target-search'
import { buildPayload, EMPTY_FORM, FORM_NEEDS, routingMismatch, type FormValues } from './action-forms'
import type { ReferenceIndex } from '../../data/reference-index'
import type { ConsoleAction } from './shortcuts'
import { formKey, useActionSubmit } from './use-action-submit'
import { FormFooter } from './FormFooter'

/** The inputs one action needs (reason, note, assignee), submitted with Enter, dropped with Esc. */
export function ActionForm(props: {
  action: ConsoleAction
  incident: IncidentView
  reference: ReferenceData | null
  index: ReferenceIndex
  onDone: () => void
  onCancel: () => void
}) {
  const { t, i18n } = useTranslation('ops')
  const { action, incident } = props
  const needs = FORM_NEEDS[action]
  const now = useNow(30_000)
  const targets = useMemo(
    () =>
      dispatchTargets(incident, props.reference, i18n.language === 'en' ? 'en' : 'zh-CN', (km) =>
        t('targets.km', { km: km.toFixed(1) }),
      ),
    [incident, props.reference, i18n.language, t],
  )
  const [target, setTarget] = useState<Target | null>(needs.assignee ? targets.recommended : null)
  // Merging has its own side-by-side view (MergeView); this form serves every other action.
  const [form, setForm] = useState<FormValues>(EMPTY_FORM)
  const { busy, error, setError, send } = useActionSubmit(incident, props.onDone)
  const [tried, setTried] = useState(false)
  // An urgent case sent away from its category's unit asks once more (Enter again confirms).
  const [confirming, setConfirming] = useState<string | null>(null)
  const set = (patch: Partial<FormValues>) => setForm((f) => ({ ...f, ...patch }))
  const pickTarget = (next: Target | null) => {
    setTarget(next)
    setConfirming(null)
  }

  const submit = async () => {
    if (busy) return
    const values: FormValues = { ...form, assignee: target ? { kind: target.kind, id: target.id } : null }
    const built = buildPayload(action, values, incident, Date.now())
    if (!built.ok) {
      setTried(true)
      // The deadline field says itself what is wrong with it.
      setError(built.missing === 'deadline' ? null : t('form.missing'))
      return
    }
    if (needs.assignee && target && routingMismatch(incident, target) && confirming !== `${target.kind}:${target.id}`) {
      setConfirming(`${target.kind}:${target.id}`)
      return
    }
    await send(action, built.payload)
  }
  const onKeyDown = (e: KeyboardEvent) => formKey(e, () => void submit(), props.onCancel)

  return (
    <div className="action-form" data-testid="action-form" onKeyDown={onKeyDown}>
      <h4>{t(`actions.${action}`)}</h4>
      {needs.assignee && (
        <div className="field">
          <span>{t('form.assignee')}</span>
          <TargetPicker
            testId="form-assignee"
            targets={targets.list}
            recommended={targets.recommended}
            value={target}
            onChange={pickTarget}
            autoFocus
          />
          <DeadlineField
            category={incident.category}
            priority={incident.priority}
            now={now}
            value={form.deadline}
            onChange={(deadline) => set({ deadline })}
            showProblem={tried}
            testId="form-deadline"
          />
          {confirming && target && (
            <p className="form-warning" role="alert" data-testid="form-mismatch">
              {t('form.mismatch', {
                priority: t(`priority.${incident.priority}`),
                category: t(`category.${incident.category}`),
                unit: target.name,
              })}
            </p>
          )}
        </div>
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
            autoFocus={!needs.assignee}
            value={form.note}
            maxLength={2000}
            onChange={(e) => set({ note: e.target.value })}
          />
        </label>
      )}
      <FormFooter error={error} busy={busy} onSubmit={() => void submit()} onCancel={props.onCancel} />
    </div>
  )
}
