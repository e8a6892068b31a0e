import { useTranslation } from 'react-i18next'
import type { AreaId } from '@shared/domain'
import { formatCount, formatRate, type AreaDatum } from '../data/situation-shape'
import './AreaBreakdown.css'

const AREA_COLORS: Record<AreaId, string> = {
  industrial_economy: '#a57cff',
  social_governance: '#ff7a59',
  government_services: '#36c98e',
  urban_management: '#3ea6ff',
}

/** The four areas of the source (一图统管、一屏感知): reports, open and overdue, each clickable. */
export function AreaBreakdown({
  rows,
  onPick,
}: {
  rows: readonly AreaDatum[]
  onPick?: (area: AreaId, metric: 'reported' | 'open' | 'overdue') => void
}) {
  const { t } = useTranslation('situation')
  return (
    <div className="area-grid">
      {rows.map((r) => (
        <div
          key={r.area}
          className="area-card"
          style={{ borderTopColor: AREA_COLORS[r.area] }}
          data-testid={`area-${r.area}`}
        >
          <div className="area-name">{t(`areas.${r.area}`)}</div>
          <button type="button" className="area-big" onClick={() => onPick?.(r.area, 'reported')} disabled={!onPick}>
            {formatCount(r.reported)}
          </button>
          <div className="area-share">
            <span
              className="area-bar"
              style={{ width: `${Math.round(r.share * 100)}%`, background: AREA_COLORS[r.area] }}
            />
            <span>{formatRate(r.share, 0)}</span>
          </div>
          <div className="area-figures">
            <button type="button" onClick={() => onPick?.(r.area, 'open')} disabled={!onPick}>
              {t('series.open')} <b>{formatCount(r.open)}</b>
            </button>
            <button
              type="button"
              className={r.overdue > 0 ? 'bad' : ''}
              onClick={() => onPick?.(r.area, 'overdue')}
              disabled={!onPick}
            >
              {t('series.overdue')} <b>{formatCount(r.overdue)}</b>
            </button>
          </div>
        </div>
      ))}
    </div>
  )
}
