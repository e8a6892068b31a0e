import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { IncidentView } from '@shared/contract'
import { fieldGridOf } from '@shared/domain'
import { call, RequestError } from '../../api/client'
import { useSyncStatus } from '../../api/hooks'
import { useCaseRows } from '../../data/use-case-rows'
import { useReference } from '../../data/use-reference'
import { parseAttachments } from '../../lib/attachments'
import { formatDateTime } from '../../lib/format'
import { awaitingVerification } from './verify-queue'
import './verify.css'

type Verdict = 'verify' | 'return'

/**
 * On-site verification (核查): the cases fed back in my grids, waiting for a
 * grid worker to check on site; 核查通过 or 核查不通过 (返工) with a reason and
 * photo references. Grid-centre staff use it on behalf of field workers.
 */
export function VerifyView() {
  const { t } = useTranslation('ops')
  const status = useSyncStatus()
  const { reference, index } = useReference()
  const [filters] = useState(() => [{ statuses: ['resolved' as const] }])
  const { rows, ready } = useCaseRows(filters, (v) => v.status === 'resolved')
  const me = status?.operator ?? null
  // The same rule the server applies to a verdict (field-scope.ts): my grid, or my team's grid worker's.
  const grid = useMemo(() => {
    if (!me || !reference) return null
    return fieldGridOf(me, {
      worker: (id) => reference.workers.find((w) => w.id === id) ?? null,
      team: (id) => reference.teams.find((t) => t.id === id) ?? null,
    })
  }, [me, reference])
  const queue = useMemo(() => awaitingVerification(rows, grid), [rows, grid])
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const selected = queue.find((r) => r.id === selectedId) ?? null

  return (
    <div className="verify-view" data-testid="verify-view">
      <header className="verify-head desk-bar">
        <h1>{t('verify.title')}</h1>
        <span className="verify-scope">
          {grid ? t('verify.myGrid', { grid: index.gridName(grid) }) : t('verify.myTowns')}
        </span>
      </header>
      <div className="verify-body">
        <ul className="verify-list" data-testid="verify-queue">
          {queue.length === 0 && ready && <li className="verify-hint">{t('verify.empty')}</li>}
          {queue.map((r) => (
            <li key={r.id}>
              <button
                type="button"
                className={`verify-case desk-card ${r.id === selectedId ? 'selected' : ''}`}
                data-testid={`verify-case-${r.id}`}
                onClick={() => setSelectedId(r.id)}
              >
                <span className="verify-code">{r.code}</span>
                <span className="verify-title">{r.title}</span>
                <span className="verify-meta">
                  {index.gridName(r.gridId)} · {index.assigneeName(r.assigneeKind, r.assigneeId)}
                  {r.resolvedAt !== null && ` · ${t('verify.fedBack', { time: formatDateTime(r.resolvedAt) })}`}
                </span>
                <span className={`verify-failures ${r.reworkCount >= 3 ? 'bad' : ''}`} data-testid="verify-failures">
                  {t('verify.failures', { n: r.reworkCount })}
                </span>
              </button>
            </li>
          ))}
        </ul>
        {selected ? (
          <VerdictForm key={selected.id} incident={selected} />
        ) : (
          <div className="verify-hint">{t('verify.pick')}</div>
        )}
      </div>
    </div>
  )
}

function VerdictForm({ incident }: { incident: IncidentView }) {
  const { t } = useTranslation('ops')
  const [text, setText] = useState('')
  const [photos, setPhotos] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const submit = async (verdict: Verdict) => {
    const attachments = parseAttachments(photos)
    if (!attachments) return setProblem(t('verify.badPhotos'))
    const reason = text.trim()
    if (verdict === 'return' && !reason) return setProblem(t('verify.needReason'))
    const extra = attachments.length ? { attachments } : {}
    const payload = verdict === 'return' ? { reason, ...extra } : { ...(reason ? { note: reason } : {}), ...extra }
    setBusy(true)
    try {
      await call('commands.submit', {
        type: verdict,
        incidentId: incident.id,
        expectedVersion: incident.version,
        payload,
      })
    } catch (err) {
      setProblem(t('form.failed', { message: err instanceof RequestError ? err.message : String(err) }))
    } finally {
      setBusy(false)
    }
  }
  return (
    <section className="verify-panel desk-fields" data-testid="verify-panel">
      <span className="verify-code">{incident.code}</span>
      <h2>{incident.title}</h2>
      <p className="verify-desc">{incident.description}</p>
      {incident.pending.length > 0 && <div className="verify-queued">{t('verify.queued')}</div>}
      <label>
        <span>{t('verify.reason')}</span>
        <textarea data-testid="verify-reason" rows={3} value={text} onChange={(e) => setText(e.target.value)} />
      </label>
      <label>
        <span>{t('verify.photos')}</span>
        <textarea
          data-testid="verify-photos"
          rows={2}
          placeholder="https://…"
          value={photos}
          onChange={(e) => setPhotos(e.target.value)}
        />
      </label>
      {problem && (
        <div className="verify-problem" role="alert" data-testid="verify-problem">
          {problem}
        </div>
      )}
      <div className="verify-buttons verdict-buttons">
        <button
          type="button"
          className="pass positive"
          disabled={busy}
          data-testid="verify-pass"
          onClick={() => void submit('verify')}
        >
          {t('verify.pass')}
        </button>
        <button
          type="button"
          className="fail negative"
          disabled={busy}
          data-testid="verify-fail"
          onClick={() => void submit('return')}
        >
          {t('verify.fail')}
        </button>
      </div>
    </section>
  )
}
