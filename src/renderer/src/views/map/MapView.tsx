import { useCallback, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PlaceFigures } from '@shared/contract'
import { useReference } from '../../data/use-reference'
import { DataAge } from '../../components/DataAge'
import { DrillPanel } from '../../components/DrillPanel'
import type { DrillTarget } from '../../data/drill-link'
import { homeTown } from '../../data/situation-shape'
import { useNames, useSituation } from '../../data/use-situation'
import { DistrictMap } from '../../components/DistrictMap'
import { SCALE, townShapes, type ColorBy } from '../../data/map-geometry'
import { useMapData } from '../../data/use-map-data'
import './map.css'

/** "One map manages all": towns, then a town's grids, then a grid's incidents; coloured live by open or overdue. */
export function MapView() {
  const { t } = useTranslation('situation')
  const names = useNames()
  const { freshness, status } = useSituation()
  const { geometry, towns, grids } = useMapData()
  // Reloaded when the cache's reference data arrives (right after a sign-in on a fresh workstation).
  const { reference: ref } = useReference()
  // Until the operator picks a level, a principal of one town starts at that town's grids.
  const [picked, setTownId] = useState<string | null | undefined>(undefined)
  const townId = picked === undefined ? homeTown(status?.operator?.towns) : picked
  const [colorBy, setColorBy] = useState<ColorBy>('open')
  const [drill, setDrill] = useState<DrillTarget | null>(null)
  const close = useCallback(() => setDrill(null), [])

  const level = useMemo(() => {
    if (!geometry) return null
    if (!townId) return { shapes: geometry.towns, outlines: [], figures: towns }
    return { ...townShapes(geometry, ref?.grids ?? [], townId), figures: grids }
  }, [geometry, townId, towns, grids, ref])

  const tooltip = (id: string, f: PlaceFigures | undefined) => (
    <>
      <strong>{townId ? names.grid(id) : names.town(id)}</strong>
      <div>{t('map.open', { n: f?.open ?? 0 })}</div>
      <div className={f && f.overdue > 0 ? 'bad' : ''}>{t('map.overdue', { n: f?.overdue ?? 0 })}</div>
      <div>{t('map.today', { n: f?.reportedToday ?? 0 })}</div>
      <div className="muted">{townId ? t('map.clickGrid') : t('map.clickTown')}</div>
    </>
  )
  const pick = (id: string) => {
    if (!townId) setTownId(id)
    else
      setDrill({
        key: { metric: colorBy === 'overdue' ? 'overdue' : 'open', gridId: id },
        label: `${names.grid(id)} · ${t(`series.${colorBy}`)}`,
      })
  }
  const total = townId ? towns.get(townId) : undefined
  return (
    <div className="map-view" data-testid="map-view">
      <header className="map-head">
        <nav className="crumbs">
          <button
            type="button"
            className={townId ? 'link' : 'current'}
            onClick={() => setTownId(null)}
            data-testid="map-district"
          >
            {t('map.district')}
          </button>
          {townId && (
            <>
              <span>›</span>
              <span className="current" data-testid="map-current-town">
                {names.town(townId)}
              </span>
            </>
          )}
        </nav>
        {total && (
          <span className="map-total">
            {t('map.open', { n: total.open })} ·{' '}
            <span className={total.overdue > 0 ? 'bad' : ''}>{t('map.overdue', { n: total.overdue })}</span> ·{' '}
            {t('map.today', { n: total.reportedToday })}
          </span>
        )}
        <div className="color-by">
          <span className="muted">{t('map.colorBy')}</span>
          {(['open', 'overdue'] as const).map((c) => (
            <button key={c} type="button" className={colorBy === c ? 'on' : ''} onClick={() => setColorBy(c)}>
              {t(c === 'open' ? 'map.byOpen' : 'map.byOverdue')}
            </button>
          ))}
        </div>
        <div className="legend" aria-hidden>
          {SCALE.map((c) => (
            <span key={c} style={{ background: c }} />
          ))}
        </div>
        <DataAge freshness={freshness} />
      </header>
      {geometry === null && <p className="muted">{t('map.noGeometry')}</p>}
      {level && (
        <DistrictMap
          key={townId ?? 'district'}
          shapes={level.shapes}
          outlines={level.outlines}
          figures={level.figures}
          colorBy={colorBy}
          label={townId ? undefined : (id) => names.town(id)}
          onPick={pick}
          tooltip={tooltip}
          fontSize={13}
          testId={townId ? 'map-grids' : 'map-towns'}
          scaleFloor={townId ? 5 : 10}
        />
      )}
      {drill && <DrillPanel target={drill} names={names} onClose={close} />}
    </div>
  )
}
