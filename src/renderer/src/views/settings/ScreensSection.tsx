import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { DISPLAY_ROLES, type DisplayInfo, type DisplayRole, type SavedLayout } from '@shared/contract'
import { layoutFrom, orderDisplays, planWindows } from '@shared/screens/layout-planner'
import { call } from '../../api/client'
import { usePushEvent, useRequest } from '../../api/hooks'
import './screens.css'

/** Display roles per monitor, saved per operator on the central server (a local copy while offline). */
export function ScreensSection() {
  const { t } = useTranslation('situation')
  const displaysReq = useRequest('screens.displays', {})
  const layoutReq = useRequest('layout.get', {})
  const [edits, setEdits] = useState<Map<string, DisplayRole>>(new Map())
  const [seconds, setSeconds] = useState<number | null>(null)
  const [saved, setSaved] = useState<SavedLayout | null>(null)
  const [busy, setBusy] = useState(false)
  usePushEvent('screens', () => {
    displaysReq.reload()
    layoutReq.reload()
  })
  const displays = useMemo(() => orderDisplays(displaysReq.data ?? []), [displaysReq.data])
  const current = saved ?? layoutReq.data ?? null
  const planned = useMemo(() => planWindows(displays, current?.layout ?? null).roles, [displays, current])
  const roleOf = (d: DisplayInfo): DisplayRole => edits.get(d.id) ?? planned.get(d.id) ?? 'none'
  const wallSeconds = seconds ?? current?.layout?.wallSeconds ?? 20

  const save = async () => {
    setBusy(true)
    try {
      const roles = new Map(displays.map((d) => [d.id, roleOf(d)] as const))
      const layout = { ...layoutFrom(displays, roles, current?.layout ?? null), wallSeconds }
      setSaved(await call('layout.save', { layout }))
      setEdits(new Map())
    } finally {
      setBusy(false)
    }
  }

  const box = displays.reduce(
    (b, d) => ({
      minX: Math.min(b.minX, d.bounds.x),
      minY: Math.min(b.minY, d.bounds.y),
      maxX: Math.max(b.maxX, d.bounds.x + d.bounds.width),
      maxY: Math.max(b.maxY, d.bounds.y + d.bounds.height),
    }),
    { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity },
  )
  const scale = displays.length > 0 ? 560 / Math.max(1, box.maxX - box.minX) : 1
  const source = current?.source ?? 'none'
  return (
    <section className="panel screens-settings" data-testid="screens-settings">
      <h2>{t('screens.title')}</h2>
      <p className="muted">{t('screens.intro')}</p>
      {displays.length === 0 ? (
        <p className="muted" data-testid="screens-none">
          {t('screens.noDisplays')}
        </p>
      ) : (
        <>
          <div className="display-diagram" style={{ width: 560, height: Math.max(60, (box.maxY - box.minY) * scale) }}>
            {displays.map((d, i) => (
              <div
                key={d.id}
                className={`display-box role-${roleOf(d)}`}
                style={{
                  left: (d.bounds.x - box.minX) * scale,
                  top: (d.bounds.y - box.minY) * scale,
                  width: d.bounds.width * scale - 4,
                  height: d.bounds.height * scale - 4,
                }}
              >
                <strong>{i + 1}</strong>
                <span>{t(`screens.roles.${roleOf(d)}`)}</span>
              </div>
            ))}
          </div>
          <table className="display-table">
            <tbody>
              {displays.map((d, i) => (
                <tr key={d.id} data-testid={`display-${d.id}`}>
                  <td>
                    {t('screens.display', { n: i + 1 })}{' '}
                    {d.primary && <span className="tag">{t('screens.primary')}</span>}
                    <div className="muted">
                      {d.label} ·{' '}
                      {t('screens.resolution', { w: d.bounds.width, h: d.bounds.height, scale: d.scaleFactor })}
                    </div>
                  </td>
                  <td>
                    <select
                      aria-label={t('screens.role')}
                      value={roleOf(d)}
                      onChange={(e) => setEdits(new Map(edits).set(d.id, e.target.value as DisplayRole))}
                    >
                      {DISPLAY_ROLES.map((r) => (
                        <option key={r} value={r}>
                          {t(`screens.roles.${r}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <label className="wall-seconds">
        {t('screens.wallSeconds')}
        <input
          type="number"
          min={5}
          max={600}
          value={wallSeconds}
          onChange={(e) => setSeconds(Math.max(5, Math.min(600, Number(e.target.value) || 20)))}
        />
      </label>
      <div className="screens-actions">
        <button
          type="button"
          className="primary"
          onClick={() => void save()}
          disabled={busy}
          data-testid="screens-save"
        >
          {t('screens.save')}
        </button>
        <span className="muted" data-testid="screens-source">
          {source === 'none'
            ? t('screens.sourceNone')
            : t('screens.saved', { source: t(source === 'server' ? 'screens.sourceServer' : 'screens.sourceLocal') })}
        </span>
      </div>
    </section>
  )
}
