import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { districtTime, type PeriodSpec } from '@shared/contract'
import type { FrozenReport, FrozenReportSummary, ReportCheck, ReportScope } from '@shared/protocol'
import { REPORT_SCOPES } from '@shared/protocol'
import { call, RequestError } from '../../api/client'
import { correctedBy, shortHash } from './frozen-shape'

interface Props {
  readonly period: PeriodSpec
  readonly periodLabel: string
  /** Supervisors close periods; everyone with the screen reads and verifies. */
  readonly canClose: boolean
  readonly openedId: number | null
  readonly onOpen: (report: FrozenReport | null) => void
}

/**
 * 已关账报告: the central server's closed reports of the period (version, who and when, log
 * position, corrections), each opened with its frozen numbers and verified by the server's
 * recomputation from the log; a supervisor closes the period (again, as a correction, with a reason).
 */
export function FrozenReportsPanel(props: Props) {
  const { t } = useTranslation('assessment')
  const [reports, setReports] = useState<readonly FrozenReportSummary[] | null>(null)
  const [names, setNames] = useState<Readonly<Record<string, string>>>({})
  const [error, setError] = useState<string | null>(null)
  const [checks, setChecks] = useState<Record<number, ReportCheck | 'running' | string>>({})
  const [closing, setClosing] = useState(false)
  const { periodLabel } = props

  const load = useCallback(async () => {
    setError(null)
    try {
      const list = await call('assessment.frozenList', { periodLabel })
      setReports(list.reports)
      setNames(list.names)
    } catch (err) {
      setReports(null)
      setError(err instanceof RequestError && err.code === 'unavailable' ? t('frozen.offline') : String(err))
    }
  }, [periodLabel, t])

  useEffect(() => {
    setChecks({})
    void load()
  }, [load])

  const open = async (id: number) => {
    if (props.openedId === id) return props.onOpen(null)
    try {
      props.onOpen(await call('assessment.frozenGet', { id }))
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err))
    }
  }
  const verify = async (id: number) => {
    setChecks((c) => ({ ...c, [id]: 'running' }))
    try {
      const check = await call('assessment.frozenVerify', { id })
      setChecks((c) => ({ ...c, [id]: check }))
    } catch (err) {
      setChecks((c) => ({ ...c, [id]: err instanceof Error ? err.message : String(err) }))
    }
  }
  const corrections = correctedBy(reports ?? [])

  return (
    <section className="frozen-panel" data-testid="frozen-reports">
      <header>
        <h3>{t('frozen.title')}</h3>
        {props.canClose && reports !== null && !closing && (
          <button type="button" data-testid="frozen-close-open" onClick={() => setClosing(true)}>
            {reports.length > 0 ? t('frozen.correct') : t('frozen.close')}
          </button>
        )}
      </header>
      {error && (
        <p className="error" data-testid="frozen-error">
          {error}
        </p>
      )}
      {closing && (
        <ClosePeriodForm
          period={props.period}
          correction={(reports ?? []).length > 0}
          onDone={(report) => {
            setClosing(false)
            if (report) {
              void load()
              props.onOpen(report)
            }
          }}
        />
      )}
      {reports && reports.length === 0 && <p className="muted">{t('frozen.none')}</p>}
      {reports && reports.length > 0 && (
        <ul className="frozen-list">
          {reports.map((r) => {
            const check = checks[r.id]
            const later = corrections.get(r.id)
            return (
              <li
                key={r.id}
                data-testid="frozen-report"
                data-id={r.id}
                data-version={r.version}
                className={props.openedId === r.id ? 'opened' : ''}
              >
                <div className="frozen-line">
                  <strong>#{r.id}</strong>
                  <span>{t('frozen.version', { n: r.version })}</span>
                  <span className="muted">{t(`units.${r.scope}`, { defaultValue: t('frozen.allKinds') })}</span>
                  <span className="muted">{r.ruleSet.version}</span>
                  {r.previousId !== null && (
                    <span className="frozen-tag">{t('frozen.corrects', { id: r.previousId })}</span>
                  )}
                  {later !== undefined && (
                    <span className="frozen-tag stale" data-testid="frozen-corrected-by">
                      {t('frozen.correctedBy', { id: later })}
                    </span>
                  )}
                </div>
                <div className="frozen-line muted">
                  <span data-testid="frozen-author" data-author={r.authorId}>
                    {t('frozen.by', { who: names[r.authorId] ?? r.authorId, time: districtTime(r.generatedAt) })}
                  </span>
                  <span title={r.headHash} data-testid="frozen-position" data-seq={r.seq}>
                    {t('frozen.position', { seq: r.seq, hash: shortHash(r.headHash) })}
                  </span>
                </div>
                <div className="frozen-line muted">“{r.reason}”</div>
                <div className="frozen-actions">
                  <button type="button" data-testid="frozen-open" onClick={() => void open(r.id)}>
                    {props.openedId === r.id ? t('frozen.backToLive') : t('frozen.open')}
                  </button>
                  <button
                    type="button"
                    data-testid="frozen-verify"
                    disabled={check === 'running'}
                    onClick={() => void verify(r.id)}
                  >
                    {check === 'running' ? t('frozen.verifying') : t('frozen.verify')}
                  </button>
                  {check !== undefined && check !== 'running' && (
                    <span
                      data-testid="frozen-check"
                      data-ok={typeof check === 'object' ? check.ok : false}
                      className={typeof check === 'object' && check.ok ? 'ok' : 'error'}
                    >
                      {typeof check === 'string'
                        ? check
                        : check.ok
                          ? t('frozen.verifiedOk', { seq: r.seq })
                          : t('frozen.verifiedBad', { problem: check.problem ?? '' })}
                    </span>
                  )}
                </div>
              </li>
            )
          })}
        </ul>
      )}
    </section>
  )
}

function ClosePeriodForm(props: {
  period: PeriodSpec
  correction: boolean
  onDone: (report: FrozenReport | null) => void
}) {
  const { t } = useTranslation('assessment')
  const [scope, setScope] = useState<ReportScope>('all')
  const [reason, setReason] = useState(() => (props.correction ? '' : t('frozen.reasonFirst')))
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const submit = async () => {
    if (!reason.trim()) return setError(t('frozen.reasonNeeded'))
    setBusy(true)
    setError(null)
    try {
      props.onDone(await call('assessment.closePeriod', { period: props.period, scope, reason: reason.trim() }))
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err))
      setBusy(false)
    }
  }
  return (
    <form
      className="frozen-close"
      data-testid="frozen-close-form"
      onSubmit={(e) => {
        e.preventDefault()
        void submit()
      }}
    >
      <label>
        <span>{t('frozen.scope')}</span>
        <select data-testid="frozen-scope" value={scope} onChange={(e) => setScope(e.target.value as ReportScope)}>
          {REPORT_SCOPES.map((s) => (
            <option key={s} value={s}>
              {s === 'all' ? t('frozen.allKinds') : t(`units.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('frozen.reason')}</span>
        <input
          data-testid="frozen-reason"
          value={reason}
          maxLength={500}
          placeholder={props.correction ? t('frozen.reasonNeeded') : ''}
          onChange={(e) => setReason(e.target.value)}
        />
      </label>
      {error && (
        <p className="error" data-testid="frozen-close-error">
          {error}
        </p>
      )}
      <div className="frozen-actions">
        <button type="submit" data-testid="frozen-close-submit" disabled={busy}>
          {busy ? t('frozen.closing') : props.correction ? t('frozen.correct') : t('frozen.close')}
        </button>
        <button type="button" onClick={() => props.onDone(null)}>
          {t('frozen.cancel')}
        </button>
      </div>
    </form>
  )
}
