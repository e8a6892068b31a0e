import { useTranslation } from 'react-i18next'
import { DataAge } from './DataAge'
import type { Freshness, KpiTile as Tile } from '../data/situation-shape'
import './KpiTile.css'

/** One headline figure; the whole tile is a button that opens the incidents behind it. */
export function KpiTile({
  tile,
  freshness,
  onDrill,
}: {
  tile: Tile
  freshness: Freshness
  onDrill?: (tile: Tile) => void
}) {
  const { t } = useTranslation('situation')
  const body = (
    <>
      <span className="kpi-label">{t(`kpi.${tile.id}`)}</span>
      <span className="kpi-value" data-testid={`kpi-value-${tile.id}`}>
        {tile.value}
      </span>
      <span className="kpi-detail">{t(`kpi.${tile.detail.key}`, tile.detail.values)}</span>
      <DataAge freshness={freshness} />
    </>
  )
  const className = `kpi-tile tone-${tile.tone} ${freshness.live ? '' : 'is-stale'}`
  if (!onDrill) {
    return (
      <div className={className} data-testid={`kpi-${tile.id}`}>
        {body}
      </div>
    )
  }
  return (
    <button type="button" className={className} data-testid={`kpi-${tile.id}`} onClick={() => onDrill(tile)}>
      {body}
    </button>
  )
}
