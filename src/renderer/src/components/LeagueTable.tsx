import { useTranslation } from 'react-i18next'
import { formatCount, rateTone, type LeagueDatum } from '../data/situation-shape'
import './LeagueTable.css'

export type LeagueMetric = 'assessed' | 'late' | 'overdue' | 'open'

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
  const { t } = useTranslation('situation')
  const cell = (id: string, metric: LeagueMetric, text: string, className = '') =>
    onPick ? (
      <button type="button" className={`cell-link ${className}`} onClick={() => onPick(id, metric)}>
        {text}
      </button>
    ) : (
      <span className={className}>{text}</span>
    )
  return (
    <table className="league" data-testid={testId}>
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
      <tbody>
        {rows.map((r) => (
          <tr key={r.id}>
            <td className="rank">{r.rank > 0 ? r.rank : '—'}</td>
            <td className="name">{r.name}</td>
            <td className={`num tone-${rateTone(r.completionRate)}`}>{cell(r.id, 'assessed', r.completion)}</td>
            <td className="num">{cell(r.id, 'late', r.onTime)}</td>
            <td className="num">{cell(r.id, 'assessed', formatCount(r.assessed))}</td>
            <td className="num">{cell(r.id, 'overdue', formatCount(r.overdue), r.overdue > 0 ? 'bad' : '')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
