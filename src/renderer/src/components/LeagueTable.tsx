import { useTranslation } from 'react-i18next'
import type { Rate } from '@shared/domain'
import { formatCount, formatRate, rateTone, type LeagueDatum } from '../data/situation-shape'
import './LeagueTable.css'

export type LeagueMetric = 'assessed' | 'late' | 'overdue' | 'open'

/** The head of a situation league (the dashboard's table and the wall's pages). */
export function LeagueHead() {
  const { t } = useTranslation('situation')
  return (
    <thead>
      <tr>
        <th className="rank">{t('league.rank')}</th>
        <th>{t('league.name')}</th>
        <th className="num">{t('league.completion')}</th>
        <th className="num">{t('league.onTime')}</th>
        <th className="num">{t('league.assessed')}</th>
        <th className="num">{t('league.overdue')}</th>
      </tr>
    </thead>
  )
}

/** The columns of LeagueHead (a rule across the table spans them). */
export const LEAGUE_COLUMNS = 6

/** What one unit's row shows. */
export interface LeagueRowData {
  /** 0: nothing due yet, no rank. */
  readonly rank: number
  readonly id: string
  readonly name: string
  readonly completionRate: Rate
  readonly onTimeRate: Rate
  readonly assessed: number
  readonly overdue: number
}

/** One unit's row of a situation league; with onPick its numbers drill down (the dashboard), without they are text (the wall). */
export function LeagueRow({ r, onPick }: { r: LeagueRowData; onPick?: (id: string, metric: LeagueMetric) => void }) {
  const cell = (metric: LeagueMetric, text: string, className = '') =>
    onPick ? (
      <button type="button" className={`cell-link ${className}`} onClick={() => onPick(r.id, metric)}>
        {text}
      </button>
    ) : (
      <span className={className}>{text}</span>
    )
  return (
    <tr data-rank={r.rank} data-id={r.id}>
      <td className="rank">{r.rank > 0 ? r.rank : '—'}</td>
      <td className="name">{r.name}</td>
      <td className={`num tone-${rateTone(r.completionRate)}`}>{cell('assessed', formatRate(r.completionRate))}</td>
      <td className="num">{cell('late', formatRate(r.onTimeRate))}</td>
      <td className="num">{cell('assessed', formatCount(r.assessed))}</td>
      <td className={`num ${r.overdue > 0 ? 'bad' : ''}`}>
        {cell('overdue', formatCount(r.overdue), r.overdue > 0 ? 'bad' : '')}
      </td>
    </tr>
  )
}

/** A league table (towns or departments): rank, completion and on-time rates, load; numbers drill down. */
export function LeagueTable({
  rows,
  testId,
  onPick,
}: {
  rows: readonly LeagueDatum[]
  testId: string
  onPick?: (id: string, metric: LeagueMetric) => void
}) {
  return (
    <table className="league" data-testid={testId}>
      <LeagueHead />
      <tbody>
        {rows.map((r) => (
          <LeagueRow key={r.id} r={r} {...(onPick ? { onPick } : {})} />
        ))}
      </tbody>
    </table>
  )
}
