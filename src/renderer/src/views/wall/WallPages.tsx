import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import type { Aggregates } from '@shared/contract'
import { AreaBreakdown } from '../../components/AreaBreakdown'
import { CategoryChart } from '../../components/CategoryChart'
import { LeagueTable } from '../../components/LeagueTable'
import {
  areaRows,
  categoryBars,
  formatCount,
  kpiTiles,
  leagueRows,
  trendSeries,
  type Freshness,
} from '../../data/situation-shape'
import { TrendChart } from '../../components/TrendChart'
import type { Names } from '../../data/use-situation'
import { DataAge } from '../../components/DataAge'
import { LiveMap } from '../../components/live-map/LiveMap'
import type { useMapFigures } from '../../data/use-map-figures'
import type { FeedSettings } from '../../data/map-feed'
import { WallTile } from './WallTile'

export interface WallPageProps {
  readonly a: Aggregates
  readonly freshness: Freshness
  readonly names: Names
  /** Chart text size in px: never below the wall's minimum. */
  readonly text: number
}

export function OverviewPage({ a, freshness, text }: WallPageProps) {
  const { t } = useTranslation('situation')
  return (
    <div className="wall-page page-overview">
      <div className="wall-kpis">
        {kpiTiles(a).map((tile) => (
          <section
            key={tile.id}
            className={`wall-kpi tone-${tile.tone} ${freshness.live ? '' : 'is-stale'}`}
            data-testid={`wall-kpi-${tile.id}`}
          >
            <span className="wall-kpi-label">{t(`kpi.${tile.id}`)}</span>
            <span className="wall-kpi-value">{tile.value}</span>
            <span className="wall-kpi-detail">{t(`kpi.${tile.detail.key}`, tile.detail.values)}</span>
            <DataAge freshness={freshness} />
          </section>
        ))}
      </div>
      <WallTile title={t('dashboard.trend24h')} freshness={freshness} className="wall-trend" testId="wall-trend24h">
        <TrendChart data={trendSeries(a.hourly, a.tzOffsetMinutes, 'hour')} fontSize={text} interval={3} />
      </WallTile>
    </div>
  )
}

export function AreasPage({ a, freshness, names, text }: WallPageProps) {
  const { t } = useTranslation('situation')
  return (
    <div className="wall-page page-areas">
      <WallTile title={t('dashboard.byArea')} freshness={freshness} className="wall-areas" testId="wall-areas">
        <AreaBreakdown rows={areaRows(a)} />
      </WallTile>
      <WallTile
        title={t('dashboard.byCategory')}
        freshness={freshness}
        className="wall-categories"
        testId="wall-categories"
      >
        <CategoryChart data={categoryBars(a, names.category)} fontSize={text} />
      </WallTile>
    </div>
  )
}

export function LeaguePage({ a, freshness, names }: WallPageProps) {
  const { t } = useTranslation('situation')
  return (
    <div className="wall-page page-league">
      <WallTile title={t('dashboard.townLeague')} freshness={freshness} testId="wall-league-towns">
        <LeagueTable rows={leagueRows(a.towns, names.town, 12)} testId="wall-towns-table" />
      </WallTile>
      <WallTile title={t('dashboard.deptLeague')} freshness={freshness} testId="wall-league-departments">
        <LeagueTable rows={leagueRows(a.departments, names.department, 12)} testId="wall-departments-table" />
      </WallTile>
    </div>
  )
}

/** What the wall's map shows: open cases and a week's heat over the towns; no close-zoom detail. */
const WALL_MAP: FeedSettings = {
  layers: { cases: true, heat: true, units: false, components: false, grids: false },
  scope: 'open',
  category: null,
  heatDays: 7,
}

export function MapPage({
  a,
  freshness,
  names,
  text,
  map,
  locale,
}: WallPageProps & { map: ReturnType<typeof useMapFigures>; locale: 'zh-CN' | 'en' }) {
  const { t } = useTranslation('situation')
  const top = [...(map.figures?.towns ?? [])].sort((x, y) => y.open - x.open || x.id.localeCompare(y.id)).slice(0, 8)
  const style = useMemo(() => ({ text, locale, wall: true }), [text, locale])
  return (
    <div className="wall-page page-map">
      <WallTile title={t('map.title')} freshness={freshness} className="wall-map" testId="wall-map">
        <LiveMap style={style} settings={WALL_MAP} interactive={false} testId="wall-live-map" />
      </WallTile>
      <div className="wall-map-side">
        <WallTile title={t('wall.topTowns')} freshness={freshness} testId="wall-top-towns">
          <ol className="wall-top">
            {top.map((f) => (
              <li key={f.id}>
                <span className="name">{names.town(f.id)}</span>
                <span className="open">{formatCount(f.open)}</span>
                <span className={`overdue ${f.overdue > 0 ? 'bad' : ''}`}>
                  {t('map.overdue', { n: formatCount(f.overdue) })}
                </span>
              </li>
            ))}
          </ol>
        </WallTile>
        <WallTile title={t('dashboard.trend30d')} freshness={freshness} className="wall-trend30" testId="wall-trend30d">
          <TrendChart data={trendSeries(a.daily, a.tzOffsetMinutes, 'day')} fontSize={text} interval={6} />
        </WallTile>
      </div>
    </div>
  )
}
