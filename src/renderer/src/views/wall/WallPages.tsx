import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import type { Aggregates } from '@shared/contract'
import { AreaBreakdown } from '../../components/AreaBreakdown'
import { CategoryChart } from '../../components/CategoryChart'
import {
  areaRows,
  categoryBars,
  formatCount,
  formatRate,
  kpiTiles,
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
import { WallLeagueTable } from './WallLeague'
import type { WallLeague } from './wall-league'
import { alongAxis, type RectificationBar, type RectificationProgress } from './wall-rectification'
import '../../components/LeagueTable.css'

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

export interface WallLeagues {
  readonly towns: WallLeague
  readonly departments: WallLeague
}

/** How many pages of its own the league page has: the longer league's. */
export function leaguePages(l: WallLeagues): number {
  return Math.max(l.towns.pages.length, l.departments.pages.length)
}

export function LeaguePage({ freshness, names, leagues, sub }: WallPageProps & { leagues: WallLeagues; sub: number }) {
  const { t } = useTranslation('situation')
  const title = (key: string, l: WallLeague) => (
    <>
      {t(key)}
      {l.pages.length > 1 && (
        <span className="wall-page-of" data-testid="wall-page-of">
          {t('wall.pageOf', { n: (sub % l.pages.length) + 1, of: l.pages.length })}
        </span>
      )}
    </>
  )
  return (
    <div className="wall-page page-league" data-sub={sub}>
      <WallTile title={title('dashboard.townLeague', leagues.towns)} freshness={freshness} testId="wall-league-towns">
        <WallLeagueTable league={leagues.towns} page={sub} name={names.town} testId="wall-towns-table" />
      </WallTile>
      <WallTile
        title={title('dashboard.deptLeague', leagues.departments)}
        freshness={freshness}
        testId="wall-league-departments"
      >
        <WallLeagueTable
          league={leagues.departments}
          page={sub}
          name={names.department}
          testId="wall-departments-table"
        />
      </WallTile>
    </div>
  )
}

/** This year's 整改率 so far against the rule set's year target: the city, then the towns furthest behind. */
export function RectificationPage({
  freshness,
  names,
  progress,
}: WallPageProps & { progress: RectificationProgress | null }) {
  const { t } = useTranslation('situation')
  if (!progress) return <div className="wall-loading">{t('dashboard.loading')}</div>
  const bar = (b: RectificationBar, label: string, big = false) => (
    <div
      key={b.id}
      className={`wall-rect-bar ${big ? 'big' : ''} ${b.progress !== null && b.progress >= 1 ? 'met' : 'behind'}`}
      data-testid={big ? 'wall-rect-city' : 'wall-rect-town'}
      data-id={b.id}
      data-rate={b.rate ?? ''}
    >
      <span className="name">{label}</span>
      <span className="track" data-axis-from={progress.axisFrom}>
        <span className="fill" style={{ width: `${alongAxis(b.rate ?? 0, progress.axisFrom) * 100}%` }} />
        <span
          className="target"
          data-testid={big ? 'wall-rect-target' : undefined}
          data-target={progress.target}
          style={{ left: `${alongAxis(progress.target, progress.axisFrom) * 100}%` }}
        />
      </span>
      <span className="value">{formatRate(b.rate)}</span>
      {big && (
        <span className="count">
          {t('wall.rectCount', { done: formatCount(b.rectified), due: formatCount(b.due) })}
        </span>
      )}
    </div>
  )
  return (
    <div className="wall-page page-rectification">
      <WallTile
        title={t('wall.rectTitle', { year: progress.year })}
        freshness={freshness}
        testId="wall-rectification"
        className="wall-rect"
      >
        <p className="wall-rect-target-label">
          {t('wall.rectTarget', { target: formatRate(progress.target) })}
          {progress.city.progress !== null && (
            <span className={progress.city.progress >= 1 ? 'met' : 'behind'} data-testid="wall-rect-progress">
              {t('wall.rectProgress', { p: formatRate(progress.city.progress, 0) })}
            </span>
          )}
        </p>
        {bar(progress.city, t('wall.rectCity'), true)}
        <p className="wall-rect-axis">{t('wall.rectAxis', { from: formatRate(progress.axisFrom, 0) })}</p>
        <div className="wall-rect-towns">{progress.towns.slice(0, 16).map((b) => bar(b, names.town(b.id)))}</div>
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
