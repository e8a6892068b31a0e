import { useMemo, useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { IncidentView } from '@shared/contract'
import type { ReferenceData, Role } from '@shared/domain'
import { useNow } from '../../api/hooks'
import { DeadlineField } from '../../components/DeadlineField'
import { TargetPicker } from '../../components/TargetPicker'
import { dispatchTargets } from '../../data/dispatch-targets'
import { DEFAULT_DEADLINE_INPUT, type DeadlineInput } from '../../lib/deadline-choice'
import type { Target } from '../../lib/target-search'
import { BULK_ACTIONS, planBulk, type BulkAction, type PlanItem } from './bulk-plan'
import type { BulkRun, RunItem } from './use-bulk-run'
import './bulk.css'

/** The bulk action bar for a multi-selection: pick an action, fill in its one form, run it for every case. */
export function BulkPanel(props: {
  cases: readonly IncidentView[]
  role: Role
  reference: ReferenceData | null
  run: BulkRun | null
  onRun: (action: BulkAction, plan: readonly PlanItem[]) => void
  onClear: () => void
  onDismiss: () => void
}) {
  const { t } = useTranslation('ops')
  const { cases, run } = props
  return (
    <aside className="bulk-panel" data-testid="bulk-panel" aria-label={t('bulk.results')}>
      {cases.length >= 2 && <BulkForm key={cases.map((c) => c.id).join(',')} {...props} />}
      {run && <BulkResults run={run} onDismiss={props.onDismiss} />}
    </aside>
  )
}

function BulkForm(props: Parameters<typeof BulkPanel>[0]) {
  const { t, i18n } = useTranslation('ops')
  const { cases } = props
  const now = useNow(30_000)
  const first = cases[0] as IncidentView
  const [action, setAction] = useState<BulkAction | null>(null)
  const targets = useMemo(
    () =>
      dispatchTargets(first, props.reference, i18n.language === 'en' ? 'en' : 'zh-CN', (km) =>
        t('targets.km', { km: km.toFixed(1) }),
      ),
    [first, props.reference, i18n.language, t],
  )
  const [target, setTarget] = useState<Target | null>(targets.recommended)
  const [deadline, setDeadline] = useState<DeadlineInput>(DEFAULT_DEADLINE_INPUT)
  // The master of a merge: the earliest report by default (the others are its duplicates).
  const [masterId, setMasterId] = useState(() => [...cases].sort((a, b) => a.reportedAt - b.reportedAt)[0]?.id ?? '')
  const [text, setText] = useState('')
  const [note, setNote] = useState('')
  const [tried, setTried] = useState(false)
  const busy = props.run?.submitting === true

  const plan = useMemo(
    () =>
      action &&
      planBulk(
        cases,
        {
          action,
          ...(target ? { assignee: { kind: target.kind, id: target.id } } : {}),
          deadline,
          masterId,
          text,
          note,
        },
        props.role,
        now,
      ),
    [action, cases, target, deadline, masterId, text, note, props.role, now],
  )
  const runnable = plan?.filter((p) => 'command' in p).length ?? 0
  const submit = () => {
    setTried(true)
    if (!action || busy || runnable === 0) return
    // Planned again at this instant: the deadlines count from now.
    const fresh = planBulk(
      cases,
      { action, ...(target ? { assignee: { kind: target.kind, id: target.id } } : {}), deadline, masterId, text, note },
      props.role,
      Date.now(),
    )
    if (fresh) props.onRun(action, fresh)
  }
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault()
      submit()
    } else if (e.key === 'Escape') {
      e.preventDefault()
      if (action) setAction(null)
      else props.onClear()
    }
  }

  return (
    <div className="bulk-form" data-testid="bulk-form" onKeyDown={onKeyDown}>
      <header className="bulk-head">
        <strong data-testid="bulk-count">{t('bulk.selected', { count: cases.length })}</strong>
        <button type="button" className="btn ghost" data-testid="bulk-clear" onClick={props.onClear}>
          {t('bulk.clear')}
        </button>
      </header>
      <div className="action-bar" role="toolbar" aria-label={t('detail.actions')}>
        {BULK_ACTIONS.map((a) => (
          <button
            key={a}
            type="button"
            className={`action-btn act-${a} ${action === a ? 'active' : ''}`}
            data-testid={`bulk-${a}`}
            aria-pressed={action === a}
            onClick={() => {
              setAction(a)
              setTried(false)
            }}
          >
            {t(`bulk.${a}`)}
          </button>
        ))}
      </div>
      {action && (
        <div className="action-form">
          {action === 'dispatch' && (
            <>
              <div className="field">
                <span>{t('form.assignee')}</span>
                <TargetPicker
                  testId="bulk-assignee"
                  targets={targets.list}
                  recommended={targets.recommended}
                  value={target}
                  onChange={setTarget}
                  autoFocus
                />
              </div>
              <DeadlineField
                category={first.category}
                priority={first.priority}
                now={now}
                value={deadline}
                onChange={setDeadline}
                showProblem={tried}
                testId="bulk-deadline"
              />
            </>
          )}
          {action === 'merge' && (
            <fieldset className="field dup-list">
              <legend>
                {t('bulk.master')} <small className="muted">{t('bulk.masterHint')}</small>
              </legend>
              {cases.map((c, i) => (
                <label key={c.id} className="dup-option">
                  <input
                    type="radio"
                    name="bulk-master"
                    data-testid="bulk-master"
                    value={c.id}
                    autoFocus={i === 0}
                    checked={masterId === c.id}
                    onChange={() => setMasterId(c.id)}
                  />
                  <span className="mono">{c.code}</span> <span>{c.title}</span>
                </label>
              ))}
            </fieldset>
          )}
          {action === 'comment' ? (
            <label className="field">
              <span>{t('bulk.text')}</span>
              <input
                data-testid="bulk-text"
                autoFocus
                value={text}
                maxLength={2000}
                onChange={(e) => setText(e.target.value)}
              />
            </label>
          ) : (
            <label className="field">
              <span>{t('bulk.note')}</span>
              <input
                data-testid="bulk-note"
                autoFocus={action === 'accept'}
                value={note}
                maxLength={2000}
                onChange={(e) => setNote(e.target.value)}
              />
            </label>
          )}
          {plan && (
            <p className="muted" data-testid="bulk-plan">
              {t('bulk.plan', { ok: runnable, skipped: plan.length - runnable })}
            </p>
          )}
          {tried && !plan && (
            <p className="form-error" role="alert">
              {t('form.missing')}
            </p>
          )}
          <div className="form-buttons">
            <button
              type="button"
              className="btn primary"
              data-testid="bulk-run"
              disabled={busy || runnable === 0}
              onClick={submit}
            >
              {busy ? t('bulk.running') : t('bulk.run', { count: runnable })}
            </button>
            <button type="button" className="btn" onClick={() => setAction(null)}>
              {t('bulk.cancel')}
            </button>
          </div>
        </div>
      )}
    </div>
  )
}

function outcomeText(item: RunItem, t: (key: string, opts?: Record<string, unknown>) => string): string {
  const o = item.outcome
  switch (o.kind) {
    case 'skipped':
      return t('bulk.outcome.skipped', { reason: t(`bulk.skip.${o.reason}`, { status: t(`status.${item.status}`) }) })
    case 'failed':
      return t('bulk.outcome.failed', { reason: o.message })
    case 'rejected':
      return t('bulk.outcome.rejected', { reason: t(`conflicts.codes.${o.code}`, { defaultValue: o.message }) })
    default:
      return t(`bulk.outcome.${o.kind}`)
  }
}

/** Each case's own outcome, kept until dismissed. */
function BulkResults(props: { run: BulkRun; onDismiss: () => void }) {
  const { t } = useTranslation('ops')
  const { run } = props
  return (
    <section className="bulk-results" data-testid="bulk-results" data-submitting={run.submitting}>
      <header className="bulk-head">
        <strong>
          {t('bulk.results')} · {t(`bulk.${run.action}`)}
        </strong>
        <button type="button" className="btn ghost" data-testid="bulk-dismiss" onClick={props.onDismiss}>
          {t('bulk.dismiss')}
        </button>
      </header>
      <ul>
        {run.items.map((i) => (
          <li
            key={i.incidentId}
            className={`bulk-result out-${i.outcome.kind}`}
            data-testid="bulk-result"
            data-id={i.incidentId}
            data-outcome={i.outcome.kind}
          >
            <span className="mono">{i.code}</span>
            <span className="bulk-title">{i.title}</span>
            <span className="bulk-outcome">{outcomeText(i, t)}</span>
          </li>
        ))}
      </ul>
    </section>
  )
}
