import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { DrillResult, IncidentView } from '@shared/contract'
import { call } from '../api/client'
import { formatDateTime } from '../lib/format'
import { drillHash, type DrillTarget } from '../data/drill-link'
import type { Names } from '../data/use-situation'
import './DrillPanel.css'

const SHOWN = 200

/**
 * The incidents behind a clicked number: exactly the ids the core counted (the
 * same SQL as the aggregate), the first ones listed here, all of them one click
 * away in the console.
 */
export function DrillPanel({ target, names, onClose }: { target: DrillTarget; names: Names; onClose: () => void }) {
  const { t } = useTranslation('situation')
  const [result, setResult] = useState<DrillResult | null>(null)
  const [rows, setRows] = useState<IncidentView[]>([])
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    let live = true
    setResult(null)
    setRows([])
    call('situation.drill', { key: target.key })
      .then(async (r) => {
        if (!live) return
        setResult(r)
        const first = r.ids.slice(0, SHOWN)
        if (first.length === 0) return
        const list = await call('incidents.list', { filter: { ids: [...first] }, limit: SHOWN })
        if (live) setRows(list.rows)
      })
      .catch((err: unknown) => live && setError(err instanceof Error ? err.message : String(err)))
    return () => {
      live = false
    }
  }, [target])
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose()
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [onClose])
  return (
    <aside
      className="drill-panel"
      role="dialog"
      aria-label={t('drill.title', { label: target.label })}
      data-testid="drill-panel"
    >
      <header>
        <h3>{t('drill.title', { label: target.label })}</h3>
        <button type="button" className="ghost" onClick={onClose} data-testid="drill-close">
          {t('drill.close')}
        </button>
      </header>
      {error && <p className="error">{error}</p>}
      {result && (
        <div className="drill-summary">
          <span data-testid="drill-count" data-total={result.total}>
            {t('drill.count', { n: result.total.toLocaleString('en-US') })}
          </span>
          {result.total > SHOWN && <span className="muted">{t('drill.more', { shown: SHOWN })}</span>}
          <button
            type="button"
            className="primary"
            data-testid="drill-open-console"
            onClick={() => (window.location.hash = drillHash(target.key))}
          >
            {t('drill.openConsole')}
          </button>
        </div>
      )}
      {result && result.total === 0 && <p className="muted">{t('drill.empty')}</p>}
      {rows.length > 0 && (
        <div className="drill-table-wrap">
          <table className="drill-table">
            <thead>
              <tr>
                <th>{t('drill.code')}</th>
                <th>{t('drill.category')}</th>
                <th>{t('drill.town')}</th>
                <th>{t('drill.status')}</th>
                <th>{t('drill.reported')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} data-testid="drill-row" data-id={r.id}>
                  <td className="mono">{r.code}</td>
                  <td>{names.category(r.category)}</td>
                  <td>{names.town(r.townId)}</td>
                  <td>{t(`status.${r.status}`)}</td>
                  <td className="mono">{formatDateTime(r.reportedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </aside>
  )
}
