import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { RuleSet } from '@shared/domain'
import { call, RequestError } from '../../api/client'
import { usePushEvent, useRequest } from '../../api/hooks'
import { useSession } from '../../api/session'
import { formatDateTime } from '../../lib/format'
import { checkDraft, nextVersion, type DraftIssue } from './rule-set-draft'
import { RuleSetForm } from './RuleSetForm'
import './rulesets.css'

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err))

/**
 * 评分细则: the active revision and every earlier one (author, time, reason) from the central
 * server, and — for a supervisor — an editor that saves a new revision with a reason and
 * activates any revision. Operators see the same read-only. The draft is this view's own state:
 * a refused or failed save (offline, forbidden, invalid) leaves it exactly as it was.
 */
export function RuleSetsView() {
  const { t, i18n } = useTranslation(['rulesets', 'assessment'])
  const session = useSession()
  const canEdit = session?.principal?.role === 'supervisor'
  const { data: active, reload: reloadActive } = useRequest('assessment.ruleSet', {})
  const { data: history, error: historyError, reload: reloadHistory } = useRequest('ruleSets.list', {})
  usePushEvent('ruleSet', () => {
    reloadActive()
    reloadHistory()
  })
  const [base, setBase] = useState<{ revision: number | null; ruleSet: RuleSet } | null>(null)
  const [draft, setDraft] = useState<RuleSet | null>(null)
  const [issues, setIssues] = useState<readonly DraftIssue[]>([])
  const [reason, setReason] = useState('')
  const [activateNow, setActivateNow] = useState(true)
  const [busy, setBusy] = useState(false)
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null)
  const [activating, setActivating] = useState<{ revision: number; reason: string } | null>(null)
  const taken = history?.ruleSets.map((r) => r.version) ?? []
  /** A schema path as the form names it: 职能部门 · 按期处置率 · 达标线（%）. */
  const labelOf = (path: string): string => {
    const [head, kind, list, index, field] = path.split('.')
    if (head === 'units' && kind && list && index !== undefined && draft) {
      const unit = draft.units[kind as keyof RuleSet['units']]
      const row = list === 'indicators' ? unit?.indicators[Number(index)] : unit?.deductions[Number(index)]
      const name =
        row && 'indicator' in row
          ? t(`assessment:indicators.${row.indicator}`)
          : row && 'event' in row
            ? t(`assessment:events.${row.event}`)
            : ''
      const what =
        field === 'perPoint'
          ? t('perPoint')
          : field === 'threshold'
            ? t('threshold')
            : t(list === 'indicators' ? 'points' : 'eventPoints')
      return [t(`assessment:units.${kind}`), name, what].filter(Boolean).join(' · ')
    }
    const direct: Record<string, string> = {
      version: t('version'),
      name: t('name'),
      minVolume: t('minVolume'),
      bottomN: t('bottomN'),
      'limits.intakeHours': `${t('limits')} · ${t('intakeHours')}`,
      'limits.dispatchHours': `${t('limits')} · ${t('dispatchHours')}`,
      'limits.verifyHours': `${t('limits')} · ${t('verifyHours')}`,
      'targets.rectification': `${t('targets')} · ${t('rectificationTarget')}`,
    }
    return direct[path] ?? path
  }

  /** Shows a revision; a supervisor edits it as the base of a new one under an unused version label. */
  const open = (revision: number | null, ruleSet: RuleSet) => {
    setBase({ revision, ruleSet })
    setDraft(canEdit ? { ...ruleSet, version: nextVersion(ruleSet.version, taken) } : ruleSet)
    setIssues([])
  }
  // The active revision is shown first, as soon as it is known (from the cache when offline).
  useEffect(() => {
    if (!base && active) open(active.revision, active.ruleSet)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [active, base])
  // Once the history is in, a fresh draft gets a version label no revision uses yet.
  useEffect(() => {
    if (canEdit && base && draft && taken.includes(draft.version))
      setDraft({ ...draft, version: nextVersion(draft.version, taken) })
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [history])

  const show = async (revision: number) => {
    try {
      const r = await call('ruleSets.get', { revision })
      open(r.revision, r.ruleSet)
      setNotice(null)
    } catch (err) {
      setNotice({ ok: false, text: messageOf(err) })
    }
  }

  const edit = (next: RuleSet) => {
    setDraft(next)
    // Problems are re-checked as the user types, once they were shown.
    if (issues.length > 0) {
      const check = checkDraft(next, i18n.language === 'en' ? 'en' : 'zh-CN')
      setIssues(check.ok ? [] : check.issues)
    }
  }

  const save = async () => {
    if (!draft) return
    const check = checkDraft(draft, i18n.language === 'en' ? 'en' : 'zh-CN')
    setIssues(check.ok ? [] : check.issues)
    if (!check.ok) {
      setNotice({ ok: false, text: t('invalid', { n: check.issues.length }) })
      return
    }
    if (!reason.trim()) {
      setNotice({ ok: false, text: t('reasonRequired') })
      return
    }
    setBusy(true)
    try {
      const saved = await call('ruleSets.save', {
        ruleSet: check.ruleSet,
        reason: reason.trim(),
        activate: activateNow,
      })
      setNotice({
        ok: true,
        text: t('saved', { revision: saved.revision, active: saved.active ? t('savedActive') : '' }),
      })
      setReason('')
      setBase({ revision: saved.revision, ruleSet: saved.ruleSet })
      setDraft(saved.ruleSet)
      reloadHistory()
      reloadActive()
    } catch (err) {
      // Nothing is lost: the draft and the reason stay as they were.
      setNotice({ ok: false, text: t('failed', { message: messageOf(err) }) })
      if (err instanceof RequestError && err.code === 'invalid_args') setIssues([{ path: '', message: err.message }])
    } finally {
      setBusy(false)
    }
  }

  const activate = async () => {
    if (!activating) return
    if (!activating.reason.trim()) {
      setNotice({ ok: false, text: t('reasonRequired') })
      return
    }
    setBusy(true)
    try {
      const r = await call('ruleSets.activate', { revision: activating.revision, reason: activating.reason.trim() })
      setNotice({ ok: true, text: t('activated', { revision: r.revision }) })
      setActivating(null)
      reloadHistory()
      reloadActive()
    } catch (err) {
      setNotice({ ok: false, text: t('activateFailed', { message: messageOf(err) }) })
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="rulesets-view" data-testid="rulesets" data-can-edit={canEdit}>
      <header className="rulesets-head">
        <h1>{t('title')}</h1>
        {active && (
          <span
            className="rulesets-active"
            data-testid="rulesets-active"
            data-version={active.ruleSet.version}
            data-revision={active.revision ?? ''}
          >
            {t('active', {
              name: active.ruleSet.name,
              version: active.ruleSet.version,
              revision: active.revision ?? '—',
            })}
          </span>
        )}
      </header>
      {!canEdit && (
        <p className="rulesets-readonly" data-testid="rulesets-readonly">
          {t('readOnly')}
        </p>
      )}
      {notice && (
        <p className={`rulesets-notice ${notice.ok ? 'ok' : 'bad'}`} role="status" data-testid="rulesets-notice">
          {notice.text}
        </p>
      )}
      <div className="rulesets-body">
        <section className="rulesets-history" data-testid="rulesets-history">
          <h2>{t('history')}</h2>
          {historyError && (
            <p className="rulesets-offline">
              {historyError.code === 'unavailable' ? t('offline') : historyError.message}
            </p>
          )}
          {history && (
            <table>
              <thead>
                <tr>
                  <th>{t('col.revision')}</th>
                  <th>{t('col.version')}</th>
                  <th>{t('col.author')}</th>
                  <th>{t('col.time')}</th>
                  <th>{t('col.reason')}</th>
                  <th>{t('col.state')}</th>
                </tr>
              </thead>
              <tbody>
                {history.ruleSets.map((r) => (
                  <tr
                    key={r.revision}
                    data-revision={r.revision}
                    data-active={r.active}
                    className={`${r.active ? 'is-active' : ''} ${base?.revision === r.revision ? 'is-shown' : ''}`}
                  >
                    <td>{r.revision}</td>
                    <td title={r.name}>{r.version}</td>
                    <td>{r.authorName}</td>
                    <td>{formatDateTime(r.createdAt)}</td>
                    <td className="reason">{r.reason}</td>
                    <td className="actions">
                      {r.active && <span className="badge">{t('isActive')}</span>}
                      <button type="button" onClick={() => void show(r.revision)}>
                        {t('show')}
                      </button>
                      {canEdit && !r.active && (
                        <button
                          type="button"
                          data-testid={`ruleset-activate-${r.revision}`}
                          onClick={() => setActivating({ revision: r.revision, reason: '' })}
                        >
                          {t('activate')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {activating && (
            <div className="rulesets-activate" data-testid="rulesets-activate">
              <input
                type="text"
                aria-label={t('activateReason')}
                placeholder={t('activateReason')}
                value={activating.reason}
                onChange={(e) => setActivating({ ...activating, reason: e.target.value })}
              />
              <button type="button" className="primary" disabled={busy} onClick={() => void activate()}>
                {t('activateConfirm', { revision: activating.revision })}
              </button>
              <button type="button" onClick={() => setActivating(null)}>
                {t('cancel')}
              </button>
            </div>
          )}
        </section>
        <section className="rulesets-editor">
          {!draft ? (
            <p className="muted">{t('loading')}</p>
          ) : (
            <>
              <h2>
                {canEdit
                  ? t('editing', { revision: base?.revision ?? '—' })
                  : t('viewing', { revision: base?.revision ?? '—', version: draft.version })}
              </h2>
              <RuleSetForm draft={draft} onChange={edit} issues={issues} readOnly={!canEdit} />
              {issues.length > 0 && (
                <ul className="rulesets-issues" data-testid="rulesets-issues">
                  {issues.map((i) => (
                    <li key={`${i.path}:${i.message}`}>
                      {i.path && <strong>{labelOf(i.path)}</strong>} {i.message}
                    </li>
                  ))}
                </ul>
              )}
              {canEdit && (
                <footer className="rulesets-save">
                  <label className="ruleset-reason">
                    <span>{t('reason')}</span>
                    <textarea
                      data-testid="ruleset-reason"
                      value={reason}
                      maxLength={500}
                      onChange={(e) => setReason(e.target.value)}
                    />
                  </label>
                  <label className="ruleset-check">
                    <input type="checkbox" checked={activateNow} onChange={(e) => setActivateNow(e.target.checked)} />
                    {t('activateNow')}
                  </label>
                  <button
                    type="button"
                    className="primary"
                    data-testid="ruleset-save"
                    disabled={busy}
                    onClick={() => void save()}
                  >
                    {busy ? t('saving') : t('save')}
                  </button>
                </footer>
              )}
            </>
          )}
        </section>
      </div>
    </div>
  )
}
