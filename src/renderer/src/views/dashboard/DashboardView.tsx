import { useCallback, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { DrillKey } from '@shared/contract'
import { AreaBreakdown } from '../../components/AreaBreakdown'
import { CategoryChart } from '../../components/CategoryChart'
import { DataAge } from '../../components/DataAge'
import { DrillPanel } from '../../components/DrillPanel'
import type { DrillTarget } from '../../data/drill-link'
import { KpiTile } from '../../components/KpiTile'
import { LeagueTable, type LeagueMetric } from '../../components/LeagueTable'
import { useSyncStatus } from '../../api/hooks'
import {
  areaRows,
  categoryBars,
  kpiTiles,
  leagueRows,
  scopeLabel,
  trendSeries,
  type TrendDatum,
} from '../../data/situation-shape'
import { TrendChart } from '../../components/TrendChart'
import { useNames, useSituation } from '../../data/use-situation'
import './dashboard.css'

const LEAGUE_METRIC: Record<LeagueMetric, DrillKey['metric']> = {
  assessed: 'assessed',
  late: 'late',
  overdue: 'overdue',
  open: 'open',
}

/** The operator's situation dashboard: every number on it opens the incidents behind it. */
export function DashboardView() {
  const { t } = useTranslation('situation')
  const { aggregates: a, freshness } = useSituation()
  const names = useNames()
  const towns = useSyncStatus()?.operator?.towns
  const [drill, setDrill] = useState<DrillTarget | null>(null)
  const close = useCallback(() => setDrill(null), [])
  const shaped = useMemo(
    () =>
      a && {
        tiles: kpiTiles(a),
        hourly: trendSeries(a.hourly, a.tzOffsetMinutes, 'hour'),
        daily: trendSeries(a.daily, a.tzOffsetMinutes, 'day'),
        categories: categoryBars(a, names.category),
        areas: areaRows(a),
        towns: leagueRows(a.towns, names.town),
        departments: leagueRows(a.departments, names.department),
      },
    [a, names],
  )
  if (!a || !shaped) return <div className="dashboard-loading">{t('dashboard.loading')}</div>
  // Both trend charts drill the same way: the series, within the bucket that was clicked.
  const drillTrend = (d: TrendDatum, series: 'reported' | 'closed') =>
    setDrill({ key: { metric: series, from: d.from, to: d.to }, label: `${t(`series.${series}`)} ${d.label}` })
  const metricLabel = (m: DrillKey['metric']) =>
    ({
      reported_today: t('kpi.reportedToday'),
      open: t('series.open'),
      overdue: t('kpi.overdue'),
      assessed: t('kpi.completionRate'),
      late: t('kpi.onTimeRate'),
      closed: t('series.closed'),
      reported: t('series.reported'),
      reworked: t('kpi.rework'),
      found: t('kpi.fireRate'),
      unrectified: t('kpi.fireRate'),
      assessment: t('nav.assessment', { ns: 'translation' }),
    })[m]
  return (
    <div className="dashboard" data-testid="dashboard">
      <header className="dash-head">
        <div>
          <h2>{t('dashboard.title')}</h2>
          <span className="muted" data-testid="dashboard-scope">
            {t('dashboard.subtitle', {
              days: a.windowDays,
              scope: scopeLabel(towns, names.town, t('dashboard.wholeCity'), t('dashboard.scopeSeparator')),
            })}
          </span>
        </div>
        <span className="muted hint">{t('drill.hint')}</span>
        <DataAge freshness={freshness} />
      </header>
      <section className="kpi-row">
        {shaped.tiles.map((tile) => (
          <KpiTile
            key={tile.id}
            tile={tile}
            freshness={freshness}
            onDrill={(x) => setDrill({ key: x.drill, label: t(`kpi.${x.id}`) })}
          />
        ))}
      </section>
      <section className="dash-grid">
        <div className="panel span-5" data-testid="panel-trend24h">
          <h3>{t('dashboard.trend24h')}</h3>
          <div className="chart">
            <TrendChart data={shaped.hourly} interval={2} onPick={drillTrend} />
          </div>
        </div>
        <div className="panel span-4" data-testid="panel-trend30d">
          <h3>{t('dashboard.trend30d')}</h3>
          <div className="chart">
            <TrendChart data={shaped.daily} interval={4} onPick={drillTrend} />
          </div>
        </div>
        <div className="panel span-3" data-testid="panel-areas">
          <h3>{t('dashboard.byArea')}</h3>
          <AreaBreakdown
            rows={shaped.areas}
            onPick={(area, metric) =>
              setDrill({ key: { metric, area }, label: `${names.area(area)} · ${t(`series.${metric}`)}` })
            }
          />
        </div>
        <div className="panel span-4 tall" data-testid="panel-categories">
          <h3>{t('dashboard.byCategory')}</h3>
          <div className="chart">
            <CategoryChart
              data={shaped.categories}
              onPick={(d, series) =>
                setDrill({
                  key: { metric: series, category: d.category },
                  label: `${d.label} · ${t(`series.${series}`)}`,
                })
              }
            />
          </div>
        </div>
        <div className="panel span-4 tall scroll" data-testid="panel-towns">
          <h3>{t('dashboard.townLeague')}</h3>
          <LeagueTable
            rows={shaped.towns}
            testId="league-towns"
            onPick={(id, m) =>
              setDrill({
                key: { metric: LEAGUE_METRIC[m], townId: id },
                label: `${names.town(id)} · ${metricLabel(LEAGUE_METRIC[m])}`,
              })
            }
          />
        </div>
        <div className="panel span-4 tall scroll" data-testid="panel-departments">
          <h3>{t('dashboard.deptLeague')}</h3>
          <LeagueTable
            rows={shaped.departments}
            testId="league-departments"
            onPick={(id, m) =>
              setDrill({
                key: { metric: LEAGUE_METRIC[m], departmentId: id },
                label: `${names.department(id)} · ${metricLabel(LEAGUE_METRIC[m])}`,
              })
            }
          />
        </div>
      </section>
      {drill && <DrillPanel target={drill} names={names} onClose={close} />}
    </div>
  )
}
